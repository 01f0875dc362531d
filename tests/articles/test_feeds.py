import datetime

import feedparser
import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.publishing import make_fact_check, publish

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2025, 3, 5, 9, 30, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def setup():
    cache.clear()
    publish(make_fact_check(), now=NOW)
    make_fact_check(slug="draft-check", title="Unpublished draft")


@pytest.mark.parametrize("name", ["articles:feed_rss", "articles:feed_atom"])
def test_feed_parses_and_lists_published_fact_checks_only(
    client, name, django_assert_max_num_queries
):
    with django_assert_max_num_queries(1):
        response = client.get(reverse(name))
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title.endswith("latest fact-checks")
    assert [e.title for e in feed.entries] == ["Fact-check: the budget story"]
    entry = feed.entries[0]
    assert entry.link.endswith("/fact-checks/budget-check/")
    assert "library promise" in entry.summary
    assert "False: Northbridge will open three new libraries" in entry.summary
    assert entry.published_parsed[:3] == (2025, 3, 5)


def test_atom_feed_has_updated_date_after_republishing(client):
    from articles.models import FactCheck

    fact_check = FactCheck.objects.get(slug="budget-check")
    publish(fact_check, now=NOW + datetime.timedelta(days=3))
    cache.clear()
    feed = feedparser.parse(client.get(reverse("articles:feed_atom")).content)
    entry = feed.entries[0]
    assert entry.updated_parsed[:3] == (2025, 3, 8)
    assert entry.published_parsed[:3] == (2025, 3, 5)
