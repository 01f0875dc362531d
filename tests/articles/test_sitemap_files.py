"""A section's sitemap file says what Django's own sitemap view would say.

The files are written without Django's template (it cost a quarter of a millisecond
an address); these tests hold them to the template's output, element for element.
"""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.test import RequestFactory
from django.urls import reverse

from articles.models import PublishedClaim
from articles.sitemaps import SITEMAPS
from tests.sitemaps import NAMESPACE

pytestmark = pytest.mark.django_db


def url_elements(xml: bytes) -> list[dict[str, str]]:
    root = ET.fromstring(xml)  # noqa: S314 (our own sitemap)
    assert root.tag == f"{NAMESPACE}urlset"
    return [
        {child.tag.removeprefix(NAMESPACE): child.text for child in url}
        for url in root.iter(f"{NAMESPACE}url")
    ]


@pytest.mark.parametrize("section", ["home", "fact-checks", "claims", "entities"])
def test_a_section_file_matches_djangos_sitemap_view(client, published, section):
    url = reverse("articles:sitemap_section", kwargs={"section": section})
    ours = client.get(url)
    theirs = django_sitemap(
        RequestFactory().get(url), sitemaps=SITEMAPS, section=section
    ).render()
    assert ours.status_code == 200
    assert ours["Content-Type"] == "application/xml"
    assert url_elements(ours.content) == url_elements(theirs.content)
    assert url_elements(ours.content)
    assert ours.get("Last-Modified") == theirs.get("Last-Modified")
    assert ours["X-Robots-Tag"] == theirs["X-Robots-Tag"]


def test_claim_addresses_are_the_claim_pages(client, published):
    url = reverse("articles:sitemap_section", kwargs={"section": "claims"})
    listed = [urlsplit(e["loc"]).path for e in url_elements(client.get(url).content)]
    pages = [claim.get_absolute_url() for claim in PublishedClaim.objects.listed()]
    assert sorted(listed) == sorted(pages)
    assert len(pages) == 2


@pytest.mark.parametrize("page", ["2", "0", "abc", "-1"])
def test_a_page_past_the_end_or_not_a_number_is_not_found(client, published, page):
    url = reverse("articles:sitemap_section", kwargs={"section": "claims"})
    assert client.get(url, {"p": page}).status_code == 404


def test_an_unknown_section_is_not_found(client, published):
    url = reverse("articles:sitemap_section", kwargs={"section": "nothing"})
    assert client.get(url).status_code == 404
