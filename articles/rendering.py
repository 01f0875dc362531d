"""The fact-check page's HTML, rendered once at publication (articles.PublishedPage).

A published version never changes, so everything its page shows except the
corrections' notices is rendered when it is published, once per language of
settings.LANGUAGES (Django's own words and month names follow the reader's
language). The public page then costs two queries and pastes the stored HTML into
the site frame; the staff preview renders the same partial templates live. The
JSON-LD in the head lists the corrections: adding, editing or deleting one renders
the current page again (refresh_current_pages).
"""

from __future__ import annotations

from collections import Counter

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from articles import structured_data
from articles.cache import factcheck_tag, invalidate_tags
from articles.invalidation import invalidate_versions
from articles.models import Correction, PublishedPage, PublishedVersion, Verdict
from articles.selectors import dead_sources

PARTS = {
    "head_html": "articles/_factcheck_head.html",
    "header_html": "articles/_factcheck_header.html",
    "main_html": "articles/_factcheck_main.html",
}


def verdict_counts(snapshot: dict) -> list[tuple[str, str, int]]:
    """(verdict, label, count) for a snapshot's claims, in the scale's order."""
    counts = Counter(c["verdict"] for c in snapshot["claims"] if c["verdict"])
    return [(v.value, v.label, counts[v.value]) for v in Verdict if counts[v.value]]


def with_source_health(claims: list[dict], dead: dict) -> list[dict]:
    """The snapshot's claim cards, with each citation whose page is gone marked
    ``is_dead`` and given ``archive_copy_url`` (our own copy) when we hold one. The
    snapshot itself is not touched: it stays what was published."""
    if not dead:
        return claims
    cards = []
    for claim in claims:
        citations = []
        for citation in claim["citations"]:
            key = (claim["ref"], citation["url"])
            if key in dead:
                copy_of = dead[key]
                citation = {
                    **citation,
                    "is_dead": True,
                    "archive_copy_url": (
                        reverse("articles:source_archive", kwargs={"pk": copy_of})
                        if copy_of
                        else ""
                    ),
                }
            citations.append(citation)
        cards.append({**claim, "citations": citations})
    return cards


def factcheck_context(version: PublishedVersion, corrections) -> dict:
    """Context of the fact-check page; the admin preview renders it too.

    The page shows the snapshot, plus one thing that happens after publication:
    a cited page found dead gets an "archived copy" link (articles.services.sources
    renders the page again when that changes)."""
    snapshot = version.snapshot
    return {
        "version": version,
        "snapshot": snapshot,
        "fact_check": snapshot["fact_check"],
        "article": snapshot["article"],
        "claims": with_source_health(snapshot["claims"], dead_sources(version)),
        "corrections": corrections,
        "is_updated": version.number > 1,
        "counts": verdict_counts(snapshot),
        "json_ld": [
            structured_data.to_script(item)
            for item in structured_data.factcheck_graph(version, corrections)
        ],
        "canonical_url": structured_data.absolute(version.get_absolute_url()),
    }


@transaction.atomic
def render_pages(version: PublishedVersion) -> list[PublishedPage]:
    """(Re)render ``version``'s page in every language; returns the stored rows."""
    corrections = list(
        Correction.objects.filter(fact_check_id=version.fact_check_id).order_by(
            "published_at", "pk"
        )
    )
    context = factcheck_context(version, corrections)
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


def refresh_current_pages(
    fact_check_id: int, *, everywhere: bool = False
) -> PublishedVersion | None:
    """Render the fact-check's current page again (its corrections changed) and
    invalidate its pages (the fact-check page and its version history), or with
    ``everywhere`` every page showing it: a retraction also withdraws the claims'
    ClaimReview from claim pages and the data feed. Returns the current version."""
    version = PublishedVersion.objects.current().filter(fact_check_id=fact_check_id)
    version = version.first()
    if version is not None:
        render_pages(version)
        if everywhere:
            invalidate_versions([version])
        else:
            invalidate_tags([factcheck_tag(version.slug)])
    return version


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
