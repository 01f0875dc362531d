"""Benchmark of the suggestion engine: run on purpose (``make bench``), not in tests.

Builds a synthetic registry of 10,000 entities and 30,000 aliases straight into a
RegistryMatcher (no database), generates 600-word articles naming some of them, and
prints the matcher's build time and articles per second, on one core, for each part
of the engine and for the whole of it (entity suggestions: known mentions + new
candidates + spelling flags; quotes; claims). Rates are per second of CPU time, which
a loaded machine does not skew. Exits with status 1 when the whole engine (or, if
the quote and claim finders are missing, the entity suggestions) is below the target
of 100 articles/s, so ``make bench`` is a real check; it is not part of the tests.
"""

import os
import random
import sys
import time
from pathlib import Path

# Run as a script, this folder comes first on the path, and its http.py would hide
# the standard library's http package from Django: put the project root there instead.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")

import django  # noqa: E402

django.setup()

from entities.matcher import RegistryMatcher  # noqa: E402
from suggest.candidates import find_new_entities  # noqa: E402
from suggest.spelling import copy_desk_flags  # noqa: E402

ENTITIES, ALIASES, ARTICLES, WORDS = 10_000, 30_000, 300, 600
TARGET = 100  # articles per CPU second, on one core
SYLLABLES = (
    "ka ri mo sa len dor vi na tel bro an gus mi ra zo pel ta ver qui son "
    "har lo be ne dri fa gor hu ma ste ul ix co bal tra mun sei"
).split()
ORG_WORDS = (
    "Agency Council Institute Commission Bank Ministry Corporation Society".split()
)
COMMON = (
    "the of and to in a is that for it as was with be by on not he this are or his "
    "from at which but have an they you were her she there been one all would their "
    "has more when will who about if out so up what time can only new said year two "
    "also after first last government people officials report plan deal station "
    "launch mission space agreement country week month state minister court market "
    "prices rose fell percent million billion workers company shares talks support "
    "programme security election police water city council budget school hospital"
).split()


def word(rng, syllables=(2, 3)):
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(*syllables)))


def registry(rng):
    names, entities = [], []
    for entity_id in range(1, ENTITIES + 1):
        shape = entity_id % 4
        if shape == 0:
            name = f"{word(rng).title()} {word(rng).title()}"
        elif shape == 1:
            name = f"{word(rng).title()} {word(rng).title()} {rng.choice(ORG_WORDS)}"
        elif shape == 2:
            name = word(rng, (2, 4)).title()
        else:
            name = f"{word(rng).title()}-{rng.randint(1, 12)}"
        entities.append(name)
        names.append((name, entity_id))
    for index in range(ALIASES):
        entity_id = index % ENTITIES + 1
        base = entities[entity_id - 1]
        if index % 3 == 0:
            alias = "".join(part[0] for part in base.split()).upper() + str(index % 97)
        elif index % 3 == 1:
            alias = base.split()[-1] + f" {word(rng).title()}"
        else:
            alias = f"{word(rng).title()} {base}"
        names.append((alias, entity_id))
    return names, entities


def article(rng, entities):
    words, sentence = [], []
    while len(words) < WORDS:
        if rng.random() < 0.06:
            piece = rng.choice(entities)
        elif rng.random() < 0.01:
            piece = "alos"
        else:
            piece = rng.choice(COMMON)
        if not sentence:
            piece = piece[:1].upper() + piece[1:]
        sentence.append(piece)
        words.append(piece)
        if len(sentence) > rng.randint(12, 25):
            words[-1] += "."
            sentence = []
    paragraphs = [" ".join(words[i : i + 100]) for i in range(0, len(words), 100)]
    return "\n\n".join(paragraphs) + "."


def entity_suggestions(matcher, text):
    mentions = matcher.find(text)
    find_new_entities(text, known=mentions)
    copy_desk_flags(text, known_names=[m.text for m in mentions])


def optional_finders():
    finders = []
    try:
        from suggest.quotes import find_quotes
    except ImportError:
        find_quotes = None
    try:
        from suggest.claims import find_claims
    except ImportError:
        find_claims = None
    if find_quotes:
        finders.append(("quotes", find_quotes))
    if find_claims:
        finders.append(("claims", find_claims))
    return finders


def rate(label, texts, work):
    """Run ``work`` on every text; print articles per CPU second (and per wall second).

    CPU time is what one core spends on it; the wall clock also counts time the
    process waited for a core, which on a shared machine says little about the code.
    """
    wall, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        work(text)
    cpu = time.process_time() - cpu
    wall = time.perf_counter() - wall
    print(
        f"{label:<50} {len(texts) / cpu:7.1f} articles/s"
        f"   (wall clock {len(texts) / wall:6.1f}/s)"
    )
    return cpu


def verdict(label, texts, cpu):
    """0 when ``cpu`` seconds for ``texts`` meet the target, else 1 (with why)."""
    rate = len(texts) / cpu
    if rate >= TARGET:
        print(f"OK: {label} {rate:.1f} articles/s >= target {TARGET}/s")
        return 0
    print(
        f"FAIL: {label} {rate:.1f} articles/s is below the target of {TARGET}/s",
        file=sys.stderr,
    )
    return 1


def main():
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    rng = random.Random(20250228)
    names, entities = registry(rng)
    started = time.perf_counter()
    cpu = time.process_time()
    matcher = RegistryMatcher.from_names(names)
    cpu = time.process_time() - cpu
    build = time.perf_counter() - started
    print(f"registry: {ENTITIES} entities, {ALIASES} aliases ({matcher.size} names)")
    print(f"matcher build: {cpu:.2f} s CPU ({build:.2f} s wall clock)")
    # Warm up (spell checker, tokenizer caches) on texts not timed afterwards.
    for _ in range(3):
        entity_suggestions(matcher, article(rng, entities))
    texts = [article(rng, entities) for _ in range(ARTICLES)]
    print(f"{ARTICLES} articles of {WORDS} words, one core")
    mentions = sum(len(matcher.find(text)) for text in texts[:20]) / 20
    print(f"known mentions per article: {mentions:.1f}")
    # The first pass meets every word for the first time (spaCy's tokenizer caches
    # how it split each word); the passes after it run as a long-lived process does.
    rate(
        "entity suggestions, cold tokenizer cache",
        texts,
        lambda text: entity_suggestions(matcher, text),
    )
    # Every later pass gets texts it has not seen whole: our own Doc cache would
    # otherwise skip the tokenising.
    fresh = iter(range(10**6))

    def unseen(texts):
        return [text + f" {next(fresh)}." for text in texts]

    rate("matcher.find", unseen(texts), matcher.find)
    rate("find_new_entities", unseen(texts), find_new_entities)
    rate("copy_desk_flags", unseen(texts), copy_desk_flags)
    total = rate(
        "entity suggestions (matcher+candidates+spelling)",
        unseen(texts),
        lambda text: entity_suggestions(matcher, text),
    )
    finders = optional_finders()
    if not finders:
        print("quotes/claims finders not importable: combined figure skipped")
        return verdict("entity suggestions", texts, total)
    for label, finder in finders:
        finder(texts[0])
        rate(label, unseen(texts), finder)

    def everything(text):
        entity_suggestions(matcher, text)
        for _label, finder in finders:
            finder(text)

    combined = rate("combined (entities + quotes + claims)", unseen(texts), everything)
    print(f"entity share of combined time: {total / combined:.0%}")
    return verdict("combined", texts, combined)


if __name__ == "__main__":
    sys.exit(main())
