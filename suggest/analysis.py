"""One analysis of an article's text, shared by every suggestion finder.

The registry matcher, the new-entity finder, the copy-desk check and the quote and
claim finders all read the same article. ``analyse(text)`` tokenises it once and
splits it once into paragraphs and sentences; each part is computed when first read,
so a finder pays only for what it uses, and the last few texts' analyses are kept.

Sentences are those of spaCy's rule-based sentencizer run on each paragraph, worked
out here from the token columns of the shared Doc instead of running the component
(which builds a Token object per word). With a statistical pipeline configured
(settings.SPACY_MODEL) its own sentence boundaries are used, as before.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH, LIKE_EMAIL, LIKE_URL, SPACY
from spacy.tokens import Doc

from suggest.nlp import get_nlp, tokenizable
from suggest.textnorm import TokenTable, normalise

OPENING_MARKS = '“«‘"„‹'
# The two word patterns of the rule-based finders, defined here beside spaCy's
# tokeniser: WORD counts words ("one clause of three words"); NAME_TOKEN splits a
# text into the words and marks that name runs are read from, keeping "Jean-Pierre",
# "O'Neill" and "U.S" whole (spaCy splits them at the hyphen and apostrophe).
WORD = re.compile(r"[^\W_][\w’'\-]*")
NAME_TOKEN = re.compile(r"[^\W_][\w’'.\-]*[\w]|[^\W_]|[^\w\s]")
_LINE_BREAKS = re.compile(r"\n+")
_COLUMNS = [IDX, LENGTH, SPACY, IS_SPACE, LIKE_URL, LIKE_EMAIL, IS_PUNCT]


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    text: str


class TextAnalysis:
    """The tokens, paragraphs and sentences of one text, each computed on first use."""

    def __init__(self, text: str):
        self.text = text
        # Curly apostrophes and dashes folded, same length: offsets are shared.
        self.normalised = normalise(text)

    @cached_property
    def doc(self) -> Doc:
        """The normalised text through the tokenizer only (no pipeline components)."""
        return get_nlp().make_doc(tokenizable(self.normalised))

    @cached_property
    def _columns(self) -> list[list[int]]:
        return self.doc.to_array(_COLUMNS).T.tolist() if len(self.doc) else [[]] * 7

    @cached_property
    def tokens(self) -> TokenTable:
        starts, lengths, spaces, is_space, url, email, _punct = self._columns
        normalised = self.normalised
        return TokenTable(
            words=[normalised[s : s + n] for s, n in zip(starts, lengths, strict=True)],
            starts=starts,
            space_after=[bool(x) for x in spaces],
            is_space=[bool(x) for x in is_space],
            like_url=[bool(a or b) for a, b in zip(url, email, strict=True)],
        )

    @cached_property
    def name_tokens(self) -> list[tuple[int, int, str]]:
        """(start, end, text) of each NAME_TOKEN of the text."""
        return [(m.start(), m.end(), m.group()) for m in NAME_TOKEN.finditer(self.text)]

    @cached_property
    def paragraphs(self) -> tuple[Segment, ...]:
        """Paragraphs (split on line breaks), outer space trimmed, blank ones out."""
        text = self.text
        spans, position = [], 0
        for match in _LINE_BREAKS.finditer(text):
            spans.append((position, match.start()))
            position = match.end()
        spans.append((position, len(text)))
        return tuple(_trimmed(text, a, b) for a, b in spans if text[a:b].strip())

    @cached_property
    def sentences(self) -> tuple[Segment, ...]:
        """Sentences, with quotation marks set right; line breaks always end one.

        The sentencizer leaves an opening quotation mark at the end of the sentence
        before it; that mark is moved to the sentence it opens.
        """
        text = self.text
        fixed: list[tuple[int, int]] = []
        for a, b in self._sentence_bounds():
            if fixed:
                pa, pb = fixed[-1]
                tail = text[pa:pb].rstrip()
                # An opening mark stranded at the end of the previous sentence.
                if (
                    len(tail) >= 2
                    and tail[-1] in OPENING_MARKS
                    and tail[-2].isspace()
                    and pa + len(tail) - 1 >= pa
                ):
                    mark = pa + len(tail) - 1
                    if "\n" not in text[mark:a]:
                        fixed[-1] = (pa, mark)
                        a = mark
            first = text[a:b].lstrip()[:1]
            if fixed and first.islower() and "\n" not in text[fixed[-1][1] : a]:
                # "“Why now?” asked Jones." is one sentence, not two.
                fixed[-1] = (fixed[-1][0], b)
                continue
            fixed.append((a, b))
        return tuple(_trimmed(text, a, b) for a, b in fixed if text[a:b].strip())

    def _sentence_bounds(self) -> list[tuple[int, int]]:
        """(start, end) of each sentence the pipeline finds in each paragraph."""
        nlp = get_nlp()
        punct_chars = _rule_sentencizer_chars(nlp)
        bounds: list[tuple[int, int]] = []
        if punct_chars is None:
            for paragraph in self.paragraphs:
                for sent in nlp(tokenizable(paragraph.text)).sents:
                    bounds.append(
                        (
                            paragraph.start + sent.start_char,
                            paragraph.start + sent.end_char,
                        )
                    )
            return bounds
        if self.normalised == self.text:
            # Tokenising is per whitespace-delimited chunk and paragraphs are cut at
            # line breaks, so the paragraph's tokens are the whole text's tokens.
            starts, lengths, *_, punct = self._columns
            words = self.tokens.words
            for paragraph in self.paragraphs:
                lo = bisect.bisect_left(starts, paragraph.start)
                hi = bisect.bisect_left(starts, paragraph.end, lo)
                bounds.extend(
                    _sentencize(starts, lengths, words, punct, lo, hi, punct_chars)
                )
            return bounds
        # The text as written (curly marks, dashes) may tokenise otherwise than the
        # normalised text: tokenise each paragraph as the pipeline would.
        for paragraph in self.paragraphs:
            doc = nlp.make_doc(tokenizable(paragraph.text))
            if not len(doc):
                continue
            starts, lengths, punct = doc.to_array([IDX, LENGTH, IS_PUNCT]).T.tolist()
            source = paragraph.text
            words = [source[s : s + n] for s, n in zip(starts, lengths, strict=True)]
            for a, b in _sentencize(
                starts, lengths, words, punct, 0, len(starts), punct_chars
            ):
                bounds.append((paragraph.start + a, paragraph.start + b))
        return bounds


def _rule_sentencizer_chars(nlp) -> frozenset[str] | None:
    """The sentencizer's punctuation when it is the pipeline's only component."""
    if nlp.pipe_names != ["sentencizer"]:
        return None
    return _punct_chars(nlp.get_pipe("sentencizer"))


@lru_cache(maxsize=4)
def _punct_chars(sentencizer) -> frozenset[str]:
    return frozenset(sentencizer.punct_chars)


def _sentencize(starts, lengths, words, punct, lo, hi, punct_chars):
    """Character bounds of the sentences spaCy's Sentencizer makes of tokens lo..hi.

    The same rule: a sentence starts at the first token after a sentence-final
    character that is neither punctuation nor such a character itself.
    """
    if lo >= hi:
        return []
    firsts = [lo]
    seen_period = False
    for i in range(lo, hi):
        is_in_punct_chars = words[i] in punct_chars
        if seen_period and not punct[i] and not is_in_punct_chars:
            firsts.append(i)
            seen_period = False
        elif is_in_punct_chars:
            seen_period = True
    firsts.append(hi)
    return [
        (starts[first], starts[after - 1] + lengths[after - 1])
        for first, after in zip(firsts, firsts[1:], strict=False)
    ]


def _trimmed(text: str, a: int, b: int) -> Segment:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return Segment(a, b, text[a:b])


@lru_cache(maxsize=16)
def analyse(text: str) -> TextAnalysis:
    """The shared analysis of ``text`` (the last 16 texts' analyses are kept)."""
    return TextAnalysis(text)
