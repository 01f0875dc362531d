"""Changelist filter values from the address that no database can take: Django's
"?e=1" refusal, never a 500 (on SQLite and PostgreSQL alike)."""

import pytest
from django.contrib import admin
from django.db import connection, models
from django.urls import reverse

from articles.models import Claim, FactCheckClaim
from entities.admin_scale import plan_estimate
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999999"


def changelists():
    for model, model_admin in admin.site._registry.items():
        url = reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"
        )
        text_filters = [
            name
            for name in model_admin.list_filter
            if isinstance(name, str)
            and "__" not in name
            and isinstance(model._meta.get_field(name), models.CharField)
        ]
        date_filters = [
            name
            for name in [*model_admin.list_filter, model_admin.date_hierarchy]
            if isinstance(name, str)
            and "__" not in name
            and isinstance(model._meta.get_field(name), models.DateField)
        ]
        yield pytest.param(url, text_filters, date_filters, id=model._meta.label)


@pytest.mark.parametrize(("url", "text_filters", "date_filters"), list(changelists()))
def test_unusable_filter_values_are_refused_not_a_server_error(
    client, superuser, url, text_filters, date_filters
):
    client.force_login(superuser)
    queries = [{"id__in": HUGE}, {"id__in": f"1,{HUGE}"}, {"id__exact": f"-{HUGE}"}]
    queries += [{f"{name}__exact": "a\x00b"} for name in text_filters]
    queries += [{f"{name}__year": str(2**62)} for name in date_filters]
    for query in queries:
        response = client.get(url, query)
        assert response.status_code == 302, query
        assert response["Location"].endswith("?e=1")
    # An ordinary filter still works.
    assert client.get(url, {"id__in": "1,2"}).status_code == 200


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the planner's estimate: PostgreSQL"
)
def test_a_filter_no_row_can_match_is_estimated_as_empty():
    ClaimFactory()
    # Django knows these match nothing (an empty list, a number out of the column's
    # range) and sends no query: the plan it returns is empty, not JSON.
    assert plan_estimate(Claim.objects.filter(pk__in=[])) == 0
    assert plan_estimate(FactCheckClaim.objects.filter(position=2**40)) == 0


@pytest.mark.parametrize(
    ("model_name", "field_name"),
    [("factcheck", "authors"), ("assignment", "assignee"), ("claim", "speaker")],
)
def test_an_autocomplete_term_with_a_control_character_is_not_a_server_error(
    client, superuser, model_name, field_name
):
    # The authors' and assignees' boxes search Django's own user admin.
    client.force_login(superuser)
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "term": "ro\x00ot",
            "app_label": "articles",
            "model_name": model_name,
            "field_name": field_name,
        },
    )
    assert response.status_code == 200
