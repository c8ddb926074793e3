#!/usr/bin/env bash
# P9 and P10 (PRODUCT.md §7): cold start of the workbench to an interactive window, and resident
# memory with a 100k-clip project open. Runs the real launcher's java command under Xvfb with the
# start-up probe (dev.earmark.app.gui.shell.StartupProbe), which writes, from inside the process:
#   first_frame_ms   process start (as /proc records it) -> first frame of the window
#   interactive_ms   process start -> first frame with the project's first screen in front
#   rss_mb           VmRSS from /proc/self/status, SETTLE seconds after that (queue and clip loaded)
#   rss_after_gc_mb  the same after a System.gc()
# and, from /usr/bin/time around the whole JVM, wall_s and cpu_s (user + sys, all threads), with the
# 1-minute load average at the start (the machine may be shared).
# The JVM options are the launcher's own (EARMARK_LAUNCH_PLAN=java-options ./earmark), so the runs
# map the class-data archive ./earmark dumps after a build (app/target/cds/). P9 is taken twice:
#   first start   the archive deleted and dumped again before each run, as right after a build
#                 (the dump's own wall and CPU time are printed as dump_wall_s, dump_cpu_s)
#   second start  the archive already in place
# EARMARK_NO_CDS=1 runs both without an archive.
# Usage: benchmarks/scripts/workbench-start.sh [WORKDIR] [RUNS]
# The 100k-clip project is generated once into WORKDIR/large (LargeWorkbenchProject); P10=no skips
# it and the P10 runs.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="${1:-/tmp/earmark-workbench-bench}"
runs="${2:-5}"
mkdir -p "$work"
cd "$root"
if [[ ! -f benchmarks/target/benchmarks.jar || ! -f app/target/app.jar ]]; then
  mvn -B -q -pl benchmarks -am package -DskipTests -Djacoco.skip=true -Dspotless.check.skip=true
fi
# Absolute, as the launcher gives it: a class-data archive maps only with the class path it was
# dumped with.
cp_app="$root/app/target/app.jar:$root/app/target/lib/*"
[[ -d "$work/demo" ]] || java -cp "$cp_app" dev.earmark.app.Main demo --project "$work/demo" >/dev/null
if [[ "${P10:-}" != no && ! -d "$work/large/project" ]]; then
  java -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" \
    dev.earmark.bench.LargeWorkbenchProject "$work/large" 100000
fi

# The workbench's JVM options as ./earmark passes them (archive, collector, ...), one per line.
mapfile -t launcher_opts < <(EARMARK_LAUNCH_PLAN=java-options "$root/earmark" | grep -v '^$' || true)

# One start: prints the probe's key=value lines on one line, then wall_s, cpu_s and load.
start() { # project user settle-seconds extra-java-options...
  local project="$1" user="$2" settle="$3"; shift 3
  local out="$work/probe.txt" load; rm -f "$out"
  load="$(cut -d' ' -f1 /proc/loadavg)"
  # A null ALSA device, as in the tests: the media player starts even without a sound card.
  ALSA_CONFIG_PATH="$root/app/src/test/resources/alsa-null.conf" \
  XDG_CONFIG_HOME="$work/config" xvfb-run -a -s "-screen 0 1600x1000x24" \
    /usr/bin/time -f "%e %U %S" -o "$work/time" \
    java "${launcher_opts[@]}" "$@" -Dearmark.probe="$out" -Dearmark.probe.exit=true \
    -Dearmark.probe.settle="$settle" \
    -cp "$cp_app" dev.earmark.app.Main --project "$project" --user "$user" >/dev/null 2>&1 || true
  tr '\n' ' ' <"$out"
  awk -v load="$load" '{ printf "wall_s=%s cpu_s=%.2f load=%s\n", $1, $2 + $3, load }' "$work/time"
}

# The archive as a fresh build leaves it: deleted and dumped again by the launcher (the dump's
# time includes one `earmark --version`, about 0.5 s of CPU).
fresh_archive() {
  rm -rf "$root/app/target/cds"
  /usr/bin/time -f "%e %U %S" -o "$work/dump-time" "$root/earmark" --version >/dev/null 2>&1
  awk '{ printf "dump_wall_s=%s dump_cpu_s=%.2f ", $1, $2 + $3 }' "$work/dump-time"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# median FILE KEY: the median of KEY=value over the lines of FILE
median_of() { grep -o " $2=[0-9.]*" "$1" | cut -d= -f2 | median; }
report() { # file
  echo "median interactive_ms: $(median_of "$1" interactive_ms), interactive_cpu_ms:" \
    "$(median_of "$1" interactive_cpu_ms), wall_s: $(median_of "$1" wall_s), cpu_s: $(median_of "$1" cpu_s)"
}

echo "P9: cold start (new JVM each run; OS file cache warm) on the demo project as ann-alex"
echo "JVM options: ${launcher_opts[*]}"
echo "P9 first start: the launcher's archive dumped just before (as after a build)"
for i in $(seq "$runs"); do
  [[ -n "${EARMARK_NO_CDS:-}" ]] || fresh_archive
  start "$work/demo" ann-alex 2
done | sed 's/^/ /' | tee "$work/p9-first.txt"
report "$work/p9-first.txt"
[[ -n "${EARMARK_NO_CDS:-}" ]] || echo "median dump_wall_s: $(median_of "$work/p9-first.txt" dump_wall_s), dump_cpu_s: $(median_of "$work/p9-first.txt" dump_cpu_s)"
echo "P9 second start: the archive in place"
for i in $(seq "$runs"); do start "$work/demo" ann-alex 2; done | sed 's/^/ /' | tee "$work/p9.txt"
report "$work/p9.txt"

[[ "${P10:-}" != no ]] || exit 0
echo "P10: resident memory, the 100k-clip project open as ann-alex (queue loaded, 10 s settle)"
for i in $(seq 3); do start "$work/large/project" ann-alex 10; done | tee "$work/p10.txt"
echo "median rss_mb: $(grep -o ' rss_mb=[0-9]*' "$work/p10.txt" | cut -d= -f2 | median)"
echo "median interactive_ms (100k project): $(grep -o 'interactive_ms=[0-9]*' "$work/p10.txt" | cut -d= -f2 | median)"
