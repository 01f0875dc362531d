"""The fact-check page's HTML, rendered once at publication (articles.PublishedPage).

A published version never changes, so everything its page shows except the
corrections is rendered when it is published, once per language of
settings.LANGUAGES (Django's own words and month names follow the reader's
language). The public page then costs two queries and pastes the stored HTML into
the site frame; the staff preview renders the same partial templates live.
"""

from __future__ import annotations

from collections import Counter

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from articles import structured_data
from articles.models import PublishedPage, PublishedVersion, Verdict

PARTS = {
    "head_html": "articles/_factcheck_head.html",
    "header_html": "articles/_factcheck_header.html",
    "main_html": "articles/_factcheck_main.html",
}


def verdict_counts(snapshot: dict) -> list[tuple[str, str, int]]:
    """(verdict, label, count) for a snapshot's claims, in the scale's order."""
    counts = Counter(c["verdict"] for c in snapshot["claims"] if c["verdict"])
    return [(v.value, v.label, counts[v.value]) for v in Verdict if counts[v.value]]


def factcheck_context(version: PublishedVersion, corrections) -> dict:
    """Context of the fact-check page; the admin preview renders it too."""
    snapshot = version.snapshot
    return {
        "version": version,
        "snapshot": snapshot,
        "fact_check": snapshot["fact_check"],
        "article": snapshot["article"],
        "claims": snapshot["claims"],
        "corrections": corrections,
        "is_updated": version.number > 1,
        "counts": verdict_counts(snapshot),
        "json_ld": [
            structured_data.to_script(item)
            for item in structured_data.factcheck_graph(version)
        ],
        "canonical_url": structured_data.absolute(version.get_absolute_url()),
    }


@transaction.atomic
def render_pages(version: PublishedVersion) -> list[PublishedPage]:
    """(Re)render ``version``'s page in every language; returns the stored rows."""
    context = factcheck_context(version, corrections=[])
    pages = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            parts = {
                field: render_to_string(template, context)
                for field, template in PARTS.items()
            }
        pages.append(PublishedPage(version=version, language=language, **parts))
    version.pages.all().delete()
    return PublishedPage.objects.bulk_create(pages)


def published_page(*, slug: str, language: str) -> PublishedPage | None:
    """The current version's rendered page at ``slug`` in ``language``, with its
    version (without the snapshot), in one query; None when there is none."""
    found = (
        PublishedPage.objects.filter(
            version__slug=slug, version__is_current=True, language=language
        )
        .select_related("version")
        .defer(
            "version__snapshot",
            "version__article_html",
            "version__search_text",
            "version__search_vector",
        )
        .order_by()  # at most one row (constraints): no ordering to compile or sort
    )[:1]
    return found[0] if found else None
