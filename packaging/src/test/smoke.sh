#!/usr/bin/env bash
# Smoke test of the packaged Earmark: runs the app-image's launcher and the launcher unpacked from
# the .deb WITHOUT a JDK (empty PATH, no JAVA_HOME), and fails on a wrong exit code or output.
#   smoke.sh IMAGE_DIR DEB_DIR PROJECT_VERSION DEMO_DIR
# IMAGE_DIR is target/jpackage/image/earmark, DEB_DIR target/jpackage/deb (holding one .deb),
# DEMO_DIR sample-fixtures' earmark-demo.
# Run by the `package` profile right after package.sh (docs/packaging.md).
set -euo pipefail
image="$(readlink -f "$1")" version="$3" demo="$(readlink -f "$4")"
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

# The app-image carries its runtime and no JDK tools.
[[ -d "$image/lib/runtime" ]] || fail "app-image: no lib/runtime"
[[ ! -e "$image/lib/runtime/bin/javac" && ! -d "$image/lib/runtime/jmods" ]] \
  || fail "app-image: the runtime is a full JDK, not a jlink image"
check_launcher "$image/bin/earmark" app-image

# The .deb: metadata, layout, desktop entry, and its launcher run from an unpacked copy.
info="$(dpkg-deb --field "$deb" Package Version Depends)"
grep -q '^Package: earmark$' <<<"$info" || fail "deb: Package is not earmark: $info"
grep -q "^Version: ${version%%-*}" <<<"$info" || fail "deb: Version is not ${version%%-*}: $info"
grep -q 'libgtk-3-0' <<<"$info" || fail "deb: Depends lacks libgtk-3-0: $info"
dpkg-deb -x "$deb" "$work/root"
for path in opt/earmark/bin/earmark opt/earmark/lib/runtime/release opt/earmark/lib/app/earmark.cfg \
  opt/earmark/lib/earmark.png opt/earmark/lib/earmark-earmark.desktop; do
  [[ -e "$work/root/$path" ]] && echo "smoke: ok: deb: has /$path" || fail "deb: /$path is missing"
done
desktop="$work/root/opt/earmark/lib/earmark-earmark.desktop"
if [[ -f "$desktop" ]]; then
  for line in 'Name=Earmark' 'Exec=/opt/earmark/bin/earmark' 'Icon=/opt/earmark/lib/earmark.png' \
    'Categories=AudioVideo;Audio;' 'Terminal=false'; do
    grep -qxF "$line" "$desktop" && echo "smoke: ok: desktop entry: $line" \
      || fail "desktop entry lacks '$line'"
  done
  if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$desktop" && echo "smoke: ok: desktop-file-validate" \
      || fail "desktop-file-validate rejects the desktop entry"
  fi
fi
check_launcher "$work/root/opt/earmark/bin/earmark" deb

if ((failures)); then
  echo "smoke: $failures check(s) failed" >&2
  exit 1
fi
echo "smoke: all checks passed"
