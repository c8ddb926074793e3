#!/usr/bin/env bash
# Regenerates the QE training corpus into sample-fixtures/qe-corpus/ (see qe-corpus/README.md):
# espeak-ng speech under sox conditions, recognised by PocketSphinx, measured by Earmark's own
# FeatureExtractor and scored by Earmark's own WER scorer under en-asr@1.
#
#   sample-fixtures/generate-qe-corpus.sh [CLIPS] [SEED]   defaults: 1500 clips, seed 20261207
#
# Environment: QE_CORPUS_WORK=DIR keeps the audio there (default: a temporary directory, removed
# at the end); QE_CORPUS_JOBS=N runs N clips at once (default 2).
#
# Needs the Debian packages espeak-ng, sox, libsox-fmt-all, lame, pocketsphinx, pocketsphinx-en-us
# and python3, and Earmark's launcher (./earmark builds it). Deterministic: every choice comes from
# the seed, noise is cut from beds sox makes with -R (fixed seed), no output depends on the clock
# or on the order clips finish in. Same package versions, same bytes.
set -euo pipefail

HERE=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
OUT="$HERE/qe-corpus"
PLANNER="$HERE/qe_corpus.py"
MODEL=/usr/share/pocketsphinx/model/en-us
DICT="$MODEL/cmudict-en-us.dict"

sx() { sox -R -V1 "$@"; }
rms_of() { sox "$1" -n stat 2>&1 | awk '/^RMS +amplitude/ {print $3}'; }

# One clip: plan row $2 of $1/plan.tsv -> $1/clips/ID.wav (what is measured and recognised) and
# $1/hyp/ID.txt (PocketSphinx's hypothesis). Runs in parallel under xargs.
one_clip() {
  local work=$1 line=$2
  local id group voice pitch wpm sid cond snr param offset text
  IFS=$'\t' read -r id group voice pitch wpm sid cond snr param offset text < <(sed -n "${line}p" "$work/plan.tsv")
  [ -s "$work/hyp/$id.txt" ] && return 0 # finished in an earlier, interrupted run
  local tmp="$work/tmp/$id"
  mkdir -p "$tmp"
  espeak-ng -v "$voice" -p "$pitch" -s "$wpm" -w "$tmp/tts.wav" "$text"
  # 16 kHz mono 16-bit, silence trimmed to 100 ms each side, peak at -6 dBFS (as the demo's).
  sx "$tmp/tts.wav" -r 16000 -c 1 -b 16 "$tmp/base.wav" \
    silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse pad 0.1 0.1 gain -n -6
  case "$cond" in
    clean) cp "$tmp/base.wav" "$tmp/out.wav" ;;
    white | pink | babble)
      # Noise cut from a 60 s bed at the planned offset, scaled so that
      # 20*log10(RMS(speech)/RMS(noise)) is the planned SNR over the whole clip.
      local samples speech_rms noise_rms factor
      samples=$(soxi -s "$tmp/base.wav")
      sx "$work/bed-$cond.wav" "$tmp/noise.wav" trim "$offset" "${samples}s"
      speech_rms=$(rms_of "$tmp/base.wav")
      noise_rms=$(rms_of "$tmp/noise.wav")
      factor=$(awk -v s="$speech_rms" -v n="$noise_rms" -v snr="$snr" 'BEGIN { printf "%.6f", s / (n * 10 ^ (snr / 20)) }')
      sx -m -v 1 "$tmp/base.wav" -v "$factor" "$tmp/noise.wav" -b 16 "$tmp/out.wav"
      ;;
    telephone)
      sx "$tmp/base.wav" -r 8000 -e u-law "$tmp/tel.wav" sinc 300-3400
      sx "$tmp/tel.wav" -r 16000 -e signed-integer -b 16 "$tmp/out.wav"
      ;;
    clipping) sx "$tmp/base.wav" -b 16 "$tmp/out.wav" gain "$param" ;;
    reverb) sx "$tmp/base.wav" "$tmp/out.wav" reverb "$param" 50 100 pad 0 0.3 gain -n -6 ;;
    mp3)
      lame --silent -b "$param" "$tmp/base.wav" "$tmp/x.mp3"
      lame --silent --decode "$tmp/x.mp3" "$tmp/dec.wav"
      sx "$tmp/dec.wav" -r 16000 -c 1 -b 16 "$tmp/out.wav"
      ;;
    *) echo "generate-qe-corpus.sh: unknown condition $cond" >&2; return 1 ;;
  esac
  pocketsphinx_continuous -infile "$tmp/out.wav" -hmm "$MODEL/en-us" -dict "$work/corpus.dict" \
    -lm "$work/corpus.lm" -logfn /dev/null 2>/dev/null | tr '\n' ' ' | tr -s ' ' >"$tmp/hyp.txt"
  mv "$tmp/out.wav" "$work/clips/$id.wav"
  mv "$tmp/hyp.txt" "$work/hyp/$id.txt"
  [ -s "$work/hyp/$id.txt" ] || echo " " >"$work/hyp/$id.txt" # an empty hypothesis is a result
  rm -rf "$tmp"
}

if [ "${1:-}" = "--clip" ]; then
  one_clip "$2" "$3"
  exit
fi

CLIPS=${1:-1500}
SEED=${2:-20261207}
JOBS=${QE_CORPUS_JOBS:-2}
for tool in espeak-ng sox soxi lame pocketsphinx_continuous python3 xargs; do
  command -v "$tool" >/dev/null || { echo "generate-qe-corpus.sh: '$tool' is missing; install: apt-get install espeak-ng sox libsox-fmt-all lame pocketsphinx pocketsphinx-en-us python3" >&2; exit 2; }
done
[ -f "$DICT" ] || { echo "generate-qe-corpus.sh: no PocketSphinx model at $MODEL; install: apt-get install pocketsphinx-en-us" >&2; exit 2; }

if [ -n "${QE_CORPUS_WORK:-}" ]; then
  WORK=$QE_CORPUS_WORK
  mkdir -p "$WORK"
else
  WORK=$(mktemp -d)
  trap 'rm -rf "$WORK"' EXIT
fi
mkdir -p "$WORK/clips" "$WORK/hyp" "$WORK/tmp" "$OUT"
echo "$CLIPS" >"$WORK/clips.count"
python3 "$PLANNER" plan "$SEED" "$CLIPS" "$DICT" >"$WORK/plan.tsv"
python3 "$PLANNER" lm "$SEED" "$DICT" >"$WORK/corpus.lm"
python3 "$PLANNER" dict "$SEED" "$DICT" >"$WORK/corpus.dict"

# Noise beds, 60 s each at 16 kHz (the rate goes before -n: after it, synth would count samples
# at sox's default 48 kHz and give a third of the length).
sx -r 16000 -n -c 1 -b 16 "$WORK/bed-white.wav" synth 60 whitenoise vol 0.25
sx -r 16000 -n -c 1 -b 16 "$WORK/bed-pink.wav" synth 60 pinknoise vol 0.25
# Babble-like: six voices reading six lines, each reversed (unintelligible), looped to 60 s and
# mixed; no corpus voice or sentence is in it.
i=0
while IFS=$'\t' read -r voice line; do
  i=$((i + 1))
  espeak-ng -v "$voice" -s 170 -w "$WORK/babble-$i.tts.wav" "$line"
  sx "$WORK/babble-$i.tts.wav" -r 16000 -c 1 -b 16 "$WORK/babble-$i.wav" reverse \
    silence 1 0.02 0.5% pad 0 0.2 repeat 30 trim "$((i * 2))" 60 gain -n -6
done < <(python3 "$PLANNER" babble)
sx -m "$WORK"/babble-[1-6].wav "$WORK/bed-babble.wav" gain -n -6

echo "generate-qe-corpus.sh: $CLIPS clips with $JOBS jobs into $WORK (progress: ls $WORK/hyp | wc -l)"
seq 1 "$CLIPS" | xargs -P "$JOBS" -n 1 "$HERE/generate-qe-corpus.sh" --clip "$WORK"

python3 "$PLANNER" collect "$WORK" "$OUT" "$SEED" "$DICT"
# Features by Earmark's own FeatureExtractor, WER by Earmark's own scorer under en-asr@1.
"$ROOT/earmark" qe features --manifest "$WORK/manifest.jsonl" --normalization en-asr@1 \
  --out "$OUT/features.csv"
{
  echo "Generated by sample-fixtures/generate-qe-corpus.sh $CLIPS $SEED with:"
  dpkg-query -W -f='  ${Package} ${Version}\n' espeak-ng espeak-ng-data sox libsox-fmt-all lame pocketsphinx pocketsphinx-en-us 2>/dev/null || true
  echo "  $(python3 --version)"
} >"$OUT/PROVENANCE.txt"
echo "generate-qe-corpus.sh: $(wc -l <"$OUT/corpus.jsonl") clips in $OUT"
