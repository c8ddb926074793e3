"""Writes the demo MUSHRA test's manifest, contract and simulated ratings.

Called by generate-mushra.sh as: generate_mushra.py WORK OUT, where WORK holds
prompts.tsv and voices.tsv (the script's plan) and OUT/audio the rendered
clips. Standard library only; deterministic (fixed seeds, no clock).
"""

import json
import os
import random
import struct
import sys

DATASET_ID = "earmark-demo-mushra"
# First-audio-byte latency per system, in milliseconds: invented, plausible
# figures (espeak-ng renders locally in a few ms); metadata, never rated.
LATENCY_MS = {"sys-a": 180, "sys-b": 95, "sys-c": 420, "reference": 0}


def wav_duration(path):
    """Frames / rate from the RIFF header (exact, like the main dataset)."""
    with open(path, "rb") as f:
        data = f.read()
    pos, rate, block, size = 12, None, None, None
    while pos + 8 <= len(data):
        cid, clen = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        if cid == b"fmt ":
            _fmt, _ch, rate, _bps, block = struct.unpack("<HHIIH", data[pos + 8:pos + 22])
        elif cid == b"data":
            size = clen
        pos += 8 + clen + (clen & 1)
    return round(size / block / rate, 3)


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def main(work, out):
    prompts = read_tsv(os.path.join(work, "prompts.tsv"))
    voices = read_tsv(os.path.join(work, "voices.tsv"))
    systems = [v for v in voices if v[0] != "reference"]
    reference_voice = [v for v in voices if v[0] == "reference"][0][1]
    lines = []
    for prompt_id, prompt_type, text in prompts:
        stimuli = [("reference", "reference", "espeak-ng:" + reference_voice)]
        stimuli += [("anchor-low", "anchor-low", "anchor:lowpass-3.5kHz"),
                    ("anchor-mid", "anchor-mid", "anchor:lowpass-7kHz")]
        stimuli += [(key, "system", "espeak-ng:" + voice) for key, voice, _wpm in systems]
        for key, role, system in stimuli:
            rel = "audio/%s-%s.wav" % (prompt_id, key)
            line = {
                "id": "mushra-%s-%s" % (prompt_id, key),
                "audio_filepath": rel,
                "duration": wav_duration(os.path.join(out, rel)),
                "text": text,
                "task_type": "tts-mushra",
                "prompt_id": prompt_id,
                "prompt_text": text,
                "tts_system": system,
                "stimulus_role": role,
                "slices": {"prompt_type": prompt_type},
                "consent_scope": "synthetic-demo",
                "retention_until": "2028-12-31",
                "split": "test",
                "source": "synthetic:espeak-ng",
                "language": "en",
            }
            if role == "system":
                line["latency_ms"] = LATENCY_MS[key]
            lines.append(line)
    with open(os.path.join(out, "manifest.jsonl"), "w", encoding="utf-8") as f:
        for line in lines:
            f.write(json.dumps(line) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
