import datetime
import json
import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from articles.structured_data import to_script
from tests.publishing import NOW, make_fact_check, publish

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(html):
    """The page's own items: the site frame's Organization node, on every page, is
    left out (tests/policies/test_organization_json_ld.py checks it)."""
    items = [json.loads(block) for block in SCRIPT.findall(html)]
    return [i for i in items if i["@type"] != "Organization"]


@pytest.fixture
def published():
    fact_check = make_fact_check()
    claim = fact_check.ordered_claims()[1]
    claim.statement = 'He said </script><script>alert("x")</script> & <!-- left'
    claim.save()
    publish(fact_check, now=NOW)
    return fact_check


def test_fact_check_page_has_news_article_and_one_claimreview_per_claim(
    client, published
):
    html = client.get(
        reverse("articles:factcheck_detail", kwargs={"slug": "budget-check"})
    ).content.decode()
    items = json_ld(html)
    assert [i["@type"] for i in items] == ["NewsArticle", "ClaimReview", "ClaimReview"]
    article = items[0]
    page_url = f"{settings.SITE_URL}/fact-checks/budget-check/"
    assert article["@context"] == "https://schema.org"
    assert article["headline"] == "Fact-check: the budget story"
    assert article["mainEntityOfPage"] == {
        "@type": "WebPage",
        "@id": page_url,
        "url": page_url,
    }
    assert article["datePublished"].startswith("2025-03-05T09:30")
    assert article["publisher"]["name"] == settings.NEWSROOM_ORGANIZATION["name"]

    claim1, claim2 = published.ordered_claims()
    review = items[1]
    assert review["claimReviewed"] == claim1.statement
    assert review["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 7,
        "bestRating": 7,
        "worstRating": 1,
        "alternateName": "True",
    }
    assert review["itemReviewed"]["@type"] == "Claim"
    assert review["itemReviewed"]["author"] == {
        "@type": "Organization",
        "name": "Northbridge Gazette",
        "url": f"{settings.SITE_URL}/entities/northbridge-gazette/",
    }
    assert review["itemReviewed"]["datePublished"] == "2025-03-01"
    assert review["itemReviewed"]["appearance"]["url"] == (
        published.article.original_url
    )
    org = settings.NEWSROOM_ORGANIZATION
    assert review["author"]["name"] == org["name"]
    assert review["author"]["url"] == org["url"]
    # The desk's node, by its @id: the page's frame declares its policies
    # (tests/policies/test_organization_json_ld.py).
    assert review["author"]["@id"] == f"{settings.SITE_URL}/#organization"
    assert review["datePublished"] == "2025-03-05"
    assert review["url"] == f"{page_url}#claim-{claim1.pk}"
    assert review["@id"] == f"{settings.SITE_URL}/claims/{claim1.pk}/"
    # The mayor is a person.
    assert items[2]["itemReviewed"]["author"]["@type"] == "Person"
    assert items[2]["reviewRating"]["ratingValue"] == 1
    assert items[2]["reviewRating"]["alternateName"] == "False"


def test_script_text_in_a_claim_cannot_close_the_json_ld_element(client, published):
    claim = published.ordered_claims()[1]
    html = client.get(
        reverse("articles:factcheck_detail", kwargs={"slug": "budget-check"})
    ).content.decode()
    assert "<script>alert" not in html
    assert html.count("<script") == html.count("</script>")
    reviews = [i for i in json_ld(html) if i["@type"] == "ClaimReview"]
    assert reviews[1]["claimReviewed"] == claim.statement
    claim_html = client.get(claim.get_absolute_url()).content.decode()
    assert "<script>alert" not in claim_html
    assert json_ld(claim_html)[0]["claimReviewed"] == claim.statement


def test_claim_page_carries_exactly_one_claimreview_with_stable_id(client, published):
    claim = published.ordered_claims()[0]
    html = client.get(claim.get_absolute_url()).content.decode()
    items = json_ld(html)
    assert len(items) == 1
    assert items[0]["@type"] == "ClaimReview"
    assert items[0]["@id"] == f"{settings.SITE_URL}/claims/{claim.pk}/"
    # The @id resolves: it redirects to the claim page.
    assert client.get(f"/claims/{claim.pk}/")["Location"] == claim.get_absolute_url()
    publish(published, now=NOW + datetime.timedelta(days=1))
    cache.clear()
    again = json_ld(client.get(claim.get_absolute_url()).content.decode())
    assert again[0]["@id"] == items[0]["@id"]


def test_to_script_escapes_and_round_trips():
    data = {"text": "</script><b>&amp;", "emoji": "✓"}
    script = to_script(data)
    inner = SCRIPT.search(script).group(1)
    assert "</" not in inner and "<b>" not in inner and "&amp;" not in inner
    assert json.loads(inner) == data


def test_claimreview_data_feed_lists_current_claims(client, published):
    draft = make_fact_check(slug="draft", title="Draft")
    response = client.get(reverse("articles:claimreview_feed"))
    assert response["Content-Type"].startswith("application/ld+json")
    feed = response.json()
    assert feed["@type"] == "DataFeed"
    reviews = feed["dataFeedElement"]
    assert len(reviews) == 2
    assert {r["@type"] for r in reviews} == {"ClaimReview"}
    refs = {r["@id"] for r in reviews}
    for claim in draft.ordered_claims():
        assert f"{settings.SITE_URL}/claims/{claim.pk}/" not in refs
    assert all("reviewRating" in r and "itemReviewed" in r for r in reviews)


def test_seed_fact_check_json_ld_is_complete(client):
    from tests.publishing import publish_seed

    version = publish_seed(now=NOW)
    html = client.get(version.get_absolute_url()).content.decode()
    items = json_ld(html)
    reviews = items[1:]
    assert items[0]["@type"] == "NewsArticle"
    assert len(reviews) == len(version.snapshot["claims"]) == version.claims.count()
    assert len({r["@id"] for r in reviews}) == len(reviews)
    for review in reviews:
        assert review["claimReviewed"]
        rating = review["reviewRating"]
        assert 1 <= rating["ratingValue"] <= 7
        assert (rating["bestRating"], rating["worstRating"]) == (7, 1)
        assert rating["alternateName"]
        item = review["itemReviewed"]
        assert item["author"]["name"]
        assert item["appearance"]["url"] == version.snapshot["article"]["original_url"]
        assert review["url"].startswith(
            f"{settings.SITE_URL}{version.get_absolute_url()}#claim-"
        )
