"""What a text makes clear about a person's gender, for checking "he"/"she" cues.

Only the text's own words count, never a guess from a first name: an honorific or
title before the name ("Mrs", "Sir", "Lord", "Chairwoman"), a gendered role word in
apposition ("Jane Roe, the chairwoman of …", "Its spokesman, Karl Vos,"), a pronoun
later in a sentence that names no other person ("Karl Vos said his office …"), and
a gendered pronoun the engine has already credited to that person. Evidence that
disagrees leaves the gender unknown.
"""

import bisect
import re

from suggest.cues import VERB
from suggest.names import Name, NameIndex, looks_like_person, person_after_office
from suggest.text import sentences

MASCULINE = "m"
FEMININE = "f"

PRONOUN_GENDER = {
    "he": MASCULINE,
    "him": MASCULINE,
    "his": MASCULINE,
    "himself": MASCULINE,
    "she": FEMININE,
    "her": FEMININE,
    "hers": FEMININE,
    "herself": FEMININE,
}

_MASCULINE_WORDS = frozenset(
    """mr mr. sir lord king prince duke baron earl count emperor sultan father brother
    monsieur herr signor señor senhor shri spokesman chairman congressman businessman
    sportsman councilman alderman policeman fireman headmaster husband son grandson
    grandfather uncle nephew boyfriend widower actor waiter steward""".split()
)
_FEMININE_WORDS = frozenset(
    """mrs mrs. ms ms. miss dame lady queen princess duchess baroness countess empress
    sultana mother sister madame frau signora señora senhora smt smt. spokeswoman
    chairwoman congresswoman businesswoman sportswoman councilwoman alderwoman
    policewoman firewoman headmistress wife daughter granddaughter grandmother aunt
    niece girlfriend widow actress waitress stewardess""".split()
)

# "Jane Roe, the chairwoman of …", "Karl Vos, a spokesman for …": the role right
# after the name's comma, with no relative clause ("Jane Roe, whose son …") between.
_APPOSITIVE_AFTER = re.compile(
    r",\s+(?:the|a|an|its|their)\s+(?:[\w\-’']+\s+){0,3}?([a-z]+\.?)(?=[\s,.;]|$)"
)
# "Its spokesman, Karl Vos," / "The chairwoman, Jane Roe,".
_APPOSITIVE_BEFORE = re.compile(r"\b([A-Za-z]+),\s+$")


def word_gender(word: str) -> str | None:
    lowered = word.lower()
    if lowered in _MASCULINE_WORDS:
        return MASCULINE
    if lowered in _FEMININE_WORDS:
        return FEMININE
    return None


def _mention_evidence(text: str, name: Name) -> set[str]:
    """The genders one mention of ``name`` states (usually none, at most one)."""
    found = set()
    for word in name.title.split():
        found.add(word_gender(word))
    before = text[max(0, name.start - 40) : name.start]
    previous = before.split()
    if previous:
        found.add(word_gender(previous[-1].strip(",")))
    match = _APPOSITIVE_BEFORE.search(before)
    if match:
        found.add(word_gender(match.group(1)))
    after = text[name.end : name.end + 80]
    match = _APPOSITIVE_AFTER.match(after)
    if match:
        found.add(word_gender(match.group(1)))
    found.discard(None)
    return found


_PRONOUN = re.compile(r"\b(?:he|him|his|himself|she|her|hers|herself)\b", re.I)
_QUOTATION_MARKS = re.compile(r"[“”\"«»]")
_CUE_AFTER = re.compile(rf"\s+(?:\w+\s+)?{VERB}\b")


def _pronoun_evidence(index: NameIndex):
    """(name, gender) for each sentence that names one person and then uses a
    gendered pronoun outside any quotation: "Roe said her office …"."""
    names = sorted(
        (n for n in index.names if looks_like_person(n)), key=lambda n: n.start
    )
    starts = [n.start for n in names]
    for sentence in sentences(index.text):
        if _QUOTATION_MARKS.search(sentence.text):
            continue  # a pronoun inside a quote may mean anyone
        lo = bisect.bisect_left(starts, sentence.start)
        hi = bisect.bisect_left(starts, sentence.end, lo)
        inside = names[lo:hi]
        people = {index.full_form(n.text) for n in inside}
        if len(people) != 1:
            continue
        rest = index.text[inside[0].end : sentence.end]
        genders = {
            PRONOUN_GENDER[m.group().lower()]
            for m in _PRONOUN.finditer(rest)
            if not _CUE_AFTER.match(rest, m.end())  # "…, she said": the speaker
        }
        if len(genders) == 1:
            yield inside[0], genders.pop()


_OPENING_PRONOUN = re.compile(r"(?:He|His|Him|She|Her)\b")


def _opening_pronoun_evidence(index: NameIndex):
    """(name, gender) for a sentence opening with a pronoun ("Her remarks came …",
    "He added …") after a sentence that names one person: the pronoun carries the
    topic on, so it is that person's."""
    people = (person_after_office(n) for n in index.names)
    names = sorted((n for n in people if n is not None), key=lambda n: n.start)
    starts = [n.start for n in names]
    previous = None
    for sentence in sentences(index.text):
        opening = _OPENING_PRONOUN.match(sentence.text)
        if opening and previous is not None:
            lo = bisect.bisect_left(starts, previous.start)
            hi = bisect.bisect_left(starts, previous.end, lo)
            people = {index.full_form(n.text) for n in names[lo:hi]}
            quoted = _QUOTATION_MARKS.search(previous.text + sentence.text)
            if len(people) == 1 and not quoted:
                yield names[lo], PRONOUN_GENDER[opening.group().lower()]
        previous = sentence


def known_genders(index: NameIndex) -> dict[str, str]:
    """Each person's fullest name → the gender the text states, where it agrees."""
    evidence: dict[str, set[str]] = {}
    for name in index.names:
        genders = _mention_evidence(index.text, name)
        if genders:
            evidence.setdefault(index.full_form(name.text), set()).update(genders)
    for name, gender in (*_pronoun_evidence(index), *_opening_pronoun_evidence(index)):
        evidence.setdefault(index.full_form(name.text), set()).add(gender)
    return {
        name: genders.pop() for name, genders in evidence.items() if len(genders) == 1
    }
