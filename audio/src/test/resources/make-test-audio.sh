#!/bin/sh
# Regenerates the small audio files the audio module's tests decode and measure.
# Needs Debian's `sox` (with libsox-fmt-mp3 for MP3). Deterministic apart from the
# noise generator, whose seed is fixed with -R. Run from anywhere:
#   audio/src/test/resources/make-test-audio.sh
set -eu
cd "$(dirname "$0")/audio"
S="sox -R -D"   # -R: repeatable dither/noise, -D: no dither (exact sample values)

# --- format coverage: 0.25 s, 440 Hz at half scale (8 kHz keeps them a few KB) ---
tone="synth 0.25 sine 440 vol 0.5"
$S -n -r 8000 -c 1 -e unsigned-integer -b 8 -t wavpcm pcm8-mono.wav $tone
$S -n -r 8000 -c 1 -e signed-integer -b 16 -t wavpcm pcm16-mono.wav $tone
$S -n -r 8000 -c 2 -e signed-integer -b 24 -t wavpcm pcm24-stereo.wav $tone
$S -n -r 8000 -c 2 -e signed-integer -b 32 -t wavpcm pcm32-stereo.wav $tone
$S -n -r 8000 -c 1 -e floating-point -b 32 -t wavpcm float32-mono.wav $tone
$S -n -r 8000 -c 1 -e floating-point -b 64 -t wavpcm float64-mono.wav $tone
# sox writes WAVE_FORMAT_EXTENSIBLE for more than two channels or more than 16 bits
$S -n -r 8000 -c 4 -e signed-integer -b 16 -t wav extensible-4ch.wav $tone
$S -n -r 8000 -c 2 -e signed-integer -b 24 -t wav extensible-24-stereo.wav $tone
$S -n -r 8000 -c 1 -b 16 tone.flac $tone
$S -n -r 8000 -c 1 -C 32 tone.mp3 $tone
$S -n -r 8000 -c 1 -C 3 tone.ogg $tone
# unsupported codecs inside a WAV container
$S -n -r 8000 -c 1 -e a-law -t wav alaw.wav $tone
$S -n -r 8000 -c 1 -e ima-adpcm -t wav ima-adpcm.wav $tone

# --- feature signals: 1.5 s at 16 kHz ---
# a 200 Hz voice-like tone, amplitude-modulated at 4 Hz (four "syllables" a second)
$S -n -r 16000 -c 1 -b 16 voiced-200hz.wav synth 1.5 sine 200 tremolo 4 90 vol 0.5
# the same with white noise mixed in at two levels
$S -n -r 16000 -c 1 -b 16 /tmp/em-noise.wav synth 1.5 whitenoise vol 0.05
$S -m voiced-200hz.wav /tmp/em-noise.wav -b 16 voiced-noisy.wav
$S -n -r 16000 -c 1 -b 16 /tmp/em-noise.wav synth 1.5 whitenoise vol 0.2
$S -m voiced-200hz.wav /tmp/em-noise.wav -b 16 voiced-very-noisy.wav
rm -f /tmp/em-noise.wav
# wide-band pink noise, and the same band-limited to the telephone band
$S -n -r 16000 -c 1 -b 16 wideband.wav synth 1.5 pinknoise vol 0.3
$S wideband.wav -b 16 narrowband.wav sinc 300-3400
# the same 200 Hz tone rendered at 48 kHz, and a 48 kHz voice-like buzz (150 Hz sawtooth, its
# harmonics reach 24 kHz) beside its 16 kHz rendering: the features must not depend on the rate
$S -n -r 48000 -c 1 -b 16 voiced-200hz-48k.wav synth 1.5 sine 200 tremolo 4 90 vol 0.5
$S -n -r 48000 -c 1 -b 16 buzz-150hz-48k.wav synth 1.5 sawtooth 150 tremolo 4 90 vol 0.5
$S buzz-150hz-48k.wav -b 16 buzz-150hz-16k.wav rate -v 16000
# clipped: driven 4x into full scale
$S voiced-200hz.wav -b 16 clipped.wav gain 12
