"""The import's queries per article do not grow with its suggestions.

The real engine runs (no fakes): an article naming the registry's entities in more
paragraphs, with more quotes and claims, costs the same number of queries as a short
one, because mentions, quotes, claims and their history rows are written in bulk and
the speakers are resolved in one batch.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Claim, Mention, Quote
from articles.services.importing import ImportItem, import_item
from entities.models import EntityKind
from tests.factories import EntityFactory

pytestmark = pytest.mark.django_db

PARAGRAPH = (
    "Mayor Ana Lopez of Northbridge said on Monday that “the city will open "
    "{n} new libraries by 2027.” The Harbour Board said unemployment in "
    "Northbridge fell to {n} percent last year, according to the national "
    "statistics office."
)


@pytest.fixture
def registry():
    return [
        EntityFactory(name="Northbridge", kind=EntityKind.PLACE),
        EntityFactory(name="Ana Lopez", kind=EntityKind.PERSON),
        EntityFactory(name="Harbour Board", kind=EntityKind.ORGANIZATION),
    ]


def _item(paragraphs: int, n: int) -> ImportItem:
    body = "\n\n".join(PARAGRAPH.format(n=n + k + 3) for k in range(paragraphs))
    return ImportItem(
        source=f"item {n}",
        headline=f"Libraries and jobs, part {n}",
        body=body,
        url=f"https://news.example.org/import-queries/{n}",
        published="2026-11-02",
    )


def _import_counting(item: ImportItem) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        article, reason = import_item(item=item)
    assert article is not None, reason
    return len(queries), article


def _suggested(article) -> tuple[int, int, int]:
    return (
        Mention.objects.filter(article=article).count(),
        Quote.objects.filter(article=article).count(),
        Claim.objects.filter(article=article).count(),
    )


def test_queries_per_imported_article_do_not_grow_with_its_suggestions(registry):
    _import_counting(_item(1, 100))  # the matcher is built once, by the first import
    short_queries, short = _import_counting(_item(1, 1))
    long_queries, long = _import_counting(_item(6, 2))
    short_rows, long_rows = _suggested(short), _suggested(long)
    # The long article really has more of every kind of suggestion...
    assert all(s >= 1 for s in short_rows)
    assert all(lg > s for lg, s in zip(long_rows, short_rows, strict=True))
    # ...and costs the same queries: the duplicate checks, the article and its
    # history row, the lock and the known spans, then a bulk INSERT of each kind of
    # suggestion with one of its history rows; speakers cost at most two queries.
    assert long_queries == short_queries
    assert short_queries <= 25


def test_imported_suggestions_keep_their_history_rows(registry):
    _queries, article = _import_counting(_item(3, 1))
    mentions, quotes, claims = _suggested(article)
    assert Mention.history.filter(article_id=article.pk).count() == mentions
    assert Quote.history.filter(article_id=article.pk).count() == quotes
    assert Claim.history.filter(article_id=article.pk).count() == claims
    assert set(
        Mention.history.filter(article_id=article.pk).values_list(
            "history_type", flat=True
        )
    ) == {"+"}
