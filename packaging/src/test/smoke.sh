#!/usr/bin/env bash
# Smoke test of the packaged Earmark: runs the app-image's launcher and the launcher unpacked from
# the .deb WITHOUT a JDK (empty PATH, no JAVA_HOME), and fails on a wrong exit code or output.
#   smoke.sh IMAGE_DIR DEB_DIR PROJECT_VERSION DEMO_DIR [SCREENSHOT]
# IMAGE_DIR is target/jpackage/image/earmark, DEB_DIR target/jpackage/deb (holding one .deb),
# DEMO_DIR sample-fixtures' earmark-demo. When xvfb-run and xwininfo are installed it also opens
# the workbench on a virtual display, waits for its window and, with ImageMagick's `import`,
# saves a screenshot to SCREENSHOT.
# Run by the `package` profile right after package.sh (docs/packaging.md).
set -euo pipefail
image="$(readlink -f "$1")" version="$3" demo="$(readlink -f "$4")" screenshot="${5:-}"
debs=("$2"/*.deb)
[[ ${#debs[@]} -eq 1 && -f "${debs[0]}" ]] || { echo "smoke: expected one .deb in $2" >&2; exit 1; }
deb="$(readlink -f "${debs[0]}")"
work="$(mktemp -d -t earmark-smoke.XXXXXX)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home" "$work/empty-path"
failures=0

fail() { echo "smoke: FAIL: $*" >&2; failures=$((failures + 1)); }

# Runs the launcher $1 with the rest as arguments, as a user without a JDK would: a PATH that
# holds no java, no JAVA_HOME, a fresh HOME. Sets $status and $output (stdout and stderr).
run() {
  local launcher="$1"
  shift
  set +e
  output="$(env -i HOME="$work/home" PATH="$work/empty-path" LANG=C.UTF-8 "$launcher" "$@" 2>&1)"
  status=$?
  set -e
}

# expect STATUS PATTERN DESCRIPTION: the last run exited STATUS and its output matches PATTERN.
expect() {
  if [[ "$status" -ne "$1" ]]; then
    fail "$3: exit $status, expected $1; output: ${output:0:600}"
  elif ! grep -Eq -- "$2" <<<"$output"; then
    fail "$3: output does not match /$2/: ${output:0:600}"
  else
    echo "smoke: ok: $3"
  fi
}

check_launcher() {
  local launcher="$1" where="$2"
  [[ -x "$launcher" ]] || { fail "$where: no launcher at $launcher"; return; }

  run "$launcher" --version
  expect 0 "^earmark ${version//./\\.}\$" "$where: --version names earmark $version"

  printf '%s\n' \
    '{"id":"u1","reference":"the cat sat on the mat","hypothesis":"the cat sat on a mat"}' \
    '{"id":"u2","reference":"hello world","hypothesis":"hello world"}' >"$work/pairs.jsonl"
  run "$launcher" wer --input "$work/pairs.jsonl" --json
  # 1 substitution in 8 reference words.
  expect 0 '^  "wer" : 0\.125,?$' "$where: wer --json scores a JSONL file (1 error / 8 words)"

  local clip
  for clip in clip-001.wav clip-010.flac clip-015.mp3 clip-019.ogg; do
    run "$launcher" audio info "$demo/audio/$clip" --json
    expect 0 '"valid" : true' "$where: audio info decodes $clip"
  done
  run "$launcher" audio info "$demo/broken/not-audio.wav"
  expect 1 'invalid \(not-audio\)' "$where: audio info rejects a file that is not audio (exit 1)"

  # The embedded database (H2 + Flyway) works in the linked runtime.
  local project="$work/project-${where//[^a-z]/}"
  run "$launcher" --project "$project" --user smoke import \
    --manifest "$demo/manifest.jsonl" --contract "$demo/contract.json" --json
  expect 0 '"dataset" : "earmark-demo"' "$where: import of the demo manifest into a new project"
  run "$launcher" --project "$project" audit verify --json
  expect 0 '"intact" : true' "$where: audit verify on that project"
}

# Opens the workbench from launcher $1 on a virtual display (same bare environment as run) and
# succeeds once a window of the workbench's class appears within 30 s; saves a screenshot.
gui_opens() {
  xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
    launcher=$1 home=$2 project=$3 shot=$4 found=
    env -i HOME="$home" PATH=/nonexistent DISPLAY="$DISPLAY" XAUTHORITY="$XAUTHORITY" LANG=C.UTF-8 \
      "$launcher" --project "$project" >"$home/gui.log" 2>&1 &
    pid=$!
    for _ in $(seq 60); do
      xwininfo -root -tree | grep -q "\"dev.earmark.app.gui.WorkbenchApp\"" && { found=yes; break; }
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    if [[ -n "$found" && -n "$shot" ]] && command -v import >/dev/null; then
      sleep 2   # let the first frame paint
      import -window root "$shot"
    fi
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    [[ -n "$found" ]] || { cat "$home/gui.log" >&2; exit 1; }
  ' gui "$1" "$work/home" "$work/gui-project" "$screenshot"
}

# The app-image carries its runtime and no JDK tools.
[[ -d "$image/lib/runtime" ]] || fail "app-image: no lib/runtime"
[[ ! -e "$image/lib/runtime/bin/javac" && ! -d "$image/lib/runtime/jmods" ]] \
  || fail "app-image: the runtime is a full JDK, not a jlink image"
check_launcher "$image/bin/earmark" app-image
# The class-data archive maps: with -Xshare:on the JVM stops rather than start without it.
if [[ -s "$image/lib/app/earmark.jsa" ]] &&
  env -i HOME="$work/home" PATH="$work/empty-path" JAVA_TOOL_OPTIONS=-Xshare:on \
    "$image/bin/earmark" --version >/dev/null 2>&1; then
  echo "smoke: ok: app-image: its class-data archive maps ($(du -m "$image/lib/app/earmark.jsa" | cut -f1) MB)"
else
  fail "app-image: lib/app/earmark.jsa is missing or does not map"
fi
if command -v xvfb-run >/dev/null && command -v xwininfo >/dev/null; then
  gui_opens "$image/bin/earmark" \
    && echo "smoke: ok: app-image: the workbench window opens on a virtual display${screenshot:+ ($screenshot)}" \
    || fail "app-image: no workbench window within 30 s"
else
  echo "smoke: skipped: GUI start (needs xvfb-run and xwininfo)"
fi

# The .deb: metadata, layout, desktop entry, and its launcher run from an unpacked copy.
info="$(dpkg-deb --field "$deb" Package Version Depends)"
grep -q '^Package: earmark$' <<<"$info" || fail "deb: Package is not earmark: $info"
grep -q "^Version: ${version%%-*}" <<<"$info" || fail "deb: Version is not ${version%%-*}: $info"
grep -q 'libgtk-3-0' <<<"$info" || fail "deb: Depends lacks libgtk-3-0: $info"
dpkg-deb -x "$deb" "$work/root"
# The archive is dumped by postinst in /opt: one dumped at build time would not map there.
[[ -f "$work/root/opt/earmark/lib/earmark.classlist" && ! -e "$work/root/opt/earmark/lib/app/earmark.jsa" ]] \
  && echo "smoke: ok: deb: ships the class list, not an archive dumped elsewhere" \
  || fail "deb: lib/earmark.classlist missing, or an archive dumped at build time is packaged"
for path in opt/earmark/bin/earmark opt/earmark/lib/runtime/release opt/earmark/lib/app/earmark.cfg \
  opt/earmark/lib/earmark.png opt/earmark/lib/earmark-earmark.desktop; do
  [[ -e "$work/root/$path" ]] && echo "smoke: ok: deb: has /$path" || fail "deb: /$path is missing"
done
desktop="$work/root/opt/earmark/lib/earmark-earmark.desktop"
if [[ -f "$desktop" ]]; then
  for line in 'Name=Earmark' 'Exec=/opt/earmark/bin/earmark' 'Icon=/opt/earmark/lib/earmark.png' \
    'Categories=AudioVideo;Audio;' 'Terminal=false' 'StartupWMClass=dev.earmark.app.gui.WorkbenchApp'; do
    grep -qxF "$line" "$desktop" && echo "smoke: ok: desktop entry: $line" \
      || fail "desktop entry lacks '$line'"
  done
  if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$desktop" && echo "smoke: ok: desktop-file-validate" \
      || fail "desktop-file-validate rejects the desktop entry"
  fi
fi
dpkg-deb -e "$deb" "$work/control"
grep -q 'ln -sf /opt/earmark/bin/earmark /usr/bin/earmark' "$work/control/postinst" \
  && grep -q 'xdg-desktop-menu install' "$work/control/postinst" \
  && grep -q 'rm -f /usr/bin/earmark' "$work/control/prerm" \
  && grep -q -- '-Xshare:dump -XX:SharedClassListFile=/opt/earmark/lib/earmark.classlist' "$work/control/postinst" \
  && grep -q 'rm -f /opt/earmark/lib/app/earmark.jsa' "$work/control/prerm" \
  && sh -n "$work/control/postinst" && sh -n "$work/control/prerm" \
  && echo "smoke: ok: deb: postinst adds the menu entry, /usr/bin/earmark and the class-data archive, prerm removes them" \
  || fail "deb: postinst/prerm do not install and remove the menu entry and /usr/bin/earmark"
check_launcher "$work/root/opt/earmark/bin/earmark" deb
# What postinst links into /usr/bin: the launcher finds its runtime through a symbolic link.
mkdir "$work/usr-bin"
ln -s "$work/root/opt/earmark/bin/earmark" "$work/usr-bin/earmark"
run "$work/usr-bin/earmark" --version
expect 0 "^earmark ${version//./\\.}\$" "deb: the launcher runs through a symbolic link"

if ((failures)); then
  echo "smoke: $failures check(s) failed" >&2
  exit 1
fi
echo "smoke: all checks passed"
