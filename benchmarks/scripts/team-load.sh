#!/usr/bin/env bash
# The 1M-clip team project load harness (issue 22; run by hand, never in CI). Builds the project
# on a PostgreSQL database (skipped when it already holds the clips), drives N annotators and an
# adjudicator for SECONDS (queue pages of 50, open, draft, submit; routing and adjudication), then
# times agreement, status and an export once each; then prints the EXPLAIN (ANALYZE, BUFFERS) plans
# of the queries it drove and the database's bytes per clip.
# Say `uptime` beside any figure you publish.
# Usage: benchmarks/scripts/team-load.sh [CLIPS] [SECONDS] [DB] [WORKDIR] [OPTIONS]
#   defaults: 1000000 clips, 180 s, database earmark_perf on 127.0.0.1:55432 (created if missing)
#   options (anywhere among the arguments, passed to TeamLoadHarness):
#     --seed-labels=N        after assignment, import about N submitted transcripts (one per
#                            pending assignment of the last clips in queue order, both annotators of
#                            a doubly covered clip, one in ten dropping a word) through storage's
#                            label importer (earmark labels import), one file per annotator; skipped
#                            when the project already holds N submitted labels. Use it to time
#                            agreement and export at scale, e.g. --seed-labels=1000000.
#     --whole-queue-every=K  also read an annotator's whole queue every K-th round, timed apart as
#                            "queue (whole, old clients)"; off by default (clients read pages of 50)
#   HARNESS_HEAP (default 10g): the harness's -Xmx; agreement and export of 1M labels hold them all
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
options=() positional=()
for argument in "$@"; do
  case "$argument" in
    --*) options+=("$argument") ;;
    *) positional+=("$argument") ;;
  esac
done
set -- "${positional[@]}"
clips="${1:-1000000}"
seconds="${2:-180}"
db="${3:-earmark_perf}"
work="${4:-${TMPDIR:-/tmp}/earmark-team-load-$db}"
host="${PGHOST:-127.0.0.1}" port="${PGPORT:-55432}" user="${PGUSER:-postgres}"
url="jdbc:postgresql://$host:$port/$db?user=$user"
[[ -f "$here/target/benchmarks.jar" ]] || (cd "$here/.." && mvn -B -q -pl benchmarks -am package -DskipTests -Djacoco.skip=true)
cp="$here/target/benchmarks.jar:$here/target/lib/*"
psql -h "$host" -p "$port" -U "$user" -Atqc "SELECT 1 FROM pg_database WHERE datname = '$db'" postgres | grep -q 1 \
  || createdb -h "$host" -p "$port" -U "$user" "$db"
mkdir -p "$work"
echo "load before: $(uptime)"
java -Xmx"${HARNESS_HEAP:-10g}" -cp "$cp" dev.earmark.bench.TeamLoadHarness "$url" "$work" "$clips" 20 "$seconds" 250 \
  "${options[@]}" 2>&1 \
  | grep --line-buffered -v ' INFO '
echo "load after: $(uptime)"
"$here/scripts/team-load-explain.sh" "host=$host port=$port user=$user dbname=$db"
psql -h "$host" -p "$port" -U "$user" -qc "VACUUM ANALYZE" "$db"
java -cp "$cp" dev.earmark.bench.StorageBreakdown pg "$url"
