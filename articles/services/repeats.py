"""Claims already checked that say the same thing as a new statement: the desk's own
checked claims (``find_repeats``) and other publishers' known fact-checks imported
from ClaimReview feeds (``find_known_fact_checks``).

PostgreSQL: trigram similarity (``pg_trgm``, enabled by migration
``articles.0004_enable_pg_trgm``) between the statement and each checked claim's
wording and article text. Elsewhere (SQLite): candidates sharing one of the statement's
rarest words are fetched, then scored by the engine (``suggest.repeats``, rapidfuzz's
token-set ratio). The two scales differ, so each backend has its own default threshold.
"""

import heapq
import re

from django.db import connection
from django.db.models import Q
from django.db.models.functions import Greatest

from articles.models import Claim, KnownFactCheck
from suggest.repeats import FUZZY_THRESHOLD, best_matches, rare_words, similarity

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
        Claim.objects.checked().exclude(verdict="").select_related("article", "speaker")
    )
    if exclude_article is not None:
        claims = claims.exclude(article=exclude_article)
    return _similar(claims, ("statement", "exact"), statement, threshold, limit)


def find_known_fact_checks(
    statements: list[str], *, threshold: float | None = None, limit: int = 3
) -> list[list[tuple[KnownFactCheck, float]]]:
    """Per statement, other publishers' fact-checks of a claim like it, best first.

    Two queries for a whole page of claims. The first reads the wording of every
    known fact-check sharing a rare word with any statement; those sharing the most
    words with one statement are compared first (a big feed has hundreds sharing one
    common word: taking them by id would leave the real match out), each statement
    against its own candidates with rapidfuzz (on every backend, so FUZZY_THRESHOLD
    applies). The second fetches the matches.
    """
    threshold = FUZZY_THRESHOLD if threshold is None else threshold
    texts = [(statement or "").strip() for statement in statements]
    words = [rare_words(text) if text else [] for text in texts]
    every_word = sorted({word for group in words for word in group})
    if not every_word:
        return [[] for _ in texts]
    shared = Q()
    for word in every_word:
        shared |= Q(claim_reviewed__icontains=word)
    groups = [set(group) for group in words if group]
    # One scan of each wording finds which of the words it holds (longest first).
    any_word = re.compile(
        "|".join(re.escape(word) for word in sorted(every_word, key=len, reverse=True))
    )
    wordings = (
        (pk, claim, claim.lower())
        for pk, claim in KnownFactCheck.objects.filter(shared)
        .values_list("pk", "claim_reviewed")
        .iterator(chunk_size=2000)
    )
    candidates = heapq.nsmallest(
        MAX_CANDIDATES * len(texts),
        wordings,
        key=lambda row: (-_most_shared(groups, any_word, row[2]), row[0]),
    )
    found = []
    for text, group in zip(texts, words, strict=True):
        scored = []
        for pk, claim, wording in candidates:
            if not any(word in wording for word in group):
                continue
            score = similarity(text, claim)
            if score >= threshold:
                scored.append((pk, score))
        scored.sort(key=lambda pair: (-pair[1], pair[0]))
        found.append(scored[:limit])
    known = KnownFactCheck.objects.in_bulk({pk for group in found for pk, _ in group})
    return [[(known[pk], score) for pk, score in group] for group in found]


def _most_shared(groups: list[set[str]], any_word: re.Pattern, wording: str) -> int:
    """The most words of any one statement's group that ``wording`` contains."""
    held = set(any_word.findall(wording))
    return max(len(held & group) for group in groups)


def _similar(rows, fields, statement, threshold, limit):
    if connection.vendor == "postgresql":
        return _trigram(rows, fields, statement, threshold, limit)
    return _fuzzy(rows, fields, statement, threshold, limit)


def _trigram(rows, fields, statement, threshold, limit):
    from django.contrib.postgres.search import TrigramSimilarity

    threshold = TRIGRAM_THRESHOLD if threshold is None else threshold
    similarities = [TrigramSimilarity(name, statement) for name in fields]
    score = Greatest(*similarities) if len(similarities) > 1 else similarities[0]
    scored = (
        rows.annotate(score=score)
        .filter(score__gte=threshold)
        .order_by("-score", "pk")[:limit]
    )
    return [(row, round(float(row.score), 4)) for row in scored]


def _fuzzy(rows, fields, statement, threshold, limit):
    words = rare_words(statement)
    if not words:
        return []
    shared = Q()
    for word in words:
        for name in fields:
            shared |= Q(**{f"{name}__icontains": word})
    candidates = (
        (row, [getattr(row, name) for name in fields])
        for row in rows.filter(shared)[:MAX_CANDIDATES]
    )
    return best_matches(
        statement,
        candidates,
        threshold=FUZZY_THRESHOLD if threshold is None else threshold,
        limit=limit,
        key=lambda row: row.pk,
    )
