"""Control characters and over-long text: a clear refusal, nothing stored, no 500.

Each endpoint here gave a 500 on PostgreSQL with a NUL, or cut text silently,
before the shared check in entities.validators.
"""

import pytest
from django.urls import reverse

from articles.models import Article, Mention
from entities.models import Alias, Entity, EntityKind
from tests.articles.engine_fakes import install, span
from tests.factories import ArticleFactory, ClaimFactory, EntityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fake_engine(monkeypatch):
    install(monkeypatch, entities={})


@pytest.fixture
def article():
    return ArticleFactory()


def tag_action(client, article, action, **data):
    url = reverse("admin:articles_article_tag_action", args=[article.pk, action])
    return client.post(url, data)


def new_entity(article, name, alias=""):
    start, end = span(article.body, "Northbridge")
    return {
        "kind": "entity",
        "start": start,
        "end": end,
        "new_entity_name": name,
        "new_entity_kind": EntityKind.ORGANIZATION,
        "new_entity_alias": alias,
    }


# --- Tag page -----------------------------------------------------------------------


@pytest.mark.parametrize("term", ["North\x00", "\x1b[2J", "x" * 301])
def test_tag_page_entity_search_refuses_hostile_terms(client, editor, article, term):
    client.force_login(editor)
    url = reverse("admin:articles_article_tag_entities", args=[article.pk])
    response = client.get(url, {"q": term})
    assert response.status_code == 400
    assert response.json()["ok"] is False


def test_tag_page_entity_search_still_finds_names(client, editor, article):
    EntityFactory(name="Northbridge")
    client.force_login(editor)
    url = reverse("admin:articles_article_tag_entities", args=[article.pk])
    response = client.get(url, {"q": " North "})
    assert [r["label"].split(" (")[0] for r in response.json()["results"]] == [
        "Northbridge"
    ]


def test_tag_page_refuses_a_5000_character_entity_name_naming_the_limit(
    client, editor, article
):
    client.force_login(editor)
    response = tag_action(
        client, article, "selection", **new_entity(article, "N" * 5000)
    )
    assert response.status_code == 400
    assert "at most 200 characters (this has 5000)" in response.json()["error"]
    assert not Entity.objects.filter(name__startswith="NNN").exists()
    assert not Mention.objects.exists()


def test_tag_page_refuses_an_over_long_alias(client, editor, article):
    client.force_login(editor)
    data = new_entity(article, "Northbridge Council", alias="A" * 201)
    response = tag_action(client, article, "selection", **data)
    assert response.status_code == 400
    assert "alias" in response.json()["error"]
    assert not Entity.objects.filter(name="Northbridge Council").exists()
    assert not Alias.objects.exists()


@pytest.mark.parametrize("name", ["North\x00bridge", "North\x07bridge"])
def test_tag_page_refuses_control_characters_in_a_new_name(
    client, editor, article, name
):
    client.force_login(editor)
    response = tag_action(client, article, "selection", **new_entity(article, name))
    assert response.status_code == 400
    assert "control character" in response.json()["error"]
    assert not Entity.objects.filter(name__startswith="North").exists()
    assert not Mention.objects.exists()


@pytest.mark.parametrize("action", ["accept-all", "selection"])
def test_tag_page_refuses_nul_in_a_chosen_entity(client, editor, article, action):
    client.force_login(editor)
    start, end = span(article.body, "Northbridge")
    response = tag_action(
        client, article, action, kind="entity", start=start, end=end, entity="N\x00"
    )
    assert response.status_code == 400
    assert "U+0000" in response.json()["error"]


# --- Review queue -------------------------------------------------------------------


@pytest.mark.parametrize("term", ["An\x00a", "x" * 301])
def test_review_entity_search_refuses_hostile_terms(client, reviewer, term):
    client.force_login(reviewer)
    response = client.get(reverse("articles:review_entities"), {"q": term})
    assert response.status_code == 400
    assert response.json()["results"] == []


def test_review_dispute_note_with_control_characters_is_a_form_error(
    client, reviewer, editor
):
    claim = ClaimFactory(created_by=editor, text="the vote passed 12 to 3")
    client.force_login(reviewer)
    url = reverse("articles:review_dispute", kwargs={"kind": "claim", "pk": claim.pk})
    response = client.post(url, {"dispute-note": "Doubtful\x1b[0m"})
    assert response.status_code == 200
    assert "control character U+001B" in response.content.decode()
    claim.refresh_from_db()
    assert claim.review_note == ""


# --- Public pages -------------------------------------------------------------------


def test_public_search_with_a_control_character_is_a_form_error(client):
    response = client.get(reverse("articles:search"), {"q": "budget\x01"})
    assert response.status_code == 200
    assert response.context["form"].errors["q"]
    assert response.context["versions"] == []


# --- Admin --------------------------------------------------------------------------


def test_admin_form_refuses_control_characters_in_a_name(client, superuser):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:entities_entity_add"),
        {
            "name": "Bad\x07name",
            "kind": EntityKind.PERSON,
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "control character U+0007" in response.content.decode()
    assert not Entity.objects.exists()


def test_admin_text_areas_keep_line_breaks(client, superuser):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:entities_entity_add"),
        {
            "name": "Good name",
            "kind": EntityKind.PERSON,
            "same_as": "https://example.org/a\r\nhttps://example.org/b",
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    assert Entity.objects.get().name == "Good name"


def test_admin_autocomplete_ignores_control_characters(client, superuser):
    EntityFactory(name="Ana Lopez", kind=EntityKind.PERSON)
    client.force_login(superuser)
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Ana\x00",
            "app_label": "articles",
            "model_name": "quote",
            "field_name": "speaker",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Ana Lopez"]


# --- Import -------------------------------------------------------------------------


def test_import_refuses_an_over_long_headline_instead_of_cutting_it(client, superuser):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:articles_article_import"),
        {"text": "H" * 401 + "\nA body of text."},
    )
    assert response.status_code == 200
    assert "at most 400 characters (this has 401)" in response.content.decode()
    assert not Article.objects.exists()


def test_import_refuses_control_characters_in_the_body(client, superuser):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:articles_article_import"),
        {"text": "Headline\nA body\x0c with a form feed."},
    )
    assert response.status_code == 200
    assert "U+000C" in response.content.decode()
    assert not Article.objects.exists()


def test_import_refuses_an_over_long_publication_name(client, superuser):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:articles_article_import"),
        {"text": "Headline\nA body.", "publication": "P" * 201},
    )
    assert response.status_code == 200
    assert not Article.objects.exists()
