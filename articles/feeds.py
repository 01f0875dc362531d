"""RSS and Atom feeds of the latest published fact-checks."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.feedgenerator import Atom1Feed

from articles.models import PublishedVersion

FEED_SIZE = 20


class LatestFactChecksFeed(Feed):
    description = "The latest fact-checks, claim by claim, with verdicts and sources."

    def title(self):
        return f"{settings.NEWSROOM_ORGANIZATION['name']}: latest fact-checks"

    def link(self):
        return reverse("articles:home")

    def items(self):
        return PublishedVersion.objects.current().order_by("-published_at")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        verdicts = ", ".join(
            f"{c['verdict_label']}: {c['statement']}"
            for c in item.snapshot["claims"]
            if c["verdict_label"]
        )
        return f"{item.summary}\n\n{verdicts}" if verdicts else item.summary

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return f"{settings.SITE_URL}{item.get_absolute_url()}"

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return _first_published(item)

    def item_updateddate(self, item):
        return item.published_at

    def item_author_name(self, item):
        return settings.NEWSROOM_ORGANIZATION["name"]


class LatestFactChecksAtomFeed(LatestFactChecksFeed):
    feed_type = Atom1Feed
    subtitle = LatestFactChecksFeed.description


def _first_published(version):
    return parse_datetime(version.snapshot["fact_check"]["first_published_at"])
