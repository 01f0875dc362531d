"""Change pages with many inline rows: chosen entities and claims in one query each."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article, FactCheck, Mention
from tests.articles.admin_helpers import change_form_data, change_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed():
    call_command("load_seed", stdout=StringIO())
    return Article.objects.get()


def test_seed_article_change_page_query_count(
    client, superuser, seed, django_assert_max_num_queries
):
    client.force_login(superuser)
    with django_assert_max_num_queries(25):
        response = client.get(change_url(seed))
    assert response.status_code == 200
    page = response.content.decode()
    mention = Mention.objects.filter(article=seed).select_related("entity").first()
    chosen = f'<option value="{mention.entity_id}" selected>{mention.entity}</option>'
    assert chosen in page


def test_seed_fact_check_change_page_query_count(
    client, superuser, seed, django_assert_max_num_queries
):
    client.force_login(superuser)
    fact_check = FactCheck.objects.get()
    with django_assert_max_num_queries(25):
        response = client.get(change_url(fact_check))
    assert response.status_code == 200


def test_a_forged_entity_id_in_an_inline_is_a_form_error(client, superuser, seed):
    client.force_login(superuser)
    page = client.get(change_url(seed))
    prefix = page.context["inline_admin_formsets"][0].formset.prefix
    data = change_form_data(page, **{f"{prefix}-0-entity": "abc"})
    response = client.post(change_url(seed), data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_a_forged_id_among_the_authors_is_a_form_error(client, superuser):
    client.force_login(superuser)
    response = client.post(reverse("admin:articles_factcheck_add"), {"authors": "abc"})
    assert response.status_code == 200
    assert "is not a valid value" in response.content.decode()


@pytest.mark.parametrize(
    ("url_name", "field"),
    [
        ("admin:articles_quote_add", "speaker"),
        ("admin:articles_quote_add", "article"),
        ("admin:articles_claim_add", "speaker"),
        ("admin:articles_citation_add", "claim"),
        ("admin:articles_factcheck_add", "article"),
        ("admin:articles_mention_add", "entity"),
        ("admin:articles_mention_add", "article"),
        ("admin:entities_alias_add", "entity"),
    ],
)
def test_a_forged_id_in_an_add_form_is_a_form_error(client, superuser, url_name, field):
    client.force_login(superuser)
    response = client.post(reverse(url_name), {field: "abc"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
