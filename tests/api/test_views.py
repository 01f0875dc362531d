"""The read-only JSON API: what it serves, what it never serves, and its limits."""

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse
from rest_framework.throttling import AnonRateThrottle

from articles.models import FactCheck, Verdict
from articles.services import workflow
from tests.factories import ClaimFactory, EntityFactory, FactCheckFactory
from tests.publishing import (
    NOW,
    checked_claim,
    desk_publisher,
    make_fact_check,
    publish,
    simple_fact_check,
    unpublish,
)

pytestmark = pytest.mark.django_db

LATER = NOW + datetime.timedelta(days=3)


@pytest.fixture
def published():
    fact_check = make_fact_check()
    publish(fact_check, now=NOW)
    return fact_check


def get(client, name, **params):
    kwargs = params.pop("kwargs", None)
    response = client.get(reverse(f"api:{name}", kwargs=kwargs), params)
    assert response["Content-Type"].startswith("application/json"), response.content
    return response


def slugs(response):
    return [row["slug"] for row in response.json()["results"]]


def statements(response):
    return [row["statement"] for row in response.json()["results"]]


def test_fact_checks_list_their_claims_verdicts_and_corrections(client, published):
    workflow.add_correction(
        fact_check=published, user=desk_publisher(), text="A date was wrong."
    )

    body = get(client, "factcheck-list").json()

    assert body["count"] == 1
    [row] = body["results"]
    assert row["slug"] == "budget-check"
    assert row["url"].endswith("/fact-checks/budget-check/")
    assert [c["verdict"] for c in row["claims"]] == ["true", "false"]
    assert row["claims"][1]["claimant"] == "Ana Lopez"
    assert [c["text"] for c in row["corrections"]] == ["A date was wrong."]
    assert row["published_at"].startswith("2025-03-05T09:30:00")


def test_a_claim_carries_its_card_citations_and_fact_check(client, published):
    claim = published.ordered_claims().first()

    body = get(client, "claim-detail", kwargs={"id": claim.pk}).json()

    assert (
        body["statement"] == "Northbridge's council approved a 4.2 million euro budget."
    )
    assert (body["verdict"], body["verdict_label"], body["rating"]) == (
        "true",
        "True",
        7,
    )
    assert body["claimant"]["slug"] == "northbridge-gazette"
    assert body["citations"][0]["url"] == "https://records.example.org/minutes"
    assert body["analysis"] == "The council minutes show the budget and the vote."
    assert body["fact_check"]["slug"] == "budget-check"
    assert {e["slug"] for e in body["entities"]} >= {"northbridge"}


def test_claims_filter_by_verdict_claimant_entity_and_dates(client, published):
    other = simple_fact_check(1)
    publish(other, now=LATER)

    assert len(statements(get(client, "claim-list"))) == 3
    assert statements(get(client, "claim-list", verdict="false")) == [
        "Northbridge will open three new libraries by 2027."
    ]
    assert statements(get(client, "claim-list", claimant="ana-lopez")) == [
        "Northbridge will open three new libraries by 2027."
    ]
    assert statements(get(client, "claim-list", entity="northbridge")) == [
        "Northbridge's council approved a 4.2 million euro budget.",
    ]
    after = get(client, "claim-list", published_after=LATER.date().isoformat())
    assert len(statements(after)) == 1
    before = get(client, "claim-list", published_before=NOW.date().isoformat())
    assert len(statements(before)) == 2


def test_fact_checks_filter_by_verdict_entity_and_date(client, published):
    publish(simple_fact_check(1), now=LATER)

    assert slugs(get(client, "factcheck-list")) == ["check-1", "budget-check"]
    assert slugs(get(client, "factcheck-list", verdict="false")) == ["budget-check"]
    assert slugs(get(client, "factcheck-list", entity="ana-lopez")) == ["budget-check"]
    assert slugs(get(client, "factcheck-list", claimant="ana-lopez")) == [
        "budget-check"
    ]
    assert slugs(
        get(client, "factcheck-list", published_after=LATER.date().isoformat())
    ) == ["check-1"]


def test_a_bad_filter_value_is_a_400_naming_it(client, published):
    response = get(client, "claim-list", verdict="fabulous")
    assert response.status_code == 400
    assert "verdict" in response.json()

    response = get(client, "claim-list", published_after="yesterday")
    assert response.status_code == 400
    assert "published_after" in response.json()

    response = get(client, "factcheck-list", entity="ana\x00lopez")
    assert response.status_code == 400
    assert "entity" in response.json()


def test_lists_are_paginated(client):
    for number in range(3):
        publish(simple_fact_check(number), now=NOW)

    first = get(client, "factcheck-list", page_size=2).json()
    second = get(client, "factcheck-list", page_size=2, page=2).json()

    assert first["count"] == 3
    assert len(first["results"]) == 2
    assert first["next"] and second["previous"]
    assert len(second["results"]) == 1
    assert get(client, "factcheck-list", page=9).status_code == 404


def test_entities_are_those_with_a_public_page(client, published):
    EntityFactory(name="Never Published", slug="never-published")

    listed = slugs(get(client, "entity-list"))

    assert "ana-lopez" in listed and "northbridge" in listed
    assert "never-published" not in listed
    body = get(client, "entity-detail", kwargs={"slug": "northbridge"}).json()
    assert body["wikidata_id"] == "Q1234"
    assert body["same_as"] == ["https://example.org/northbridge"]
    assert body["url"].endswith("/entities/northbridge/")
    missing = get(client, "entity-detail", kwargs={"slug": "never-published"})
    assert missing.status_code == 404


def test_nothing_unpublished_ever_appears(client, published):
    """A draft, an unpublished fact-check, an older version and an entity with no
    published mention: in no list, at no address."""
    # An older, non-current version: republished with a new summary and claim wording.
    first_claim = published.ordered_claims().first()
    first_claim.statement = "Reworded after publication."
    first_claim.save()
    published.refresh_from_db()
    published.summary = "Second version summary."
    published.save()
    publish(published, now=LATER)
    # A draft with its own claim, never published.
    draft = FactCheckFactory(slug="a-draft", title="A draft")
    draft_claim = checked_claim(draft, position=1, statement="Only in the draft.")
    # A fact-check published, then unpublished.
    withdrawn = simple_fact_check(7)
    publish(withdrawn, now=NOW)
    withdrawn_claim = withdrawn.ordered_claims().first()
    unpublish(withdrawn)
    # An entity nobody published, claimant of an unpublished claim.
    hidden = EntityFactory(name="Hidden Person", slug="hidden-person")
    ClaimFactory(article=draft.article, speaker=hidden, statement="Hidden's claim.")

    fact_checks = get(client, "factcheck-list").json()["results"]
    claims = get(client, "claim-list", page_size=100).json()["results"]
    entities = slugs(get(client, "entity-list", page_size=100))

    assert [f["slug"] for f in fact_checks] == ["budget-check"]
    assert fact_checks[0]["summary"] == "Second version summary."
    assert fact_checks[0]["version"] == 2
    texts = {c["statement"] for c in claims}
    assert "Reworded after publication." in texts
    assert "Northbridge's council approved a 4.2 million euro budget." not in texts
    assert not texts & {"Only in the draft.", "Hidden's claim."}
    assert withdrawn_claim.statement not in texts
    assert "hidden-person" not in entities
    for name, kwargs in [
        ("factcheck-detail", {"slug": "a-draft"}),
        ("factcheck-detail", {"slug": withdrawn.slug}),
        ("claim-detail", {"id": draft_claim.pk}),
        ("claim-detail", {"id": withdrawn_claim.pk}),
        ("entity-detail", {"slug": "hidden-person"}),
    ]:
        assert get(client, name, kwargs=kwargs).status_code == 404, (name, kwargs)
    assert not FactCheck.objects.get(slug="a-draft").versions.exists()


def test_no_method_writes(client, published):
    claim = published.ordered_claims().first()
    for url in (
        reverse("api:factcheck-list"),
        reverse("api:factcheck-detail", kwargs={"slug": "budget-check"}),
        reverse("api:claim-detail", kwargs={"id": claim.pk}),
        reverse("api:entity-list"),
    ):
        for method in ("post", "put", "patch", "delete"):
            response = getattr(client, method)(url, {}, content_type="application/json")
            assert response.status_code == 405, (method, url)
    assert FactCheck.objects.get(pk=published.pk).versions.count() == 1


@pytest.mark.parametrize(
    ("name", "queries"),
    [("factcheck-list", 5), ("claim-list", 2), ("entity-list", 2)],
)
def test_list_queries_do_not_grow_with_rows(
    client, published, name, queries, django_assert_num_queries
):
    for number in range(4):
        publish(simple_fact_check(number), now=NOW)
    workflow.add_correction(
        fact_check=published, user=desk_publisher(), text="A date was wrong."
    )
    with django_assert_num_queries(queries):
        response = client.get(reverse(f"api:{name}"))
    assert response.status_code == 200
    assert response.json()["count"] >= 5


def test_the_openapi_schema_describes_the_filters(client):
    response = client.get(reverse("api:schema"), {"format": "json"})

    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Newsroom open data API"
    claims = schema["paths"]["/api/v1/claims/"]["get"]
    names = {p["name"] for p in claims["parameters"]}
    assert {"verdict", "claimant", "entity", "published_after", "page"} <= names
    assert set(schema["paths"]["/api/v1/claims/"]) == {"get"}


def test_anonymous_clients_are_throttled_per_address(client, published, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    url = reverse("api:claim-list")

    statuses = [client.get(url).status_code for _ in range(4)]
    other = client.get(url, REMOTE_ADDR="198.51.100.7").status_code
    spoofed = client.get(url, HTTP_X_FORWARDED_FOR="203.0.113.9").status_code

    assert statuses == [200, 200, 200, 429]
    assert other == 200
    # A header anyone can send does not buy a fresh allowance.
    assert spoofed == 429


def test_one_ipv6_network_is_throttled_as_one_client(client, published, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "1/minute"})
    url = reverse("api:claim-list")

    first = client.get(url, REMOTE_ADDR="2001:db8:1:2::1").status_code
    same_network = client.get(url, REMOTE_ADDR="2001:db8:1:2::2").status_code
    other_network = client.get(url, REMOTE_ADDR="2001:db8:1:3::1").status_code

    assert [first, same_network, other_network] == [200, 429, 200]


@override_settings(CLIENT_IP_HEADER="X-Forwarded-For")
def test_behind_the_proxy_the_proxys_address_counts(client, published, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "1/minute"})
    url = reverse("api:claim-list")

    first = client.get(url, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.1")
    again = client.get(url, HTTP_X_FORWARDED_FOR="9.9.9.9, 198.51.100.1")
    other = client.get(url, HTTP_X_FORWARDED_FOR="198.51.100.2")

    assert [first.status_code, again.status_code, other.status_code] == [200, 429, 200]


def test_verdict_choices_are_the_desks_scale(client):
    schema = client.get(reverse("api:schema"), {"format": "json"}).json()
    [verdict] = [
        p
        for p in schema["paths"]["/api/v1/claims/"]["get"]["parameters"]
        if p["name"] == "verdict"
    ]
    assert set(verdict["schema"]["enum"]) == set(Verdict.values)


def test_the_schema_is_valid_and_generates_without_warnings(tmp_path):
    from django.core.management import call_command

    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    assert "/api/v1/fact-checks/{slug}/" in out.read_text()


def test_the_docs_page_lists_every_address_and_filter(
    client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(0):
        response = client.get(reverse("api:docs"))

    assert response.status_code == 200
    html = response.content.decode()
    for path in ("/api/v1/claims/", "/api/v1/fact-checks/{slug}/", "/api/v1/entities/"):
        assert f"<code>{path}</code>" in html
    assert "<code>published_before</code>" in html
    assert "<code>mostly_false</code>" in html
    assert f'href="{reverse("api:schema")}?format=json"' in html
    assert client.get(reverse("api:docs"))["X-Public-Cache"] == "hit"


def test_a_retracted_fact_checks_claims_say_their_rating_no_longer_stands(
    client, published
):
    before = get(client, "claim-list").json()["results"]
    assert before and not any(row["is_retracted"] for row in before)
    workflow.add_correction(
        fact_check=published,
        user=desk_publisher(),
        text="We got the central figure wrong.",
        kind="retraction",
    )
    after = get(client, "claim-list").json()["results"]
    assert after and all(row["is_retracted"] for row in after)
    one = get(client, "claim-detail", kwargs={"id": after[0]["id"]}).json()
    assert one["is_retracted"] is True


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/fact-checks/budget%00check/",
        "/api/v1/entities/ana%00lopez/",
        "/api/v1/fact-checks/%E2%80%AE/",
        "/api/v1/entities/a%20b/",
        "/api/v1/claims/99999999999999999999/",
    ],
)
def test_an_address_no_slug_can_have_is_a_404(client, published, path):
    # A NUL reached PostgreSQL, which refused it with a 500.
    assert client.get(path).status_code == 404


def test_an_entity_only_a_withdrawn_fact_check_named_leaves_the_api(client, published):
    """Published once, then unpublished: its page, its row and its filter go."""
    withdrawn = FactCheckFactory(slug="withdrawn", title="Withdrawn")
    ghost = EntityFactory(name="Ghost Speaker", slug="ghost-speaker")
    checked_claim(withdrawn, position=1, speaker=ghost, statement="Ghost said so.")
    publish(withdrawn, now=LATER)
    assert "ghost-speaker" in slugs(get(client, "entity-list", page_size=100))

    unpublish(withdrawn)

    assert "ghost-speaker" not in slugs(get(client, "entity-list", page_size=100))
    detail = get(client, "entity-detail", kwargs={"slug": "ghost-speaker"})
    assert detail.status_code == 404
    assert statements(get(client, "claim-list", claimant="ghost-speaker")) == []
    assert slugs(get(client, "factcheck-list", entity="ghost-speaker")) == []
