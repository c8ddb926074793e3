#!/usr/bin/env bash
# P4 comparison: the same generated 15-word pairs scored by NIST sclite (Debian's sctk) and by
# `./earmark wer`, each timed as a whole command (process start, reading, scoring, report).
#
#   benchmarks/scripts/wer-vs-sclite.sh [PAIRS=100000] [SEED=42]
#
# Prints the commands it ran, wall-clock seconds, pairs per second and both corpus WERs (they must
# agree: sclite's alignment can differ only in rare constructed cases, see
# docs/decisions/0003-alignment-tie-break.md). The in-process scoring rate, without JVM start and
# file reading, is what the JMH benchmark WerBenchmark measures.
set -euo pipefail
pairs="${1:-100000}"
seed="${2:-42}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
sclite="${SCLITE:-/usr/lib/sctk/bin/sclite}"
[[ -x "$sclite" ]] || { echo "wer-vs-sclite: $sclite not found; install Debian's sctk" >&2; exit 2; }

jar="$root/benchmarks/target/benchmarks.jar"
[[ -f "$jar" ]] || (cd "$root" && mvn -B -q -pl benchmarks -am package -DskipTests -Djacoco.skip=true)
work="$(mktemp -d -t wer-vs-sclite.XXXXXX)"
trap 'rm -rf "$work"' EXIT

java -cp "$jar:$root/benchmarks/target/lib/*" dev.earmark.bench.WerPairs "$pairs" "$seed" "$work"
# Build the launcher's jars now so that building is not timed.
"$root/earmark" --version >/dev/null 2>&1

rate() { awk -v n="$pairs" -v s="$1" 'BEGIN { printf "%.0f", n / s }'; }
# Wall-clock and CPU (user + system) seconds of one command; on a loaded machine the CPU time is
# the fairer figure, since both tools are single-threaded.
timed() {
  local out="$1"; shift
  local TIMEFORMAT="%R %U %S"
  { time "$@" >"$out" 2>/dev/null; } 2>"$work/time"
  read -r wall user sys <"$work/time"
  echo "$wall $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.3f", u + s }')"
}

sclite_cmd=("$sclite" -r "$work/ref.trn" trn -h "$work/hyp.trn" trn -i spu_id -o sum stdout)
read -r sclite_wall sclite_cpu <<<"$(timed "$work/sclite.out" "${sclite_cmd[@]}")"
sclite_wer="$(awk '/Sum\/Avg/ { print $(NF-2); exit }' "$work/sclite.out")"

earmark_cmd=("$root/earmark" wer --input "$work/pairs.tsv" --json)
read -r earmark_wall earmark_cpu <<<"$(timed "$work/earmark.json" "${earmark_cmd[@]}")"
earmark_wer="$(grep -m1 '^  "wer"' "$work/earmark.json" | sed 's/[^0-9.]//g')"

echo "pairs: $pairs 15-word references, seed $seed ($(nproc) cores, $(java -version 2>&1 | head -1))"
echo "sclite : ${sclite_cmd[*]}"
echo "         wall ${sclite_wall} s ($(rate "$sclite_wall") pairs/s)  cpu ${sclite_cpu} s ($(rate "$sclite_cpu") pairs/s)  corpus WER ${sclite_wer}%"
echo "earmark: ${earmark_cmd[*]}"
echo "         wall ${earmark_wall} s ($(rate "$earmark_wall") pairs/s)  cpu ${earmark_cpu} s ($(rate "$earmark_cpu") pairs/s)  corpus WER $(awk -v w="$earmark_wer" 'BEGIN { printf "%.1f", w * 100 }')%"
