#!/usr/bin/env bash
# EXPLAIN (ANALYZE, BUFFERS) of the queries TeamLoadHarness drives, on the database it built
# (issue 22). Plans and buffer counts do not depend on machine load; the times they print do.
# Usage: benchmarks/scripts/team-load-explain.sh [PSQL_CONNINFO] [ANNOTATOR]
#   e.g. benchmarks/scripts/team-load-explain.sh "host=127.0.0.1 port=55432 user=postgres dbname=earmark_perf"
set -euo pipefail
conn="${1:-host=127.0.0.1 port=55432 user=postgres dbname=earmark_perf}"
annotator="${2:-ann-load-01}"
psql "$conn" -v ON_ERROR_STOP=1 -v ann="$annotator" -q <<'SQL'
\pset pager off
SELECT a.id AS assignment, a.clip_id AS clip FROM assignments a
 WHERE a.annotator_id = :'ann' AND a.state = 'submitted' ORDER BY a.id DESC LIMIT 1 \gset
SELECT d.id AS dispute FROM disputes d ORDER BY d.id DESC LIMIT 1 \gset

\echo '== queue page (Assignments.queuePage, 50)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT a.id, a.clip_id, c.clip_key, a.annotator_id, a.rubric_version, a.is_gold, a.priority, a.state
  FROM assignments a JOIN clips c ON c.id = a.clip_id
 WHERE a.annotator_id = :'ann' AND a.state <> 'submitted' AND c.status = 'active'
 ORDER BY a.priority DESC, a.clip_id, a.id LIMIT 50;

\echo '== full queue (Assignments.queue)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT a.id, a.clip_id, c.clip_key, a.annotator_id, a.rubric_version, a.is_gold, a.priority, a.state
  FROM assignments a JOIN clips c ON c.id = a.clip_id
 WHERE a.annotator_id = :'ann' AND a.state <> 'submitted' AND c.status = 'active'
 ORDER BY a.priority DESC, a.clip_id, a.id;

\echo '== label save: the label of an assignment (Labels.current)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT id, row_version, state, last_modified_by, updated_at, value_json FROM labels
 WHERE assignment_id = :assignment;

\echo '== correction lock: disputes of the clip (Labels.correctionLock)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT status FROM disputes WHERE clip_id = :clip AND rubric_version = 'asr-transcript@1';

\echo '== correction lock: batches holding the clip (Labels.correctionLock)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT b.name FROM batch_items i JOIN batches b ON b.id = i.batch_id WHERE i.clip_id = :clip;

\echo '== decisions of a dispute (Adjudications.decisions)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT a.id FROM adjudications a WHERE a.dispute_id = :dispute;

\echo '== status: assignments per annotator and state (ProjectStatus)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT annotator_id, state, COUNT(*) FROM assignments GROUP BY annotator_id, state;

\echo '== agreement and export: every submitted label (AgreementReader, BatchData)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT l.clip_id, c.clip_key, l.annotator_id, l.value_json, l.time_spent_ms, l.submitted_at,
       c.import_run_id FROM labels l JOIN clips c ON c.id = l.clip_id
 WHERE l.rubric_version = 'asr-transcript@1' AND l.state = 'submitted'
 ORDER BY l.clip_id, l.annotator_id;
SQL
