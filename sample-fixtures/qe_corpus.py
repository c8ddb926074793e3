#!/usr/bin/env python3
"""Plans the QE training corpus and writes its language model (see qe-corpus/README.md).

  qe_corpus.py plan SEED CLIPS DICT   one tab-separated row per clip on stdout
  qe_corpus.py lm SEED DICT           the matched bigram language model (ARPA) on stdout
  qe_corpus.py dict SEED DICT         the entries of DICT for the corpus's words (its vocabulary)
  qe_corpus.py collect WORK OUT SEED DICT  corpus.jsonl and manifest.jsonl from the finished clips

Standard library only. Everything random comes from random.Random(SEED), so the same seed and the
same pronouncing dictionary give the same plan, language model and corpus rows.

Grouping: voices and sentences are each dealt into GROUPS groups, and every clip takes its voice and
its sentence from the same group. Folds by group therefore never share a voice or a sentence
between training and test.
"""
import json
import math
import os
import random
import sys
from collections import Counter, defaultdict

GROUPS = 5

ACCENTS = ["en-us", "en-us-nyc", "en-gb", "en-gb-scotland", "en-gb-x-rp", "en-gb-x-gbclan",
           "en-gb-x-gbcwmd", "en-029"]
# Klatt variants (the ones PocketSphinx recognises best) and plain formant variants (harder).
VARIANTS = ["klatt", "klatt2", "klatt3", "klatt4", "klatt5", "klatt6", "m1", "m3", "f2", "f4"]
# Voices of the babble bed: variants no corpus voice uses, speech reversed (unintelligible).
BABBLE_VOICES = ["en-us+m2", "en-gb+f1", "en-029+m5", "en-us-nyc+f3", "en-gb-scotland+m4",
                 "en-gb-x-rp+f5"]
BABBLE_LINES = [
    "the committee will reconvene after the break to discuss the remaining items",
    "could you pass me the salt and the pepper and maybe some bread as well",
    "we drove along the coast for hours before we found a place to stay",
    "nobody expected the results to arrive so early in the afternoon",
    "the children were playing in the garden while the adults talked",
    "there is a small shop around the corner that sells fresh coffee",
]

FIRST = ["margaret", "oswald", "james", "maria", "ahmed", "yusuf", "olga", "chen", "fatima",
         "gregory", "ingrid", "rafael", "siobhan", "dmitri", "aisha", "bernard", "lucia",
         "kenji", "agnes", "desmond", "beatrice", "ravi", "svetlana", "horace", "mildred",
         "tobias", "ursula", "winston", "yolanda", "ezekiel", "gwendolyn", "lars", "nadia",
         "otto", "rosalind", "seamus", "thaddeus", "vera", "ximena", "zelda"]
SURNAMES = ["thompson", "nakamura", "okafor", "schmidt", "kowalski", "fitzgerald", "ramirez",
            "lindqvist", "abernathy", "oconnor", "petrov", "haddad", "morrison", "gallagher",
            "delacroix", "van", "brennan", "castillo", "whitfield", "yamamoto", "ostrowski",
            "mcallister", "bianchi", "henderson", "kaufman", "novak", "sullivan", "winthrop"]
CITIES = ["edinburgh", "tokyo", "nairobi", "lisbon", "reykjavik", "montevideo", "seoul", "manila",
          "dakar", "oslo", "quito", "hanoi", "boston", "denver", "glasgow", "munich", "vienna",
          "cairo", "lima", "toronto", "madrid", "dublin", "helsinki", "prague", "budapest",
          "istanbul", "chicago", "phoenix", "atlanta", "seattle"]
RARE = ["kumquat", "sassafras", "ephemeral", "zeitgeist", "quinoa", "xylophone", "anemone",
        "obfuscate", "chutzpah", "fjord", "kiwi", "saffron", "okra", "paprika", "juniper",
        "pomegranate", "papaya", "rhubarb", "artichoke", "aubergine", "quixotic", "ubiquitous",
        "serendipity", "mnemonic", "labyrinth", "meringue", "silhouette", "tapestry", "gargoyle",
        "periwinkle", "platypus", "armadillo", "chameleon", "narwhal", "axolotl", "origami",
        "haiku", "kaleidoscope", "marmalade", "lagoon", "avalanche", "bagpipes", "cauliflower",
        "dandelion", "eucalyptus", "flamingo", "gondola", "harpsichord", "igloo", "jalapeno",
        "kayak", "lozenge", "mahogany", "nectarine", "oregano", "pistachio", "quarantine",
        "rhinoceros", "sarcophagus", "tarantula", "ukulele", "vermilion", "walrus", "yodel",
        "zucchini", "bureaucracy", "photosynthesis", "thermostat", "paraphernalia", "anchovy"]
ADJ = ["brilliant", "terrible", "strange", "delicious", "expensive", "broken", "perfect",
       "enormous", "tiny", "suspicious", "wonderful", "ridiculous", "ancient", "fragile"]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
        "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
ORD = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
       "nine": "ninth", "twelve": "twelfth"}


def words(n):
    """Cardinal number in words, 0 <= n < 10000."""
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else " " + ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return ONES[n // 100] + " hundred" + ("" if rest == 0 else " and " + words(rest))
    rest = n % 1000
    return words(n // 1000) + " thousand" + ("" if rest == 0 else " " + words(rest))


def ordinal(n):
    text = words(n)
    last = text.split(" ")[-1]
    if last in ORD:
        return text[: len(text) - len(last)] + ORD[last]
    if last.endswith("y"):
        return text[:-1] + "ieth"
    return text + "th"


def year(rng):
    y = rng.choice([1987, 1999, 2003, 2011, 2019, 2024, 2025, 2026, 2027, 2030])
    if 2000 <= y < 2010:
        return "two thousand and " + words(y - 2000) if y > 2000 else "two thousand"
    return words(y // 100) + " " + words(y % 100)


TEMPLATES = [
    "call {first} at {hour} o'clock",
    "set a timer for {small} minutes",
    "please transfer {num} dollars to {first} {last} on {date}",
    "the {rare} arrived on {date} with {small} boxes",
    "remind me to buy {rare} and {rare2} tomorrow",
    "my flight to {city} leaves at {hour} {minute} on {weekday}",
    "{first} said the {rare} was {adj}",
    "the meeting with {first} {last} moved to {date}",
    "order {small} kilograms of {rare} for the party in {city}",
    "play the song {rare} by {first} {last}",
    "what is the weather in {city} on {weekday}",
    "send {first} the photos of the {rare}",
    "the invoice number is {num} and it is due on {date}",
    "{first} {last} was born on {date} {year}",
    "book a table for {small} at the {rare} restaurant",
    "after the conference in {city} {first} wrote {num} pages about the {rare}",
    "our {adj} neighbour keeps a {rare} and a {rare2} in the garden",
    "the train from {city} to {city2} was {small} minutes late on {weekday}",
    "add {rare} to the shopping list",
    "read me the last message from {first}",
    "the museum in {city} bought an {adj} {rare} for {num} pounds",
    "cancel everything on {date}",
    "{first} found {small} {rare} near the old {rare2}",
    "navigate to {num} {last} street",
    "how do you spell {rare}",
]


def fill(template, rng):
    rare = rng.sample(RARE, 2)
    cities = rng.sample(CITIES, 2)
    values = {
        "first": rng.choice(FIRST),
        "last": rng.choice(SURNAMES),
        "city": cities[0],
        "city2": cities[1],
        "rare": rare[0],
        "rare2": rare[1],
        "adj": rng.choice(ADJ),
        "weekday": rng.choice(WEEKDAYS),
        "hour": words(rng.randint(1, 12)),
        "minute": words(rng.choice([5, 10, 15, 20, 25, 30, 40, 45, 50, 55])),
        "small": words(rng.randint(2, 19)),
        "num": words(rng.choice([rng.randint(21, 99), rng.randint(101, 999),
                                 rng.randint(1001, 9999)])),
        "date": "the " + ordinal(rng.randint(1, 31)) + " of " + rng.choice(MONTHS),
        "year": year(rng),
    }
    return template.format(**values)


def dictionary(path):
    known = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            word = line.split(" ", 1)[0]
            known.add(word.split("(", 1)[0])
    return known


def sentences(rng, known, count=400):
    """Unique sentences, every word in the recogniser's dictionary, 4 to 15 words."""
    out = []
    seen = set()
    attempts = 0
    while len(out) < count:
        attempts += 1
        if attempts > count * 200:
            raise SystemExit("qe_corpus.py: could not make enough distinct sentences")
        text = fill(TEMPLATES[len(out) % len(TEMPLATES)], rng)
        tokens = text.split()
        if text in seen or not 4 <= len(tokens) <= 15 or any(t not in known for t in tokens):
            continue
        seen.add(text)
        out.append(text)
    return out


def design(seed, known):
    """Voices and sentences dealt into groups; the same seed gives the same design."""
    rng = random.Random(seed)
    voices = [a + "+" + v for a in ACCENTS for v in VARIANTS]
    rng.shuffle(voices)
    texts = sentences(rng, known)
    rng.shuffle(texts)
    voice_group = {v: i % GROUPS for i, v in enumerate(voices)}
    sentence_ids = ["s%03d" % (i + 1) for i in range(len(texts))]
    sentence_group = {sid: i % GROUPS for i, sid in enumerate(sentence_ids)}
    return rng, voices, voice_group, dict(zip(sentence_ids, texts)), sentence_group


CONDITIONS = [("clean", 12), ("white", 18), ("pink", 18), ("babble", 16), ("telephone", 9),
              ("clipping", 9), ("reverb", 9), ("mp3", 9)]


def plan(seed, clips, dict_path):
    rng, voices, voice_group, texts, sentence_group = design(seed, dictionary(dict_path))
    by_group_v = defaultdict(list)
    by_group_s = defaultdict(list)
    for v in voices:
        by_group_v[voice_group[v]].append(v)
    for sid in texts:
        by_group_s[sentence_group[sid]].append(sid)
    names = [c for c, _ in CONDITIONS]
    weights = [w for _, w in CONDITIONS]
    rows = []
    for i in range(clips):
        g = i % GROUPS
        k = i // GROUPS
        voice = by_group_v[g][(k * 7) % len(by_group_v[g])]
        sid = by_group_s[g][(k * 13 + k // len(by_group_s[g])) % len(by_group_s[g])]
        text = texts[sid]
        n_words = len(text.split())
        # Rate so that the clip lasts about 2 to 5.5 s: words / (wpm / 60).
        lo = max(110, int(n_words * 60 / 5.2))
        hi = min(240, max(lo + 10, int(n_words * 60 / 1.9)))
        wpm = rng.randint(lo, hi)
        pitch = rng.randint(20, 80)
        cond = rng.choices(names, weights)[0]
        param = "-"  # "-" for none: bash's read collapses empty tab-separated fields
        snr = "-"
        if cond in ("white", "pink", "babble"):
            snr = str(rng.randint(0, 30))
        elif cond == "clipping":
            param = str(rng.randint(8, 22))  # dB of gain above a -6 dBFS peak
        elif cond == "reverb":
            param = str(rng.choice([40, 60, 80, 100]))  # sox reverberance %
        elif cond == "mp3":
            param = str(rng.choice([16, 24, 32]))  # lame kbit/s (8 leaves nothing to recognise)
        offset = "%.3f" % rng.uniform(0, 50)  # where in the 60 s noise bed the noise starts
        if cond not in ("white", "pink", "babble"):
            offset = "-"
        rows.append(["qe-%04d" % (i + 1), "g%d" % (g + 1), voice, str(pitch), str(wpm), sid,
                     cond, snr, param, offset, text])
    return rows


def language_model(seed, dict_path):
    """Bigram ARPA model over every corpus sentence: absolute discounting (D = 0.5) with backoff."""
    _, _, _, texts, _ = design(seed, dictionary(dict_path))
    uni = Counter()
    bi = Counter()
    for text in texts.values():
        tokens = ["<s>"] + text.split() + ["</s>"]
        uni.update(tokens)
        bi.update(zip(tokens, tokens[1:]))
    total = sum(c for w, c in uni.items() if w != "<s>")
    discount = 0.5
    followers = defaultdict(list)
    for (a, b), c in bi.items():
        followers[a].append((b, c))
    p_uni = {w: (uni[w] / total if w != "<s>" else 0.0) for w in uni}
    lines = ["\\data\\", "ngram 1=%d" % len(uni), "ngram 2=%d" % len(bi), "", "\\1-grams:"]
    for w in sorted(uni):
        prob = -99.0 if w == "<s>" else math.log10(p_uni[w])
        if w in followers:
            outs = followers[w]
            count = sum(c for _, c in outs)
            left = discount * len(outs) / count
            covered = sum(p_uni[b] for b, _ in outs)
            backoff = math.log10(left / (1.0 - covered)) if covered < 1 else -99.0
            lines.append("%.6f\t%s\t%.6f" % (prob, w, backoff))
        else:
            lines.append("%.6f\t%s" % (prob, w))
    lines += ["", "\\2-grams:"]
    for (a, b) in sorted(bi):
        count = sum(c for _, c in followers[a])
        lines.append("%.6f\t%s %s" % (math.log10((bi[(a, b)] - discount) / count), a, b))
    lines += ["", "\\end\\", ""]
    return "\n".join(lines)


def vocabulary_dictionary(seed, dict_path):
    """The pronouncing dictionary's entries (alternates included) for the corpus's words only: the
    recogniser cannot output a word its language model lacks, and loading 400 entries instead of
    135,000 makes each PocketSphinx run about ten times faster."""
    _, _, _, texts, _ = design(seed, dictionary(dict_path))
    vocabulary = {w for text in texts.values() for w in text.split()}
    out = []
    with open(dict_path, encoding="utf-8") as f:
        for line in f:
            if line.split(" ", 1)[0].split("(", 1)[0] in vocabulary:
                out.append(line)
    return "".join(out)


def collect(work, out_dir, seed, dict_path):
    """corpus.jsonl (provenance, reference, hypothesis) and a manifest for earmark qe features."""
    rows = plan(seed, int(open(os.path.join(work, "clips.count")).read()), dict_path)
    corpus = []
    for clip_id, group, voice, pitch, wpm, sid, cond, snr, param, offset, text in rows:
        hyp_path = os.path.join(work, "hyp", clip_id + ".txt")
        wav = os.path.join(work, "clips", clip_id + ".wav")
        if not (os.path.exists(hyp_path) and os.path.exists(wav)):
            continue
        with open(hyp_path, encoding="utf-8") as f:
            hyp = " ".join(f.read().split())
        accent, variant = voice.split("+")
        corpus.append({
            "id": clip_id,
            "group": group,
            "voice": "espeak-ng:" + voice,
            "accent": accent,
            "variant": variant,
            "synthesis": "klatt" if variant.startswith("klatt") else "formant",
            "pitch": int(pitch),
            "wpm": int(wpm),
            "sentence_id": sid,
            "condition": cond,
            "snr_db": None if snr == "-" else int(snr),
            "condition_param": None if param == "-" else int(param),
            "noise_offset_s": None if offset == "-" else float(offset),
            "reference": text,
            "hypothesis": hyp,
        })
    with open(os.path.join(out_dir, "corpus.jsonl"), "w", encoding="utf-8") as f:
        for row in corpus:
            f.write(json.dumps(row, ensure_ascii=False, sort_keys=False) + "\n")
    with open(os.path.join(work, "manifest.jsonl"), "w", encoding="utf-8") as f:
        for row in corpus:
            f.write(json.dumps({"id": row["id"], "group": row["group"],
                                "audio_filepath": "clips/" + row["id"] + ".wav",
                                "reference": row["reference"],
                                "hypothesis": row["hypothesis"]}) + "\n")
    print("qe_corpus.py: %d of %d planned clips collected" % (len(corpus), len(rows)),
          file=sys.stderr)


def main(argv):
    if len(argv) >= 5 and argv[1] == "plan":
        for row in plan(int(argv[2]), int(argv[3]), argv[4]):
            print("\t".join(row))
    elif len(argv) >= 4 and argv[1] == "lm":
        sys.stdout.write(language_model(int(argv[2]), argv[3]))
    elif len(argv) >= 4 and argv[1] == "dict":
        sys.stdout.write(vocabulary_dictionary(int(argv[2]), argv[3]))
    elif len(argv) >= 6 and argv[1] == "collect":
        collect(argv[2], argv[3], int(argv[4]), argv[5])
    elif len(argv) >= 2 and argv[1] == "babble":
        for voice, line in zip(BABBLE_VOICES, BABBLE_LINES):
            print(voice + "\t" + line)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
