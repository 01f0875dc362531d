"""sitemap.xml sections: home, fact-checks, claims and entity pages (published only)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from articles.models import PublishedClaim, PublishedEntity, PublishedVersion
from articles.public_queries import one_row_per_claim


class SiteUrlSitemap(Sitemap):
    """Absolute addresses on settings.SITE_URL, whatever host the request came to."""

    @property
    def protocol(self):
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class HomeSitemap(SiteUrlSitemap):
    changefreq = "daily"

    def items(self):
        return ["articles:home", "articles:claim_list"]

    def location(self, item):
        return reverse(item)


class FactCheckSitemap(SiteUrlSitemap):
    changefreq = "weekly"

    def items(self):
        return (
            PublishedVersion.objects.current()
            .order_by("-published_at")
            .only("slug", "published_at")
        )

    def lastmod(self, item):
        return item.published_at


class ClaimSitemap(SiteUrlSitemap):
    def items(self):
        return one_row_per_claim(PublishedClaim.objects.current()).order_by("claim_ref")

    def lastmod(self, item):
        return item.published_at


class EntitySitemap(SiteUrlSitemap):
    def items(self):
        """Each entity once, at the address its latest published card gives."""
        return PublishedEntity.objects.latest_per_entity().order_by("slug", "pk")


SITEMAPS = {
    "home": HomeSitemap,
    "fact-checks": FactCheckSitemap,
    "claims": ClaimSitemap,
    "entities": EntitySitemap,
}
