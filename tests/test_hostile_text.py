"""Arbitrary text in every parameter of every endpoint that reads text: never a 5xx.

NUL (which PostgreSQL text cannot hold), other control characters, right-to-left
marks, huge strings and ordinary Unicode go into the query strings and form bodies
of the public pages, the login form, the review queue, the Tag page, the Import page
and admin forms. Each request must answer below 500; the suite runs this on SQLite
and on PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from entities.models import EntityKind
from tests.factories import ArticleFactory, ClaimFactory, QuoteFactory, UserFactory
from tests.publishing import NOW, make_fact_check, publish

HOSTILE = st.one_of(
    st.text(max_size=60),
    st.text(st.characters(max_codepoint=0x7F), max_size=60),
    st.sampled_from(
        ["\x00", "Ana\x00Lopez", "\x1b[31mred", "\u202eevil", "\x7f", "a\tb\nc\rd"]
    ),
    st.builds(
        lambda chunk, times: chunk * times,
        st.text(min_size=1, max_size=3),
        st.integers(min_value=150, max_value=2500),
    ),
)


@dataclass
class Endpoint:
    name: str
    method: str
    url: str
    user: object | None
    fields: dict = field(default_factory=dict)  # name → a valid value


@pytest.fixture
def endpoints(db):
    superuser = UserFactory(username="hostile-root", is_superuser=True)
    reviewer = UserFactory(username="hostile-reviewer", groups=["Reviewer"])
    editor = UserFactory(username="hostile-editor", groups=["Editor"])
    fact_check = make_fact_check()
    publish(fact_check, now=NOW)
    article = ArticleFactory()
    quote = QuoteFactory(article=article, created_by=editor)
    claim = ClaimFactory(article=article, created_by=editor, text="the vote passed")
    quote_kw = {"kind": "quote", "pk": quote.pk}
    claim_kw = {"kind": "claim", "pk": claim.pk}
    tag = "admin:articles_article_tag_action"
    filters = {"article": str(article.pk), "speaker": "", "kind": "", "state": ""}
    return [
        Endpoint("home", "get", reverse("articles:home"), None, {"page": "1"}),
        Endpoint("search", "get", reverse("articles:search"), None, {"q": "budget"}),
        Endpoint(
            "claims",
            "get",
            reverse("articles:claim_list"),
            None,
            {"verdict": "true", "claimant": "", "entity": "northbridge", "page": "1"},
        ),
        Endpoint(
            "login",
            "post",
            reverse("admin:login") + "?next=/admin/",
            None,
            {"username": "nobody", "password": "wrong", "next": "/admin/"},
        ),
        Endpoint("queue", "get", reverse("articles:review_queue"), reviewer, filters),
        Endpoint(
            "review item",
            "get",
            reverse("articles:review_item", kwargs=quote_kw),
            reviewer,
            filters,
        ),
        Endpoint(
            "review entities",
            "get",
            reverse("articles:review_entities"),
            reviewer,
            {"q": "Ana"},
        ),
        Endpoint(
            "dispute",
            "post",
            reverse("articles:review_dispute", kwargs=claim_kw),
            reviewer,
            {"dispute-note": "Doubtful."},
        ),
        Endpoint(
            "correct",
            "post",
            reverse("articles:review_correct", kwargs=quote_kw),
            reviewer,
            {
                "correct-entity": "",
                "correct-new_name": "Ana Lopez",
                "correct-new_kind": EntityKind.PERSON,
                "correct-note": "Misread.",
            },
        ),
        Endpoint(
            "tag entities",
            "get",
            reverse("admin:articles_article_tag_entities", args=[article.pk]),
            superuser,
            {"q": "North"},
        ),
        Endpoint(
            "tag selection",
            "post",
            reverse(tag, args=[article.pk, "selection"]),
            superuser,
            {
                "kind": "entity",
                "start": "13",
                "end": "24",
                "text": "Northbridge",
                "entity": "",
                "new_entity_name": "Northbridge Council",
                "new_entity_kind": EntityKind.ORGANIZATION,
                "new_entity_alias": "NBC",
                "speaker": "",
            },
        ),
        Endpoint(
            "tag accept all",
            "post",
            reverse(tag, args=[article.pk, "accept-all"]),
            superuser,
            {"entity": "Northbridge"},
        ),
        Endpoint(
            "import",
            "post",
            reverse("admin:articles_article_import"),
            superuser,
            {
                "text": "A headline\nA body of text.",
                "url": "",
                "published": "",
                "publication": "Gazette",
            },
        ),
        Endpoint(
            "entity add",
            "post",
            reverse("admin:entities_entity_add"),
            superuser,
            {
                "name": "New entity",
                "slug": "",
                "kind": EntityKind.PERSON,
                "description": "",
                "wikidata_id": "",
                "same_as": "",
                "aliases-TOTAL_FORMS": "1",
                "aliases-INITIAL_FORMS": "0",
                "aliases-0-name": "NE",
            },
        ),
        Endpoint(
            "entity search",
            "get",
            reverse("admin:entities_entity_changelist"),
            superuser,
            {"q": "North"},
        ),
        Endpoint(
            "claim search",
            "get",
            reverse("admin:articles_claim_changelist"),
            superuser,
            {"q": "vote"},
        ),
        Endpoint(
            "autocomplete",
            "get",
            reverse("admin:autocomplete"),
            superuser,
            {
                "term": "North",
                "app_label": "articles",
                "model_name": "quote",
                "field_name": "speaker",
            },
        ),
        Endpoint(
            "correction",
            "post",
            reverse(
                "admin:articles_factcheck_workflow", args=[fact_check.pk, "correct"]
            ),
            superuser,
            {"text": "The figure was updated."},
        ),
        Endpoint(
            "suggest claim",
            "post",
            reverse("articles:suggest_claim"),
            None,
            {
                "message": "The mayor said the bridge opens in 2026.",
                "source_url": "https://news.example.org/bridge",
                "contact_email": "",
                "website": "",
            },
        ),
        Endpoint(
            "report error",
            "post",
            reverse("articles:report_error", kwargs={"slug": fact_check.slug}),
            None,
            {"message": "The vote was 12 to 2.", "contact_email": "", "website": ""},
        ),
        Endpoint(
            "claims csv",
            "get",
            reverse("articles:claim_list_csv"),
            None,
            {"verdict": "true", "claimant": "", "entity": "northbridge"},
        ),
        Endpoint(
            "api claims",
            "get",
            reverse("api:claim-list"),
            None,
            {
                "verdict": "true",
                "claimant": "ana-lopez",
                "entity": "northbridge",
                "published_after": "2025-01-01",
                "page": "1",
                "page_size": "5",
            },
        ),
        Endpoint(
            "api fact-checks",
            "get",
            reverse("api:factcheck-list"),
            None,
            {"verdict": "false", "claimant": "ana-lopez", "entity": "northbridge"},
        ),
        Endpoint(
            "api entities", "get", reverse("api:entity-list"), None, {"kind": "place"}
        ),
    ]


ENDPOINT_NAMES = [
    "home",
    "search",
    "claims",
    "login",
    "queue",
    "review item",
    "review entities",
    "dispute",
    "correct",
    "tag entities",
    "tag selection",
    "tag accept all",
    "import",
    "entity add",
    "entity search",
    "claim search",
    "autocomplete",
    "correction",
    "suggest claim",
    "report error",
    "claims csv",
    "api claims",
    "api fact-checks",
    "api entities",
]


def hostile_values(fields: dict):
    """Each field keeps its valid value or gets hostile text (at least one does)."""
    names = sorted(fields)
    return st.lists(
        st.sampled_from(names), min_size=1, max_size=len(names), unique=True
    ).flatmap(
        lambda chosen: st.fixed_dictionaries(
            {
                name: HOSTILE if name in chosen else st.just(fields[name])
                for name in names
            }
        )
    )


@pytest.mark.parametrize("name", ENDPOINT_NAMES)
def test_no_text_makes_an_endpoint_fail(endpoints, name):
    endpoint = next(e for e in endpoints if e.name == name)
    client = Client()
    if endpoint.user is not None:
        client.force_login(endpoint.user)
    send = getattr(client, endpoint.method)

    @settings(
        max_examples=25,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(data=hostile_values(endpoint.fields))
    @example(data=dict.fromkeys(endpoint.fields, "\x00"))
    @example(data=dict.fromkeys(endpoint.fields, "x" * 5000))
    @example(data=dict.fromkeys(endpoint.fields, "a\x01\x1f\x7f"))
    def check(data):
        response = send(endpoint.url, data)
        assert response.status_code < 500, (endpoint.name, data)

    check()
