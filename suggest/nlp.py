"""The shared spaCy pipeline: a blank English tokeniser with a sentencizer.

No model is downloaded. When a statistical pipeline is configured (the project's
``SPACY_MODEL`` setting, or the environment variable of that name outside Django), it
is loaded instead and its named entities serve as extra candidates.
"""

import os
import re
from functools import cache

import spacy


def configured_model() -> str:
    """The statistical pipeline to load, or "" for the blank tokeniser."""
    try:
        from django.conf import settings

        if settings.configured:
            return getattr(settings, "SPACY_MODEL", "")
    except ImportError:  # the engine used without Django
        pass
    return os.environ.get("SPACY_MODEL", "")


@cache
def get_nlp():
    """Return the process-wide pipeline, built on first use."""
    name = configured_model()
    if name:
        nlp = spacy.load(name)
        if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
            nlp.add_pipe("sentencizer")
        _enlarge_tokenizer_cache(nlp)
        return nlp
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    _enlarge_tokenizer_cache(nlp)
    return nlp


# spaCy's tokenizer remembers how it split each whitespace-delimited chunk, but only
# for its first 10,000 distinct chunks. Building the registry matcher tokenises every
# name and alias, so with a large registry the cache is full before the first article
# is read and every word of every article is split again by the affix regexes (about
# ten times slower). The cache only saves work: the tokens are the same either way;
# 200,000 chunks take some 50 MB at most, next to the vocabulary they come from.
TOKENIZER_CACHE_SIZE = 200_000


def _enlarge_tokenizer_cache(nlp) -> None:
    tokenizer = nlp.tokenizer
    if hasattr(tokenizer, "max_cache_size"):
        tokenizer.max_cache_size = max(tokenizer.max_cache_size, TOKENIZER_CACHE_SIZE)


# spaCy's tokenizer takes time quadratic in the length of a run without whitespace
# (20,000 quotation marks in a row: half a minute). No word or address is this long.
MAX_RUN = 256
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")


def _break_run(match: re.Match) -> str:
    run = match.group()
    return "".join(
        " " if i and i % MAX_RUN == 0 else char for i, char in enumerate(run)
    )


def tokenizable(text: str) -> str:
    """``text`` with runs longer than MAX_RUN broken by spaces; same length.

    Every offset into the result is an offset into ``text``: only a character in
    every MAX_RUN of such a run becomes a space, so the tokenizer stays linear.
    """
    return _LONG_RUN.sub(_break_run, text)


def has_statistical_ner() -> bool:
    return "ner" in get_nlp().pipe_names
