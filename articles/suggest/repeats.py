"""Claims already checked elsewhere that say the same thing as a new statement.

PostgreSQL: trigram similarity (``pg_trgm``, enabled by migration
``articles.0004_enable_pg_trgm``) between the statement and each checked claim's
wording and article text. Elsewhere (SQLite): candidates sharing one of the statement's
rarest words are fetched, then scored with rapidfuzz's token-set ratio. The two scales
differ, so each backend has its own default threshold.
"""

import re

from django.db import connection
from django.db.models import Q
from django.db.models.functions import Greatest
from rapidfuzz import fuzz

from articles.models import Claim

TRIGRAM_THRESHOLD = 0.3
FUZZY_THRESHOLD = 0.72
MAX_CANDIDATES = 500
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
_WORD = re.compile(r"[^\W_][\w\-]*")


def find_repeats(
    statement: str,
    *,
    exclude_article=None,
    threshold: float | None = None,
    limit: int = 5,
) -> list[tuple[Claim, float]]:
    """Checked claims with a verdict like ``statement``: (claim, score), best first."""
    statement = (statement or "").strip()
    if not statement:
        return []
    claims = (
        Claim.objects.checked()
        .exclude(verdict="")
        .select_related("article", "claimant")
    )
    if exclude_article is not None:
        claims = claims.exclude(article=exclude_article)
    if connection.vendor == "postgresql":
        return _trigram(claims, statement, threshold, limit)
    return _fuzzy(claims, statement, threshold, limit)


def _trigram(claims, statement, threshold, limit):
    from django.contrib.postgres.search import TrigramSimilarity

    threshold = TRIGRAM_THRESHOLD if threshold is None else threshold
    scored = (
        claims.annotate(
            score=Greatest(
                TrigramSimilarity("statement", statement),
                TrigramSimilarity("exact", statement),
            )
        )
        .filter(score__gte=threshold)
        .order_by("-score", "pk")[:limit]
    )
    return [(claim, round(float(claim.score), 4)) for claim in scored]


def rare_words(statement: str, count: int = _RARE_WORDS) -> list[str]:
    """The statement's most distinctive words: long, not common, numbers kept."""
    words = {w.lower() for w in _WORD.findall(statement)}
    words = {w for w in words if (len(w) >= 4 or w.isdigit()) and w not in _STOPWORDS}
    return sorted(words, key=lambda w: (-len(w), w))[:count]


def _fuzzy(claims, statement, threshold, limit):
    threshold = FUZZY_THRESHOLD if threshold is None else threshold
    words = rare_words(statement)
    if not words:
        return []
    shared = Q()
    for word in words:
        shared |= Q(statement__icontains=word) | Q(exact__icontains=word)
    scored = []
    for claim in claims.filter(shared)[:MAX_CANDIDATES]:
        score = max(
            fuzz.token_set_ratio(statement, claim.statement),
            fuzz.token_set_ratio(statement, claim.exact) if claim.exact else 0,
        )
        score = round(score / 100, 4)
        if score >= threshold:
            scored.append((claim, score))
    scored.sort(key=lambda pair: (-pair[1], pair[0].pk))
    return scored[:limit]
