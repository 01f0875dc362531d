"""Sentence and paragraph spans shared by the quote and claim finders.

Both come from the text's shared analysis (``suggest.analysis``): the quote and
claim finders and the entity suggestions split and tokenise each article once.
"""

import re

from suggest.analysis import OPENING_MARKS, Segment, analyse

__all__ = [
    "CLOSING_MARKS",
    "OPENING_MARKS",
    "Segment",
    "dateline_end",
    "paragraphs",
    "sentences",
]

CLOSING_MARKS = '”»’"“›'


def paragraphs(text: str) -> list[Segment]:
    """Paragraphs (split on blank lines, or single line breaks), outer space trimmed."""
    return list(analyse(text).paragraphs)


def sentences(text: str) -> list[Segment]:
    """Sentences from the shared spaCy pipeline, with quotation marks set right.

    A dateline at the start of the text ("London —") is not part of the first one.
    """
    found = list(analyse(text).sentences)
    lead = dateline_end(text)
    if lead and found and found[0].start < lead < found[0].end:
        found[0] = Segment(lead, found[0].end, text[lead : found[0].end])
    return found


# "London —", "Washington (AP) —", "Cape Canaveral, Fla. —", "PARIS, Nov 29 (AFP) -":
# capitalised words (a date's day may follow), an optional agency in parentheses,
# then a dash. Indian agency copy drops the dash after the agency ("Pune, Mar 3
# (PTI) The …") and newspapers use a colon ("Mumbai: The …"). Only at the very start
# of an article.
_PLACE_AND_DATE = (
    r"\s*(?:[A-Z][\w.’'\-]*|\d{1,2})(?:,?\s+(?:[A-Z][\w.’'\-]*|\d{1,2})){0,5}"
)
_DATELINE = re.compile(
    _PLACE_AND_DATE + r"(?:"
    r"(?:\s*\([^()\n]{1,40}\))?\s*(?:—|–|--|-(?=\s))"
    r"|\s*\([A-Z]{2,6}\)(?:\s*(?:—|–|--|-(?=\s)))?"
    r"|(?<=[a-z]):(?=\s)"
    r")\s*(?=[A-Z\d“‘«\"])"
)


def dateline_end(text: str) -> int:
    """Where the text proper starts after a dateline at its start (0 if none)."""
    match = _DATELINE.match(text)
    if not match or len(match.group()) > 60:
        return 0
    return match.end()
