#!/usr/bin/env bash
# #22: a lead's whole pipeline on their own data, each step timed as a WHOLE command through
# ./earmark (JVM start included): import N clips (QE on, the default), add two annotators, set the
# label policy, import each annotator's N labels, export the batch in the default formats, verify.
#
#   benchmarks/scripts/whole-command-pipeline.sh [CLIPS=100000] [WORKDIR=$TMPDIR/earmark-pipeline]
#
# Inputs (WholeCommandData, deterministic): N distinct 0.1 s 16 kHz WAVs, manifest, contract, and
# two label files (one transcript per clip each; one clip in ten differs by a word). The project
# is made anew on every run; the inputs are kept. Prints wall and CPU seconds (user + sys, all
# threads, /usr/bin/time) and peak resident memory per step; say `uptime` beside any figure.
#
# EXPORT_ONLY=1 keeps the project of an earlier run and times only export (a new batch each time)
# and verify, for measuring those two again and again; EARMARK_JAVA_OPTS passes through (a JFR
# recording, a heap limit); EXPORT_ARGS adds export options (--timestamp T pins the files' dates,
# so two runs can be compared with cmp).
set -euo pipefail
clips="${1:-100000}"
work="${2:-${TMPDIR:-/tmp}/earmark-pipeline}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
mkdir -p "$work"
[[ -f "$root/benchmarks/target/benchmarks.jar" ]] ||
  (cd "$root" && mvn -B -q -pl benchmarks -am package -DskipTests -Djacoco.skip=true)
"$root/earmark" --version >/dev/null # builds the launcher's jars now, untimed
data="$work/data-$clips"
if [[ ! -f "$data/data/ann-2.jsonl" ]]; then
  java -cp "$root/benchmarks/target/benchmarks.jar:$root/benchmarks/target/lib/*" \
    dev.earmark.bench.WholeCommandData "$data" "$clips"
fi
cat "$data"/data/*.jsonl >/dev/null
project="$work/project"
batch="$work/batch"
if [[ -n "${EXPORT_ONLY:-}" && -d "$project" ]]; then
  run="$(date +%s)"
  batch="$work/batch-$run"
else
  EXPORT_ONLY=""
  run=1
  rm -rf "$project" "$work"/batch*
fi

step() { # name, then the earmark arguments
  local name="$1"; shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$root/earmark" --project "$project" "$@" \
    >"$work/$name.out" 2>&1 || { echo "# $name failed:"; tail -3 "$work/$name.out"; exit 1; }
  awk -v n="$name" '{ printf "%-22s %8.2f %8.2f %8d\n", n, $1, $2 + $3, $4 / 1024 }' "$work/time"
}

echo "# $(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $clips clips"
printf '%-22s %8s %8s %8s\n' step "wall s" "cpu s" "max MB"
if [[ -z "$EXPORT_ONLY" ]]; then
step import import --manifest "$data/data/manifest.jsonl" --contract "$data/data/contract.json"
step users-add users add ann-1 --role annotator --os-account ann-1
"$root/earmark" --project "$project" users add ann-2 --role annotator --os-account ann-2 >/dev/null
step policy-set policy set --task asr-transcript --rubric asr-transcript@1 --rules en-asr@1
step labels-import-1 labels import --annotator ann-1 "$data/data/ann-1.jsonl"
step labels-import-2 labels import --annotator ann-2 "$data/data/ann-2.jsonl"
fi
step export export --batch "pipeline-$run" --out "$batch" --use evaluation \
  --allow unresolved-disputes --reason "benchmark: disputes left open on purpose" ${EXPORT_ARGS:-}
step verify verify "$batch"
echo "# batch: $(find "$batch" -type f | wc -l) files, $(du -sh "$batch" | cut -f1);" \
  "project: $(du -sh "$project" | cut -f1)"
