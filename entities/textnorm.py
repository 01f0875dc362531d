"""Offset-preserving text normalisation and a shared, cached tokenisation.

Curly apostrophes and the many dash characters are mapped one-for-one onto their
ASCII forms, so every offset into the normalised text is an offset into the original.
"""

from functools import lru_cache

from spacy.tokens import Doc

from entities.nlp import get_nlp

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
    return get_nlp().make_doc(normalised)
