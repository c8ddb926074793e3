#!/usr/bin/env bash
# Batch scoring throughput of `earmark qe predict --batch` (docs/BENCHMARKS.md, "QE batch
# scoring"): makes CLIPS different 10 s 16 kHz mono 16-bit clips from the demo's speech with sox
# (different sentences, gains and noise, so every file has its own content hash), scores them with
# --threads THREADS, and reports audio-hours per core-minute from the process's CPU time (user +
# sys, which a busy shared machine does not inflate the way it inflates wall time) and from wall
# time x threads; then re-runs to show that nothing is scored twice.
# Usage: benchmarks/scripts/qe-batch-throughput.sh [CLIPS=300] [THREADS=2]
set -euo pipefail
clips="${1:-300}"
threads="${2:-2}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
if [[ ! -f app/target/app.jar ]]; then
  mvn -B -q -o -pl app -am package -DskipTests -Djacoco.skip=true -Dspotless.check.skip=true
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
audio=sample-fixtures/src/main/resources/earmark-demo/audio
mapfile -t voices < <(ls "$audio"/clip-0*.wav | grep -v clip-028)
mkdir -p "$work/clips"
for i in $(seq 1 "$clips"); do
  n=${#voices[@]}
  a=${voices[$((i % n))]}; b=${voices[$(((i * 7 + 3) % n))]}
  c=${voices[$(((i * 13 + 5) % n))]}; d=${voices[$(((i * 17 + 11) % n))]}
  sox -V1 -m "|sox -V1 $a $b $c $d -p trim 0 10 pad 0 10 trim 0 10" \
    "|sox -V1 -n -r 16000 -c 1 -p synth 10 whitenoise vol 0.0$((i % 9 + 1))" \
    -r 16000 -c 1 -b 16 "$work/clips/c$i.wav" gain -$((i % 7))
done
hours=$(python3 -c "print($clips * 10 / 3600)")
echo "$clips clips of 10 s = $hours audio-hours; $(nproc) cores; uptime: $(uptime)"
run() {
  /usr/bin/time -f "%e %U %S" -o "$work/time" \
    java -cp "app/target/app.jar:app/target/lib/*" dev.earmark.app.Main qe predict \
    --batch "$work/clips" --out "$work/predictions.jsonl" --threads "$threads" --json \
    > "$work/summary.json"
  read -r wall user sys < "$work/time"
  python3 - "$work/summary.json" "$wall" "$user" "$sys" "$threads" <<'PY'
import json, sys
summary = json.load(open(sys.argv[1]))
wall, user, sys_ = map(float, sys.argv[2:5]); threads = int(sys.argv[5])
audio_h = summary["audio_seconds_scored"] / 3600
cpu_min = (user + sys_) / 60
print(f"scored {summary['scored']}, skipped {summary['skipped']}, failed {len(summary['failures'])};"
      f" wall {wall:.1f} s, cpu {user + sys_:.1f} s (JVM start and model load included)")
if summary["scored"]:
    per_cpu = audio_h / cpu_min
    per_wall = audio_h / (wall / 60 * threads)
    print(f"audio-hours per core-minute: {per_cpu:.3f} (CPU time), {per_wall:.3f} (wall x {threads} threads)")
    need = 430 / (120 * 2)
    print(f"430 h in 2 h on 2 cores needs {need:.2f}: {'fits' if per_cpu >= need else 'misses'}"
          f" by a factor {max(per_cpu, need) / min(per_cpu, need):.1f} (CPU-time figure);"
          f" 430 h would take {430 / per_cpu / 2 / 60:.1f} h on 2 uncontended cores")
PY
}
run
echo "re-run:"
run
echo "after: $(uptime)"
