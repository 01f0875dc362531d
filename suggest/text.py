"""Sentence and paragraph spans shared by the quote and claim finders.

Both come from the text's shared analysis (``suggest.analysis``): the quote and
claim finders and the entity suggestions split and tokenise each article once.
"""

from suggest.analysis import OPENING_MARKS, Segment, analyse

__all__ = ["CLOSING_MARKS", "OPENING_MARKS", "Segment", "paragraphs", "sentences"]

CLOSING_MARKS = '”»’"“›'


def paragraphs(text: str) -> list[Segment]:
    """Paragraphs (split on blank lines, or single line breaks), outer space trimmed."""
    return list(analyse(text).paragraphs)


def sentences(text: str) -> list[Segment]:
    """Sentences from the shared spaCy pipeline, with quotation marks set right."""
    return list(analyse(text).sentences)
