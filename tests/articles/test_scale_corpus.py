"""The synthetic corpus (generate_corpus) and every large page on it.

Each page and admin changelist runs on a small corpus and again after the corpus has
doubled: its query count is pinned, and must not grow with the data.
"""

import contextlib

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.models import Count
from django.urls import reverse

from articles.cache import clear_public_cache
from articles.models import (
    Article,
    Citation,
    Claim,
    Correction,
    FactCheck,
    Mention,
    PublishedClaim,
    PublishedVersion,
    Quote,
    Verdict,
)
from entities.models import Alias, Entity

pytestmark = pytest.mark.django_db

SMALL = 24


def generate(articles=SMALL, seed=5, processes=2):
    call_command(
        "generate_corpus",
        articles=articles,
        seed=seed,
        processes=processes,
        no_progress=True,
    )


class Rollback(Exception):
    pass


def corpus_fingerprint():
    return [
        (a.headline, a.body_hash, a.published_on)
        for a in Article.objects.order_by("pk")
    ] + list(Claim.objects.order_by("pk").values_list("statement", "verdict"))


def test_the_corpus_is_deterministic():
    with contextlib.suppress(Rollback), transaction.atomic():
        generate(seed=11)
        first = corpus_fingerprint()
        raise Rollback
    generate(seed=11)
    assert corpus_fingerprint() == first
    assert Article.objects.count() == SMALL


def full_fingerprint():
    """Every generated row that matters to a reader, ids included."""
    return (
        corpus_fingerprint()
        + list(Article.objects.order_by("pk").values_list("pk", "slug", "body"))
        + list(
            Mention.objects.order_by("pk").values_list(
                "pk", "article_id", "entity_id", "start", "end"
            )
        )
        + list(
            PublishedVersion.objects.order_by("pk").values_list(
                "pk", "fact_check_id", "number", "is_current", "snapshot"
            )
        )
        + list(
            PublishedClaim.objects.order_by("pk").values_list(
                "pk", "version_id", "claim_id", "search_vector"
            )
        )
    )


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="processes build chunks on PostgreSQL"
)
def test_the_corpus_does_not_depend_on_how_many_processes_build_it():
    articles = 2 * 1_000 + 7  # three chunks, the last one short
    with contextlib.suppress(Rollback), transaction.atomic():
        generate(articles=articles, seed=4, processes=1)
        alone = full_fingerprint()
        raise Rollback
    generate(articles=articles, seed=4, processes=2)
    assert full_fingerprint() == alone
    assert Article.objects.count() == articles


def schema_catalog():
    """Every index and constraint of the database, as PostgreSQL describes it."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE schemaname = current_schema() "
            "UNION ALL SELECT conrelid::regclass::text || '.' || conname, "
            "pg_get_constraintdef(oid) || ' ' || convalidated::text "
            "FROM pg_constraint WHERE connamespace = current_schema()::regnamespace "
            "ORDER BY 1, 2"
        )
        return cursor.fetchall()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the load drops indexes on PostgreSQL"
)
def test_every_index_and_constraint_is_back_after_the_load():
    before = schema_catalog()
    assert any("gin_trgm_ops" in definition for _name, definition in before)
    generate()
    assert schema_catalog() == before
    # The foreign keys check again: a mention of no article is refused.
    with pytest.raises(IntegrityError), transaction.atomic():
        Mention.objects.filter(pk=Mention.objects.first().pk).update(article_id=0)
        connection.cursor().execute("SET CONSTRAINTS ALL IMMEDIATE")


def all_visible_pages(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relallvisible FROM pg_class WHERE oid = %s::regclass", [table]
        )
        return cursor.fetchone()[0]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="VACUUM and index-only scans"
)
@pytest.mark.django_db(transaction=True)
def test_the_loaded_tables_are_vacuumed_for_index_only_scans():
    """Without a VACUUM after the load, no page is marked all-visible, and the
    sitemap's and claims index's index-only scans read the heap too."""
    generate()
    assert all_visible_pages(PublishedClaim._meta.db_table) > 0
    assert all_visible_pages(Article._meta.db_table) > 0


def test_the_corpus_is_realistic():
    generate(articles=60)
    for article in Article.objects.all():
        words = len(article.body.split())
        assert 300 <= words <= 960, words
        assert article.original_url.startswith("https://news.example.org/synthetic/")
    # Every span points at its own text in the body.
    for model in (Mention, Quote, Claim):
        for span in model.objects.select_related("article"):
            assert span.article.body[span.start : span.end] == span.exact
    assert Alias.objects.exists()
    assert set(Claim.objects.exclude(verdict="").values_list("verdict", flat=True)) == (
        set(Verdict.values)
    )
    assert not Citation.objects.exclude(
        url__contains=".example.org/synthetic/"
    ).exists()
    assert all("synthetic" in c.publisher.lower() for c in Citation.objects.all())
    # Zipf: the most-named entity is named far more often than the median one.
    counts = sorted(
        Entity.objects.annotate(n=Count("mentions")).values_list("n", flat=True)
    )
    assert counts[-1] > 5 * max(counts[len(counts) // 2], 1)
    # Published fact-checks read from snapshots; some have an older version.
    current = PublishedVersion.objects.current()
    assert current.count() == FactCheck.objects.filter(state="published").count()
    assert PublishedVersion.objects.filter(is_current=False).exists()
    version = current.first()
    assert version.snapshot["article"]["body"] == version.fact_check.article.body
    assert len(version.snapshot["claims"]) == version.claims.count()
    assert PublishedClaim.objects.current().exists()
    assert Quote.objects.filter(review_state="unreviewed").exists()
    assert Correction.objects.exists() or FactCheck.objects.count() < 40


def most_named_entity_slug() -> str:
    top = (
        PublishedClaim.objects.current()
        .values("claimant__slug")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    return top["claimant__slug"]


def page_urls() -> dict[str, str]:
    """Every page of the scale benchmark, by name."""
    claim = Claim.objects.order_by("pk").first()
    return {
        "home": reverse("articles:home"),
        "claims": reverse("articles:claim_list") + "?verdict=false&page=2",
        "entity": reverse(
            "articles:entity_detail", kwargs={"slug": most_named_entity_slug()}
        ),
        "search": reverse("articles:search") + "?q=percent",
        "sitemap index": reverse("articles:sitemap"),
        "sitemap claims": reverse(
            "articles:sitemap_section", kwargs={"section": "claims"}
        ),
        "sitemap entities": reverse(
            "articles:sitemap_section", kwargs={"section": "entities"}
        ),
        "claimreview feed": reverse("articles:claimreview_feed"),
        "review queue": reverse("articles:review_queue"),
        "admin articles": reverse("admin:articles_article_changelist")
        + "?q=percent&language__exact=en",
        "admin claims": reverse("admin:articles_claim_changelist"),
        "admin claims filtered": reverse("admin:articles_claim_changelist")
        + "?verdict__exact=false&q=percent",
        "admin mentions": reverse("admin:articles_mention_changelist")
        + f"?q={claim.speaker.name.split()[0]}&suggestion_state__exact=confirmed",
        "admin quotes": reverse("admin:articles_quote_changelist") + "?q=said",
        "admin citations": reverse("admin:articles_citation_changelist"),
        "admin entities": reverse("admin:entities_entity_changelist"),
    }


def query_counts(client) -> dict[str, int]:
    """Queries of each page, signed in (never served from the public cache)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    clear_public_cache()
    counts = {}
    for name, url in page_urls().items():
        client.get(url)  # warm what is kept per user (the desk's unread count)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        counts[name] = len(queries)
    return counts


# The queries of each page, signed in: two of them read the session and the user.
PINNED = {
    "home": 4,
    "claims": 3,
    "entity": 7,
    "search": 4,
    "sitemap index": 9,  # with the policy and team sections (a query each)
    "sitemap claims": 4,
    "sitemap entities": 4,
    "claimreview feed": 3,
    "review queue": 5,
    "admin articles": 5,
    "admin claims": 4,
    "admin claims filtered": 4,
    "admin mentions": 4,
    "admin quotes": 4,
    "admin citations": 6,
    "admin entities": 7,
}


# On PostgreSQL the admin lists add their count estimate (the table's, or the query's
# plan); a search over a foreign key's field is a subquery of the list's own query.
PINNED_POSTGRES = {
    **PINNED,
    "admin articles": 6,
    "admin claims": 5,
    "admin claims filtered": 5,
    "admin mentions": 5,
    "admin quotes": 5,
    "admin citations": 7,
    "admin entities": 8,
}


def test_query_counts_do_not_grow_with_the_corpus(client, superuser):
    client.force_login(superuser)
    generate(articles=SMALL, seed=1)
    small = query_counts(client)
    generate(articles=SMALL, seed=2)
    assert Article.objects.count() == 2 * SMALL
    doubled = query_counts(client)
    assert doubled == small
    pinned = PINNED_POSTGRES if connection.vendor == "postgresql" else PINNED
    assert small == pinned


def test_anonymous_pages_render_on_the_corpus(client):
    generate(articles=SMALL, seed=3)
    for name, url in page_urls().items():
        if name.startswith(("admin", "review")):
            continue
        response = client.get(url)
        assert response.status_code == 200, (name, url)


def test_building_a_published_claim_row_asks_nothing_of_the_database(
    django_assert_num_queries,
):
    """The corpus builds hundreds of thousands of these rows: a savepoint each (as when
    the row builder was wrapped in ``transaction.atomic``) cost two round trips."""
    from django.utils import timezone

    from articles.snapshot import published_claim_row

    version = PublishedVersion(pk=1)
    claim = Claim(pk=2, statement="A said B.", verdict="false", verdict_summary="No.")
    data = {"position": 1, "slug": "a-said-b", "claimant_name": "A"}
    with django_assert_num_queries(0):
        row = published_claim_row(
            version, claim, None, data, published_at=timezone.now()
        )
    assert (row.claim_ref, row.slug, row.statement) == (2, "a-said-b", "A said B.")
