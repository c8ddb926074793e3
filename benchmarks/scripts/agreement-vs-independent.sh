#!/usr/bin/env bash
# P5: Earmark's Krippendorff's alpha against an independent implementation (plain R, see
# krippendorff-alpha.R) on the same generated data: 100k items x 5 annotators, 10% missing.
# Prints both values per level, checks they agree to 1e-9, and prints both timings; then runs the
# JMH benchmark (alpha 100k and bootstrap 1,000 x 10k) unless --no-jmh is given.
# Usage: benchmarks/scripts/agreement-vs-independent.sh [--no-jmh]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bench="$here/.."
root="$bench/.."
if [[ ! -f "$bench/target/benchmarks.jar" ]]; then
  (cd "$root" && mvn -B -q -pl benchmarks -am package -DskipTests -Djacoco.skip=true)
fi
cp="$bench/target/benchmarks.jar:$bench/target/lib/*"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
csv="$work/p5.csv"

echo "# data: 100000 items x 5 annotators, 10% missing, seed 20261121 (dev.earmark.bench.AgreementData)"
echo "# java -cp benchmarks.jar:lib/* dev.earmark.bench.AgreementComparison $csv 100000 5 0.10 20261121 nominal interval"
java -cp "$cp" dev.earmark.bench.AgreementComparison "$csv" 100000 5 0.10 20261121 nominal interval \
  | tee "$work/earmark.txt"

cat > "$work/time.R" <<R
source("$here/krippendorff-alpha.R")
d <- read.csv("$csv", colClasses = c("character", "character", "numeric"))
for (level in c("nominal", "interval")) {
  times <- numeric(5)
  for (i in 1:5) times[i] <- system.time(a <- kripp_alpha(d\$item_id, d\$label, level))[["elapsed"]]
  cat(sprintf("r %s %.12f %.1f ms\n", level, a, 1000 * median(times)))
}
R
echo "# Rscript (plain R alpha from krippendorff-alpha.R; median of 5 runs, CSV already loaded)"
Rscript "$work/time.R" | tee "$work/r.txt"

status=0
for level in nominal interval; do
  e=$(awk -v l="$level" '$2==l {print $3}' "$work/earmark.txt")
  r=$(awk -v l="$level" '$2==l {print $3}' "$work/r.txt")
  if awk -v e="$e" -v r="$r" 'BEGIN { d = e - r; if (d < 0) d = -d; exit !(d < 1e-9) }'; then
    echo "agree   $level: earmark $e, R $r"
  else
    echo "DISAGREE $level: earmark $e, R $r"; status=1
  fi
done

if [[ "${1:-}" != "--no-jmh" ]]; then
  echo "# java -cp benchmarks.jar:lib/* org.openjdk.jmh.Main AgreementBenchmark -f 2 -wi 3 -i 5"
  java -cp "$cp" org.openjdk.jmh.Main AgreementBenchmark -f 2 -wi 3 -i 5
fi
exit $status
