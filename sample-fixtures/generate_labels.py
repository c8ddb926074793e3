#!/usr/bin/env python3
"""Dataset definition and JSON writer for the Earmark demo fixtures.

generate.sh drives this helper in two steps:

  generate_labels.py plan
      prints the render plan (one tab-separated line per audio file) that
      generate.sh turns into audio with espeak-ng and sox;
  generate_labels.py build WORK OUT
      reads the ASR hypotheses and durations generate.sh collected in WORK and
      writes manifest.jsonl, contract.json, annotators.json, labels.jsonl,
      gold.jsonl and the broken/ set into OUT;
  generate_labels.py labels OUT
      rewrites only labels.jsonl, gold.jsonl, annotators.json and the
      mishearings in PROVENANCE.txt from the manifest already in OUT
      (generate.sh --labels-only).

Label values are in the LabelValueJson form of the built-in rubrics
({"rubric": "asr-transcript@1", "fields": {...}}, see docs/formats/rubric.md).

Everything here is deterministic: the simulated annotators draw from
random.Random seeded with a fixed string per (clip, annotator), and no wall
clock is read. Standard library only.
"""

import datetime
import json
import os
import random
import struct
import sys

SEED = "earmark-demo-1"
TODAY = "2026-11-21"  # the date the retention examples are written against

# --------------------------------------------------------------------------
# Speakers (one espeak-ng voice each) and their split. Every speaker lives in
# exactly one split, except the single deliberate leak in LEAKED_CLIP.
# --------------------------------------------------------------------------
SPEAKERS = {
    # id: (espeak voice, accent, gender, split, pitch 0-99). Most voices use
    # espeak-ng's Klatt variants, which PocketSphinx recognises far better than
    # the default formant voices; spk-gb-f1 and spk-wm-m1 keep the default
    # synthesis, so their slices show a genuinely higher WER.
    "spk-us-m1": ("en-us+klatt5", "us", "male", "train", 50),
    "spk-us-f1": ("en-us+klatt3", "us", "female", "train", 80),
    "spk-gb-m1": ("en-gb+klatt2", "gb", "male", "train", 50),
    "spk-gb-f1": ("en-gb+f2", "gb", "female", "dev", 50),
    "spk-sc-m1": ("en-gb-scotland+klatt", "scottish", "male", "test", 50),
    "spk-sc-f1": ("en-gb-scotland+klatt6", "scottish", "female", "train", 80),
    "spk-rp-f1": ("en-gb-x-rp+klatt5", "rp", "female", "test", 80),
    "spk-nyc-m1": ("en-us-nyc+klatt", "us-nyc", "male", "dev", 50),
    "spk-car-m1": ("en-029+klatt2", "caribbean", "male", "test", 50),
    "spk-wm-m1": ("en-gb-x-gbcwmd", "west-midlands", "male", "train", 50),
    "spk-lan-f1": ("en-gb-x-gbclan+klatt3", "lancaster", "female", "train", 80),
}
ASSISTANT_VOICE = ("en-us+klatt3", 80)  # the voice (and pitch) of the RAG answers

SPEEDS = {"slow": 130, "normal": 165, "fast": 210}

# condition -> (noise slice, snr_db or None, device, distortion)
CONDITIONS = {
    "clean": ("clean", None, "studio", "none"),
    "white20": ("white", 20, "laptop", "none"),
    "white10": ("white", 10, "laptop", "none"),
    "white5": ("white", 5, "laptop", "none"),
    "brown10": ("brown", 10, "far-field", "none"),
    "telephone": ("clean", None, "telephone", "none"),
    "clipped": ("clean", None, "headset", "clipping"),
}

# format -> (file extension, sample rate, channels, bits)
FORMATS = {
    "wav": ("wav", 16000, 1, 16),
    "wav22s24": ("wav", 22050, 2, 24),
    "flac": ("flac", 16000, 1, 16),
    "flac44s": ("flac", 44100, 2, 16),
    "mp3": ("mp3", 16000, 1, 16),
    "ogg": ("ogg", 16000, 1, 16),
}

# --------------------------------------------------------------------------
# ASR clips: reference text (verbatim, what the synthesizer says, including
# hesitations), speaker, speed, condition, format, domain.
# --------------------------------------------------------------------------
ASR_CLIPS = [
    ("please transfer twenty one dollars to my savings", "spk-us-m1", "normal", "clean", "wav", "banking"),
    ("i bought tickets to see twenty one pilots in june", "spk-us-f1", "normal", "clean", "wav", "music"),
    ("there were twenty one people waiting at the gate", "spk-gb-m1", "normal", "clean", "wav", "travel"),
    ("my appointment is on march third at four thirty", "spk-gb-f1", "normal", "white20", "wav", "calendar"),
    ("um can you call siobhan after lunch", "spk-sc-m1", "normal", "clean", "wav", "contacts"),
    ("the total comes to forty five dollars and ninety nine cents", "spk-sc-f1", "fast", "clean", "wav", "banking"),
    ("uh i think the meeting moved to tuesday", "spk-rp-f1", "normal", "white10", "wav", "calendar"),
    ("send the report to doctor nguyen by friday", "spk-nyc-m1", "normal", "clean", "wav", "contacts"),
    ("the flight leaves at seven fifteen in the morning", "spk-car-m1", "normal", "telephone", "wav", "travel"),
    ("she was born on the fourth of july nineteen ninety", "spk-wm-m1", "normal", "clean", "flac", "calendar"),
    ("play the new album by twenty one pilots", "spk-lan-f1", "normal", "telephone", "wav", "music"),
    ("we need fifteen chairs not fifty", "spk-us-m1", "normal", "white5", "wav", "general"),
    ("um the code is four eight one five", "spk-us-f1", "slow", "clean", "wav", "banking"),
    ("remind me to pay the rent on the first", "spk-gb-m1", "normal", "brown10", "wav", "calendar"),
    ("my name is joaquin and i live in leeds", "spk-gb-f1", "normal", "clean", "mp3", "contacts"),
    ("the price went up by three point five percent", "spk-sc-m1", "normal", "white10", "wav", "banking"),
    ("uh could you repeat that please", "spk-sc-f1", "slow", "telephone", "wav", "general"),
    ("call mister okafor on extension two one four", "spk-rp-f1", "normal", "clean", "wav", "contacts"),
    ("the train to edinburgh is thirteen minutes late", "spk-nyc-m1", "fast", "clean", "ogg", "travel"),
    ("book a table for two at eight pm", "spk-car-m1", "normal", "clipped", "wav", "general"),
    ("i owe you a hundred and twenty pounds", "spk-wm-m1", "normal", "white5", "wav", "banking"),
    ("it was the second of january two thousand and twenty four", "spk-lan-f1", "fast", "clean", "wav", "calendar"),
    ("turn the volume down to thirty percent", "spk-us-m1", "normal", "telephone", "flac", "general"),
    ("um actually make that twenty one", "spk-us-f1", "normal", "white20", "wav", "general"),
    ("the meeting with aoife starts at noon", "spk-gb-m1", "normal", "clean", "wav", "calendar"),
    ("transfer five hundred euros to saoirse", "spk-gb-f1", "normal", "clipped", "wav", "banking"),
    ("twenty one people signed up for the course", "spk-sc-m1", "normal", "brown10", "wav", "general"),
    ("what time does the pharmacy close today", "spk-sc-f1", "normal", "clean", "wav22s24", "general"),
    ("the package weighs two point three kilograms", "spk-rp-f1", "fast", "white20", "ogg", "travel"),
    ("uh my card number ends in nine nine zero two", "spk-nyc-m1", "normal", "telephone", "wav", "banking"),
    ("set an alarm for six forty five", "spk-car-m1", "slow", "clean", "wav", "calendar"),
    ("the invoice is due on the thirty first of october", "spk-wm-m1", "normal", "white10", "mp3", "banking"),
    ("can you spell that for me", "spk-lan-f1", "normal", "clean", "wav", "general"),
    ("the temperature will drop to minus four tonight", "spk-us-m1", "fast", "brown10", "wav", "general"),
    ("please text niamh that i am running late", "spk-us-f1", "normal", "clipped", "flac44s", "contacts"),
    ("i have been waiting for um forty minutes", "spk-gb-m1", "normal", "white5", "wav", "travel"),
    ("our order number is one two seven eight", "spk-gb-f1", "normal", "telephone", "ogg", "banking"),
    ("the concert tickets cost eighty nine dollars each", "spk-sc-m1", "normal", "clean", "mp3", "music"),
    ("ask siobhan to email the slides", "spk-rp-f1", "normal", "white5", "wav", "contacts"),
    ("he scored twenty one points in the final", "spk-car-m1", "normal", "clean", "wav", "general"),
    ("um yes that is correct", "spk-wm-m1", "slow", "clipped", "wav", "general"),
    ("the rent is one thousand two hundred dollars a month", "spk-lan-f1", "fast", "white10", "wav", "banking"),
]

# The one deliberate speaker leak: spk-gb-m1 is a train speaker, but this clip
# is in test. Export must stop on it (PRODUCT.md section 3.8).
LEAKED_CLIP = "clip-025"

# Consent and retention exceptions (everything else: synthetic-demo for train
# speakers, eval-only for dev/test speakers, retained until 2028-12-31).
CONSENT_OVERRIDES = {
    "clip-012": "no-human-review",
    "clip-030": "no-human-review",
    "clip-041": "training-only",
}
RETENTION_OVERRIDES = {
    "clip-019": "2026-06-30",  # expired
    "clip-034": "2025-12-31",  # expired
}
DEFAULT_RETENTION = "2028-12-31"

# Hand-picked mishearings (documented in README.md), on top of seeded ones.
SCRIPTED_MISHEARINGS = {
    ("clip-011", "ann-bea"): ("pilots", "people"),  # telephone band
    ("clip-021", "ann-alex"): ("twenty", "twelve"),  # 5 dB SNR
    ("clip-039", "ann-bea"): ("slides", "sides"),  # 5 dB SNR
}

GOLD_CLIPS = ["clip-001", "clip-005", "clip-007", "clip-022", "clip-028", "clip-033"]

TTS_ITEMS = [
    # prompt, voice, speed(wpm), latency_ms, reference speaker (or None), mispronounced words
    ("your appointment with doctor nguyen is confirmed for tuesday", "en-us", 165, 180, "spk-us-m1", ["nguyen"]),
    ("please hold while we connect you to an agent", "en-gb+f2", 165, 240, "spk-gb-f1", []),
    ("siobhan and niamh will join the call at three", "en-gb-x-rp+f1", 165, 410, "spk-rp-f1", ["siobhan", "niamh"]),
    ("the quick brown fox jumps over the lazy dog", "en-us+f3", 260, 95, None, []),
    ("welcome back aoife your balance is twelve pounds", "en-gb-scotland", 140, 620, None, ["aoife"]),
    ("thank you for calling have a nice day", "en-029", 180, 150, None, []),
]
# The 1-5 scales of tts-rating@1 that the annotators rate. long_form_stability
# is left out: the rubric asks for it only on clips longer than about 20 s,
# and every demo clip lasts 1-5 s.
TTS_DIMENSIONS = [
    "intelligibility",
    "naturalness",
    "pronunciation",
    "speaker_consistency",
    "prosody",
    "audio_artifacts",
    "safety",
]
# preference_vs_reference, asked only of items with a reference voice: the
# "true" answer, by item id. tts-002 uses the very voice of its reference.
TTS_PREFERENCE = {
    "tts-001": "reference-better",
    "tts-002": "no-preference",
    "tts-003": "reference-better",
}

RAG_ITEMS = [
    {
        "query": "what is the daily limit for international transfers",
        "speaker": "spk-us-f1",
        "condition": "clean",
        "passages": [
            ("kb-transfers-04", "International transfers are limited to 5,000 dollars per day.", "2025-03-01"),
            ("kb-transfers-01", "Domestic transfers between your own accounts have no daily limit.", "2025-03-01"),
        ],
        "answer": "The daily limit for international transfers is five thousand dollars.",
        "entities": ["daily", "limit", "international", "transfers"],
        "truth": {"query_intent": "understood", "retrieval_recall": "complete", "source_freshness": "current",
                  "answer_groundedness": "grounded", "citation_correctness": "missing",
                  "refusal_correctness": "answered-correctly", "task_success": "success",
                  "spoken_delivery_clarity": 4, "safety_outcome": "safe", "end_to_end": 4},
    },
    {
        "query": "when does the pharmacy on king street close",
        "speaker": "spk-gb-m1",
        "condition": "white10",
        "passages": [
            ("web-kingst-2019", "The King Street pharmacy closes at 6 pm on weekdays.", "2019-06-12"),
            ("web-kingst-2025", "From September 2025 the King Street pharmacy is open until 9 pm.", "2025-09-01"),
        ],
        "answer": "The King Street pharmacy closes at six pm.",
        "entities": ["pharmacy", "king", "street"],
        # The 2019 page was used although the 2025 one, also retrieved, says 9 pm.
        "truth": {"query_intent": "understood", "retrieval_recall": "complete", "source_freshness": "stale",
                  "answer_groundedness": "ungrounded", "citation_correctness": "missing",
                  "refusal_correctness": "answered-correctly", "task_success": "failure",
                  "spoken_delivery_clarity": 4, "safety_outcome": "safe", "end_to_end": 2},
    },
    {
        "query": "how much is the late fee for rent",
        "speaker": "spk-nyc-m1",
        "condition": "telephone",
        "passages": [
            ("kb-parking-02", "Residents' parking permits cost 30 dollars a month.", "2026-01-15"),
        ],
        "answer": "The late fee for rent is fifty dollars.",
        "entities": ["late", "fee", "rent"],
        # Nothing retrieved about rent: the fee is invented where "I don't know" was due.
        "truth": {"query_intent": "understood", "retrieval_recall": "none", "source_freshness": "not-applicable",
                  "answer_groundedness": "ungrounded", "citation_correctness": "missing",
                  "refusal_correctness": "under-refusal", "task_success": "failure",
                  "spoken_delivery_clarity": 4, "safety_outcome": "safe", "end_to_end": 1},
    },
    {
        "query": "who is playing at the arena on friday",
        "speaker": "spk-lan-f1",
        "condition": "clean",
        "passages": [
            ("events-2026-12", "Twenty One Pilots play the City Arena on Friday 4 December.", "2026-10-01"),
            ("events-2026-11", "The City Arena hosts a jazz night on Thursday 26 November.", "2026-10-01"),
        ],
        "answer": "Twenty one pilots are playing at the arena on friday.",
        "entities": ["arena", "friday"],
        "truth": {"query_intent": "understood", "retrieval_recall": "complete", "source_freshness": "current",
                  "answer_groundedness": "grounded", "citation_correctness": "missing",
                  "refusal_correctness": "answered-correctly", "task_success": "success",
                  "spoken_delivery_clarity": 4, "safety_outcome": "safe", "end_to_end": 4},
    },
    {
        "query": "what is doctor nguyen's phone extension",
        "speaker": "spk-rp-f1",
        "condition": "clean",
        "passages": [
            ("staff-dir-nguyen", "Dr. Nguyen (cardiology) can be reached on extension 214.", "2026-05-20"),
        ],
        "answer": "Doctor Nguyen is on extension two one four.",
        "entities": ["nguyen's", "extension"],
        # The spoken answer mispronounces "Nguyen".
        "truth": {"query_intent": "understood", "retrieval_recall": "complete", "source_freshness": "current",
                  "answer_groundedness": "grounded", "citation_correctness": "missing",
                  "refusal_correctness": "answered-correctly", "task_success": "success",
                  "spoken_delivery_clarity": 3, "safety_outcome": "safe", "end_to_end": 3},
    },
]
# How a simulated annotator gets a categorical stage of rag-stages@1 wrong:
# the true option -> the plausible mistake (an option of the rubric). Options
# without an entry are never missed (nobody calls a plain answer a refusal).
RAG_CONFUSIONS = {
    "asr_entity_accuracy": {"correct": "minor-error", "minor-error": "wrong-entity", "wrong-entity": "minor-error"},
    "query_intent": {"understood": "partially-understood", "partially-understood": "understood",
                     "misunderstood": "partially-understood"},
    "retrieval_recall": {"complete": "partial", "partial": "complete", "none": "partial"},
    "source_freshness": {"current": "undated", "stale": "current", "not-applicable": "current"},
    "answer_groundedness": {"grounded": "partially-grounded", "partially-grounded": "grounded",
                            "ungrounded": "partially-grounded"},
    # The answers carry no citation marks: "missing" or "a spoken answer needs none".
    "citation_correctness": {"missing": "not-applicable", "not-applicable": "missing"},
    "refusal_correctness": {"under-refusal": "answered-correctly"},
    "task_success": {"success": "partial", "partial": "success", "failure": "partial"},
    "safety_outcome": {},
}
RAG_SCALES = ["spoken_delivery_clarity", "end_to_end"]
# Stage order of the rubric's form, which is also the key order in label values.
RAG_FIELD_ORDER = ["asr_entity_accuracy", "query_intent", "retrieval_recall", "source_freshness",
                   "answer_groundedness", "citation_correctness", "refusal_correctness", "task_success",
                   "spoken_delivery_clarity", "safety_outcome", "unsure", "end_to_end"]

ANNOTATORS = [
    {
        "id": "ann-alex",
        "display_name": "Alex (simulated)",
        "habits": [
            "writes numbers, dates, times and money as digits ($21, march 3rd, 4:30, 3.5%)",
            "drops hesitations (uh, um)",
            "fast: short time per clip, always listens to the end",
            "TTS ratings: calibrated",
        ],
    },
    {
        "id": "ann-bea",
        "display_name": "Bea (simulated)",
        "habits": [
            "keeps hesitations (uh, um) in transcripts",
            "sentence case with a final full stop",
            "TTS ratings: lenient (one point high, capped at 5)",
        ],
    },
    {
        "id": "ann-cem",
        "display_name": "Cem (simulated)",
        "habits": [
            "spells names by ear (siobhan -> shivon, nguyen -> nwin, niamh -> neeve ...) and sets unsure on them",
            "drops hesitations (uh, um)",
            "sometimes stops listening before the end (listened_ratio 0.6-0.9)",
            "TTS ratings: harsh on naturalness and prosody (one point low)",
        ],
    },
]
NAME_SPELLINGS_CEM = {
    "siobhan": "shivon",
    "nguyen": "nwin",
    "niamh": "neeve",
    "aoife": "eefa",
    "saoirse": "sersha",
    "joaquin": "wakeen",
    "okafor": "okafur",
}
FILLERS = {"uh", "um"}
# Clips whose speech holds personal data in the sense of asr-transcript@1's
# contains_personal_data flag, with the chance that an annotator sets it: clear
# cases (a security code; a name with a phone extension) and borderline ones.
PERSONAL_DATA = {
    "clip-013": 0.9,  # "the code is four eight one five"
    "clip-018": 0.9,  # "call mister okafor on extension two one four"
    "clip-015": 0.5,  # "my name is joaquin and i live in leeds"
    "clip-037": 0.5,  # "our order number is one two seven eight"
}
CONFUSIONS = {
    "fifteen": "fifty",
    "fifty": "fifteen",
    "thirteen": "thirty",
    "thirty": "thirteen",
    "forty": "fourteen",
    "tuesday": "thursday",
    "late": "lake",
    "rent": "rant",
    "cents": "sense",
    "leeds": "leads",
    "noon": "new",
    "close": "clothes",
    "chairs": "cheers",
    "nine": "five",
    "text": "test",
    "points": "pints",
    "june": "jude",
}
MISHEARING_RATE = {"clean": 0.05, "degraded": 0.25}


# ----------------------------------------------------------------------------
# Identifiers and plan
# ----------------------------------------------------------------------------
def asr_id(i):
    return "clip-%03d" % (i + 1)


def plan_rows():
    """(id, voice, pitch, wpm, condition, format, relative output path, text)."""
    rows = []
    for i, (text, spk, speed, cond, fmt, _domain) in enumerate(ASR_CLIPS):
        cid = asr_id(i)
        rows.append((cid, SPEAKERS[spk][0], SPEAKERS[spk][4], SPEEDS[speed], cond, fmt, "audio/%s.%s" % (cid, FORMATS[fmt][0]), text))
    for i, (prompt, voice, wpm, _lat, _ref, _mis) in enumerate(TTS_ITEMS):
        tid = "tts-%03d" % (i + 1)
        rows.append((tid, voice, 50, wpm, "clean", "wav", "audio/%s.wav" % tid, prompt))
    for i, item in enumerate(RAG_ITEMS):
        rid = "rag-%03d" % (i + 1)
        rows.append((rid, SPEAKERS[item["speaker"]][0], SPEAKERS[item["speaker"]][4], SPEEDS["normal"], item["condition"], "wav",
                     "audio/%s-query.wav" % rid, item["query"]))
        rows.append((rid + "-answer", ASSISTANT_VOICE[0], ASSISTANT_VOICE[1], SPEEDS["normal"], "clean", "wav",
                     "audio/%s-answer.wav" % rid, item["answer"].lower().rstrip(".")))
    return rows


def cmd_plan():
    for row in plan_rows():
        print("\t".join(str(x) for x in row))


# ----------------------------------------------------------------------------
# Text helpers
# ----------------------------------------------------------------------------
UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
ORDINALS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split())}
ORDINALS.update({"twentieth": 20, "thirtieth": 30})
MONTHS = set("january february march april may june july august september october november december".split())
CURRENCY = {"dollars": "$", "pounds": "\u00a3", "euros": "\u20ac"}


def ordinal_suffix(n):
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def parse_number(words, i):
    """Longest spoken cardinal/ordinal starting at words[i].

    Returns (value, is_ordinal, next_index, shape) or None; shape is 'digit'
    for a lone 0-9, 'teen' for a lone 10-19, 'tens' for 20-99 without
    hundreds, 'big' otherwise.
    """
    n = len(words)
    total, cur, j, last, ordinal = 0, 0, i, None, False
    if words[i] == "a" and i + 1 < n and words[i + 1] in ("hundred", "thousand"):
        cur, last, j = 1, "unit", i + 1
    while j < n:
        w = words[j]
        if w in ORDINALS and ORDINALS[w] < 10 and last in ("tens",):
            cur += ORDINALS[w]
            ordinal, j = True, j + 1
            break
        if w in ORDINALS and last in (None, "hundred", "thousand", "and"):
            cur += ORDINALS[w]
            ordinal, j = True, j + 1
            break
        if w in UNITS and UNITS[w] < 10 and last in (None, "tens", "hundred", "thousand", "and"):
            if w == "zero" and last is not None:
                break
            cur += UNITS[w]
            last = "unit"
        elif w in UNITS and last in (None, "hundred", "thousand", "and"):
            cur += UNITS[w]
            last = "teen"
        elif w in TENS and last in (None, "hundred", "thousand", "and"):
            cur += TENS[w]
            last = "tens"
        elif w == "hundred" and last == "unit" and 0 < cur < 10:
            cur *= 100
            last = "hundred"
        elif w == "thousand" and last in ("unit", "teen", "tens", "hundred") and cur > 0:
            total += cur * 1000
            cur = 0
            last = "thousand"
        elif w == "and" and last in ("hundred", "thousand") and j + 1 < n and (
                words[j + 1] in UNITS or words[j + 1] in TENS):
            last = "and"
        else:
            break
        j += 1
    if j == i or last in ("and",):
        return None
    value = total + cur
    span = words[i:j]
    if len(span) == 1 and span[0] in UNITS:
        shape = "digit" if value < 10 else "teen"
    elif len(span) <= 2 and last in ("tens", "unit") and value < 100 and "hundred" not in span:
        shape = "tens"
    else:
        shape = "big"
    return value, ordinal, j, shape


def to_digits(text):
    """Annotator Alex's habit: spoken numbers become digits, currencies symbols."""
    words = text.split()
    items = []  # ("w", word) or ("n", value, ordinal, shape)
    i = 0
    while i < len(words):
        p = parse_number(words, i)
        if p is None:
            items.append(("w", words[i]))
            i += 1
        else:
            value, ordinal, j, shape = p
            items.append(("n", value, ordinal, shape))
            i = j
    out = []
    k = 0
    while k < len(items):
        it = items[k]
        if it[0] == "w":
            out.append(it[1])
            k += 1
            continue
        value, ordinal, shape = it[1], it[2], it[3]
        nxt = items[k + 1] if k + 1 < len(items) else None
        nxt2 = items[k + 2] if k + 2 < len(items) else None
        if ordinal:
            out.append("%d%s" % (value, ordinal_suffix(value)))
            k += 1
            continue
        # digit strings: three or more lone digits in a row
        run = k
        while run < len(items) and items[run][0] == "n" and items[run][3] == "digit" and not items[run][2]:
            run += 1
        if run - k >= 3:
            out.append("".join(str(items[m][1]) for m in range(k, run)))
            k = run
            continue
        if nxt and nxt[0] == "n" and not nxt[2]:
            if shape == "teen" and nxt[3] == "tens":  # nineteen ninety
                out.append("%d%02d" % (value, nxt[1]))
                k += 2
                continue
            if 1 <= value <= 12 and shape == "digit" or value in (10, 11, 12):
                if 10 <= nxt[1] <= 59 and nxt[3] in ("teen", "tens"):  # four thirty
                    out.append("%d:%02d" % (value, nxt[1]))
                    k += 2
                    continue
        if nxt and nxt[0] == "w" and nxt[1] == "point" and nxt2 and nxt2[0] == "n":
            number = "%d.%d" % (value, nxt2[1])
            k += 3
        else:
            number = str(value)
            k += 1
        follow = items[k] if k < len(items) else None
        if follow and follow[0] == "w" and follow[1] == "percent":
            out.append(number + "%")
            k += 1
        elif follow and follow[0] == "w" and follow[1] in CURRENCY:
            symbol = CURRENCY[follow[1]]
            k += 1
            a = items[k] if k < len(items) else None
            b = items[k + 1] if k + 1 < len(items) else None
            c = items[k + 2] if k + 2 < len(items) else None
            if a and a[0] == "w" and a[1] == "and" and b and b[0] == "n" and c and c[0] == "w" and c[1] == "cents":
                out.append("%s%s.%02d" % (symbol, number, b[1]))
                k += 3
            else:
                out.append(symbol + number)
        else:
            out.append(number)
    return " ".join(out)


def without_fillers(text):
    return " ".join(w for w in text.split() if w not in FILLERS)


def sentence_case(text):
    return text[:1].upper() + text[1:] + "."


def wer(ref, hyp):
    r, h = ref.split(), hyp.split()
    d = list(range(len(h) + 1))
    for i in range(1, len(r) + 1):
        prev, d[0] = d[0], i
        for j in range(1, len(h) + 1):
            cur = min(d[j] + 1, d[j - 1] + 1, prev + (r[i - 1] != h[j - 1]))
            prev, d[j] = d[j], cur
    return d[len(h)] / max(1, len(r))


def rng(*parts):
    return random.Random(":".join([SEED] + [str(p) for p in parts]))


# ----------------------------------------------------------------------------
# Audio headers (exact durations for WAV; sox's figure for compressed files)
# ----------------------------------------------------------------------------
def wav_info(path):
    with open(path, "rb") as f:
        data = f.read()
    assert data[:4] == b"RIFF" and data[8:12] == b"WAVE", path
    pos, fmt, frames = 12, None, None
    while pos + 8 <= len(data):
        cid, size = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        if cid == b"fmt ":
            fmt = struct.unpack("<HHIIHH", data[pos + 8:pos + 24])
        elif cid == b"data":
            frames = size // fmt[4]
        pos += 8 + size + (size & 1)
    return {"sample_rate": fmt[2], "channels": fmt[1], "bits": fmt[5], "frames": frames,
            "duration": frames / fmt[2]}


# ----------------------------------------------------------------------------
# Build
# ----------------------------------------------------------------------------
def read_tsv(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            out[parts[0]] = parts[1] if len(parts) > 1 else ""
    return out


def labelable(consent, retention, scopes):
    return "labeling" in scopes[consent] and retention >= TODAY


CONSENT_SCOPES = [
    {"id": "synthetic-demo", "description": "Synthetic speech made for this demo; any use.",
     "allowed_uses": ["labeling", "evaluation", "training"]},
    {"id": "eval-only", "description": "May be listened to and labeled for evaluation; never trained on.",
     "allowed_uses": ["labeling", "evaluation"]},
    {"id": "no-human-review", "description": "Automatic evaluation and training only; no person may listen.",
     "allowed_uses": ["evaluation", "training"]},
    {"id": "training-only", "description": "Model training only; no listening, no evaluation reports.",
     "allowed_uses": ["training"]},
]


def build_manifest(work, out):
    hyps = read_tsv(os.path.join(work, "hypotheses.tsv"))
    durations = read_tsv(os.path.join(work, "durations.tsv"))
    scopes = {s["id"]: s["allowed_uses"] for s in CONSENT_SCOPES}

    def duration_of(rel):
        path = os.path.join(out, rel)
        if rel.endswith(".wav"):
            seconds = wav_info(path)["duration"]
        else:
            seconds = float(durations[rel])
        if not 1.0 <= seconds <= 5.0:
            sys.exit("%s lasts %.2f s; clips must last 1-5 s: shorten its text or speed it up" % (rel, seconds))
        return round(seconds, 3)

    lines = []
    for i, (text, spk, speed, cond, fmt, domain) in enumerate(ASR_CLIPS):
        cid = asr_id(i)
        voice, accent, gender, split, _pitch = SPEAKERS[spk]
        noise, snr, device, distortion = CONDITIONS[cond]
        rel = "audio/%s.%s" % (cid, FORMATS[fmt][0])
        consent = CONSENT_OVERRIDES.get(cid, "synthetic-demo" if split == "train" else "eval-only")
        entry = {
            "id": cid,
            "audio_filepath": rel,
            "duration": duration_of(rel),
            "text": text,
            "reference": text,
            "hypothesis": hyps[cid],
            "task_type": "asr-transcript",
            "speaker_id": spk,
            "slices": {
                "accent": accent,
                "gender": gender,
                "voice": "espeak-ng:" + voice,
                "speed": speed,
                "noise": noise if snr is None else "%s-%ddB" % (noise, snr),
                "snr_db": snr,
                "device": device,
                "distortion": distortion,
                "domain": domain,
                "format": fmt,
            },
            "consent_scope": consent,
            "retention_until": RETENTION_OVERRIDES.get(cid, DEFAULT_RETENTION),
            "split": "test" if cid == LEAKED_CLIP else split,
            "source": "synthetic:espeak-ng",
            "language": "en",
        }
        if cid == LEAKED_CLIP:
            entry["notes"] = ("Deliberate speaker leak: %s is a train speaker; export must report "
                              "split leakage as a release blocker." % spk)
        lines.append(entry)

    for i, (prompt, voice, wpm, latency, ref_spk, _mis) in enumerate(TTS_ITEMS):
        tid = "tts-%03d" % (i + 1)
        rel = "audio/%s.wav" % tid
        entry = {
            "id": tid,
            "audio_filepath": rel,
            "duration": duration_of(rel),
            "text": prompt,
            "task_type": "tts-rating",
            "prompt_text": prompt,
            "latency_ms": latency,
            "tts_system": "espeak-ng:" + voice,
            "speaker_id": "tts-" + voice.replace("+", "-"),
            "slices": {"voice": "espeak-ng:" + voice, "speed": "fast" if wpm > 200 else
                       ("slow" if wpm < 150 else "normal"), "domain": "assistant-prompts", "device": "studio",
                       "noise": "clean"},
            "consent_scope": "synthetic-demo",
            "retention_until": DEFAULT_RETENTION,
            "split": "test",
            "source": "synthetic:espeak-ng",
            "language": "en",
        }
        if ref_spk:
            ref_clip = min((c[3] != "clean", asr_id(k)) for k, c in enumerate(ASR_CLIPS)
                           if c[1] == ref_spk and c[4] == "wav")[1]
            entry["reference_voice"] = "audio/%s.wav" % ref_clip
        lines.append(entry)

    for i, item in enumerate(RAG_ITEMS):
        rid = "rag-%03d" % (i + 1)
        rel = "audio/%s-query.wav" % rid
        ans = "audio/%s-answer.wav" % rid
        noise, snr, device, distortion = CONDITIONS[item["condition"]]
        voice, accent, gender, split, _pitch = SPEAKERS[item["speaker"]]
        entry = {
            "id": rid,
            "audio_filepath": rel,
            "duration": duration_of(rel),
            "text": item["query"],
            "reference": item["query"],
            "hypothesis": hyps[rid],
            "task_type": "rag-stages",
            "query_audio": rel,
            "asr_text": hyps[rid],
            "retrieved_passages": [{"id": p[0], "text": p[1], "source_date": p[2]} for p in item["passages"]],
            "answer_text": item["answer"],
            "answer_audio": ans,
            "answer_duration": duration_of(ans),
            "speaker_id": item["speaker"],
            "slices": {"accent": accent, "gender": gender, "voice": "espeak-ng:" + voice,
                       "noise": noise if snr is None else "%s-%ddB" % (noise, snr), "snr_db": snr,
                       "device": device, "domain": "speech-rag"},
            "consent_scope": "eval-only",
            "retention_until": DEFAULT_RETENTION,
            "split": split,  # the speaker's split, so RAG items never leak a speaker
            "source": "synthetic:espeak-ng",
            "language": "en",
        }
        lines.append(entry)
    for e in lines:
        e["labelable"] = labelable(e["consent_scope"], e["retention_until"], scopes)
    return lines


def asr_annotators(index, clip_id):
    """Overlap: gold clips and every third clip by all three, the rest by a rotating pair."""
    names = ["ann-alex", "ann-bea", "ann-cem"]
    if index % 3 == 0 or clip_id in GOLD_CLIPS:
        return names
    pairs = [("ann-alex", "ann-bea"), ("ann-bea", "ann-cem"), ("ann-alex", "ann-cem")]
    return list(pairs[index % len(pairs)])


def simulate_transcript(clip, annotator):
    """Derive one annotator's transcript from the verbatim reference."""
    r = rng("asr", clip["id"], annotator)
    words = clip["reference"].split()
    degraded = clip["slices"]["noise"] != "clean" and (clip["slices"]["snr_db"] or 99) <= 10 \
        or clip["slices"]["device"] == "telephone" or clip["slices"]["distortion"] == "clipping"
    misheard = None
    scripted = SCRIPTED_MISHEARINGS.get((clip["id"], annotator))
    if scripted:
        words = [scripted[1] if w == scripted[0] else w for w in words]
        misheard = scripted
    elif r.random() < MISHEARING_RATE["degraded" if degraded else "clean"]:
        candidates = [k for k, w in enumerate(words) if w in CONFUSIONS]
        if candidates:
            k = r.choice(candidates)
            misheard = (words[k], CONFUSIONS[words[k]])
            words[k] = CONFUSIONS[words[k]]
        else:
            short = [k for k, w in enumerate(words) if w in ("the", "to", "a", "at", "in", "on", "for")]
            if short:
                k = r.choice(short)
                misheard = (words[k], "")
                del words[k]
    text = " ".join(words)
    if annotator == "ann-alex":
        text = to_digits(without_fillers(text))
    elif annotator == "ann-bea":
        text = sentence_case(text)
    else:
        text = " ".join(NAME_SPELLINGS_CEM.get(w, w) for w in without_fillers(text).split())
    # The draws below keep the order they had when flags were free-form, so the
    # seeded mishearings and transcripts stay what PROVENANCE.txt lists.
    bad_audio = bool(degraded and r.random() < 0.7)
    unsure = bool(misheard and r.random() < 0.5) or (degraded and r.random() < 0.2)
    if annotator == "ann-cem" and any(w in NAME_SPELLINGS_CEM for w in clip["reference"].split()):
        unsure = True  # Cem is not sure of the names they spelled by ear
    personal = PERSONAL_DATA.get(clip["id"], 0.0) > rng("pii", clip["id"], annotator).random()
    return asr_value(text, bad_audio=bad_audio, personal=personal, unsure=unsure), misheard


def asr_value(transcript, bad_audio=False, personal=False, unsure=False):
    """An asr-transcript@1 label value (LabelValueJson form); flags that are not set are left out."""
    fields = {"transcript": transcript}
    for name, is_set in (("bad_audio", bad_audio), ("contains_personal_data", personal), ("unsure", unsure)):
        if is_set:
            fields[name] = True
    return {"rubric": "asr-transcript@1", "fields": fields}


TTS_BIAS = {"ann-alex": {}, "ann-bea": {d: 1 for d in TTS_DIMENSIONS},
            "ann-cem": {"naturalness": -1, "prosody": -1}}
TTS_PREFERENCE_OPTIONS = ["sample-much-better", "sample-better", "no-preference", "reference-better",
                          "reference-much-better"]
TTS_PREFERENCE_BIAS = {"ann-alex": 0, "ann-bea": -1, "ann-cem": 1}  # lenient Bea leans to the sample
TTS_FIELD_ORDER = ["intelligibility", "naturalness", "pronunciation", "mispronounced_words", "speaker_consistency",
                   "prosody", "audio_artifacts", "safety", "preference_vs_reference"]


def tts_truth(item):
    prompt, voice, wpm, _lat, _ref, mis = item
    s = {"intelligibility": 4, "naturalness": 2, "pronunciation": 4, "speaker_consistency": 5, "prosody": 3,
         "audio_artifacts": 4, "safety": 5}
    if wpm > 200:
        s["intelligibility"], s["prosody"], s["audio_artifacts"] = 2, 2, 3
    if wpm < 150:
        s["prosody"] = 2
    if mis:
        s["pronunciation"] = 2 if len(mis) > 1 else 3
    if "+f" in voice:
        s["naturalness"] = 3
    return s


def rag_truth(entry, item):
    """The true rag-stages@1 answers: the ASR stage from the real PocketSphinx text, the rest as built."""
    heard = set(entry["asr_text"].split())
    asr = "correct" if all(w in heard for w in item["entities"]) else "wrong-entity"
    truth = dict(item["truth"], asr_entity_accuracy=asr)
    return {name: truth[name] for name in RAG_FIELD_ORDER if name in truth}


def word_indices(prompt, words):
    """Zero-based indices of every occurrence of words in the prompt split on whitespace."""
    return [k for k, w in enumerate(prompt.split()) if w in words]


def build_labels(manifest):
    labels = []
    start = int(datetime.datetime(2026, 11, 16, 9, 0, tzinfo=datetime.timezone.utc).timestamp())
    clocks = {"ann-alex": start, "ann-bea": start + 1800, "ann-cem": start + 3600}  # 09:00, 09:30, 10:00Z
    speed = {"ann-alex": 0.8, "ann-bea": 1.0, "ann-cem": 1.3}
    events = []

    def stamp(annotator, clip, value, task, rubric, words):
        r = rng("time", clip["id"], annotator)
        listened = 1.0
        if annotator == "ann-cem" and r.random() < 0.3:
            listened = round(r.uniform(0.6, 0.9), 2)
        listens = r.choice([1, 1, 2, 2, 3]) * listened
        spent = int((clip["duration"] * 1000 * listens + words * r.uniform(450, 900)) * speed[annotator])
        created = clocks[annotator]
        submitted_ms = created * 1000 + spent
        clocks[annotator] = submitted_ms // 1000 + r.randint(4, 40)
        labels.append({
            "clip_id": clip["id"],
            "annotator_id": annotator,
            "task_type": task,
            "rubric_version": rubric,
            "value": value,
            "time_spent_ms": spent,
            "listened_ratio": listened,
            "created_at": iso(created * 1000),
            "submitted_at": iso(submitted_ms),
        })

    asr = [c for c in manifest if c["task_type"] == "asr-transcript" and c["labelable"]]
    for n, clip in enumerate(asr):
        for annotator in asr_annotators(n, clip["id"]):
            value, misheard = simulate_transcript(clip, annotator)
            if misheard:
                events.append((clip["id"], annotator, misheard))
            stamp(annotator, clip, value, "asr-transcript", "asr-transcript@1", len(clip["reference"].split()))
    tts = [c for c in manifest if c["task_type"] == "tts-rating"]
    for n, clip in enumerate(tts):
        truth = tts_truth(TTS_ITEMS[n])
        for annotator in ("ann-alex", "ann-bea", "ann-cem"):
            r = rng("tts", clip["id"], annotator)
            fields = {}
            for d in TTS_DIMENSIONS:
                v = truth[d] + TTS_BIAS[annotator].get(d, 0)
                if d != "safety" and r.random() < 0.2:
                    v += r.choice([-1, 1])
                fields[d] = max(1, min(5, v))
            heard = [w for w in TTS_ITEMS[n][5] if r.random() < 0.8]
            marks = word_indices(clip["prompt_text"], heard)
            if marks and fields["pronunciation"] < 5:  # the rubric: no marks when pronunciation is 5
                fields["mispronounced_words"] = marks
            if clip["id"] in TTS_PREFERENCE:
                options = TTS_PREFERENCE_OPTIONS
                k = options.index(TTS_PREFERENCE[clip["id"]]) + TTS_PREFERENCE_BIAS[annotator]
                if r.random() < 0.3:
                    k += r.choice([-1, 1])
                fields["preference_vs_reference"] = options[max(0, min(len(options) - 1, k))]
            ordered = {name: fields[name] for name in TTS_FIELD_ORDER if name in fields}
            stamp(annotator, clip, {"rubric": "tts-rating@1", "fields": ordered}, "tts-rating", "tts-rating@1", 8)
    rag = [c for c in manifest if c["task_type"] == "rag-stages"]
    for n, clip in enumerate(rag):
        truth = rag_truth(clip, RAG_ITEMS[n])
        for annotator in ("ann-alex", "ann-bea", "ann-cem"):
            r = rng("rag", clip["id"], annotator)
            fields = {}
            deviated = 0
            for name, v in truth.items():
                if name in RAG_SCALES:
                    if r.random() < 0.2:
                        v = max(1, min(5, v + r.choice([-1, 1])))
                        deviated += 1
                elif r.random() < 0.15 and v in RAG_CONFUSIONS[name]:
                    v = RAG_CONFUSIONS[name][v]
                    deviated += 1
                fields[name] = v
            if deviated >= 2 or r.random() < 0.1:
                fields["unsure"] = True
            ordered = {name: fields[name] for name in RAG_FIELD_ORDER if name in fields}
            stamp(annotator, clip, {"rubric": "rag-stages@1", "fields": ordered}, "rag-stages", "rag-stages@1", 4)
    return labels, events


def iso(ms):
    t = datetime.datetime.fromtimestamp(ms / 1000, tz=datetime.timezone.utc)
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (ms % 1000)


def build_gold(manifest):
    by_id = {c["id"]: c for c in manifest}
    gold = []
    for cid in GOLD_CLIPS:
        clip = by_id[cid]
        gold.append({
            "clip_id": cid,
            "task_type": "asr-transcript",
            "rubric_version": "asr-transcript@1",
            "value": asr_value(clip["reference"]),
            "note": "Verbatim as asr-transcript@1 asks: every word as spoken, hesitations (uh, um) kept, "
                    "numbers in words.",
        })
    rag = [c for c in manifest if c["task_type"] == "rag-stages"]
    for n in (1, 2):
        gold.append({
            "clip_id": rag[n]["id"],
            "task_type": "rag-stages",
            "rubric_version": "rag-stages@1",
            "value": {"rubric": "rag-stages@1", "fields": rag_truth(rag[n], RAG_ITEMS[n])},
            "note": "Known answer from how the item was built.",
        })
    return gold


def contract():
    return {
        "dataset_id": "earmark-demo",
        "name": "Earmark demo dataset",
        "purpose": "Demonstrate Earmark end to end: import, labeling, agreement, adjudication, policy diffs "
                   "and export blockers, on synthetic English speech with genuine ASR errors.",
        "owner": "Earmark maintainers (demo lead: lead@earmark.invalid)",
        "source": "Synthetic: speech rendered by espeak-ng from scripted sentences, degraded with sox; "
                  "ASR hypotheses from CMU PocketSphinx (en-us model); labels from three simulated annotators. "
                  "Generated by sample-fixtures/generate.sh.",
        "sources": ["synthetic:espeak-ng"],
        # broken/manifest.jsonl names its good clip as ../audio/clip-001.wav, outside its own folder
        "audio_outside_manifest_folder": True,
        "consent_scopes": CONSENT_SCOPES,
        "allowed_uses": ["labeling", "evaluation", "training"],
        "retention_policy": {
            "default_retention_until": DEFAULT_RETENTION,
            "rule": "Each clip carries retention_until; a clip past that date is excluded at import and "
                    "blocks any export that contains it.",
        },
        "language": "en",
        "domain": ["banking", "calendar", "contacts", "travel", "music", "general", "assistant-prompts",
                   "speech-rag"],
        "acoustic_conditions": ["clean", "white noise at 20, 10 and 5 dB SNR", "brown noise at 10 dB SNR",
                                "telephone band (300-3400 Hz, 8 kHz mu-law)", "hard clipping"],
        "device_class": ["studio", "laptop", "far-field", "telephone", "headset"],
        "known_gaps": [
            "All speech is synthetic (espeak-ng formant synthesis); no human voices, no spontaneous speech.",
            "Accents are espeak-ng voice approximations, not native speakers.",
            "Only English; short read sentences (1-5 s); no overlapping speakers or long-form audio.",
            "Hypotheses come from one small open model (PocketSphinx), so WER is far higher than modern ASR.",
        ],
    }


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


# ----------------------------------------------------------------------------
# Broken files (ima-adpcm comes from sox in generate.sh)
# ----------------------------------------------------------------------------
def pcm_wav(rate, channels, bits, frames_bytes):
    block = channels * bits // 8
    fmt = struct.pack("<HHIIHH", 1, channels, rate, rate * block, block, bits)
    return (b"RIFF" + struct.pack("<I", 4 + 8 + len(fmt) + 8 + len(frames_bytes)) + b"WAVE"
            + b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", len(frames_bytes))
            + frames_bytes)


def build_broken(out, good_wav):
    bdir = os.path.join(out, "broken")
    with open(good_wav, "rb") as f:
        good = f.read()
    info = wav_info(good_wav)
    assert info["channels"] == 1 and info["bits"] == 16 and len(good) > 44 + 8000
    assert good[36:40] == b"data", "expected sox's canonical 44-byte header"
    samples = good[44:]
    files = {}

    def put(name, data):
        with open(os.path.join(bdir, name), "wb") as f:
            f.write(data)
        files[name] = len(data)

    put("empty.wav", b"")
    put("not-audio.wav", b"This is a plain text file that was renamed to .wav.\n"
                         b"An importer must say it is not audio instead of reading noise.\n")
    whole = pcm_wav(16000, 1, 16, samples)
    put("truncated-data.wav", whole[:44 + len(samples) // 3 + 1])  # header promises all of it; odd byte cut
    lying = bytearray(pcm_wav(16000, 1, 16, samples[:16000]))
    struct.pack_into("<I", lying, 4, 0x7FFFFFF0)  # RIFF size ~2 GiB
    struct.pack_into("<I", lying, 40, 0xFFFFFFF0)  # data size ~4 GiB, file holds 0.5 s
    put("lying-header.wav", bytes(lying))
    absurd = bytearray(pcm_wav(16000, 1, 16, samples[:16000]))
    struct.pack_into("<I", absurd, 24, 999999)
    struct.pack_into("<I", absurd, 28, 999999 * 2)
    put("absurd-sample-rate.wav", bytes(absurd))
    put("zero-duration.wav", pcm_wav(16000, 1, 16, b""))
    return files


BROKEN_KINDS = [
    # file, kind, expected problem
    ("empty.wav", "empty-file", "0-byte file: quarantined as empty, no decoding attempted"),
    ("not-audio.wav", "not-audio", "text renamed .wav: no RIFF/WAVE signature, quarantined as not audio"),
    ("truncated-data.wav", "truncated-data",
     "the data chunk header announces the whole 3 s clip but the file stops after about a third, mid-sample"),
    ("lying-header.wav", "header-size-mismatch",
     "RIFF and data chunk sizes claim ~2-4 GiB in a 32 KB file; must be rejected without allocating"),
    ("unsupported-codec.wav", "unsupported-codec",
     "valid WAV with IMA ADPCM (format tag 0x0011), which Earmark does not decode"),
    ("absurd-sample-rate.wav", "sample-rate-out-of-range",
     "16-bit PCM whose fmt chunk says 999999 Hz (outside 1 kHz-384 kHz)"),
    ("zero-duration.wav", "zero-duration", "valid 16 kHz PCM header with an empty data chunk (0 frames)"),
]


def build_broken_manifest(out):
    bdir = os.path.join(out, "broken")
    lines = []
    for n, (name, kind, _why) in enumerate(BROKEN_KINDS):
        lines.append(json.dumps({"id": "broken-%02d" % (n + 1), "audio_filepath": name, "duration": 1.0,
                                 "text": "broken file", "expected_problem": kind, "source": "synthetic:broken",
                                 "language": "en", "consent_scope": "synthetic-demo",
                                 "retention_until": DEFAULT_RETENTION, "split": "test",
                                 "task_type": "asr-transcript"}))
    lines.append(json.dumps({"id": "broken-08", "audio_filepath": "missing-file.wav", "duration": 1.0,
                             "text": "file does not exist", "expected_problem": "unreadable",
                             "source": "synthetic:broken", "language": "en", "consent_scope": "synthetic-demo",
                             "retention_until": DEFAULT_RETENTION, "split": "test",
                             "task_type": "asr-transcript"}))
    lines.append('{"id": "broken-09", "audio_filepath": "empty.wav", "duration": 1.0, "text": "bad json"')
    lines.append(json.dumps({"id": "broken-10", "duration": 2.0, "text": "no audio_filepath",
                             "expected_problem": "missing-audio-filepath", "source": "synthetic:broken",
                             "language": "en", "consent_scope": "synthetic-demo",
                             "retention_until": DEFAULT_RETENTION, "split": "test",
                             "task_type": "asr-transcript"}))
    good = json.loads(open(os.path.join(out, "manifest.jsonl"), encoding="utf-8").readline())
    good["audio_filepath"] = "../" + good["audio_filepath"]
    good["expected_problem"] = None
    lines.append(json.dumps(good, ensure_ascii=False))
    with open(os.path.join(bdir, "manifest.jsonl"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    readme = [
        "# Broken inputs",
        "",
        "Generated by `sample-fixtures/generate.sh`. One file per failure kind that import must quarantine",
        "with a reason (PRODUCT.md section 8) without crashing, hanging or running out of memory. Each line of",
        "`manifest.jsonl` carries the kind in `expected_problem`.",
        "",
        "| file | expected_problem | what it is |",
        "| --- | --- | --- |",
    ]
    for name, kind, why in BROKEN_KINDS:
        readme.append("| `%s` | `%s` | %s |" % (name, kind, why))
    readme += [
        "",
        "Unreadable files (permission denied) cannot be committed to git; tests create one on the fly.",
        "",
        "`manifest.jsonl` lines:",
        "",
        "| line | id | expected |",
        "| --- | --- | --- |",
    ]
    for n, (name, kind, _why) in enumerate(BROKEN_KINDS):
        readme.append("| %d | broken-%02d | `%s` quarantined: `%s` |" % (n + 1, n + 1, name, kind))
    k = len(BROKEN_KINDS)
    readme += [
        "| %d | broken-08 | `missing-file.wav` does not exist: quarantined as `unreadable` |" % (k + 1),
        "| %d | broken-09 | malformed JSON (the object is never closed): error reported with line %d |"
        % (k + 2, k + 2),
        "| %d | broken-10 | valid JSON without `audio_filepath`: error reported with line %d naming the field |"
        % (k + 3, k + 3),
        "| %d | clip-001 | a good clip (`../audio/clip-001.wav`, outside this folder, which the demo contract "
        "allows with `audio_outside_manifest_folder`): imported, showing that the rest of the file "
        "still imports |" % (k + 4),
        "",
    ]
    with open(os.path.join(bdir, "README.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(readme))


def write_labels(manifest, out):
    """Writes labels.jsonl, gold.jsonl and annotators.json; returns (labels, gold, mishearing lines)."""
    labels, events = build_labels(manifest)
    gold = build_gold(manifest)
    write_jsonl(os.path.join(out, "labels.jsonl"), labels)
    write_jsonl(os.path.join(out, "gold.jsonl"), gold)
    with open(os.path.join(out, "annotators.json"), "w", encoding="utf-8") as f:
        json.dump(ANNOTATORS, f, indent=2, ensure_ascii=False)
        f.write("\n")
    # A short account of what the simulation did, for PROVENANCE.txt and reviewers.
    lines = ["%s\t%s\t%s -> %s" % (cid, ann, heard_from, heard_as or "(dropped)")
             for cid, ann, (heard_from, heard_as) in events]
    return labels, gold, lines


def cmd_build(work, out):
    manifest = build_manifest(work, out)
    write_jsonl(os.path.join(out, "manifest.jsonl"),
                [{k: v for k, v in e.items() if k != "labelable"} for e in manifest])
    labels, gold, mishearings = write_labels(manifest, out)
    with open(os.path.join(out, "contract.json"), "w", encoding="utf-8") as f:
        json.dump(contract(), f, indent=2, ensure_ascii=False)
        f.write("\n")
    build_broken(out, os.path.join(out, "audio", "clip-001.wav"))
    build_broken_manifest(out)
    with open(os.path.join(work, "mishearings.tsv"), "w", encoding="utf-8") as f:
        f.writelines(line + "\n" for line in mishearings)
    print("manifest: %d items, labels: %d, gold: %d, mishearings: %d" % (len(manifest), len(labels), len(gold),
                                                                        len(mishearings)), file=sys.stderr)


PROVENANCE_MISHEARINGS = "Simulated mishearings (clip, annotator, word heard as):"


def cmd_labels(out):
    """Rewrites only the simulated labels from the committed manifest; audio and hypotheses stay as they are."""
    scopes = {s["id"]: s["allowed_uses"] for s in CONSENT_SCOPES}
    with open(os.path.join(out, "manifest.jsonl"), encoding="utf-8") as f:
        manifest = [json.loads(line) for line in f if line.strip()]
    for e in manifest:
        e["labelable"] = labelable(e["consent_scope"], e["retention_until"], scopes)
    labels, gold, mishearings = write_labels(manifest, out)
    path = os.path.join(out, "PROVENANCE.txt")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if PROVENANCE_MISHEARINGS not in text:
        sys.exit("%s has no line '%s'; run generate.sh without --labels-only" % (path, PROVENANCE_MISHEARINGS))
    head = text[:text.index(PROVENANCE_MISHEARINGS)]
    with open(path, "w", encoding="utf-8") as f:
        f.write(head + PROVENANCE_MISHEARINGS + "\n" + "".join("  %s\n" % line for line in mishearings))
    print("labels: %d, gold: %d, mishearings: %d" % (len(labels), len(gold), len(mishearings)), file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "plan":
        cmd_plan()
    elif len(sys.argv) == 4 and sys.argv[1] == "build":
        cmd_build(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 3 and sys.argv[1] == "labels":
        cmd_labels(sys.argv[2])
    elif len(sys.argv) == 3 and sys.argv[1] == "digits":
        print(to_digits(sys.argv[2]))
    else:
        sys.exit("usage: generate_labels.py plan | build WORK OUT | labels OUT | digits TEXT")
