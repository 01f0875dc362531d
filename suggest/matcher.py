"""Find mentions of known names (a registry given as (name, id) pairs) in a text.

Pure: the matcher is built from the pairs it is given. Loading them from the
database, and rebuilding when the registry changes, is ``entities.matcher``'s job.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.util import filter_spans

from suggest.analysis import analyse
from suggest.lexicon import is_acronym
from suggest.nlp import get_nlp
from suggest.textnorm import normalise

# Leading words that may be written either way ("the Times of India").
_FREE_CASE_WORDS = frozenset({"the", "a", "an"})


@dataclass(frozen=True)
class MentionCandidate:
    start: int
    end: int
    text: str
    entity_id: int


def _case_signature(words: Iterable[str]) -> tuple[bool, ...] | None:
    """Per token: must the text's word start with a capital? None: no constraint.

    Only capitals bind: a word written small in the name may be capitalised in the
    text (at the start of a sentence, in a headline).
    """
    signature = tuple(
        word[:1].isupper() and not (index == 0 and word.lower() in _FREE_CASE_WORDS)
        for index, word in enumerate(words)
    )
    return signature if any(signature) else None


class RegistryMatcher:
    """Two PhraseMatchers: exact spelling for acronyms, case-folded for the rest.

    A case-folded name still has to agree on the case of each word's first letter,
    so the entity "Moon" is not found in "moon" nor "Mission" in "mission"; a name
    written all in small letters matches any case.
    """

    def __init__(self, names: Iterable[tuple[str, int]], *, version: str = ""):
        self.version = version
        nlp = get_nlp()
        self._orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        # key -> [(case signature, entity id)], first registered first.
        self._targets: dict[int, list[tuple[tuple[bool, ...] | None, int]]] = {}
        orth_phrases: dict[str, int] = {}
        lower_phrases: dict[str, list[tuple[str, int]]] = {}
        for raw_name, entity_id in names:
            name = " ".join(normalise(raw_name).split())
            if not name:
                continue
            if is_acronym(name):
                orth_phrases.setdefault(name, entity_id)
            else:
                lower_phrases.setdefault(name.lower(), []).append((name, entity_id))
        tokenizer = nlp.tokenizer
        # Keys of patterns that end in a sentence's full stop: "… ICUBE-Q." is
        # tokenised with "Q." as one token, so the name gets a variant with the stop,
        # trimmed off again when it matches.
        self._trim_stop: set[int] = set()
        for phrase, entity_id in orth_phrases.items():
            key = nlp.vocab.strings.add("O|" + phrase)
            pattern = tokenizer(phrase)
            self._orth.add("O|" + phrase, [pattern])
            self._targets[key] = [(None, entity_id)]
            if len(pattern[-1]) == 1 and pattern[-1].text.isalpha():
                stop_key = nlp.vocab.strings.add("O.|" + phrase)
                self._orth.add("O.|" + phrase, [tokenizer(phrase + ".")])
                self._targets[stop_key] = [(None, entity_id)]
                self._trim_stop.add(stop_key)
        for phrase, variants in lower_phrases.items():
            key = nlp.vocab.strings.add("L|" + phrase)
            self._lower.add("L|" + phrase, [tokenizer(variants[0][0])])
            self._targets[key] = [
                (_case_signature(t.text for t in tokenizer(name)), entity_id)
                for name, entity_id in variants
            ]
        self.size = len(orth_phrases) + sum(len(v) for v in lower_phrases.values())

    @classmethod
    def from_names(
        cls, names: Iterable[tuple[str, int]], *, version: str = ""
    ) -> RegistryMatcher:
        """Build from ``(name, entity_id)`` pairs."""
        return cls(names, version=version)

    def find(self, text: str) -> list[MentionCandidate]:
        """Every mention of a known name in ``text``: longest first, no overlaps."""
        doc = analyse(text).doc
        found: dict[tuple[int, int], tuple[int, int]] = {}
        for matcher in (self._orth, self._lower):
            for key, start, end in matcher(doc):
                entity_id = self._pick(key, doc[start:end])
                if entity_id is not None:
                    trim = 1 if key in self._trim_stop else 0
                    found.setdefault((start, end), (entity_id, trim))
        result = []
        for span in filter_spans([doc[start:end] for start, end in found]):
            entity_id, trim = found[(span.start, span.end)]
            start, end = span.start_char, span.end_char - trim
            result.append(MentionCandidate(start, end, text[start:end], entity_id))
        result.sort(key=lambda mention: mention.start)
        return result

    def _pick(self, key: int, span) -> int | None:
        for signature, entity_id in self._targets[key]:
            if signature is None or _case_agrees(signature, span):
                return entity_id
        return None


def _case_agrees(signature: tuple[bool, ...], span) -> bool:
    if len(signature) != len(span):
        return False
    return all(
        token.text[:1].isupper()
        for wanted, token in zip(signature, span, strict=True)
        if wanted
    )
