"""Guards for what the Nu HTML checker found on the public pages: ``<time datetime>``
values with more than three fraction digits (Django's ``date:'c'`` writes six), and
``aria-labelledby`` on a ``<div>`` with no role (naming is prohibited there)."""

import datetime
import re

import pytest
from django.urls import reverse

from articles.models import AuthorProfile
from articles.services import workflow
from articles.templatetags.public_tags import isodatetime
from policies.models import PageKind, PolicyPage
from tests.factories import UserFactory
from tests.publishing import desk_publisher, make_fact_check, publish

pytestmark = pytest.mark.django_db

# A publication time with microseconds, as timezone.now() gives one.
PUBLISHED_AT = datetime.datetime(2025, 3, 5, 9, 30, 12, 345678, tzinfo=datetime.UTC)
DATETIME = re.compile(r'datetime="([^"]*)"')
FRACTION = re.compile(r"\d\d:\d\d:\d\d\.\d{4,}")
DIV = re.compile(r"<div\b[^>]*>")


@pytest.fixture
def pages():
    fact_check = make_fact_check()
    author = UserFactory(username="val", first_name="Val", last_name="Idator")
    AuthorProfile.objects.create(user=author, slug="val-idator", bio="Checks.")
    fact_check.authors.add(author)
    publish(fact_check, now=PUBLISHED_AT)
    publish(fact_check, now=PUBLISHED_AT + datetime.timedelta(days=1, microseconds=7))
    workflow.add_correction(fact_check=fact_check, user=desk_publisher(), text="Fix.")
    for kind in PageKind:
        PolicyPage.objects.create(kind=kind, title=kind.label, body="Text.")
    claim = fact_check.versions.get(is_current=True).claims.first()
    return [
        reverse("articles:home"),
        reverse("articles:claim_list"),
        claim.get_absolute_url(),
        fact_check.get_absolute_url(),
        reverse("articles:factcheck_versions", kwargs={"slug": fact_check.slug}),
        reverse("articles:entity_detail", kwargs={"slug": "ana-lopez"}),
        reverse("articles:search") + "?q=budget",
        *(
            reverse("policies:page", kwargs={"kind": kind})
            for kind in PageKind.values
            if kind != PageKind.TEAM
        ),
        reverse("policies:team"),
        reverse("policies:author", kwargs={"slug": "val-idator"}),
    ]


def test_no_public_page_has_microseconds_in_a_datetime_attribute(client, pages):
    seen = 0
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        values = DATETIME.findall(response.content.decode())
        seen += len(values)
        assert [v for v in values if FRACTION.search(v)] == [], url
    assert seen > 10


def test_no_public_page_names_a_plain_div(client, pages):
    for url in pages:
        html = client.get(url).content.decode()
        named = [d for d in DIV.findall(html) if "aria-labelledby" in d]
        assert [d for d in named if "role=" not in d] == [], url


def test_isodatetime_drops_microseconds_and_keeps_dates():
    assert isodatetime(PUBLISHED_AT) == "2025-03-05T09:30:12+00:00"
    assert isodatetime("2025-03-05T09:30:12.345678+00:00") == (
        "2025-03-05T09:30:12+00:00"
    )
    assert isodatetime(datetime.date(2025, 3, 1)) == "2025-03-01"
    assert isodatetime(None) == ""
