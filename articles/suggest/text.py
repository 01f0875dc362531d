"""Sentence and paragraph spans shared by the quote and claim finders."""

import re
from dataclasses import dataclass
from functools import lru_cache

from entities.nlp import get_nlp, tokenizable

OPENING_MARKS = '“«‘"„‹'
CLOSING_MARKS = '”»’"“›'
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\r\n\s*\r\n")


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    text: str


def paragraphs(text: str) -> list[Segment]:
    """Paragraphs (split on blank lines, or single line breaks), outer space trimmed."""
    spans, position = [], 0
    for match in re.finditer(r"\n+", text):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    return [_trimmed(text, a, b) for a, b in spans if text[a:b].strip()]


def sentences(text: str) -> list[Segment]:
    """Sentences from the shared spaCy pipeline, with quotation marks set right."""
    return list(_sentences(text))


@lru_cache(maxsize=16)
def _sentences(text: str) -> tuple[Segment, ...]:
    """Sentences from the shared spaCy pipeline, with quotation marks set right.

    Cached: the quote and claim finders both split the same article.

    The sentencizer leaves an opening quotation mark at the end of the sentence
    before it; that mark is moved to the sentence it opens. Line breaks always end a
    sentence.
    """
    bounds: list[tuple[int, int]] = []
    for paragraph in paragraphs(text):
        doc = get_nlp()(tokenizable(paragraph.text))
        for sent in doc.sents:
            bounds.append(
                (
                    paragraph.start + sent.start_char,
                    paragraph.start + sent.end_char,
                )
            )
    fixed: list[tuple[int, int]] = []
    for a, b in bounds:
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


def _trimmed(text: str, a: int, b: int) -> Segment:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return Segment(a, b, text[a:b])
