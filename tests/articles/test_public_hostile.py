"""Hostile query strings, addresses and text on the public reader pages: never a 500."""

import datetime
from urllib.parse import urlencode

import pytest
from django.contrib.messages import INFO
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils.html import escape

from articles.models import AttributionReview
from articles.services import workflow
from entities.models import Entity
from tests.factories import (
    EntityFactory,
    FactCheckClaimFactory,
    FactCheckFactory,
    UserFactory,
)
from tests.publishing import NOW, desk_publisher, make_fact_check, publish
from tests.sitemaps import all_sitemap_urls

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"


HOSTILE = [
    "/?page=abc",
    "/?page=0",
    "/?page=-1",
    f"/?page={HUGE}",
    "/?page=1e3",
    "/?page=%00",
    "/?page=1&page=2",
    f"/claims/?verdict=%3Cscript%3E&claimant=abc&entity={HUGE}",
    "/claims/?verdict=true&verdict=false&page=-5",
    "/claims/?entity=%00&claimant=%00",
    "/search/?q=",
    "/search/?q=" + "a" * 10000,
    "/search/?q=%00",
    "/search/?q=a%00b",
    '/search/?q="',
    "/search/?q=-",
    "/search/?q=or",
    "/search/?q=!",
    "/search/?q=%26%7C",
    "/search/?q=%22%22%22-or-!%26%7C():*",
    "/search/?q=%E2%80%AE%F0%9F%98%80%E4%B8%AD%E6%96%87",
    "/search/?q=%25%5F%5C",
    "/search/?q=budget&q=minutes",
    "/search/?q=%ED%A0%80",
    f"/claims/{HUGE}-x/",
    f"/claims/{HUGE}/",
    "/claims/0/",
    "/entities/--/",
    "/entities/%00/",
    "/entities/a%C3%A9/",
    "/fact-checks/nope/",
    "/feeds/fact-checks.rss?page=abc&x=%00",
    "/feeds/fact-checks.atom?q=%3Cscript%3E",
    "/sitemap.xml?p=abc",
    "/sitemap.xml?p=0",
    f"/sitemap.xml?p={HUGE}",
    "/sitemap.xml?section=x",
    "/claimreview.json?x=1",
    "/robots.txt?x=%00",
]


@pytest.mark.parametrize("url", HOSTILE)
def test_hostile_addresses_are_never_a_server_error(client, published, url):
    for method in (client.get, client.head):
        response = method(url)
        assert response.status_code < 500, (url, response.status_code)


def test_cached_page_in_one_language_is_not_served_to_readers_of_another(client):
    url = reverse("articles:search") + "?q=" + "x" * 300
    french = client.get(url, headers={"accept-language": "fr"}).content.decode()
    english = client.get(url, headers={"accept-language": "en"})
    assert '<html lang="fr">' in french
    assert '<html lang="en">' in english.content.decode()
    assert "at most 200 characters" in english.content.decode()
    assert english["Content-Language"] == "en"


def test_a_cached_page_keeps_the_headers_its_view_set(client, published):
    url = reverse("articles:sitemap")
    first = client.get(url)
    second = client.get(url)
    assert second["X-Public-Cache"] == "hit"
    assert second["X-Robots-Tag"] == first["X-Robots-Tag"]
    assert "noindex" in second["X-Robots-Tag"]
    assert second["Content-Type"] == first["Content-Type"]


def test_a_claim_checked_in_two_published_fact_checks_has_working_pages(client):
    first = make_fact_check()
    claim = first.ordered_claims()[0]
    second = FactCheckFactory(article=first.article, slug="second-look")
    FactCheckClaimFactory(fact_check=second, claim=claim, position=1)
    publish(first, now=NOW)
    publish(second, now=NOW + datetime.timedelta(days=1))
    short = client.get(reverse("articles:claim_short", kwargs={"pk": claim.pk}))
    assert short.status_code == 301
    page = client.get(short["Location"])
    assert page.status_code == 200
    assert claim.statement in page.content.decode()
    # Listed once: in the claims index, the sitemap and the ClaimReview feed.
    assert client.get("/claims/").content.decode().count(short["Location"]) == 1
    sitemap = all_sitemap_urls(client)
    listed = [url for url in sitemap if url.endswith(short["Location"])]
    assert len(listed) == 1
    ids = [r["@id"] for r in client.get("/claimreview.json").json()["dataFeedElement"]]
    assert len(ids) == len(set(ids)) == 2


def test_a_disputed_quote_attribution_is_not_published(client):
    fact_check = make_fact_check()
    fact_check.article.quotes.update(review_state=AttributionReview.DISPUTED)
    publish(fact_check, now=NOW)
    html = client.get(
        reverse("articles:factcheck_detail", kwargs={"slug": fact_check.slug})
    ).content.decode()
    assert 'class="hl hl-quote" title="Quote"' in html
    assert "Quote attributed to" not in html
    version = fact_check.versions.get()
    assert version.snapshot["quotes"][0]["speaker"] is None


def test_the_publication_link_on_a_fact_check_page_leads_to_its_page(client):
    fact_check = make_fact_check()
    paper = EntityFactory(name="Daily Planet", slug="daily-planet")
    fact_check.article.publication = paper
    fact_check.article.save()
    publish(fact_check, now=NOW)
    html = client.get(
        reverse("articles:factcheck_detail", kwargs={"slug": fact_check.slug})
    ).content.decode()
    assert 'href="/entities/daily-planet/"' in html
    response = client.get("/entities/daily-planet/")
    assert response.status_code == 200
    assert fact_check.title in response.content.decode()
    sitemap = all_sitemap_urls(client)
    assert any(url.endswith("/entities/daily-planet/") for url in sitemap)


def test_a_message_for_one_anonymous_reader_is_not_cached_for_everyone(client):
    storage = CookieStorage(RequestFactory().get("/"))
    client.cookies["messages"] = storage._encode([Message(INFO, "Only for you")])
    assert "Only for you" in client.get("/").content.decode()
    assert "Only for you" not in Client().get("/").content.decode()


EVIL = "</script><!--<script>alert(1)</script>\"'&"


def test_hostile_text_is_escaped_on_every_public_page(client):
    fact_check = make_fact_check(title=f"T {EVIL}")
    fact_check.summary = f"S {EVIL}"
    fact_check.save()
    article = fact_check.article
    article.headline = f"H {EVIL}"
    article.byline = f"B {EVIL}"
    article.body += f"\nP {EVIL}"  # appended: the tagged spans keep their offsets
    article.save()
    claim = fact_check.ordered_claims()[0]
    claim.statement = f"C {EVIL}"
    claim.verdict_summary = f"V {EVIL}"
    claim.analysis = f"A {EVIL}"
    claim.save()
    claim.citations.update(title=f"CT {EVIL}", excerpt=f"E {EVIL}", publisher=EVIL)
    Entity.objects.filter(slug="ana-lopez").update(
        name=f"N {EVIL}", description=f"D {EVIL}"
    )
    publish(fact_check, now=NOW)
    workflow.add_correction(
        fact_check=fact_check, user=desk_publisher(), text=f"X {EVIL}"
    )
    claim_url = fact_check.versions.get().claims.first().get_absolute_url()
    for url in (
        "/",
        f"/fact-checks/{fact_check.slug}/",
        claim_url,
        "/claims/",
        "/entities/ana-lopez/",
        "/search/?" + urlencode({"q": EVIL}),
        "/feeds/fact-checks.rss",
        "/feeds/fact-checks.atom",
        "/sitemap.xml",
    ):
        body = client.get(url).content.decode()
        assert "<script>alert" not in body, url
        assert "</script><!--" not in body, url
    # The text is there, escaped (tests/articles/test_hostile_escaping.py checks
    # every field and page one by one).
    page = client.get(f"/fact-checks/{fact_check.slug}/").content.decode()
    assert f"P {escape(EVIL)}" in page
    assert f"C {escape(EVIL)}" in page
    # Not HTML: served as JSON (browsers do not sniff it), the text comes back intact.
    feed = client.get("/claimreview.json")
    assert feed["X-Content-Type-Options"] == "nosniff"
    assert f"C {EVIL}" in {r["claimReviewed"] for r in feed.json()["dataFeedElement"]}


def test_an_author_without_a_full_name_does_not_publish_their_login_name(client):
    fact_check = make_fact_check()
    fact_check.authors.add(
        UserFactory(username="jsmith-admin", first_name="", last_name=""),
        UserFactory(username="pchecker", first_name="Pat", last_name="Checker"),
    )
    publish(fact_check, now=NOW)
    html = client.get(
        reverse("articles:factcheck_detail", kwargs={"slug": fact_check.slug})
    ).content.decode()
    assert "Pat Checker" in html
    assert "jsmith-admin" not in html
    assert "pchecker" not in html


@pytest.mark.parametrize("url", ["/", "/claims/", "/feeds/fact-checks.rss"])
def test_a_head_request_does_not_cache_an_empty_page_for_get(client, published, url):
    assert client.head(url).status_code == 200
    response = client.get(url)
    assert response["X-Public-Cache"] == "hit"
    assert b"budget" in response.content


def test_deleting_a_correction_or_a_fact_check_clears_their_cached_pages(
    client, published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        correction = workflow.add_correction(
            fact_check=published, user=desk_publisher(), text="A wrong correction."
        )
    url = reverse("articles:factcheck_detail", kwargs={"slug": published.slug})
    assert "A wrong correction." in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        correction.delete()
    assert "A wrong correction." not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        published.delete()
    assert client.get(url).status_code == 404
    assert published.title not in client.get("/").content.decode()
