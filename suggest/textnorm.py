"""Offset-preserving text normalisation and the token table of a tokenised text.

A leaf module: it imports nothing from the engine, so ``suggest.analysis`` (which
tokenises) can import it without a cycle.

Curly apostrophes and the many dash characters are mapped one-for-one onto their
ASCII forms, so every offset into the normalised text is an offset into the original.
"""

from __future__ import annotations

from dataclasses import dataclass

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
