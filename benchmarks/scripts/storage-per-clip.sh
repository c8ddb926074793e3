#!/usr/bin/env bash
# Bytes per clip of an embedded (H2) project, by table and column (issue 22). Builds the P10
# project (demo + N generated clips imported and assigned, LargeWorkbenchProject) in WORKDIR,
# then runs StorageBreakdown on a copy (the copy ends with SHUTDOWN COMPACT, so the figures show
# the file as the last close left it and the file compacted). Sizes do not depend on load.
# Usage: benchmarks/scripts/storage-per-clip.sh [CLIPS] [WORKDIR]    (default 20000, a temp dir)
# For PostgreSQL, after team-load.sh: java -cp ... dev.earmark.bench.StorageBreakdown pg JDBC_URL
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
clips="${1:-20000}"
work="${2:-$(mktemp -d)}"
[[ -f "$here/target/benchmarks.jar" ]] || (cd "$here/.." && mvn -B -q -pl benchmarks -am package -DskipTests -Djacoco.skip=true)
cp="$here/target/benchmarks.jar:$here/target/lib/*"
[[ -d "$work/project" ]] || java -cp "$cp" dev.earmark.bench.LargeWorkbenchProject "$work" "$clips" 2>&1 | grep -v ' INFO '
rm -rf "$work/measured" && cp -r "$work/project" "$work/measured"
java -cp "$cp" dev.earmark.bench.StorageBreakdown h2 "$work/measured"
