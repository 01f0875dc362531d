"""The admin's searches over large tables.

An article is found by a word of its body or by part of its headline, byline or
address. On PostgreSQL the body is matched by its words through a stored, indexed
vector (whole words, English stemming), the short columns by substring; elsewhere
every field by substring. Claims and mentions are found by their article's headline
inside the list's own query, with no list of article ids fetched first.
"""

import pytest
from django.contrib.postgres.search import SearchQuery
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from articles.models.article import BODY_SEARCH_CONFIG
from tests.factories import ArticleFactory, ClaimFactory, MentionFactory

pytestmark = pytest.mark.django_db

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the body vector is PostgreSQL's"
)
ARTICLES = reverse("admin:articles_article_changelist")


def found(client, url, term) -> str:
    response = client.get(url, {"q": term})
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def two_articles():
    wanted = ArticleFactory(
        headline="Ferry fares frozen for the winter",
        byline="By Ines Okafor",
        original_url="https://harbourpost.example.org/ferry-fares",
        body="Ticket prices on the island ferries stay where they are.\nA review "
        "follows in spring.",
    )
    other = ArticleFactory(headline="Library opens on Sunday")
    return wanted, other


@pytest.mark.parametrize(
    "term",
    ["ferries", "Ferry fares", "fROZEN", "Okafor", "harbourpost", '"island ferries"'],
)
def test_an_article_is_found_by_its_body_headline_byline_or_address(
    client, superuser, two_articles, term
):
    client.force_login(superuser)
    page = found(client, ARTICLES, term)
    assert "Ferry fares frozen for the winter" in page
    assert "Library opens on Sunday" not in page


def test_a_word_in_no_field_finds_nothing(client, superuser, two_articles):
    client.force_login(superuser)
    assert "Ferry fares frozen" not in found(client, ARTICLES, "lighthouse")


@on_postgres
def test_body_search_matches_whole_words_stemmed(client, superuser, two_articles):
    client.force_login(superuser)
    # "price" finds "prices" and "reviewing" finds "review" (English stemming) ...
    assert "Ferry fares frozen" in found(client, ARTICLES, "price")
    assert "Ferry fares frozen" in found(client, ARTICLES, "reviewing")
    # ... but part of a body word is not a match (the short columns still are).
    assert "Ferry fares frozen" not in found(client, ARTICLES, "icket")
    assert "Ferry fares frozen" in found(client, ARTICLES, "kafo")


def body_matches(word: str) -> set[int]:
    query = SearchQuery(word, config=BODY_SEARCH_CONFIG)
    return set(Article.objects.filter(search_vector=query).values_list("pk", flat=True))


@on_postgres
def test_the_body_vector_follows_every_save_of_the_body():
    article = ArticleFactory(body="The bridge reopens in March.")
    assert body_matches("bridge") == {article.pk}
    article.body = "The tunnel reopens in April."
    article.save()
    assert body_matches("bridge") == set()
    assert body_matches("tunnel") == {article.pk}
    article.body = "The harbour reopens in May."
    article.save(update_fields=["body"])
    assert body_matches("harbour") == {article.pk}
    article.headline = "Reopening"
    article.save(update_fields=["headline"])
    assert body_matches("harbour") == {article.pk}
    article.refresh_from_db()
    assert "harbour" in article.search_vector


@on_postgres
def test_the_corpus_writes_every_body_vector():
    call_command("generate_corpus", articles=3, seed=4, no_progress=True)
    assert Article.objects.count() == 3
    assert not Article.objects.filter(search_vector__isnull=True).exists()
    first_word = Article.objects.order_by("pk").first().body.split()[0]
    assert body_matches(first_word)


def article_id_lookups(queries) -> list[str]:
    return [
        query["sql"]
        for query in queries
        if query["sql"].startswith('SELECT "articles_article"."id" FROM')
    ]


@pytest.mark.parametrize(
    ("changelist", "factory", "fields", "filters"),
    [
        (
            "admin:articles_claim_changelist",
            ClaimFactory,
            {"verdict": "false"},
            {"verdict__exact": "false"},
        ),
        (
            "admin:articles_mention_changelist",
            MentionFactory,
            {"suggestion_state": "confirmed"},
            {"suggestion_state__exact": "confirmed"},
        ),
    ],
)
def test_a_search_by_the_article_headline_fetches_no_article_ids(
    client, superuser, changelist, factory, fields, filters
):
    wanted = factory(article=ArticleFactory(headline="Inflation eases"), **fields)
    factory(article=ArticleFactory(headline="Budget passes"), **fields)
    client.force_login(superuser)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(changelist), {"q": "inflation", **filters})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [wanted]
    assert article_id_lookups(queries) == []
