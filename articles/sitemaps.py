"""Sitemaps: an index (sitemap.xml) of per-section files, published pages only.

Each section (home, fact-checks, claims, entities) is split into files of at most
``SECTION_LIMIT`` addresses (the protocol allows 50,000; smaller files are quicker to
build), served as ``/sitemap-<section>.xml?p=N``; the index lists every file.

Every count and page reads a narrow, indexed question: the current versions, the
listed claims (``is_listed``, by ``claim_ref`` through a covering index) and each
entity's latest card (``is_latest``), all stored at publication. A section's file is
written as XML here rather than through Django's template, which spent about a
quarter of a millisecond on each address (a 10,000-address file: most of its time).
"""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.http import http_date

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


def path_pattern(view: str, **samples) -> str:
    """The path of ``view`` as a ``str.format`` pattern, each keyword a hole.

    reverse() once a file, not once an address: it was most of the time of a file
    of 10,000 addresses. Each sample value must be one no path otherwise holds.
    """
    path = reverse(view, kwargs=samples).replace("{", "{{").replace("}", "}}")
    for name, sample in samples.items():
        path = path.replace(str(sample), f"{{{name}}}")
    return path


class ClaimSitemap(SiteUrlSitemap):
    @cached_property
    def _path(self) -> str:
        return path_pattern(
            "articles:claim_detail", pk=918273645, slug="sitemap-slug-hole"
        )

    def location(self, item):
        return self._path.format(pk=item.claim_ref, slug=item.slug)

    def items(self):
        return (
            PublishedClaim.objects.listed()
            .only("claim_ref", "slug", "published_at")
            .order_by("claim_ref")
        )

    def get_latest_lastmod(self):
        # The newest current row is its claim's listed row: the listed rows' index
        # answers this without joining the versions.
        return PublishedClaim.objects.listed().aggregate(at=Max("published_at"))["at"]

    def lastmod(self, item):
        return item.published_at


class EntitySitemap(SiteUrlSitemap):
    @cached_property
    def _path(self) -> str:
        return path_pattern("articles:entity_detail", slug="sitemap-slug-hole")

    def location(self, item):
        return self._path.format(slug=item.slug)

    def items(self):
        """Each entity once, at the address its latest published card gives."""
        return public_entity_cards().order_by("slug", "pk").only("slug")


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


URLSET_START = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    'xmlns:xhtml="http://www.w3.org/1999/xhtml">'
)


def _day(value) -> str:
    """A lastmod as the template's ``date:"Y-m-d"`` writes it (in local time)."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime("%Y-%m-%d")


def _url_element(url: dict) -> str:
    parts = ["<url><loc>", escape(url["location"]), "</loc>"]
    if url.get("lastmod"):
        parts += ["<lastmod>", _day(url["lastmod"]), "</lastmod>"]
    if url.get("changefreq"):
        parts += ["<changefreq>", escape(url["changefreq"]), "</changefreq>"]
    if url.get("priority"):
        parts += ["<priority>", escape(url["priority"]), "</priority>"]
    parts.append("</url>")
    return "".join(parts)


@x_robots_tag
def sitemap_section(request, sitemaps, section):
    """One file of a section (``?p=N``), as Django's ``sitemap`` view serves it:
    404 for a page that is not a number or is past the end, and ``Last-Modified``
    when the section knows its latest change."""
    if section not in sitemaps:
        raise Http404("No such sitemap.")
    sitemap = sitemaps[section]()
    try:
        urls = sitemap.get_urls(page=request.GET.get("p", 1), protocol=request.scheme)
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404("No such sitemap page.") from error
    lastmod = getattr(sitemap, "latest_lastmod", None)
    headers = {"Last-Modified": http_date(lastmod.timestamp())} if lastmod else None
    body = "".join([URLSET_START, *map(_url_element, urls), "</urlset>\n"])
    return HttpResponse(body, content_type="application/xml", headers=headers)
