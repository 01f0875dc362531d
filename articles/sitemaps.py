"""Sitemaps: an index (sitemap.xml) of per-section files, published pages only.

Each section (home, fact-checks, claims, entities) is split into files of at most
``SECTION_LIMIT`` addresses (the protocol allows 50,000; smaller files are quicker to
build), served as ``/sitemap-<section>.xml?p=N``; the index lists every file.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.db.models import Max
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse

from articles.models import PublishedClaim, PublishedVersion
from articles.selectors import public_entity_cards

SECTION_LIMIT = 10_000


class SiteUrlSitemap(Sitemap):
    """Absolute addresses on settings.SITE_URL, whatever host the request came to."""

    limit = SECTION_LIMIT

    def get_latest_lastmod(self):
        """One aggregate query, not ``lastmod`` of every item (Django's default)."""
        return None

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

    def get_latest_lastmod(self):
        return PublishedVersion.objects.current().aggregate(at=Max("published_at"))[
            "at"
        ]

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
        return (
            PublishedClaim.objects.listed()
            .only("claim_ref", "slug", "published_at")
            .order_by("claim_ref")
        )

    def get_latest_lastmod(self):
        return PublishedClaim.objects.current().aggregate(at=Max("published_at"))["at"]

    def lastmod(self, item):
        return item.published_at


class EntitySitemap(SiteUrlSitemap):
    def items(self):
        """Each entity once, at the address its latest published card gives."""
        return public_entity_cards().order_by("slug", "pk")


SITEMAPS = {
    "home": HomeSitemap,
    "fact-checks": FactCheckSitemap,
    "claims": ClaimSitemap,
    "entities": EntitySitemap,
}


@x_robots_tag
def sitemap_index(request, sitemaps):
    """The index of every section's files, at settings.SITE_URL's addresses.

    Django's own index view names the host the request came to; this one names the
    site's, like the sections do. One count query per database-backed section.
    """
    site = urlsplit(settings.SITE_URL)
    items = []
    for section, sitemap_class in sitemaps.items():
        sitemap = sitemap_class()
        path = reverse("articles:sitemap_section", kwargs={"section": section})
        url = f"{site.scheme or 'https'}://{site.netloc}{path}"
        lastmod = sitemap.get_latest_lastmod()
        items.append(SitemapIndexItem(url, lastmod))
        for page in range(2, sitemap.paginator.num_pages + 1):
            items.append(SitemapIndexItem(f"{url}?p={page}", lastmod))
    return TemplateResponse(
        request,
        "sitemap_index.xml",
        {"sitemaps": items},
        content_type="application/xml",
    )


def known_section(view):
    """404 for a section that does not exist, before Django's view is reached."""

    def wrapped(request, *args, section, **kwargs):
        if section not in SITEMAPS:
            raise Http404("No such sitemap.")
        return view(request, *args, section=section, **kwargs)

    return wrapped
