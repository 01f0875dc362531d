"""Offset-preserving text normalisation and a shared, cached tokenisation.

Curly apostrophes and the many dash characters are mapped one-for-one onto their
ASCII forms, so every offset into the normalised text is an offset into the original.
"""

from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import IDX, IS_SPACE, LENGTH, LIKE_EMAIL, LIKE_URL, SPACY
from spacy.tokens import Doc

from entities.nlp import get_nlp, tokenizable

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


def make_doc(text: str) -> Doc:
    """Tokenise ``text`` after normalisation (a few recent texts are kept)."""
    return _make_doc(normalise(text))


@lru_cache(maxsize=16)
def _make_doc(normalised: str) -> Doc:
    # Only the tokenizer: a configured statistical pipeline is run separately, on
    # demand, by the candidate finder.
    return get_nlp().make_doc(tokenizable(normalised))


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


def tokens(text: str) -> TokenTable:
    """The token table of ``text`` (cached with the Doc it comes from)."""
    return _tokens(normalise(text))


@lru_cache(maxsize=16)
def _tokens(normalised: str) -> TokenTable:
    doc = _make_doc(normalised)
    columns = doc.to_array([IDX, LENGTH, SPACY, IS_SPACE, LIKE_URL, LIKE_EMAIL])
    starts, lengths, spaces, is_space, url, email = columns.T.tolist()
    return TokenTable(
        words=[normalised[s : s + n] for s, n in zip(starts, lengths, strict=True)],
        starts=starts,
        space_after=[bool(x) for x in spaces],
        is_space=[bool(x) for x in is_space],
        like_url=[bool(a or b) for a, b in zip(url, email, strict=True)],
    )
