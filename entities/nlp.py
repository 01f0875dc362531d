"""The shared spaCy pipeline: a blank English tokeniser with a sentencizer.

No model is downloaded. When settings.SPACY_MODEL names an installed statistical
pipeline, it is loaded instead and its named entities serve as extra candidates.
"""

from functools import cache

import spacy
from django.conf import settings


@cache
def get_nlp():
    """Return the process-wide pipeline, built on first use."""
    name = getattr(settings, "SPACY_MODEL", "")
    if name:
        nlp = spacy.load(name)
        if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
            nlp.add_pipe("sentencizer")
        return nlp
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def has_statistical_ner() -> bool:
    return "ner" in get_nlp().pipe_names
