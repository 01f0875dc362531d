"""Offset-preserving text normalisation and the token table of a tokenised text.

Curly apostrophes and the many dash characters are mapped one-for-one onto their
ASCII forms, so every offset into the normalised text is an offset into the original.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

_FOLD = str.maketrans(
    {
        "\u2019": "'",  # right single quotation mark, the usual curly apostrophe
        "\u2018": "'",
        "\u02bc": "'",  # modifier letter apostrophe
        "\u2032": "'",  # prime
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2212": "-",  # minus sign
        "\u00a0": " ",  # no-break space
    }
)


def normalise(text: str) -> str:
    """Return ``text`` with apostrophes and dashes folded; same length as ``text``."""
    return text.translate(_FOLD)


@dataclass(frozen=True)
class TokenTable:
    """Plain lists of a tokenised text's columns: cheaper to read than spaCy Tokens."""

    words: list[str]  # token texts (normalised: straight apostrophes, ASCII dashes)
    starts: list[int]  # character offset of each token
    space_after: list[bool]  # a single space follows the token
    is_space: list[bool]  # the token is whitespace (several spaces, line breaks)
    like_url: list[bool]

    def end(self, i: int) -> int:
        return self.starts[i] + len(self.words[i])


def make_doc(text: str) -> Doc:
    """The tokenised normalised text: the shared analysis's Doc."""
    from entities.analysis import analyse

    return analyse(text).doc


def tokens(text: str) -> TokenTable:
    """The token table of ``text``: the shared analysis's."""
    from entities.analysis import analyse

    return analyse(text).tokens
