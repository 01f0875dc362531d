"""Full-text search over current published fact-checks and claims.

On PostgreSQL: a weighted ``tsvector`` (title A, claims B, summary and article body C)
stored in ``search_vector`` at publication (``refresh_search_vectors``) and indexed
with GIN (migration 0019); the query filters and ranks from that column with a
``websearch_to_tsquery``, so no row's document is rebuilt from its snapshot JSON.
Ranking reads every match's vector, so for a word that most fact-checks contain only
the newest ``RANKED_MATCHES`` matches are ranked: the page shows 20.
Anywhere else: ``icontains`` over the same fields.

If you change an expression here, change the copy in migration 0019 (migrations must
not import app code) — the test comparing them will remind you.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection, connections
from django.db.models import F, Q, QuerySet
from django.db.models.fields.json import KT

from articles.models import PublishedClaim, PublishedVersion
from articles.models.article import body_vector

SEARCH_CONFIG = "english"
RANKED_MATCHES = 500


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


def _vector_for(queryset: QuerySet) -> SearchVector:
    return version_vector() if queryset.model is PublishedVersion else claim_vector()


def refresh_search_vectors(queryset: QuerySet) -> None:
    """Store the search document of the given published versions or claims."""
    if not uses_postgres():
        return
    queryset.update(search_vector=_vector_for(queryset))


def refresh_article_vectors(queryset: QuerySet) -> None:
    """Store the body vector of the given articles, for writes that bypass
    ``Article.save()`` (bulk loads, a restored archive)."""
    if connections[queryset.db].vendor != "postgresql":
        return
    queryset.update(search_vector=body_vector())


def _ranked(matches: QuerySet, query: SearchQuery, *order: str) -> QuerySet:
    """``matches`` best first, ranking only the newest RANKED_MATCHES of them."""
    newest = matches.order_by("-published_at").values("pk")[:RANKED_MATCHES]
    return (
        matches.model.objects.filter(pk__in=newest)
        .annotate(rank=SearchRank(F("search_vector"), query))
        .order_by("-rank", *order)
    )


def search_versions(term: str):
    """Current published versions matching ``term``, best first."""
    versions = PublishedVersion.objects.current()
    if uses_postgres():
        query = SearchQuery(term, search_type="websearch", config=SEARCH_CONFIG)
        matches = versions.filter(search_vector=query)
        return _ranked(matches, query, "-published_at").defer(
            "snapshot", "article_html", "search_text", "search_vector"
        )
    return versions.filter(
        Q(title__icontains=term)
        | Q(search_text__icontains=term)
        | Q(summary__icontains=term)
        | Q(snapshot__article__body__icontains=term)
    ).order_by("-published_at")


def search_claims(term: str):
    """Published claims matching ``term`` (one row each, as listed), best first."""
    claims = PublishedClaim.objects.listed()
    if uses_postgres():
        query = SearchQuery(term, search_type="websearch", config=SEARCH_CONFIG)
        matches = claims.filter(search_vector=query)
        return _ranked(
            matches, query, "-published_at", "position"
        ).with_version_heading()
    return (
        claims.with_version_heading()
        .filter(
            Q(statement__icontains=term)
            | Q(claimant_name__icontains=term)
            | Q(verdict_summary__icontains=term)
        )
        .order_by("-published_at", "position")
    )
