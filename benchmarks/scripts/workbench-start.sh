#!/usr/bin/env bash
# P9 and P10 (PRODUCT.md §7): cold start of the workbench to an interactive window, and resident
# memory with a 100k-clip project open. Runs the real launcher's java command under Xvfb with the
# start-up probe (dev.earmark.app.gui.shell.StartupProbe), which writes, from inside the process:
#   first_frame_ms   process start (as /proc records it) -> first frame of the window
#   interactive_ms   process start -> first frame with the project's first screen in front
#   rss_mb           VmRSS from /proc/self/status, SETTLE seconds after that (queue and clip loaded)
#   rss_after_gc_mb  the same after a System.gc()
# Usage: benchmarks/scripts/workbench-start.sh [WORKDIR] [RUNS]
# The 100k-clip project is generated once into WORKDIR/large (LargeWorkbenchProject).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="${1:-/tmp/earmark-workbench-bench}"
runs="${2:-5}"
mkdir -p "$work"
cd "$root"
if [[ ! -f benchmarks/target/benchmarks.jar || ! -f app/target/app.jar ]]; then
  mvn -B -q -pl benchmarks -am package -DskipTests -Djacoco.skip=true -Dspotless.check.skip=true
fi
cp_app="app/target/app.jar:app/target/lib/*"
[[ -d "$work/demo" ]] || java -cp "$cp_app" dev.earmark.app.Main demo --project "$work/demo" >/dev/null
if [[ ! -d "$work/large/project" ]]; then
  java -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" \
    dev.earmark.bench.LargeWorkbenchProject "$work/large" 100000
fi

# One start: prints the probe's key=value lines on one line.
start() { # project user settle-seconds extra-java-options...
  local project="$1" user="$2" settle="$3"; shift 3
  local out="$work/probe.txt"; rm -f "$out"
  # A null ALSA device, as in the tests: the media player starts even without a sound card.
  ALSA_CONFIG_PATH="$root/app/src/test/resources/alsa-null.conf" \
  XDG_CONFIG_HOME="$work/config" xvfb-run -a -s "-screen 0 1600x1000x24" \
    java "$@" -Dearmark.probe="$out" -Dearmark.probe.exit=true -Dearmark.probe.settle="$settle" \
    -cp "$cp_app" dev.earmark.app.Main --project "$project" --user "$user" >/dev/null 2>&1 || true
  tr '\n' ' ' <"$out"; echo
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "P9: cold start (new JVM each run; OS file cache warm) on the demo project as ann-alex"
for i in $(seq "$runs"); do start "$work/demo" ann-alex 2; done | tee "$work/p9.txt"
echo "median interactive_ms: $(grep -o 'interactive_ms=[0-9]*' "$work/p9.txt" | cut -d= -f2 | median)"

echo "P10: resident memory, the 100k-clip project open as ann-alex (queue loaded, 10 s settle)"
for i in $(seq 3); do start "$work/large/project" ann-alex 10; done | tee "$work/p10.txt"
echo "median rss_mb: $(grep -o ' rss_mb=[0-9]*' "$work/p10.txt" | cut -d= -f2 | median)"
echo "median interactive_ms (100k project): $(grep -o 'interactive_ms=[0-9]*' "$work/p10.txt" | cut -d= -f2 | median)"
