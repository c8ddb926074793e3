#!/usr/bin/env bash
# #22: Earmark's commands timed as WHOLE commands (JVM start, reading, work, output) against the
# peers available on this machine, on the same seeded inputs, runs interleaved.
#
#   benchmarks/scripts/whole-commands.sh [RUNS=5] [WORKDIR=$TMPDIR/earmark-whole-commands]
#
# Inputs (generated once into WORKDIR, deterministic):
#   pairs.tsv / ref.trn / hyp.trn  200,000 15-word pairs, seed 42 (dev.earmark.bench.WerPairs)
#   ratings.csv                    100,000 items x 5 annotators, 10% missing, nominal labels,
#                                  seed 20261121 (dev.earmark.bench.AgreementComparison)
#   hour.wav                       1 h 16 kHz mono 16-bit, sox pink noise with tremolo (sox -R)
# Contenders, each skipped with a note when its tool is missing:
#   wer        ./earmark wer --input pairs.tsv --json     sclite -i spu_id -o sum (sctk)
#   agreement  ./earmark agreement --metric krippendorff  Rscript krippendorff-alpha.R (plain R)
#   peaks      ./earmark audio peaks --samples-per-pixel 256   audiowaveform -b 16 -z 256 (if
#              installed, or AUDIOWAVEFORM=PATH; not packaged in Debian 12, builds from source
#              with Debian's -dev packages, see docs/BENCHMARKS.md #22), sox FILE -n stat
# The launcher's first run of each family writes its class-data archive (app/target/cds/); the
# warm-up round below takes it, so the timed runs map it, as a user's second run does.
#
# Prints, per command, the median of RUNS wall-clock seconds and of RUNS CPU seconds (user + sys,
# all threads, from /usr/bin/time). On a loaded machine trust the CPU column; wall-clock figures
# belong to a quiet machine. Set EARMARK_NO_CDS=1 to time without the class-data archives.
set -euo pipefail
runs="${1:-5}"
work="${2:-${TMPDIR:-/tmp}/earmark-whole-commands}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/benchmarks/scripts"
mkdir -p "$work"

[[ -f "$root/benchmarks/target/benchmarks.jar" ]] ||
  (cd "$root" && mvn -B -q -pl benchmarks -am package -DskipTests -Djacoco.skip=true)
bench_cp="$root/benchmarks/target/benchmarks.jar:$root/benchmarks/target/lib/*"
"$root/earmark" --version >/dev/null # builds the launcher's jars now, untimed

[[ -f "$work/pairs.tsv" ]] || java -cp "$bench_cp" dev.earmark.bench.WerPairs 200000 42 "$work"
[[ -f "$work/ratings.csv" ]] ||
  java -cp "$bench_cp" dev.earmark.bench.AgreementComparison "$work/ratings.csv" 100000 5 0.10 \
    20261121 nominal >/dev/null
[[ -f "$work/hour.wav" ]] ||
  sox -R -n -r 16000 -c 1 -b 16 "$work/hour.wav" synth 3600 pinknoise vol 0.3 tremolo 4 80
cat "$work"/* >/dev/null # page cache warm for every contender alike

names=()
commands=()
add() { names+=("$1"); shift; commands+=("$(printf '%q ' "$@")"); }
add "earmark wer --json" "$root/earmark" wer --input "$work/pairs.tsv" --json
if [[ -x "${SCLITE:-/usr/lib/sctk/bin/sclite}" ]]; then
  add "sclite" "${SCLITE:-/usr/lib/sctk/bin/sclite}" -r "$work/ref.trn" trn -h "$work/hyp.trn" trn \
    -i spu_id -o sum stdout
else echo "# sclite not found (Debian: sctk); not compared" >&2; fi
add "earmark agreement" "$root/earmark" agreement --input "$work/ratings.csv" \
  --metric krippendorff --json
if command -v Rscript >/dev/null; then
  add "Rscript krippendorff-alpha.R" Rscript "$here/krippendorff-alpha.R" "$work/ratings.csv" nominal
else echo "# Rscript not found (Debian: r-base-core); not compared" >&2; fi
add "earmark audio peaks" "$root/earmark" audio peaks "$work/hour.wav" --samples-per-pixel 256 \
  --out "$work/earmark.dat"
aw="${AUDIOWAVEFORM:-audiowaveform}" # a build from github.com/bbc/audiowaveform works too
if command -v "$aw" >/dev/null; then
  add "audiowaveform" "$aw" -q -i "$work/hour.wav" -o "$work/audiowaveform.dat" -z 256 -b 16
else echo "# audiowaveform not installed; not compared (see docs/BENCHMARKS.md #22)" >&2; fi
add "sox stat" sox "$work/hour.wav" -n stat

measure() { # one run: prints "wall cpu"
  /usr/bin/time -f "%e %U %S" -o "$work/time" bash -c "$1" >/dev/null 2>&1
  awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$work/time"
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

for i in "${!commands[@]}"; do bash -c "${commands[$i]}" >/dev/null 2>&1 || true; done # warm-up
for ((run = 1; run <= runs; run++)); do
  for i in "${!commands[@]}"; do
    measure "${commands[$i]}" >>"$work/times.$i"
  done
done

echo "# $(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
echo "# medians of $runs interleaved runs; EARMARK_NO_CDS=${EARMARK_NO_CDS:-}"
printf '%-32s %10s %10s\n' command "wall s" "cpu s"
for i in "${!commands[@]}"; do
  printf '%-32s %10s %10s\n' "${names[$i]}" \
    "$(cut -d' ' -f1 "$work/times.$i" | median)" "$(cut -d' ' -f2 "$work/times.$i" | median)"
  rm -f "$work/times.$i"
done
for i in "${!commands[@]}"; do echo "# ${names[$i]}: ${commands[$i]}"; done
