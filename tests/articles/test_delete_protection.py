"""What a published version shows cannot be deleted from under its readers."""

import pytest
from django.contrib.admin import ModelAdmin
from django.db.models import ProtectedError
from django.urls import reverse

from articles.models import Article, Citation, Claim
from entities.models import Entity
from tests.articles.admin_helpers import change_form_data, change_url
from tests.publishing import unpublish

pytestmark = pytest.mark.django_db

TITLE = "Fact-check: the budget story"
REFUSED = "cannot be deleted while these use it"


def delete_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[obj.pk])


def rows(published):
    claim = published.ordered_claims()[0]
    return {
        "entity": Entity.objects.get(slug="northbridge"),  # only mentioned
        "claim": claim,
        "citation": claim.citations.get(),
        "article": published.article,
    }


@pytest.mark.parametrize("kind", ["entity", "claim", "citation", "article"])
def test_the_delete_page_refuses_and_names_the_fact_check(
    client, superuser, published, kind
):
    obj = rows(published)[kind]
    client.force_login(superuser)

    page = client.get(delete_url(obj))
    posted = client.post(delete_url(obj), {"post": "yes"})

    assert page.status_code == posted.status_code == 200
    for response in (page, posted):
        assert REFUSED in response.text
        assert f"“{TITLE}”" in response.text
    assert type(obj).objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize(
    ("model", "kind"),
    [(Entity, "entity"), (Claim, "claim"), (Citation, "citation")],
)
def test_the_bulk_delete_action_refuses_and_names_the_fact_check(
    client, superuser, published, model, kind
):
    obj = rows(published)[kind]
    client.force_login(superuser)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")

    response = client.post(
        url, {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"}
    )

    assert response.status_code == 200
    assert "cannot be deleted while these use them" in response.text
    assert f"published fact-check “{TITLE}” (version 1)" in response.text
    assert model.objects.filter(pk=obj.pk).exists()


def test_an_unpublished_fact_check_still_holds_what_it_showed(published):
    unpublish(published)
    entity = rows(published)["entity"]
    with pytest.raises(ProtectedError):
        entity.delete()
    with pytest.raises(ProtectedError):
        published.ordered_claims()[0].delete()
    assert Article.objects.filter(pk=published.article_id).exists()


def test_a_claim_deleted_inline_on_the_article_page_is_refused(
    client, superuser, published
):
    article = published.article
    client.force_login(superuser)
    data = change_form_data(client.get(change_url(article)))
    data["claims-0-DELETE"] = "on"

    response = client.post(change_url(article), data)

    assert response.status_code == 200
    assert "protected" in response.text
    assert Claim.objects.filter(article=article).count() == 2


def test_a_deletion_racing_a_publication_is_refused_with_a_message(
    client, superuser, published, monkeypatch
):
    """The page found nothing protected; the delete itself meets the new version."""
    entity = rows(published)["entity"]
    monkeypatch.setattr(
        ModelAdmin,
        "get_deleted_objects",
        lambda self, objs, request: ([], {}, set(), []),
    )
    client.force_login(superuser)

    response = client.post(delete_url(entity), {"post": "yes"}, follow=True)

    assert response.status_code == 200
    assert "Not deleted: still used by published fact-check" in response.text
    assert TITLE in response.text
    assert Entity.objects.filter(pk=entity.pk).exists()
