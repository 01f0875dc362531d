"""Full-text search over current published fact-checks and claims.

On PostgreSQL: a weighted ``tsvector`` (title A, claims B, summary and article body C)
ranked with ``ts_rank`` against a ``websearch_to_tsquery``. The WHERE clause uses the
very expression that migration 0006_published_search_indexes indexes with GIN, so the
planner can use the index (tests/articles/test_search.py checks with EXPLAIN).
Anywhere else: ``icontains`` over the same fields.

If you change an expression here, change the copy in the migration (migrations must
not import app code) — the test comparing them will remind you.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q
from django.db.models.fields.json import KT

from articles.models import PublishedClaim, PublishedVersion

SEARCH_CONFIG = "english"
VERSION_INDEX = "pubversion_search_gin"
CLAIM_INDEX = "pubclaim_search_gin"


def version_vector() -> SearchVector:
    return (
        SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("search_text", weight="B", config=SEARCH_CONFIG)
        + SearchVector(
            "summary", KT("snapshot__article__body"), weight="C", config=SEARCH_CONFIG
        )
    )


def claim_vector() -> SearchVector:
    return (
        SearchVector("statement", weight="A", config=SEARCH_CONFIG)
        + SearchVector("claimant_name", weight="B", config=SEARCH_CONFIG)
        + SearchVector("verdict_summary", weight="C", config=SEARCH_CONFIG)
    )


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def search_versions(term: str):
    """Current published versions matching ``term``, best first."""
    versions = PublishedVersion.objects.current()
    if uses_postgres():
        query = SearchQuery(term, search_type="websearch", config=SEARCH_CONFIG)
        vector = version_vector()
        return (
            versions.alias(document=vector)
            .filter(document=query)
            .annotate(rank=SearchRank(vector, query))
            .order_by("-rank", "-published_at")
        )
    return versions.filter(
        Q(title__icontains=term)
        | Q(search_text__icontains=term)
        | Q(summary__icontains=term)
        | Q(snapshot__article__body__icontains=term)
    ).order_by("-published_at")


def search_claims(term: str):
    """Current published claims matching ``term``, best first."""
    claims = PublishedClaim.objects.current().with_version_heading()
    if uses_postgres():
        query = SearchQuery(term, search_type="websearch", config=SEARCH_CONFIG)
        vector = claim_vector()
        return (
            claims.alias(document=vector)
            .filter(document=query)
            .annotate(rank=SearchRank(vector, query))
            .order_by("-rank", "-published_at", "position")
        )
    return claims.filter(
        Q(statement__icontains=term)
        | Q(claimant_name__icontains=term)
        | Q(verdict_summary__icontains=term)
    ).order_by("-published_at", "position")
