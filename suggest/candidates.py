"""Suggest entities that are not in the registry yet: capitalised runs and acronyms.

Rules only, on the blank English tokeniser. A run of capitalised words (allowing
"of", "and", "for", "de"… inside names that call for them) is split into names, its
title ("Prime Minister"), sentence-initial common word and demonym are peeled off,
a parenthesised acronym right after it becomes its alias, and its kind is guessed
from its head word, the gazetteer, titles and the words around it. When a
statistical spaCy pipeline is configured, its entities are added as extra candidates.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from suggest import lexicon as gz
from suggest.analysis import analyse
from suggest.kinds import EntityKind
from suggest.lexicon import is_acronym
from suggest.nlp import get_nlp, has_statistical_ner, tokenizable
from suggest.wordfreq import is_common_word


@dataclass(frozen=True)
class EntityCandidate:
    start: int
    end: int
    text: str
    kind: str
    alias: str = ""


PARTICLES = frozenset(
    "de da di du del della der den van von bin binti bint ibn al el la le y dos das "
    "upon ul ud e i o ten ter zu af do los las".split()
)
CONNECTORS = PARTICLES | {"of", "and", "&", "for", "the", "-"}
SENTENCE_END = frozenset({".", "!", "?", ":", ";", "…", "...", "•"})
OPENERS = frozenset({'"', "“", "‘", "'", "(", "[", "«", "-", "—", "–"})
PLACE_PREPOSITIONS = frozenset(
    "in at from near across outside inside throughout around visiting".split()
)
PUBLICATION_CUES = (
    ("news", "agency"),
    ("newspaper",),
    ("daily",),
    ("broadcaster",),
    ("tabloid",),
    ("news", "outlet"),
    ("news", "channel"),
    ("magazine",),
    ("news", "portal"),
    ("state", "media"),
    ("wire", "service"),
    ("journal",),
)
LATER_PUBLICATION_CUES = (("news", "agency"), ("newspaper",))
_TITLE_PHRASE_WORDS = gz.TITLES | gz.TITLE_MODIFIERS | gz.DEMONYMS | gz.PLACES
_MODEL_NUMBER = re.compile(
    r"^(?:\d{1,3}[A-Za-z]?|[A-Z]{1,3}-?\d{1,3}[A-Z]?|I{2,3}|IV|V|VI{1,3}|IX|X)$"
)
_SUMMIT = re.compile(r"^(?:COP-?\d+|G7|G8|G20)$")
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")
# Words after a lone name that make it a person's ("the Biden administration").
PERSON_CUES = frozenset(
    "administration campaign presidency aides family era government's said says "
    "told added wrote tweeted insisted argued".split()
)
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_HAS_DIGIT = re.compile(r"\d")

# Labels of spaCy's English statistical pipelines mapped onto our kinds.
SPACY_LABELS = {
    "PERSON": EntityKind.PERSON,
    "ORG": EntityKind.ORGANIZATION,
    "GPE": EntityKind.PLACE,
    "LOC": EntityKind.PLACE,
    "FAC": EntityKind.PLACE,
    "PRODUCT": EntityKind.OBJECT,
    "EVENT": EntityKind.EVENT,
}


def find_new_entities(text: str, *, known: Iterable = ()) -> list[EntityCandidate]:
    """Entity candidates in ``text`` outside the ``known`` spans, in text order.

    ``known`` holds spans already matched to registry entities: objects with
    ``start``/``end`` attributes or ``(start, end)`` pairs.
    """
    known_spans = [_as_pair(span) for span in known]
    finder = _Finder(text, known_spans)
    found = finder.run()
    if has_statistical_ner():
        found = _merge_model_entities(text, found, known_spans)
    return sorted(found, key=lambda c: (c.start, c.end))


def _as_pair(span) -> tuple[int, int]:
    if isinstance(span, tuple | list):
        return int(span[0]), int(span[1])
    return int(span.start), int(span.end)


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(
        start < other_end and other_start < end for other_start, other_end in spans
    )


class _Finder:
    def __init__(self, text: str, known: list[tuple[int, int]]):
        self.text = text
        self.table = table = analyse(text).tokens
        self.words = table.words
        self.lower = [word.lower() for word in self.words]
        self.blocked = set()
        for start, end in known:
            i = bisect.bisect_right(table.starts, start) - 1
            i = max(i, 0)
            while i < len(table.starts) and table.starts[i] < end:
                if table.end(i) > start:
                    self.blocked.add(i)
                i += 1
        self.initial = self._sentence_initial()
        self.cap = [
            i not in self.blocked and _is_capitalised(word)
            for i, word in enumerate(self.words)
        ]
        self._title_case_lines()
        # Words seen capitalised away from a sentence start: names, not common words.
        self.names_mid_sentence = {
            self.words[i]
            for i in range(len(self.words))
            if self.cap[i] and not self.initial[i]
        }
        self.consumed: set[int] = set()

    # --- tokens -------------------------------------------------------------

    def _sentence_initial(self) -> list[bool]:
        initial = []
        previous = None  # last token that is not space or an opening mark
        table = self.table
        for i, text in enumerate(self.words):
            initial.append(
                previous is None or previous in SENTENCE_END or previous == "\n"
            )
            if table.is_space[i]:
                if "\n" in text:
                    previous = "\n"
                continue
            if text in ("“", "«") or (
                text in ('"', "'")
                and (i == 0 or table.space_after[i - 1] or table.is_space[i - 1])
            ):
                previous = "."  # an opening quotation mark starts a sentence
                continue
            if (
                text == "-"
                and previous is not None
                and (previous == ")" or previous.isupper())
                and (table.space_after[i] or table.is_space[i + 1 : i + 2] == [True])
            ):
                previous = "."  # the dash after a dateline: "LONDON (AP) — Prices"
                continue
            if text in OPENERS:
                continue
            previous = text
        return initial

    def _title_case_lines(self) -> None:
        """In headline-style lines ("Also Read: China To Send Astronaut To Station")
        capitals say nothing: only words that are not common English stay names."""
        line: list[int] = []
        for i in [*range(len(self.words)), None]:
            if i is not None and not (self.table.is_space[i] and "\n" in self.words[i]):
                line.append(i)
                continue
            words = [j for j in line if self.words[j][:1].isalpha()]
            capitals = [j for j in words if self.cap[j]]
            # Headline case also capitalises small words: "To", "Its", "Of".
            small = [
                j
                for j in capitals
                if self.lower[j] in gz.STARTERS and not self.initial[j]
            ]
            if len(words) >= 4 and len(capitals) >= 0.7 * len(words) and small:
                for j in capitals:
                    word = self.words[j]
                    if not (
                        word in gz.PLACES
                        or word in gz.DEMONYMS
                        or word in gz.KNOWN_ORGANIZATIONS
                        or is_acronym(word)
                        or not is_common_word(word)
                    ):
                        self.cap[j] = False
            line = []

    # --- runs ---------------------------------------------------------------

    def run(self) -> list[EntityCandidate]:
        chunks = []
        i, n = 0, len(self.words)
        while i < n:
            if not self.cap[i]:
                i += 1
                continue
            run = [i]
            j = i + 1
            while j < n:
                if self.cap[j] and self._adjacent(j):
                    run.append(j)
                    j += 1
                    continue
                k = j
                while k < n and self.lower[k] in CONNECTORS and k - j < 3:
                    if self.words[k] == "-" and (
                        self.table.space_after[k - 1] or self.table.space_after[k]
                    ):
                        break  # a dash between words, not a hyphen inside a name
                    k += 1
                if (
                    k > j
                    and k < n
                    and self.cap[k]
                    and all(self._adjacent(m) for m in range(j, k + 1))
                ):
                    run.extend(range(j, k + 1))
                    j = k + 1
                    continue
                break
            chunks.extend(self._split(run))
            i = j
        found: list[EntityCandidate] = []
        aliases: dict[str, str] = {}
        persons: set[str] = set()
        pending = []
        for chunk in chunks:
            for start, end, kind, alias in self._classify(chunk):
                pending.append((start, end, kind, alias))
                if alias:
                    aliases[alias] = kind
                if kind == EntityKind.PERSON:
                    persons.update(self.words[start:end])
        pending = [item for item in pending if item[0] not in self.consumed or item[3]]
        # Unknown kinds: full names first (they default to people), then the single
        # words, which may repeat a person's name or an acronym defined earlier.
        for index, (start, end, kind, alias) in enumerate(pending):
            if kind is None and end - start > 1:
                kind = self._late_kind(start, end, aliases, persons)
                pending[index] = (start, end, kind, alias)
                if kind == EntityKind.PERSON:
                    persons.update(self.words[start:end])
        for start, end, kind, alias in pending:
            if end - start == 1 and self.words[start] in aliases:
                kind = aliases[self.words[start]]  # this text defined the acronym
            if kind is None:
                kind = self._late_kind(start, end, aliases, persons)
            begin = self.table.starts[start]
            finish = self.table.end(end - 1)
            text = self.text[begin:finish]
            found.append(EntityCandidate(begin, finish, text, str(kind), alias))
        return found

    def _adjacent(self, i: int) -> bool:
        """Token ``i`` follows the previous one with at most one plain space."""
        # A lone space is recorded as space_after; more space is a token of its own.
        return not self.table.is_space[i - 1]

    def _split(self, run: list[int]) -> list[list[int]]:
        """Split a run at connectors that join two names rather than one name."""
        segments: list[list[int]] = [[]]
        connectors: list[list[int]] = []
        for i in run:
            if self.cap[i]:
                if connectors and len(connectors) == len(segments):
                    segments.append([])
                segments[-1].append(i)
            else:
                if len(connectors) < len(segments):
                    connectors.append([])
                connectors[-1].append(i)
        chunks = [list(segments[0])]
        for index, connector in enumerate(connectors):
            right = segments[index + 1]
            rest = [i for segment in segments[index + 1 :] for i in segment]
            if self._joins(chunks[-1], connector, right, rest):
                chunks[-1].extend(connector + right)
            else:
                chunks.append(list(right))
        return chunks

    def _joins(self, left, connector, right, rest) -> bool:
        words = " ".join(self.lower[i] for i in connector)
        left_words = [self.words[i] for i in left]
        rest_words = [self.words[i] for i in rest]
        if words in PARTICLES or words == "&":
            return True
        if words != "-" and all(w == "-" or w in PARTICLES for w in words.split()):
            # "Tehreek-e-Insaf", "Jaish-e-Mohammed", "al-Burhan"
            return True
        if words == "-":
            # "Rolls-Royce" is one name; "US-China" names two places.
            return not (_placeish(left_words[-1]) and _placeish(self.words[right[0]]))
        if words in ("of", "of the", "for", "for the"):
            if any(w in gz.TITLES for w in left_words[-1:]):
                return True  # "Minister of Defence": a title, peeled off later
            head = left_words
            return any(
                w in gz.ORG_WORDS
                or w in gz.PUBLICATION_WORDS
                or (
                    words.startswith("of")
                    and (w in gz.EVENT_WORDS or w in gz.PLACE_WORDS)
                )
                for w in head
            )
        if words == "and":
            if any(w in gz.ORG_WORDS for w in left_words) and any(
                self.lower[i] in ("of", "for") for i in left
            ):
                return True  # "Ministry of Science and Technology"
            left_text = " ".join(left_words)
            return (
                len(left) <= 3
                and not any(is_acronym(w) for w in left_words)
                and left_text not in gz.PLACES
                and not any(w in gz.ORG_WORDS for w in left_words)
                and any(w in gz.ORG_WORDS or w in gz.EVENT_WORDS for w in rest_words)
                and rest_words[0] not in gz.TITLES
            )
        return False

    # --- one name -----------------------------------------------------------

    def _classify(self, chunk: list[int]):
        """Yield (start, end, kind or None, alias) for the names in ``chunk``."""
        chunk, preceded_by_place_word = self._trim_openers(chunk)
        if not chunk:
            return
        # Titles, honorifics and the places or bodies named before them.
        person = False
        prefix_end = self._title_prefix(chunk)
        if prefix_end:
            person = True
            yield from self._prefix_names(chunk[:prefix_end])
            chunk = self._strip_connectors(chunk[prefix_end:])
            if not chunk:
                return
        chunk, chunk_words, name = self._drop_qualifiers(chunk, person)
        if self._not_a_name(chunk, chunk_words, person):
            return
        end, number_attached = self._end_with_model_number(chunk, chunk_words, person)
        begin = self._begin_with_prefix(chunk, chunk_words, number_attached)
        alias = self._parenthesised_acronym(end, name=chunk_words)
        if person:
            kind = EntityKind.PERSON
        elif chunk_words[0] in gz.SHIP_PREFIXES and len(chunk) > 1:
            kind = EntityKind.OBJECT
        else:
            kind = self._kind(begin, end, chunk_words, name, number_attached)
            if kind is None and preceded_by_place_word and len(chunk) <= 3:
                kind = EntityKind.PLACE
        yield begin, end, kind, alias

    def _trim_openers(self, chunk: list[int]) -> tuple[list[int], bool]:
        """The chunk without an article, a sentence-opening starter ("In", "On",
        a month or weekday) and stray connectors; and whether a place preposition
        ("in", "from") came before it."""
        while chunk and self.lower[chunk[0]] in ("the", "a", "an"):
            chunk = chunk[1:]
        preceded_by_place_word = (
            bool(chunk)
            and chunk[0] > 0
            and (self._word_before(chunk[0]) in PLACE_PREPOSITIONS)
        )
        if chunk and self.initial[chunk[0]] and len(chunk) > 1:
            first = self.lower[chunk[0]]
            if first in gz.STARTERS or (
                self.words[chunk[0]] in gz.MONTHS or self.words[chunk[0]] in gz.WEEKDAYS
            ):
                preceded_by_place_word = first in PLACE_PREPOSITIONS
                chunk = chunk[1:]
        return self._strip_connectors(chunk), preceded_by_place_word

    def _drop_qualifiers(self, chunk: list[int], person: bool):
        """(chunk, its words, name) without a leading party plural or demonym
        before a name ("Democrats Jane Roe")."""
        chunk_words = [self.words[i] for i in chunk]
        if len(chunk) > 2 and chunk_words[0] in gz.PARTY_PLURALS:
            chunk, chunk_words = chunk[1:], chunk_words[1:]
        name = " ".join(chunk_words)
        if (
            len(chunk) > 1
            and chunk_words[0] in gz.DEMONYMS
            and name not in gz.PLACES
            and not self._has_keyword(chunk_words)
            and not person
        ):
            chunk, chunk_words = chunk[1:], chunk_words[1:]
            name = " ".join(chunk_words)
        return chunk, chunk_words, name

    def _end_with_model_number(self, chunk, chunk_words, person) -> tuple[int, bool]:
        """The name's end, past a model number after it ("Long March 2E", "Model
        3"), and whether one was taken."""
        words, end = self.words, chunk[-1] + 1
        if (
            end < len(words)
            and _MODEL_NUMBER.match(words[end])
            and not _YEAR.match(words[end])
            and not (len(chunk) == 1 and chunk_words[0] in gz.MONTHS)
            and self._adjacent(end)
            and not person
            and not self._has_keyword(chunk_words)
            and not (end + 1 < len(words) and words[end + 1] in ("-", ":", "/"))
        ):
            return end + 1, True
        return end, False

    def _begin_with_prefix(self, chunk, chunk_words, number_attached) -> int:
        """The name's start, back over an ordinal ("5th Circuit Court of Appeals")
        or a model's series number ("737 MAX 9")."""
        words, begin = self.words, chunk[0]
        if (
            begin > 0
            and _ORDINAL.match(words[begin - 1])
            and self._adjacent(begin)
            and self._has_keyword(chunk_words)
        ):
            begin -= 1
        if (
            number_attached
            and begin > 0
            and re.fullmatch(r"\d{3}", words[begin - 1])
            and self._adjacent(begin)
        ):
            begin -= 1
        return begin

    def _word_before(self, i: int) -> str:
        i -= 1
        while i >= 0 and self.table.is_space[i]:
            i -= 1
        return self.lower[i] if i >= 0 else ""

    def _strip_connectors(self, chunk: list[int]) -> list[int]:
        while chunk and not self.cap[chunk[0]]:
            chunk = chunk[1:]
        while chunk and not self.cap[chunk[-1]]:
            chunk = chunk[:-1]
        return chunk

    def _title_prefix(self, chunk: list[int]) -> int:
        """How many leading tokens form a title phrase ("Pakistani Prime Minister")."""
        words = self.words
        first = words[chunk[0]]
        if (
            first not in _TITLE_PHRASE_WORDS
            and first not in gz.ORG_WORDS
            and not is_acronym(first)
        ):
            if self.lower[chunk[0]] not in gz.STARTERS:
                return 0
        last_title = 0
        of_title = False  # inside "Secretary of State", "Minister for Defence"
        for position, i in enumerate(chunk):
            word = words[i]
            if word in gz.TITLES:
                last_title = position + 1
                continue
            if last_title and self.lower[i] in ("of", "for"):
                of_title = True
                continue
            if of_title and (word in gz.TITLE_MODIFIERS or word in gz.PLACES):
                last_title = position + 1
                continue
            if (
                word in gz.TITLE_MODIFIERS
                or (position == 0 and word in gz.ORG_WORDS)
                or word in gz.DEMONYMS
                or word in gz.PLACES
                or is_acronym(word)
                or self.lower[i] in CONNECTORS
                or (position == 0 and self.lower[i] in gz.STARTERS)
            ):
                continue
            break
        if not last_title:
            return 0
        rest = [words[i] for i in chunk[last_title:]]
        if rest and self._has_keyword(rest):
            return 0  # "President's Office"-like names are bodies, not people
        return last_title

    def _prefix_names(self, prefix: list[int]):
        """Places and acronyms named inside a title phrase ("US President")."""
        for i in prefix:
            word = self.words[i]
            if word in gz.PLACES:
                yield i, i + 1, EntityKind.PLACE, ""
            elif is_acronym(word) and word not in gz.TITLES:
                yield i, i + 1, self._acronym_kind(word), ""
            elif word in gz.ORG_WORDS and word not in gz.TITLE_MODIFIERS:
                yield i, i + 1, EntityKind.ORGANIZATION, ""  # "Senate Majority Leader"

    def _has_keyword(self, chunk_words: list[str]) -> bool:
        return any(
            w in gz.ORG_WORDS or w in gz.PUBLICATION_WORDS or w in gz.EVENT_WORDS
            for w in chunk_words
        )

    def _not_a_name(
        self, chunk: list[int], chunk_words: list[str], person: bool
    ) -> bool:
        if person:
            return all(w in gz.HONORIFICS or w in gz.TITLES for w in chunk_words)
        if all(
            w in gz.MONTHS
            or w in gz.WEEKDAYS
            or w in gz.PRONOUNS
            or w in gz.TITLES
            or w in gz.HONORIFICS
            or w in gz.DEMONYMS
            or w.lower() in gz.STARTERS
            for w in chunk_words
        ):
            return True
        if (
            len(chunk) > 1
            and chunk_words[-1] in gz.TITLES
            and chunk_words[-1] not in gz.SURNAME_TITLES
            and not self._has_keyword(chunk_words)
        ):
            return True  # "Political Correspondent", "Attorney General"
        if len(chunk) == 1:
            word = chunk_words[0]
            if word in gz.NUMBERED_NOUNS:
                return True
            if (
                not any(c.isalpha() for c in word)
                or word in gz.COMMON_ACRONYMS
                or word.split("-")[0].upper() in gz.COMMON_ACRONYMS  # "COVID-19"
            ):
                return True
            if word in gz.ORG_WORDS or word in gz.EVENT_WORDS or word in gz.PLACE_WORDS:
                # "the Agency" refers back; "Senate" and "Parliament" are names.
                return not (
                    word in gz.PLACES
                    or word in gz.KNOWN_ORGANIZATIONS
                    or is_acronym(word)
                )
            if self.initial[chunk[0]]:
                return not (
                    word in gz.PLACES
                    or is_acronym(word)
                    or word in self.names_mid_sentence
                    or not is_common_word(word)
                )
        return False

    def _parenthesised_acronym(self, end: int, *, name, consume: bool = True) -> str:
        """The acronym in brackets right after a name it abbreviates, or ""."""
        words = self.words
        if end + 2 < len(words) and words[end] == "(" and words[end + 2] == ")":
            inner = words[end + 1]
            if not _abbreviates(inner, name):
                return ""  # "LONDON (AP)": a dateline's agency, not an alias
            if is_acronym(inner) or (
                inner[:1].isupper()
                and not inner.islower()
                and len(inner) <= 8
                and sum(c.isupper() for c in inner) >= 2
            ):
                if consume:
                    self.consumed.add(end + 1)
                return inner
        return ""

    # --- kinds --------------------------------------------------------------

    def _kind(self, start: int, end: int, chunk_words, name: str, number: bool):
        if name in gz.PLACES or name in gz.PLACE_ACRONYMS or name.title() in gz.PLACES:
            return EntityKind.PLACE
        if name in gz.KNOWN_ORGANIZATIONS or chunk_words[0] in gz.KNOWN_ORGANIZATIONS:
            return EntityKind.ORGANIZATION
        if len(chunk_words) == 1 and is_acronym(name):
            if number:
                return EntityKind.OBJECT
            kind = self._acronym_kind(name)
            if kind is not None or not self._object_cue(start, end):
                return kind
            return EntityKind.OBJECT
        if name in gz.PUBLICATION_WORDS or self._publication_cue(start, end):
            return EntityKind.PUBLICATION
        head = self._head(chunk_words)
        if head in gz.PUBLICATION_WORDS:
            return EntityKind.PUBLICATION
        if head in gz.ORG_WORDS:
            return EntityKind.ORGANIZATION
        if head in gz.EVENT_WORDS:
            return EntityKind.EVENT
        if " ".join(chunk_words[-2:]) in gz.OBJECT_WORDS or head in gz.OBJECT_WORDS:
            return EntityKind.OBJECT
        if head in gz.PLACE_WORDS:
            return EntityKind.PLACE
        if number or any(_HAS_DIGIT.search(w) for w in chunk_words):
            return EntityKind.OBJECT
        if self._object_cue(start, end):
            return EntityKind.OBJECT
        if any(w in gz.PUBLICATION_WORDS for w in chunk_words):
            return EntityKind.PUBLICATION
        if any(w in gz.ORG_WORDS for w in chunk_words):
            return EntityKind.ORGANIZATION
        if any(w in gz.EVENT_WORDS for w in chunk_words):
            return EntityKind.EVENT
        if self._parenthesised_acronym(end, name=chunk_words, consume=False) or (
            chunk_words[0] in gz.PLACES and chunk_words[0] not in gz.GIVEN_NAME_PLACES
        ):
            return EntityKind.ORGANIZATION  # "Pakistan Tehreek-e-Insaf (PTI)"
        return None  # decided once the whole text is read (_late_kind)

    def _head(self, chunk_words: list[str]) -> str:
        for index, word in enumerate(chunk_words):
            if word.lower() in ("of", "for") and index:
                return chunk_words[index - 1]
        return chunk_words[-1]

    def _acronym_kind(self, word: str):
        if _SUMMIT.match(word):
            return EntityKind.EVENT  # "COP30", "G20"
        if word in gz.PLACE_ACRONYMS or word.title() in gz.PLACES:
            return EntityKind.PLACE
        if word in gz.NEWS_ACRONYMS:
            return EntityKind.PUBLICATION
        if _HAS_DIGIT.search(word) or "-" in word:
            return EntityKind.OBJECT
        return None

    def _publication_cue(self, start: int, end: int) -> bool:
        before = [w for w in self.lower[max(0, start - 4) : start] if w.strip()]
        for cue in PUBLICATION_CUES:
            if tuple(before[-len(cue) :]) == cue:
                return True
        after = [w for w in self.lower[end : end + 4] if w.strip() and w != ","]
        return any(
            tuple(after[: len(cue)]) == cue for cue in LATER_PUBLICATION_CUES[:2]
        )

    def _object_cue(self, start: int, end: int) -> bool:
        after = []
        for i in range(end, min(end + 4, len(self.words))):
            if self.cap[i] or self.words[i] in SENTENCE_END or self.words[i] == ",":
                break
            after.append(self.lower[i])
        if (
            any(w in gz.OBJECT_CUES for w in after)
            or " ".join(after[:2]) in gz.OBJECT_CUES
        ):
            return True
        before = [w for w in self.lower[max(0, start - 4) : start] if w.strip()]
        if before and before[-1] == ",":
            before = before[:-1]
        return bool(before) and (
            before[-1] in gz.OBJECT_CUES or " ".join(before[-2:]) in gz.OBJECT_CUES
        )

    def _late_kind(self, start: int, end: int, aliases: dict, persons: set) -> str:
        words = [w for w in self.words[start:end] if w != "-"]
        name = " ".join(words)
        if name in aliases:
            return aliases[name]
        if len(words) == 1:
            if is_acronym(name):
                return EntityKind.ORGANIZATION
            if name in persons:
                return EntityKind.PERSON
            if any(c.isupper() for c in name[1:]):
                return EntityKind.OBJECT  # "CubeSat": a product's camel-cased name
            following = next(
                (w for w in self.lower[end : end + 3] if w.strip() and w != ","), ""
            )
            if following in PERSON_CUES:
                return EntityKind.PERSON
            # Surnames are caught above and bodies mostly carry a keyword or an
            # acronym, so a lone unknown name is most often a place.
            return EntityKind.PLACE
        if all(w in persons for w in words):
            return EntityKind.PERSON
        if any(is_acronym(w) or any(c.isupper() for c in w[1:]) for w in words):
            return EntityKind.ORGANIZATION  # "PT Aneka", "Spirit AeroSystems"
        return EntityKind.PERSON


def _abbreviates(acronym: str, name_words: list[str]) -> bool:
    """Could ``acronym`` stand for the name? Its first letter is one of the initials."""
    initials = [
        w[0].upper()
        for w in name_words
        if w[:1].isalpha() and w.lower() not in CONNECTORS
    ]
    return bool(initials) and acronym[:1].upper() in initials


def _placeish(word: str) -> bool:
    return word in gz.PLACES or word in gz.DEMONYMS or word in gz.PLACE_ACRONYMS


def _is_capitalised(word: str) -> bool:
    first = word[:1]
    return first.isupper() and any(c.isalpha() for c in word)


def _merge_model_entities(text, found, known):
    """Add the statistical pipeline's entities that no rule candidate overlaps."""
    taken = known + [(c.start, c.end) for c in found]
    extra = []
    for ent in get_nlp()(tokenizable(text)).ents:
        kind = SPACY_LABELS.get(ent.label_)
        if kind is None or _overlaps(ent.start_char, ent.end_char, taken):
            continue
        extra.append(EntityCandidate(ent.start_char, ent.end_char, ent.text, str(kind)))
        taken.append((ent.start_char, ent.end_char))
    return found + extra
