"""Reading the sitemap as a crawler does: the index, then every file it lists."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from django.urls import reverse

NAMESPACE = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def locations(xml: str) -> list[str]:
    root = ET.fromstring(xml)  # noqa: S314 (our own sitemap)
    return [loc.text for loc in root.iter(f"{NAMESPACE}loc")]


def sitemap_files(client) -> list[str]:
    """The body of every sitemap file the index lists, fetched by their paths."""
    index = client.get(reverse("articles:sitemap"))
    assert index.status_code == 200
    bodies = []
    for url in locations(index.content.decode()):
        parts = urlsplit(url)
        response = client.get(parts.path + (f"?{parts.query}" if parts.query else ""))
        assert response.status_code == 200, url
        bodies.append(response.content.decode())
    return bodies


def all_sitemap_urls(client) -> list[str]:
    return [url for body in sitemap_files(client) for url in locations(body)]
