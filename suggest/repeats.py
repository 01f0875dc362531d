"""How alike two statements are: the text half of finding claims checked before.

Pure functions on text. The query that fetches checked claims to compare against
lives with the Claim model (``articles.services.repeats``).
"""

from collections.abc import Iterable
from typing import TypeVar

from rapidfuzz import fuzz

from suggest.analysis import WORD

FUZZY_THRESHOLD = 0.72
_RARE_WORDS = 6
_STOPWORDS = set(
    """
    about above after again against also although among and another any are around
    because been before being between both but could does doing down during each
    either even every from further have having here into itself just more most much
    must never only other over said same says should since some such than that their
    them then there these they this those through under until very were what when
    where which while will with within would your year years
    """.split()
)

Item = TypeVar("Item")


def rare_words(statement: str, count: int = _RARE_WORDS) -> list[str]:
    """The statement's most distinctive words: long, not common, numbers kept."""
    words = {w.lower() for w in WORD.findall(statement)}
    words = {w for w in words if (len(w) >= 4 or w.isdigit()) and w not in _STOPWORDS}
    return sorted(words, key=lambda w: (-len(w), w))[:count]


def similarity(statement: str, *others: str) -> float:
    """The best token-set ratio (0..1) of ``statement`` against any of ``others``."""
    best = max((fuzz.token_set_ratio(statement, o) for o in others if o), default=0)
    return round(best / 100, 4)


def best_matches(
    statement: str,
    candidates: Iterable[tuple[Item, Iterable[str]]],
    *,
    threshold: float = FUZZY_THRESHOLD,
    limit: int = 5,
    key=None,
) -> list[tuple[Item, float]]:
    """``(item, score)`` for candidates at least ``threshold`` alike, best first.

    Each candidate is an item with the texts it is known by; ties keep ``key``'s
    order (the items' own order when no key is given).
    """
    scored = []
    for order, (item, texts) in enumerate(candidates):
        score = similarity(statement, *texts)
        if score >= threshold:
            scored.append((score, key(item) if key else order, item))
    scored.sort(key=lambda entry: (-entry[0], entry[1]))
    return [(item, score) for score, _, item in scored[:limit]]
