"""The vocabulary of the synthetic corpus (``generate_corpus``): names and prose.

Every name is made up from syllables, every address is on example.org, and citation
titles and publishers say "synthetic": nothing here is a fact about the world.
"""

from __future__ import annotations

import random

SYLLABLES = (
    "ka ri mo sa len dor vi na tel bro an gus mi ra zo pel ta ver qui bel "
    "cor dan el fa gor ha is jo lu mar nor os par ru sel tor ul val wen yor"
).split()

ORGANISATION_HEADS = (
    "Ministry of Water",
    "Ministry of Health",
    "Ministry of Transport",
    "Space Agency",
    "Electoral Commission",
    "Central Bank",
    "Statistics Office",
    "Energy Regulator",
    "Farmers Union",
    "Teachers Federation",
    "Port Authority",
    "Rail Company",
    "Medical Association",
    "Chamber of Commerce",
    "Climate Institute",
    "Supreme Court",
)
PUBLICATION_HEADS = ("Herald", "Gazette", "Courier", "Tribune", "Observer", "Wire")
EVENT_HEADS = ("Summit", "Games", "Festival", "Conference", "Census", "Election")
OBJECT_HEADS = ("Satellite", "Bridge", "Dam", "Rover", "Corridor", "Reactor")

# Prose: plain words for filler, and the pieces checkable claims are made of.
FILLER = (
    "the of and to in a is that for it as was with be by on not this are or from "
    "at which but have an they were there been one all would their will more when "
    "government people officials report plan deal station launch mission agreement "
    "country week month state minister court market prices budget water schools "
    "hospital workers families region city council project funding programme "
    "analysts residents study data figures record crisis reform policy election "
    "vote parliament opposition company energy power supply shortage rains harvest "
    "road rail port trade exports imports growth inflation rate jobs wages survey "
    "years since first last new local national public private early late "
    "expected announced confirmed denied warned promised planned delayed opened "
    "closed rose fell doubled halved reached passed signed approved rejected"
).split()
CLAIM_SUBJECTS = (
    "unemployment",
    "inflation",
    "the budget deficit",
    "rice prices",
    "hospital waiting times",
    "school enrolment",
    "rail ridership",
    "electricity output",
    "the murder rate",
    "exports to the region",
    "the number of nurses",
    "road deaths",
    "rainfall this season",
    "public debt",
    "tax revenue",
    "the literacy rate",
)
CLAIM_CHANGES = ("rose", "fell", "doubled", "halved", "reached a record", "stayed flat")
CUES = ("said", "told reporters", "said in a statement", "added")
VERDICT_REASONS = (
    "official figures show",
    "the statistics office's data show",
    "the published budget shows",
    "the survey cited does not show",
    "no record supports",
    "the figure was accurate last year but",
)


def syllable_word(rng: random.Random, low: int = 2, high: int = 3) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(low, high)))


def person_name(rng: random.Random) -> tuple[str, list[str]]:
    first, last = syllable_word(rng).title(), syllable_word(rng).title()
    return f"{first} {last}", [last]


def organisation_name(rng: random.Random) -> tuple[str, list[str]]:
    place = syllable_word(rng).title()
    head = rng.choice(ORGANISATION_HEADS)
    name = f"{place} {head}"
    acronym = "".join(word[0] for word in name.split() if word[0].isupper())
    return name, [acronym] if len(acronym) > 1 else []


def publication_name(rng: random.Random) -> tuple[str, list[str]]:
    place = syllable_word(rng).title()
    head = rng.choice(PUBLICATION_HEADS)
    return f"The {place} {head}", [f"{place} {head}"]


def place_name(rng: random.Random) -> tuple[str, list[str]]:
    return syllable_word(rng, 2, 4).title(), []


def event_name(rng: random.Random) -> tuple[str, list[str]]:
    return f"{syllable_word(rng).title()} {rng.choice(EVENT_HEADS)}", []


def object_name(rng: random.Random) -> tuple[str, list[str]]:
    return (
        f"{syllable_word(rng).title()}-{rng.randint(1, 9)} {rng.choice(OBJECT_HEADS)}",
        [],
    )


def words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choices(FILLER, k=count))


def sentence(rng: random.Random, low: int = 8, high: int = 22) -> str:
    text = words(rng, rng.randint(low, high))
    return text[0].upper() + text[1:] + "."


def claim_statement(rng: random.Random, year: int) -> str:
    """A checkable statement: a subject, a change, a number and a year."""
    subject = rng.choice(CLAIM_SUBJECTS)
    change = rng.choice(CLAIM_CHANGES)
    amount = rng.randint(2, 95)
    return f"{subject} {change} by {amount} percent in {year}"


def verdict_summary(rng: random.Random, verdict_label: str) -> str:
    reason = rng.choice(VERDICT_REASONS)
    return f"{verdict_label}: {reason} {words(rng, rng.randint(4, 9))}."
