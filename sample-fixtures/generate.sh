#!/usr/bin/env bash
# Regenerates the Earmark demo dataset from scratch into
# sample-fixtures/src/main/resources/earmark-demo/ (see README.md).
#
#   sample-fixtures/generate.sh                everything (about 4 minutes)
#   sample-fixtures/generate.sh --labels-only  only labels.jsonl, gold.jsonl,
#       annotators.json and the mishearings in PROVENANCE.txt, from the
#       committed manifest (python3 only; audio, manifest and hypotheses are
#       left byte for byte as they are), then FILES.sha256
#
# Needs the Debian packages espeak-ng, sox, libsox-fmt-all, pocketsphinx,
# pocketsphinx-en-us and python3 (standard library only). Deterministic: sox
# runs with -R (fixed noise and dither seeds), the annotator simulation uses
# fixed seeds, and no output depends on the clock. Same package versions,
# same bytes.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
OUT="$HERE/src/main/resources/earmark-demo"
HELPER="$HERE/generate_labels.py"

# Index of every file with its SHA-256, used by DemoDataset.copyTo and the
# integrity test (a jar cannot list a resource folder).
write_index() {
  (cd "$OUT" && find . -type f ! -name FILES.sha256 -printf '%P\n' | LC_ALL=C sort | xargs sha256sum) >"$OUT/FILES.sha256"
}

case "${1:-}" in
  "") ;;
  --labels-only)
    [ -f "$OUT/manifest.jsonl" ] || { echo "generate.sh: $OUT/manifest.jsonl is missing; run without --labels-only" >&2; exit 2; }
    python3 "$HELPER" labels "$OUT"
    write_index
    echo "generate.sh: rewrote the labels; $(wc -l <"$OUT/labels.jsonl") labels, $(wc -l <"$OUT/gold.jsonl") gold items"
    exit 0
    ;;
  *) echo "usage: generate.sh [--labels-only]" >&2; exit 2 ;;
esac

for tool in espeak-ng sox soxi pocketsphinx_continuous python3 sha256sum; do
  command -v "$tool" >/dev/null || { echo "generate.sh: '$tool' is missing; install: apt-get install espeak-ng sox libsox-fmt-all pocketsphinx pocketsphinx-en-us python3" >&2; exit 2; }
done

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# sox: -R makes noise and dither repeatable; -V1 prints only failures
# (clipping in the "clipped" condition is intended).
sx() { sox -R -V1 "$@"; }

rms_of() { sox "$1" -n stat 2>&1 | awk '/^RMS +amplitude/ {print $3}'; }

# Mixes $1 (speech) with sox-synthesised noise of colour $2 at $3 dB SNR into
# $4. SNR is measured against the RMS of the whole speech file (pauses
# included) so the level is exactly known.
mix_noise() {
  local speech=$1 colour=$2 snr=$3 out=$4
  local samples speech_rms noise_rms factor
  samples=$(soxi -s "$speech")
  # The rate goes before -n: after it, synth counts the samples at sox's default 48 kHz and the
  # noise lasts a third of the clip (the real SNR was then about 4.8 dB above the label).
  sx -r 16000 -n -c 1 -b 16 "$WORK/noise.wav" synth "${samples}s" "${colour}noise" vol 0.25
  speech_rms=$(rms_of "$speech")
  noise_rms=$(rms_of "$WORK/noise.wav")
  factor=$(awk -v s="$speech_rms" -v n="$noise_rms" -v snr="$snr" 'BEGIN { printf "%.6f", s / (n * 10 ^ (snr / 20)) }')
  sx -m -v 1 "$speech" -v "$factor" "$WORK/noise.wav" -b 16 "$out"
}

# Renders one plan row: speech, acoustic condition, container/codec.
render() {
  local id=$1 voice=$2 pitch=$3 wpm=$4 cond=$5 fmt=$6 rel=$7 text=$8
  local tts="$WORK/$id.tts.wav" base="$WORK/$id.base.wav" proc="$WORK/$id.proc.wav" out="$OUT/$rel"
  espeak-ng -v "$voice" -p "$pitch" -s "$wpm" -w "$tts" "$text"
  # 16 kHz mono 16-bit, leading/trailing silence trimmed to 100 ms, peak at -6 dBFS.
  sx "$tts" -r 16000 -c 1 -b 16 "$base" \
    silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse pad 0.1 0.1 gain -n -6
  case "$cond" in
    clean) cp "$base" "$proc" ;;
    white20) mix_noise "$base" white 20 "$proc" ;;
    white10) mix_noise "$base" white 10 "$proc" ;;
    white5) mix_noise "$base" white 5 "$proc" ;;
    brown10) mix_noise "$base" brown 10 "$proc" ;;
    telephone)
      # Telephone band: 300-3400 Hz, 8 kHz mu-law, back to 16 kHz linear PCM.
      sx "$base" -r 8000 -e u-law "$WORK/$id.tel.wav" sinc 300-3400
      sx "$WORK/$id.tel.wav" -r 16000 -e signed-integer -b 16 "$proc"
      ;;
    clipped) sx "$base" -b 16 "$proc" gain 14 ;; # peak -6 dBFS + 14 dB: hard clipping at full scale
    *) echo "generate.sh: unknown condition $cond" >&2; exit 1 ;;
  esac
  case "$fmt" in
    wav) cp "$proc" "$out" ;;
    wav22s24) sx "$proc" -r 22050 -c 2 -b 24 "$out" ;; # written as WAVE_FORMAT_EXTENSIBLE
    flac) sx "$proc" "$out" ;;
    flac44s) sx "$proc" -r 44100 -c 2 "$out" ;;
    mp3) sx "$proc" -C 48 "$out" ;;
    ogg) sx "$proc" -C 3 "$out" ;;
    *) echo "generate.sh: unknown format $fmt" >&2; exit 1 ;;
  esac
  case "$rel" in
    *.wav) ;;
    *) printf '%s\t%s\n' "$rel" "$(soxi -D "$out")" >>"$WORK/durations.tsv" ;;
  esac
  # Real ASR hypothesis on the 16 kHz mono WAV rendering of the delivered file
  # (codec artefacts included). Not needed for TTS items and RAG answers.
  case "$id" in
    tts-* | *-answer) ;;
    *)
      sx "$out" -r 16000 -c 1 -b 16 "$WORK/$id.asr.wav"
      local hyp
      hyp=$(pocketsphinx_continuous -infile "$WORK/$id.asr.wav" -logfn /dev/null 2>/dev/null | tr '\n' ' ' | tr -s ' ' | sed 's/^ //; s/ $//')
      printf '%s\t%s\n' "$id" "$hyp" >>"$WORK/hypotheses.tsv"
      ;;
  esac
  echo "  $rel  ($cond, $fmt)  hyp: ${hyp:--}"
}

echo "generate.sh: writing $OUT"
rm -rf "$OUT"
mkdir -p "$OUT/audio" "$OUT/broken"
: >"$WORK/durations.tsv"
: >"$WORK/hypotheses.tsv"

python3 "$HELPER" plan >"$WORK/plan.tsv"
while IFS=$'\t' read -r id voice pitch wpm cond fmt rel text; do
  hyp=""
  render "$id" "$voice" "$pitch" "$wpm" "$cond" "$fmt" "$rel" "$text"
done <"$WORK/plan.tsv"

python3 "$HELPER" build "$WORK" "$OUT"
# The one broken file sox makes better than a hand-written header: a valid
# WAV whose codec (IMA ADPCM, format tag 0x0011) Earmark does not decode.
sx "$OUT/audio/clip-001.wav" -e ima-adpcm "$OUT/broken/unsupported-codec.wav"

{
  echo "Generated by sample-fixtures/generate.sh with:"
  dpkg-query -W -f='  ${Package} ${Version}\n' espeak-ng espeak-ng-data sox libsox-fmt-all pocketsphinx pocketsphinx-en-us 2>/dev/null || true
  echo "  $(python3 --version)"
  echo "Simulated mishearings (clip, annotator, word heard as):"
  sed 's/^/  /' "$WORK/mishearings.tsv"
} >"$OUT/PROVENANCE.txt"

write_index
# The demo's MUSHRA test lives under mushra/ (rm -rf above removed it); it
# rewrites FILES.sha256 with its own files included.
"$HERE/generate-mushra.sh"

echo "generate.sh: $(wc -l <"$OUT/manifest.jsonl") manifest items, $(wc -l <"$OUT/labels.jsonl") labels, $(du -sh "$OUT" | cut -f1) in total"
