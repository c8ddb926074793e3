#!/usr/bin/env bash
# P1 — peak pyramid vs sox vs raw read, on 1-hour WAVs.
#
# 1. JMH (PeakPyramidBenchmark): generates a 1-hour 16 kHz mono and a 1-hour 44.1 kHz stereo
#    16-bit WAV in a temp dir and times, in the same run, our peak pyramid, a plain 1 MiB buffered
#    read of every byte, and `sox FILE -n stat`.
# 2. Shell cross-check on a sox-made 1-hour 16 kHz mono file: `cat > /dev/null`, `sox -n stat`,
#    and the whole `earmark audio peaks --samples-per-pixel 256` command (JVM start included).
#
# BBC audiowaveform (the P1 reference) is not packaged in Debian 12, so it is not compared here.
# Usage: benchmarks/scripts/peaks-vs-sox.sh [extra JMH options, e.g. -i 3]
#        SKIP_JMH=1 benchmarks/scripts/peaks-vs-sox.sh   (shell cross-check only)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
if [[ -z "${SKIP_JMH:-}" ]]; then
  mvn -B -q -pl benchmarks -am package -DskipTests -Djacoco.skip=true
  echo "== JMH: benchmarks/run.sh PeakPyramidBenchmark -wi 2 -i 5 -f 1 $*"
  benchmarks/run.sh PeakPyramidBenchmark -wi 2 -i 5 -f 1 "$@"
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
wav="$tmp/hour-16k-mono.wav"
sox -R -n -r 16000 -c 1 -b 16 "$wav" synth 3600 pinknoise vol 0.3 tremolo 4 80
cat "$wav" > /dev/null # warm the page cache for every contender alike
timeit() { # prints the best of three wall-clock times in seconds
  local best=999999
  for _ in 1 2 3; do
    local start end
    start=$(date +%s.%N); "$@" > /dev/null 2>&1; end=$(date +%s.%N)
    best=$(echo "$end - $start" | bc | awk -v b="$best" '{print ($1 < b) ? $1 : b}')
  done
  echo "$best"
}
echo "== shell cross-check, 1 h 16 kHz mono 16-bit ($(du -h "$wav" | cut -f1)), best of 3 (s):"
echo "cat > /dev/null                      $(timeit sh -c "cat '$wav' > /dev/null")"
echo "sox FILE -n stat                     $(timeit sox "$wav" -n stat)"
echo "earmark audio peaks (JVM included)   $(timeit ./earmark audio peaks "$wav" --samples-per-pixel 256 --out "$tmp/out.dat")"

# CPU time (user+sys) barely moves when other processes share the cores; wall time does.
echo "== CPU time on the same file (robust to a loaded machine):"
for _ in 1 2 3; do /usr/bin/time -f "sox FILE -n stat: %e s wall, %U s user + %S s sys" sox "$wav" -n stat 2>&1 >/dev/null | tail -1; done
java -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" dev.earmark.bench.PeakPyramidCpuTime "$wav" 9
