"""Claims already checked elsewhere that say the same thing as a new statement.

PostgreSQL: trigram similarity (``pg_trgm``, enabled by migration
``articles.0004_enable_pg_trgm``) between the statement and each checked claim's
wording and article text. Elsewhere (SQLite): candidates sharing one of the statement's
rarest words are fetched, then scored by the engine (``suggest.repeats``, rapidfuzz's
token-set ratio). The two scales differ, so each backend has its own default threshold.
"""

from django.db import connection
from django.db.models import Q
from django.db.models.functions import Greatest

from articles.models import Claim
from suggest.repeats import FUZZY_THRESHOLD, best_matches, rare_words

TRIGRAM_THRESHOLD = 0.3
MAX_CANDIDATES = 500


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


def _fuzzy(claims, statement, threshold, limit):
    words = rare_words(statement)
    if not words:
        return []
    shared = Q()
    for word in words:
        shared |= Q(statement__icontains=word) | Q(exact__icontains=word)
    candidates = (
        (claim, (claim.statement, claim.exact))
        for claim in claims.filter(shared)[:MAX_CANDIDATES]
    )
    return best_matches(
        statement,
        candidates,
        threshold=FUZZY_THRESHOLD if threshold is None else threshold,
        limit=limit,
        key=lambda claim: claim.pk,
    )
