#!/usr/bin/env bash
# Where the team-load harness's backends wait (issue 22): samples pg_stat_activity of one database
# every 0.2 s (state, wait event, blocking backends, the statement) until stopped, then prints the
# samples grouped by state, wait event and statement. Run it beside team-load.sh, e.g.
#   benchmarks/scripts/team-load-waits.sh earmark_perf /tmp/waits.txt & sampler=$!
#   benchmarks/scripts/team-load.sh 20000 60 earmark_perf; kill "$sampler"
# A save queued on the audit head shows as `Lock/tuple` or `Lock/transactionid` on the head's
# statement; the backend holding the head shows as `idle in transaction` while its client works.
# Usage: benchmarks/scripts/team-load-waits.sh DB OUT [PSQL_CONNINFO without dbname]
set -uo pipefail
db="${1:?database}" out="${2:?output file}"
conn="${3:-host=${PGHOST:-127.0.0.1} port=${PGPORT:-55432} user=${PGUSER:-postgres}}"
summary() {
  echo "== $(wc -l < "$out") samples of busy backends in $db: count | state | wait | statement"
  awk -F'|' '{print $3" | "$4"/"$5" | "substr($7,1,60)}' "$out" | sort | uniq -c | sort -rn | head -25
  exit 0
}
trap summary TERM INT
: > "$out"
while true; do
  psql "$conn dbname=postgres" -AtF'|' -c "SELECT now()::time, pid, state,
      coalesce(wait_event_type, '-'), coalesce(wait_event, '-'),
      coalesce(array_to_string(pg_blocking_pids(pid), ','), ''),
      regexp_replace(left(query, 70), '\s+', ' ', 'g')
    FROM pg_stat_activity
    WHERE datname = '$db' AND pid <> pg_backend_pid() AND state <> 'idle'" >> "$out" 2>/dev/null
  sleep 0.2 & wait $!
done
