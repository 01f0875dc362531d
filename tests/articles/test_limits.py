"""The body length limit and other text limits: refused clearly, never cut."""

import json
from io import StringIO
from urllib.parse import urlencode

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from articles.models import Article
from articles.services.importing import ImportItem, import_articles
from entities.models import Entity, EntityKind
from tests.articles import engine_fakes
from tests.articles.engine_fakes import span
from tests.factories import ArticleFactory, EntityFactory
from tests.test_admin import article_post_data

pytestmark = pytest.mark.django_db

LIMIT = 1_000  # a small limit keeps the tests fast; the setting is read at run time
limit = override_settings(ARTICLE_BODY_MAX_CHARS=LIMIT)


@pytest.fixture(autouse=True)
def fake_engine(monkeypatch):
    engine_fakes.install(monkeypatch)


def text_of(length: int) -> str:
    return ("Northbridge voted. " * (length // 19 + 1))[:length]


def message_names_the_limit(message: str) -> bool:
    return "1,000" in message or "1000" in message


# --- The model: the shell and any future API ---------------------------------------


@limit
def test_the_model_refuses_a_body_over_the_limit():
    article = ArticleFactory.build(body=text_of(LIMIT + 1), publication=None)
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "body" in error.value.message_dict
    assert message_names_the_limit(" ".join(error.value.message_dict["body"]))


@limit
def test_the_model_accepts_a_body_at_the_limit():
    article = ArticleFactory.build(body=text_of(LIMIT), publication=None)
    article.full_clean(exclude=["slug", "body_hash"])


def test_the_limit_is_a_setting_read_from_the_environment(settings):
    assert settings.ARTICLE_BODY_MAX_CHARS == 200_000


# --- The admin Article form --------------------------------------------------------


@limit
def test_the_article_form_refuses_a_long_body_and_keeps_the_stored_one(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(url, article_post_data(article, body=text_of(LIMIT + 5)))
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.errors.get("body", []))
    assert message_names_the_limit(errors)
    assert "1,005" in errors  # and says how long the text is
    stored = Article.objects.get(pk=article.pk)
    assert stored.body == article.body


@limit
def test_adding_an_article_with_a_long_body_is_refused(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_article_add"),
        {
            "headline": "Too long",
            "slug": "",
            "body": text_of(LIMIT + 1),
            "language": "en",
            "mentions-TOTAL_FORMS": "0",
            "mentions-INITIAL_FORMS": "0",
            "quotes-TOTAL_FORMS": "0",
            "quotes-INITIAL_FORMS": "0",
            "claims-TOTAL_FORMS": "0",
            "claims-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert message_names_the_limit(" ".join(response.context["errors"][0]))
    assert not Article.objects.exists()


def test_the_article_form_does_not_let_the_browser_cut_text(client, editor):
    """A maxlength attribute makes browsers cut pasted text silently: none is set."""
    article = ArticleFactory()
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    form = page.context["adminform"].form
    for name in ("headline", "byline", "body", "original_url", "slug"):
        assert "maxlength" not in form.fields[name].widget.attrs, name


def test_an_over_long_headline_is_a_form_error_naming_the_limit(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(url, article_post_data(article, headline="H" * 401))
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.errors["headline"])
    assert "400" in errors and "401" in errors
    assert Article.objects.get(pk=article.pk).headline == article.headline


# --- Imports: each line refused with its reason, the others imported -----------------


@limit
def test_a_jsonl_line_over_the_limit_is_refused_the_others_imported(tmp_path):
    path = tmp_path / "batch.jsonl"
    rows = [
        {"headline": "Short", "body": "A short body."},
        {"headline": "Long", "body": text_of(LIMIT + 1)},
        {"headline": "At the limit", "body": text_of(LIMIT - 3) + " ok"},
    ]
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n")
    out = StringIO()
    call_command("import_articles", str(path), "--no-progress", stdout=out)
    output = out.getvalue()
    assert "2 imported, 1 refused." in output
    refused = [line for line in output.splitlines() if line.startswith("refused")]
    assert len(refused) == 1 and f"{path}:2" in refused[0]
    assert message_names_the_limit(refused[0]) and "1,001" in refused[0]
    assert set(Article.objects.values_list("headline", flat=True)) == {
        "Short",
        "At the limit",
    }


@limit
def test_a_txt_file_over_the_limit_is_refused(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("A headline\n\n" + text_of(LIMIT + 1))
    out = StringIO()
    call_command("import_articles", str(path), "--no-progress", stdout=out)
    assert "0 imported, 1 refused." in out.getvalue()
    assert message_names_the_limit(out.getvalue())
    assert not Article.objects.exists()


def test_an_over_long_headline_or_publication_is_refused_not_cut():
    report = import_articles(
        [
            ImportItem(source="a", headline="H" * 401, body="Body one."),
            ImportItem(
                source="b", headline="Fine", body="Body two.", publication="P" * 201
            ),
        ]
    )
    assert not report.imported
    reasons = dict(report.refused)
    assert "headline" in reasons["a"] and "400" in reasons["a"]
    assert "401" in reasons["a"]
    assert "publication" in reasons["b"] and "200" in reasons["b"]
    assert not Article.objects.exists() and not Entity.objects.exists()


# --- The pasted-text import form ------------------------------------------------------


@limit
def test_pasted_text_over_the_limit_is_a_form_error(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_article_import"),
        {"text": "A headline\n\n" + text_of(LIMIT + 1)},
    )
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["text"])
    assert message_names_the_limit(errors)
    assert not Article.objects.exists()


# --- The Tag page: it cannot edit the body; the names it creates are not cut ----------


def test_a_new_entity_name_over_the_limit_is_refused_not_cut(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    start, end = span(article.body, "Northbridge")
    response = client.post(
        reverse("admin:articles_article_tag_action", args=[article.pk, "selection"]),
        {
            "kind": "entity",
            "start": start,
            "end": end,
            "new_entity_name": "N" * 201,
            "new_entity_kind": EntityKind.PLACE,
        },
    )
    assert response.status_code == 400
    assert "200" in response.json()["error"]
    assert not Entity.objects.filter(name__startswith="NNN").exists()


def test_a_new_alias_over_the_limit_is_refused_not_cut(client, editor):
    article = ArticleFactory()
    EntityFactory(name="Unrelated")
    client.force_login(editor)
    start, end = span(article.body, "Northbridge")
    response = client.post(
        reverse("admin:articles_article_tag_action", args=[article.pk, "selection"]),
        {
            "kind": "entity",
            "start": start,
            "end": end,
            "new_entity_name": "Northbridge",
            "new_entity_kind": EntityKind.PLACE,
            "new_entity_alias": "A" * 201,
        },
    )
    assert response.status_code == 400
    assert "200" in response.json()["error"]
    assert not Entity.objects.filter(name="Northbridge").exists()


def test_a_body_at_the_limit_in_a_non_latin_script_can_be_saved(client, editor):
    """Urlencoded, a character outside the BMP takes twelve bytes: it still fits."""
    article = ArticleFactory()
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    body = ("北桥议会𝔸 " * 40_000)[:200_000]
    response = client.post(
        url,
        urlencode(article_post_data(article, body=body)),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 302
    assert len(Article.objects.get(pk=article.pk).body) == 200_000
