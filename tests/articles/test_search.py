import pytest
from django.db import connection
from django.urls import reverse

from articles.search import search_claims, search_versions, version_vector
from tests.publishing import NOW, make_fact_check, publish

pytestmark = pytest.mark.django_db

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL full-text search needs PostgreSQL (set DATABASE_URL)",
)


@pytest.fixture
def published():
    fact_check = make_fact_check()
    publish(fact_check, now=NOW)
    make_fact_check(slug="draft-check", title="Draft about libraries")
    return fact_check


def test_search_finds_published_fact_checks_and_claims(
    client, published, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        response = client.get(reverse("articles:search"), {"q": "libraries"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Fact-check: the budget story" in html
    assert "Northbridge will open three new libraries by 2027." in html
    assert "Draft about libraries" not in html


def test_search_matches_words_of_the_article_body(published):
    # "Edition" appears only in the factory article's body.
    assert [v.slug for v in search_versions("edition")] == ["budget-check"]


def test_search_matches_title_summary_and_claims(published):
    assert search_versions("budget story").exists()
    assert search_versions("library promise").exists()
    assert search_claims("libraries").count() == 1


def test_search_without_a_query_shows_the_form(client):
    response = client.get(reverse("articles:search"))
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()
    too_long = client.get(reverse("articles:search"), {"q": "x" * 500})
    assert too_long.status_code == 200
    assert "at most 200 characters" in too_long.content.decode()


def test_search_ignores_unpublished_versions(published):
    from tests.publishing import unpublish

    unpublish(published)
    assert not search_versions("budget").exists()
    assert not search_claims("libraries").exists()


@pytest.mark.skipif(
    connection.vendor == "postgresql", reason="checks the SQLite fallback"
)
def test_sqlite_fallback_is_case_insensitive_substring(published):
    assert search_versions("BUDG").exists()
    assert search_claims("LIBRAR").exists()


@on_postgres
def test_postgres_search_ranks_title_matches_first():
    publish(make_fact_check(slug="other", title="Libraries in the news"), now=NOW)
    publish(make_fact_check(slug="plain", title="Council budget"), now=NOW)
    assert [v.slug for v in search_versions("libraries")][0] == "other"


@on_postgres
def test_postgres_websearch_syntax(published):
    assert search_versions('"three new libraries"').exists()
    assert not search_versions("libraries -budget").exists()


def _many_current_versions(count):
    """Cheap current versions that do not match, so the GIN index is selective."""
    from articles.models import FactCheck, PublishedClaim, PublishedVersion

    article = FactCheck.objects.first().article
    checks = FactCheck.objects.bulk_create(
        FactCheck(article=article, title=f"Other {n}", slug=f"other-{n}", summary="")
        for n in range(count)
    )
    versions = PublishedVersion.objects.bulk_create(
        PublishedVersion(
            fact_check=check,
            number=1,
            is_current=True,
            published_at=NOW,
            title=check.title,
            slug=check.slug,
            summary="Weather report",
            snapshot={"article": {"body": "Rain expected."}},
        )
        for check in checks
    )
    PublishedClaim.objects.bulk_create(
        PublishedClaim(
            version=version,
            claim_ref=100_000 + version.pk,
            position=1,
            slug="rain",
            statement="It will rain.",
            verdict="true",
            verdict_summary="It rained.",
            data={},
            published_at=NOW,
        )
        for version in versions
    )


@on_postgres
def test_postgres_query_uses_the_gin_index(published):
    _many_current_versions(300)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_publishedversion")
        cursor.execute("ANALYZE articles_publishedclaim")
        cursor.execute("SET enable_seqscan = off")
        try:
            plan = search_versions("libraries").explain()
            claims_plan = search_claims("libraries").explain()
        finally:
            cursor.execute("SET enable_seqscan = on")
    # Read through an index (the stored vector's, or the newest-first one that stops
    # after enough matches), never a scan of every row's snapshot.
    assert "Seq Scan" not in plan and "Index" in plan
    assert "Seq Scan" not in claims_plan and "Index" in claims_plan
    assert [v.slug for v in search_versions("libraries")] == ["budget-check"]


@on_postgres
def test_index_expression_is_the_search_expression():
    """The migration's copy of the vector compiles to the same SQL as the app's."""
    from importlib import import_module

    from django.db.models.sql import Query

    from articles.models import PublishedVersion

    migration = import_module("articles.migrations.0006_published_search_indexes")
    copy = dict(migration._indexes())["PublishedVersion"].expressions[0]
    query = Query(PublishedVersion, alias_cols=False)
    compiler = query.get_compiler(connection=connection)
    ours = version_vector().resolve_expression(query).as_sql(compiler, connection)
    theirs = copy.resolve_expression(query).as_sql(compiler, connection)
    assert ours == theirs


@pytest.fixture
def seed():
    from tests.publishing import publish_seed

    return publish_seed(now=NOW)


@on_postgres
@pytest.mark.parametrize("term", ["Badr-1", "astronaut", "astronauts", "Tiangong"])
def test_postgres_search_finds_the_seed(client, seed, term):
    assert [v.slug for v in search_versions(term)] == [seed.slug]
    html = client.get(reverse("articles:search"), {"q": term}).content.decode()
    assert seed.title in html


@on_postgres
def test_postgres_search_finds_the_seed_claim_about_badr_1(seed):
    statements = [c.statement for c in search_claims("Badr-1")]
    assert statements and "Badr-1" in statements[0]


@pytest.mark.skipif(
    connection.vendor == "postgresql", reason="checks the SQLite fallback"
)
@pytest.mark.parametrize("term", ["Badr-1", "astronaut"])
def test_sqlite_fallback_finds_the_seed(client, seed, term):
    assert [v.slug for v in search_versions(term)] == [seed.slug]
    assert (
        seed.title
        in client.get(reverse("articles:search"), {"q": term}).content.decode()
    )
