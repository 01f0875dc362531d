"""Copy-desk flags: likely misspellings in an article, with a suggested fix.

Only words written in small letters are checked: capitalised words, acronyms, words
with digits, addresses and every word of a registry name or alias are left alone, and
British spellings (programme, organisation, defence…) count as right. A word is flagged
only when the dictionary offers a correction, so rare but real words pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from suggest.analysis import analyse
from suggest.wordfreq import get_spellchecker


@dataclass(frozen=True)
class SpellingFlag:
    start: int
    end: int
    word: str
    suggestion: str


# British forms turned into the American ones the dictionary holds.
_BRITISH_RULES = (
    (re.compile(r"our(s|ed|ing|ite|ites|able|er|ers|ful|less)?$"), r"or\1"),
    (re.compile(r"is(e|es|ed|ing|er|ers|ation|ations|able)$"), r"iz\1"),
    (re.compile(r"ys(e|es|ed|ing|er|ers)$"), r"yz\1"),
    (re.compile(r"tre(s)?$"), r"ter\1"),
    (re.compile(r"ence(s)?$"), r"ense\1"),
    (re.compile(r"mme(s)?$"), r"m\1"),
    (re.compile(r"ogue(s)?$"), r"og\1"),
    (re.compile(r"ll(ed|ing|er|ers|ation)$"), r"l\1"),
    (re.compile(r"ae"), "e"),
    (re.compile(r"oe"), "e"),
    (re.compile(r"ement$"), "ment"),
)

# Right words the dictionary lacks: British forms no rule covers, newsroom words.
EXTRA_WORDS = """
aeroplane aeroplanes aluminium grey greys tyre tyres kerb cheque cheques storey storeys
plough mould pyjamas sceptical sceptic manoeuvre manoeuvres jewellery draught whilst
amongst amidst programme programmes organisation organisations defence offence licence
practise practised enrol enrolment fulfil instalment skilful wilful judgement ageing
taikonaut taikonauts cosmonaut cosmonauts cubesat cubesats spaceflight spaceflights
geostationary lunar exoplanet exoplanets livestream livestreamed ceasefire ceasefires
lawmaker lawmakers policymaker policymakers stakeholder stakeholders cyberattack
cyberattacks carmaker carmakers automaker automakers uncrewed crewed
""".split()


@cache
def _checker():
    checker = get_spellchecker()
    checker.word_frequency.load_words(EXTRA_WORDS)
    return checker


_PREFIXES = ("un", "re", "non", "pre", "co", "anti", "counter", "over", "under", "out")


def _known(word: str) -> bool:
    checker = _checker()
    dictionary = checker.word_frequency.dictionary
    if word in dictionary:
        return True
    # Compounds of known words: "carmaker", "uncrewed", "counterstrike".
    for prefix in _PREFIXES:
        if word.startswith(prefix) and word[len(prefix) :] in dictionary:
            if len(word) - len(prefix) >= 4:
                return True
    for cut in range(3, len(word) - 2):
        if word[:cut] in dictionary and word[cut:] in dictionary:
            if (
                checker.word_frequency[word[:cut]]
                > 500
                < checker.word_frequency[word[cut:]]
            ):
                return True
    for pattern, replacement in _BRITISH_RULES:
        american = pattern.sub(replacement, word)
        if american != word and american in checker.word_frequency.dictionary:
            return True
    return False


@lru_cache(maxsize=4096)
def suggestion_for(word: str) -> str:
    """The dictionary's correction for an unknown ``word``, or ""."""
    checker = _checker()
    candidates = checker.known(checker.edit_distance_1(word))
    if not candidates and len(word) <= 8:
        # Two edits away is costly on long words; those stay unflagged.
        candidates = checker.known(checker.edit_distance_2(word))
    if not candidates:
        return ""
    return max(sorted(candidates), key=checker.word_frequency.__getitem__)


_WORD = re.compile(r"^[a-z]+$")


def _name_words(known_names: Iterable[str]) -> frozenset[str]:
    words = set()
    for name in known_names:
        words.update(re.findall(r"[a-z]+", name.lower()))
    return frozenset(words)


def copy_desk_flags(
    text: str, *, known_names: Iterable[str] = ()
) -> list[SpellingFlag]:
    """Likely misspellings in ``text`` with their suggested correction."""
    excepted = _name_words(known_names)
    flags = []
    table = analyse(text).tokens
    words = table.words
    for i, word in enumerate(words):
        if len(word) < 3 or not _WORD.match(word) or table.like_url[i]:
            continue  # capitalised words, acronyms, digits, addresses, fragments
        if word in excepted or _known(word):
            continue
        if i + 1 < len(words) and words[i + 1].lower() in ("n't", "'s"):
            continue
        suggestion = suggestion_for(word)
        if suggestion and suggestion != word:
            start = table.starts[i]
            end = start + len(word)
            flags.append(SpellingFlag(start, end, text[start:end], suggestion))
    return flags
