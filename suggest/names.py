"""Proper-name runs in a text and who the text means by "he", "the minister", "CMSA".

A small, rule-based view of the names in one article, enough to credit quotes: the
capitalised runs (with titles split off), the acronyms given in parentheses, and the
titles people are introduced with.
"""

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from suggest import lexicon as lx
from suggest.analysis import NAME_TOKEN, analyse
from suggest.lexicon import is_acronym
from suggest.wordfreq import frequency
from suggest.wordfreq import is_common_word as _common

CONNECTORS = {
    "of",
    "for",
    "the",
    "and",
    "de",
    "da",
    "del",
    "van",
    "von",
    "der",
    "den",
    "al",
    "bin",
    "la",
    "le",
    "du",
    "y",
    "on",
}
# Capitalised words that begin sentences or phrases without naming anything.
STOP = {
    "a",
    "an",
    "the",
    "this",
    "that",
    "these",
    "those",
    "our",
    "we",
    "it",
    "its",
    "his",
    "her",
    "their",
    "they",
    "he",
    "she",
    "i",
    "you",
    "such",
    "every",
    "each",
    "according",
    "as",
    "in",
    "on",
    "at",
    "for",
    "but",
    "and",
    "or",
    "meanwhile",
    "however",
    "after",
    "before",
    "when",
    "while",
    "if",
    "nobody",
    "some",
    "many",
    "most",
    "all",
    "there",
    "here",
    "what",
    "who",
    "why",
    "how",
    "would",
    "will",
    "should",
    "could",
    "can",
    "not",
    "no",
    "yes",
    "per",
    "with",
    "by",
    "from",
    "to",
    "ash",
    "rescue",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
}
TITLES = lx.TITLE_WORDS
ORG_WORDS = lx.ORG_WORD_SET
PUBLICATION_WORDS = lx.PUBLICATION_WORD_SET
PLACE_WORDS = lx.PLACE_WORD_SET


@dataclass(frozen=True)
class Name:
    start: int
    end: int
    text: str
    title: str = ""

    @property
    def words(self) -> list[str]:
        return self.text.split()


@dataclass
class NameIndex:
    """Every name run in a text, the acronyms defined in it and titled people."""

    text: str
    names: list[Name] = field(default_factory=list)
    acronyms: dict[str, str] = field(default_factory=dict)
    titled: list[tuple[str, Name]] = field(default_factory=list)
    # Names a title is "of" or "at" ("chief executive of Indus Fintech"): bodies.
    bodies: set[str] = field(default_factory=set)

    def full_form(self, name: str) -> str:
        """The fullest form the text gives for ``name``: acronym or surname expanded."""
        if name in self.acronyms:
            return self.acronyms[name]
        words = name.split()
        if len(words) == 1 and is_acronym(name):
            for other in self.names:
                initials = "".join(
                    w[0] for w in other.text.split() if w.lower() not in CONNECTORS
                )
                if initials == name and len(other.text.split()) > 1:
                    return other.text
        if len(words) == 1 and not is_acronym(name):
            for other in self.names:
                other_words = other.text.split()
                if (
                    len(other_words) > 1
                    and other_words[-1] == name
                    and looks_like_person(other)
                ):
                    return other.text
        return name

    def last_titled(self, title: str, before: int) -> Name | None:
        """The last name before ``before`` introduced with ``title`` (or a title
        meaning the same office: "the judge" for "Justice Jane Roe")."""
        titles = {title} | lx.SAME_OFFICE.get(title, set())
        found = None
        for word, name in self.titled:
            if word in titles and name.start < before:
                found = name
        return found

    def last_name(self, before: int, predicate) -> Name | None:
        found = None
        for name in self.names:
            if name.end <= before and not is_common_word(name.text) and predicate(name):
                found = name
        return found


def looks_like_organisation(name: Name) -> bool:
    """A name with an organisation word in it, or an acronym defined as one."""
    words = {w.lower().strip(".") for w in name.text.split()}
    return bool(words & ORG_WORDS) or is_acronym(name.text)


def looks_like_person(name: Name) -> bool:
    if name.title:
        return True
    words = name.text.split()
    lowered = {w.lower().strip(".") for w in words}
    if len(words) < 2 or len(words) > 4:
        return False
    if lowered & (ORG_WORDS | PUBLICATION_WORDS | PLACE_WORDS):
        return False
    if looks_like_place(name):
        return False
    return all(w[0].isupper() or w.lower() in CONNECTORS for w in words) and not any(
        is_acronym(w) for w in words
    )


def person_after_office(name: Name) -> Name | None:
    """The person a run names after an office's words ('Legislative Assembly Jane
    Roe' after 'Leader of the Opposition in the'): the words after the last
    office or organisation word, when they look like a person's name."""
    if looks_like_person(name):
        return name
    tail = office_tail(name)
    return tail if tail is not None and looks_like_person(tail) else None


def office_tail(name: Name) -> Name | None:
    """``name`` after its last office or organisation word, keeping at least two
    words ('Opposition Jane Roe' → 'Jane Roe'); None if there is no such word."""
    words = list(re.finditer(r"\S+", name.text))
    cut = 0
    for i, word in enumerate(words[:-2]):
        if office_word(word.group()) or word.group().lower() in ORG_WORDS:
            cut = i + 1
    if cut == 0:
        return None
    a = name.start + words[cut].start()
    return Name(a, name.end, name.text[words[cut].start() :], name.title)


def is_common_word(text: str) -> bool:
    """A lone capitalised ordinary word ("Shares", "Residents"), not a name."""
    if " " in text or is_acronym(text):
        return False
    return _common(text)


def looks_like_place(name: Name) -> bool:
    if {w.lower() for w in name.text.split()} & PLACE_WORDS:
        return True
    return name.text in lx.PLACES or name.text in lx.PLACE_ACRONYMS


def looks_like_publication(text: str) -> bool:
    return bool({w.lower() for w in text.split()} & PUBLICATION_WORDS)


def _is_capitalised(token: str) -> bool:
    return token[:1].isupper() or (
        token[:1].isdigit() and any(c.isupper() for c in token)
    )


def name_runs(text: str, start: int = 0, end: int | None = None) -> list[Name]:
    """Capitalised runs in ``text[start:end]`` with titles split off and ’s dropped."""
    end = len(text) if end is None else end
    tokens, capitalised = _tokens_between(text, start, end)
    runs: list[list[tuple[int, int, str]]] = []
    current: list[tuple[int, int, str]] = []
    last = len(tokens) - 1
    for index, token in enumerate(tokens):
        word = token[2]
        if capitalised[index] and word[0].isalnum():
            current.append(token)
            continue
        if (
            word == "."
            and current
            and index < last
            and capitalised[index + 1]
            and tokens[index + 1][2].lower() not in STOP
            and current[-1][1] == token[0]
            and _abbreviation(current[-1][2])
        ):
            continue  # "K. Rao", "Sen. Jane Roe": the full stop stays inside
        if (
            current
            and word in CONNECTORS
            and index < last
            and capitalised[index + 1]
            and text[current[-1][1] : token[0]].strip() == ""
            and not (word in {"of", "at", "for"} and _person_so_far(current))
            and tokens[index + 1][2] not in _TIME_WORDS  # "Jane Roe on Sunday"
            and tokens[index + 1][2] not in lx.PARTY_MEMBERS  # "… for Democrat X"
        ):
            current.append(token)
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    names = []
    for run in runs:
        names.extend(_split_run(text, run))
    return names


def _tokens_between(text: str, start: int, end: int):
    """The NAME_TOKEN matches of ``text[start:end]`` (offsets into ``text``) and, for
    each, whether it is capitalised.

    Taken from the whole text's tokens (worked out once per text) when no token of
    the whole text straddles ``start`` or ``end``: the pattern looks neither behind
    nor ahead, so the slice then has exactly those tokens. Otherwise the slice is
    tokenised on its own, as it always was.
    """
    starts, tokens, capitalised = _text_tokens(text)
    lo = bisect.bisect_left(starts, start)
    hi = bisect.bisect_left(starts, end, lo)
    if (lo == 0 or tokens[lo - 1][1] <= start) and (
        hi == lo or tokens[hi - 1][1] <= end
    ):
        return tokens[lo:hi], capitalised[lo:hi]
    sliced = [
        (m.start() + start, m.end() + start, m.group())
        for m in NAME_TOKEN.finditer(text[start:end])
    ]
    return sliced, [_is_capitalised(token[2]) for token in sliced]


@lru_cache(maxsize=16)
def _text_tokens(text: str):
    tokens = analyse(text).name_tokens
    starts = [token[0] for token in tokens]
    return starts, tokens, [_is_capitalised(token[2]) for token in tokens]


ABBREVIATED_TITLES = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "sen",
    "gov",
    "rep",
    "gen",
    "col",
    "capt",
    "lt",
    "sgt",
    "adm",
    "prof",
    "rev",
    "st",
    "maj",
    "cmdr",
    "supt",
}


def _person_so_far(tokens: list[tuple[int, int, str]]) -> bool:
    """'Anna Berg' before 'of Nordbank': a person's name, not 'Bank of …'."""
    words = [t[2] for t in tokens if t[2].lower() not in TITLES]
    return (
        2 <= len(words) <= 3
        and not {w.lower() for w in words}
        & (ORG_WORDS | PUBLICATION_WORDS | PLACE_WORDS)
        and all(w[:1].isupper() and not is_acronym(w) for w in words)
        and words[0].lower() not in STOP
    )


def _split_run(text: str, run: list[tuple[int, int, str]]) -> list[Name]:
    # Break a run where text other than spaces separates tokens (", " or " — ").
    pieces: list[list[tuple[int, int, str]]] = [[run[0]]]
    for token in run[1:]:
        gap = text[pieces[-1][-1][1] : token[0]]
        if gap.strip() == "." and _abbreviation(pieces[-1][-1][2]):
            pieces[-1].append(token)  # "Sen. Jane Roe", "Mr. Doe", "K. Rao"
        elif gap.strip():
            pieces.append([token])
        else:
            pieces[-1].append(token)
    names = []
    for piece in pieces:
        while piece and (
            (piece[0][2].lower() in STOP and not is_acronym(piece[0][2]))
            or piece[0][2].lower() in CONNECTORS
        ):
            piece = piece[1:]
        while piece and piece[-1][2].lower() in CONNECTORS:
            piece = piece[:-1]
        if len(piece) > 1 and opens_participle(text, piece[0]):
            piece = piece[1:]  # "Sentencing Jane Roe, Judge …": not part of a name
        title_words = []
        last_title = -1
        for i, token in enumerate(piece):
            word = token[2].lower()
            if (
                word in TITLES
                or (word in ABBREVIATED_TITLES and word != "st")
                or token[2] in lx.PARTY_MEMBERS
            ):
                last_title = i
        if 0 <= last_title < len(piece) - 1:
            title_words = [t[2] for t in piece[: last_title + 1]]
            piece = piece[last_title + 1 :]
            # "Secretary of State (for Foreign Affairs) Jane Roe": the title goes on
            # past "of"/"for" through its office's words, up to the name.
            while len(piece) > 1 and piece[0][2].lower() in _TITLE_CONTINUERS:
                title_words.append(piece[0][2])
                piece = piece[1:]
                while len(piece) > 1 and office_word(piece[0][2], len(piece) > 2):
                    title_words.append(piece[0][2])
                    piece = piece[1:]
        elif last_title == len(piece) - 1 and len(piece) > 0:
            continue
        if not piece:
            continue
        a, b = piece[0][0], piece[-1][1]
        value = text[a:b]
        for suffix in ("’s", "'s"):
            if value.endswith(suffix):
                value, b = value[: -len(suffix)], b - len(suffix)
        if not value:
            continue
        names.append(Name(a, b, value, " ".join(title_words)))
    return names


_TIME_WORDS = lx.MONTHS | lx.WEEKDAYS
_TITLE_CONTINUERS = {"of", "for", "and"}
_OFFICE_WORDS = {w.lower() for w in lx.TITLE_MODIFIERS} | {"union"}


def _abbreviation(word: str) -> bool:
    """An initial ("K") or an abbreviated title ("Sen", "Dr") before a full stop."""
    return (len(word) == 1 and word.isupper()) or word.lower() in ABBREVIATED_TITLES


def office_word(word: str, common: bool = True) -> bool:
    """A word of an office's name ("State", "Foreign", "Affairs", "Development").

    With ``common``, any frequent English word counts too; without, only the
    lexicon's title words (a given name such as "Grace" is a frequent word).
    """
    lowered = word.lower()
    return (
        lowered in _OFFICE_WORDS
        or lowered in TITLES
        or lowered in CONNECTORS
        or (common and _common(word))
    )


def opens_participle(text: str, token: tuple[int, int, str]) -> bool:
    """'Sentencing', 'Referring' opening a sentence: a clause, not a first name."""
    word = token[2]
    if not (word.endswith("ing") and len(word) > 5 and frequency(word) >= 100):
        return False
    before = text[: token[0]].rstrip(' “"‘«')
    return not before or before[-1] in ".!?\n"


_ACRONYM = re.compile(r"\(([A-Z][A-Z0-9&\-]{1,9})\)")
_APPOSITIVE_TITLE = re.compile(
    r",\s+(?:the|a|an)\s+(?:[\w\-]+\s+){0,2}?(" + "|".join(sorted(TITLES)) + r")\b"
)


_TITLE_OF = re.compile(r"([A-Za-z]+)\s(?:of|at)\s(?:the\s)?$")


def build_index(text: str) -> NameIndex:
    index = NameIndex(text=text, names=name_runs(text))
    by_end = {name.end: name for name in index.names}
    for match in _ACRONYM.finditer(text):
        before = text[: match.start()].rstrip()
        name = by_end.get(len(before))
        if name and name.text != match.group(1):
            index.acronyms[match.group(1)] = name.text
    for name in index.names:
        if name.title:
            for word in name.title.lower().split():
                if word in TITLES:
                    index.titled.append((word, name))
        # "chairman John Doe": a lower-case title just before the name.
        previous = text[max(0, name.start - 30) : name.start].split()
        if previous and previous[-1].lower() in TITLES:
            index.titled.append((previous[-1].lower(), name))
        title_of = _TITLE_OF.search(text, max(0, name.start - 40), name.start)
        if title_of and title_of.group(1).lower() in TITLES:
            index.bodies.add(name.text)
        after = text[name.end : name.end + 60]
        match = _APPOSITIVE_TITLE.match(after)
        if match:
            index.titled.append((match.group(1).lower(), name))
    index.titled.sort(key=lambda pair: pair[1].start)
    return index
