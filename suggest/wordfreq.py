"""English word frequencies from pyspellchecker's dictionary, loaded once."""

from functools import cache

from spellchecker import SpellChecker

# A capitalised word at the start of a sentence whose small-letter form is at least
# this frequent is taken for an ordinary word ("Officials", "Meanwhile"), not a name.
COMMON_WORD_FREQUENCY = 2000


@cache
def get_spellchecker() -> SpellChecker:
    """The process-wide English spell checker (building it takes ~0.5 s)."""
    return SpellChecker(language="en", distance=2)


def frequency(word: str) -> int:
    return get_spellchecker().word_frequency[word.lower()]


def is_common_word(word: str) -> bool:
    """Frequent in English, itself or as the singular of a plural ("Forecasters")."""
    if frequency(word) >= COMMON_WORD_FREQUENCY:
        return True
    return word.endswith("s") and frequency(word[:-1]) >= COMMON_WORD_FREQUENCY
