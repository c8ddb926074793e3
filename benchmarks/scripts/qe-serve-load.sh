#!/usr/bin/env bash
# Load benchmark of `earmark qe serve` (docs/BENCHMARKS.md, "QE service"): builds the app and the
# benchmarks, makes a 10 s 16 kHz mono clip from the demo's speech with sox, starts the service on a
# free port with 2 workers, runs 8 closed-loop clients (QeServeLoad) for SECONDS after a warm-up,
# prints the service's own latency histogram count, then stops the service with SIGTERM.
# Usage: benchmarks/scripts/qe-serve-load.sh [SECONDS=60] [CLIENTS=8] [WORKERS=2]
set -euo pipefail
seconds="${1:-60}"
clients="${2:-8}"
workers="${3:-2}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
if [[ ! -f benchmarks/target/benchmarks.jar || ! -f app/target/app.jar ]]; then
  mvn -B -q -o -pl benchmarks -am package -DskipTests -Djacoco.skip=true -Dspotless.check.skip=true
fi
work="$(mktemp -d)"
trap 'kill "${server:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
audio=sample-fixtures/src/main/resources/earmark-demo/audio
sox "$audio/clip-001.wav" "$audio/clip-002.wav" "$audio/clip-003.wav" "$audio/clip-004.wav" \
  "$work/clip-10s.wav" trim 0 10
echo "clip: $(soxi -D "$work/clip-10s.wav") s, $(soxi -r "$work/clip-10s.wav") Hz"
printf 'port = 0\nworkers = %s\nqueue = 64\n' "$workers" > "$work/serve.properties"
java -cp "app/target/app.jar:app/target/lib/*" dev.earmark.app.Main qe serve \
  --config "$work/serve.properties" > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
  grep -q "listening on" "$work/serve.log" 2>/dev/null && break
  sleep 0.5
done
url="$(grep -o 'http://[0-9.]*:[0-9]*' "$work/serve.log" | head -1)"
echo "service: $url ($workers workers); machine: $(nproc) cores; uptime: $(uptime)"
java -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" dev.earmark.bench.QeServeLoad \
  "$url" "$work/clip-10s.wav" "$clients" "$seconds" 10
curl -s "$url/metrics" | grep -E '^earmark_qe_requests_total|^earmark_qe_request_duration_seconds_count|^process_cpu_seconds_total|^process_resident_memory_bytes'
echo "after: $(uptime)"
kill -TERM "$server"
wait "$server" || true
tail -1 "$work/serve.log"
