"""Optimistic locking: two people editing the same row in the admin."""

import pytest
from django.urls import reverse

from articles.models import Article, Citation, Quote
from entities.locking import OptimisticLockFormMixin
from tests.articles.admin_helpers import CONFLICT, change_form_data, change_url
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    ClaimFactory,
    QuoteFactory,
)

pytestmark = pytest.mark.django_db


def test_a_save_raises_the_version_by_one(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    page = client.get(change_url(article))
    assert 'name="lock_version"' in page.text

    response = client.post(
        change_url(article), change_form_data(page, headline="A new headline")
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.headline, article.version) == ("A new headline", 2)


@pytest.mark.parametrize(
    ("factory", "field", "first_value", "second_value"),
    [
        (ArticleFactory, "headline", "Council approves budget", "Budget approved"),
        (ClaimFactory, "statement", "The budget is 4.2 million.", "It is 4.5."),
        (CitationFactory, "title", "Council minutes, March", "Minutes"),
        (QuoteFactory, "speaker_text", "the mayor", "Ana Lopez"),
    ],
)
def test_the_second_save_is_refused_and_nothing_is_overwritten(
    two_editors, factory, field, first_value, second_value
):
    obj = factory()
    first, second = two_editors
    page_one = first.get(change_url(obj))
    page_two = second.get(change_url(obj))

    saved = first.post(
        change_url(obj), change_form_data(page_one, **{field: first_value})
    )
    refused = second.post(
        change_url(obj), change_form_data(page_two, **{field: second_value})
    )

    assert saved.status_code == 302
    assert refused.status_code == 200
    assert CONFLICT in refused.text
    assert f"{CONFLICT} {obj._meta.verbose_name} since you opened it" in refused.text
    assert f'href="{change_url(obj)}"' in refused.text
    obj.refresh_from_db()
    assert getattr(obj, field) == first_value
    assert obj.version == 2
    assert obj.history.count() == 2  # created, then the first save only


def test_reopening_the_current_version_lets_the_second_editor_save(two_editors):
    article = ArticleFactory()
    first, second = two_editors
    page_one, page_two = first.get(change_url(article)), second.get(change_url(article))
    first.post(change_url(article), change_form_data(page_one, byline="By A"))
    second.post(change_url(article), change_form_data(page_two, byline="By B"))

    fresh = second.get(change_url(article))
    response = second.post(change_url(article), change_form_data(fresh, byline="By B"))

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.byline, article.version) == ("By B", 3)


def test_a_form_without_its_version_is_refused(client, editor):
    claim = ClaimFactory()
    client.force_login(editor)
    data = change_form_data(client.get(change_url(claim)), statement="Changed.")
    del data["lock_version"]
    response = client.post(change_url(claim), data)
    assert CONFLICT in response.text
    claim.refresh_from_db()
    assert claim.statement != "Changed." and claim.version == 1


def test_a_race_past_the_check_is_still_refused(client, editor, monkeypatch):
    """Two saves passing the form check together: the conditional UPDATE decides."""
    article = ArticleFactory(headline="Original")
    client.force_login(editor)
    page = client.get(change_url(article))
    Article.objects.filter(pk=article.pk).update(version=5)  # someone saved meanwhile
    monkeypatch.setattr(
        OptimisticLockFormMixin, "_stored_version", lambda self, lock=False: 1
    )

    response = client.post(
        change_url(article), change_form_data(page, headline="Mine"), follow=True
    )

    assert response.status_code == 200
    assert CONFLICT in response.text
    article.refresh_from_db()
    assert (article.headline, article.version) == ("Original", 5)


def test_services_and_code_saves_are_not_blocked():
    """Only admin forms carry a version; model saves elsewhere are unaffected."""
    quote, citation = QuoteFactory(), CitationFactory()
    quote.cue = "told reporters"
    quote.save()
    citation.title = "Retitled"
    citation.save()
    assert Quote.objects.get(pk=quote.pk).cue == "told reporters"
    assert Citation.objects.get(pk=citation.pk).title == "Retitled"


@pytest.mark.urls("tests.articles.locking_urls")
def test_a_stale_inline_row_is_refused_and_nothing_is_saved(two_editors):
    """Claims edited on the article's page are locked like the claim's own page."""
    claim = ClaimFactory(statement="Original claim.")
    article = claim.article
    url = reverse("locktest:articles_article_change", args=[article.pk])
    first, second = two_editors
    on_article_page = first.get(url)
    on_claim_page = second.get(change_url(claim))

    second.post(
        change_url(claim), change_form_data(on_claim_page, statement="Their edit.")
    )
    response = first.post(
        url, change_form_data(on_article_page, headline="My new headline")
    )

    assert response.status_code == 200
    assert f"{CONFLICT} claim since you opened it" in response.text
    article.refresh_from_db()
    claim.refresh_from_db()
    assert article.headline != "My new headline"
    assert (claim.statement, claim.version) == ("Their edit.", 2)


@pytest.mark.urls("tests.articles.locking_urls")
def test_a_fresh_inline_edit_raises_the_rows_version(client, editor):
    claim = ClaimFactory(statement="Original claim.")
    url = reverse("locktest:articles_article_change", args=[claim.article.pk])
    client.force_login(editor)
    data = change_form_data(client.get(url))
    data["claims-0-statement"] = "Edited inline."

    assert client.post(url, data).status_code == 302
    claim.refresh_from_db()
    assert (claim.statement, claim.version) == ("Edited inline.", 2)
    claim.article.refresh_from_db()
    assert claim.article.version == 2


@pytest.mark.parametrize("inline", ["claim", "quote", "citation"])
def test_the_real_admin_pages_lock_their_inline_rows(two_editors, inline):
    """Claims and quotes on the article's page, citations on the claim's page."""
    if inline == "citation":
        row = CitationFactory()
        parent, field, value = row.claim, "title", "Their title"
    elif inline == "claim":
        row = ClaimFactory()
        parent, field, value = row.article, "statement", "Their statement."
    else:
        row = QuoteFactory()
        parent, field, value = row.article, "speaker_text", "the mayor's office"
    first, second = two_editors
    parent_page = first.get(change_url(parent))
    row_page = second.get(change_url(row))

    assert (
        second.post(
            change_url(row), change_form_data(row_page, **{field: value})
        ).status_code
        == 302
    )
    response = first.post(change_url(parent), change_form_data(parent_page))

    assert response.status_code == 200
    assert f"{CONFLICT} {inline} since you opened it" in response.text
    row.refresh_from_db()
    assert (getattr(row, field), row.version) == (value, 2)


def test_reverting_to_an_old_version_from_history_still_works(client, editor):
    article = ArticleFactory(headline="First headline")
    client.force_login(editor)
    page = client.get(change_url(article))
    client.post(change_url(article), change_form_data(page, headline="Second"))
    old = article.history.earliest()
    url = reverse(
        "admin:articles_article_simple_history", args=[article.pk, old.history_id]
    )
    revert_page = client.get(url)
    assert revert_page.status_code == 200

    data = change_form_data(revert_page)
    response = client.post(url, data)

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.headline, article.version) == ("First headline", 3)
