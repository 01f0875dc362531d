"""The Organization's policy properties in the JSON-LD point only at pages that exist.

``publishingPrinciples``, ``correctionsPolicy``, ``ownershipFundingInfo`` and
``actionableFeedbackPolicy`` name the desk's policy pages; a policy nobody has
written (or that is unticked) is a 404, so declaring it would send search engines
and fact-check aggregators to a missing page. The stored fact-check pages
(PublishedPage) must follow a policy change too, without being rendered again.
"""

import json
import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from articles.models import PublishedPage
from policies.models import PageKind, PolicyPage
from tests.publishing import NOW, make_fact_check, publish

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
POLICY_PROPERTIES = {
    "publishingPrinciples": "methodology",
    "correctionsPolicy": "corrections",
    "ownershipFundingInfo": "ownership-funding",
    "actionableFeedbackPolicy": "feedback",
}
ORGANIZATION_ID = f"{settings.SITE_URL}/#organization"


def nodes(data):
    """Every JSON object inside ``data``, itself included."""
    if isinstance(data, dict):
        yield data
        for value in data.values():
            yield from nodes(value)
    elif isinstance(data, list):
        for item in data:
            yield from nodes(item)


def json_ld(text):
    return [json.loads(block) for block in SCRIPT.findall(text)]


def organizations(data):
    return [n for n in nodes(data) if n.get("@type") == "Organization"]


def declared(data) -> dict[str, str]:
    """Each policy property declared anywhere in ``data``, with its address."""
    found = {}
    for node in organizations(data):
        for prop in POLICY_PROPERTIES:
            if prop in node:
                found[prop] = node[prop]
    return found


def about(kind):
    return f"{settings.SITE_URL}{reverse('policies:page', kwargs={'kind': kind})}"


def write(kind, **fields):
    return PolicyPage.objects.create(
        kind=kind, title=f"The {kind}", body="Our rules.", **fields
    )


@pytest.fixture
def fact_check():
    fact_check = make_fact_check()
    publish(fact_check, now=NOW)
    return fact_check


def public_pages(fact_check):
    claim = fact_check.ordered_claims()[0]
    return [
        reverse("articles:home"),
        reverse("articles:factcheck_detail", kwargs={"slug": fact_check.slug}),
        reverse("articles:factcheck_versions", kwargs={"slug": fact_check.slug}),
        claim.get_absolute_url(),
        reverse("policies:page", kwargs={"kind": "ratings"}),
        reverse("policies:team"),
    ]


def test_a_fresh_desk_declares_no_policy_address_that_is_a_404(client, fact_check):
    cache.clear()
    for url in [*public_pages(fact_check), reverse("articles:claimreview_feed")]:
        response = client.get(url)
        text = response.content.decode()
        data = json.loads(text) if url.endswith(".json") else json_ld(text)
        assert declared(data) == {}, url


def test_every_page_declares_the_written_policies_once(client, fact_check):
    cache.clear()
    for kind in POLICY_PROPERTIES.values():
        write(kind)
    expected = {prop: about(kind) for prop, kind in POLICY_PROPERTIES.items()}
    for url in public_pages(fact_check):
        items = json_ld(client.get(url).content.decode())
        full = [o for o in organizations(items) if "publishingPrinciples" in o]
        assert len(full) == 1, url
        assert full[0]["@id"] == ORGANIZATION_ID
        assert full[0]["name"] == settings.NEWSROOM_ORGANIZATION["name"]
        assert declared(items) == expected, url
        # Every other mention of the desk is the same node, by its @id.
        assert {o.get("@id") for o in organizations(items)} >= {ORGANIZATION_ID}
    for address in expected.values():
        assert client.get(address.removeprefix(settings.SITE_URL)).status_code == 200


def test_the_claimreviews_name_the_desk_by_its_node(client, fact_check):
    page = reverse("articles:factcheck_detail", kwargs={"slug": fact_check.slug})
    items = json_ld(client.get(page).content.decode())
    reviews = [i for i in items if i["@type"] == "ClaimReview"]
    assert reviews
    for review in reviews:
        assert review["author"]["@id"] == ORGANIZATION_ID
        assert review["author"]["name"] == settings.NEWSROOM_ORGANIZATION["name"]
        assert review["author"]["url"] == settings.NEWSROOM_ORGANIZATION["url"]
    (article,) = [i for i in items if i["@type"] == "NewsArticle"]
    assert article["publisher"]["@id"] == ORGANIZATION_ID
    feed = client.get(reverse("articles:claimreview_feed")).json()
    authors = {e["author"]["@id"] for e in feed["dataFeedElement"]}
    assert authors == {ORGANIZATION_ID}


def test_the_stored_fact_check_page_follows_a_policy_change(
    client, fact_check, django_capture_on_commit_callbacks
):
    """The page's HTML was rendered at publication; the policies it declares are
    today's, as a reader of the cached page sees them."""
    url = reverse("articles:factcheck_detail", kwargs={"slug": fact_check.slug})
    assert PublishedPage.objects.filter(version__fact_check=fact_check).exists()
    assert "correctionsPolicy" not in declared(
        json_ld(client.get(url).content.decode())
    )

    with django_capture_on_commit_callbacks(execute=True):
        page = write(PageKind.CORRECTIONS)
    found = declared(json_ld(client.get(url).content.decode()))
    assert found == {"correctionsPolicy": about("corrections")}

    with django_capture_on_commit_callbacks(execute=True):
        page.is_published = False
        page.save()
    assert declared(json_ld(client.get(url).content.decode())) == {}
