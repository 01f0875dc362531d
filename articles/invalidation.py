"""Which cached public pages a change makes stale: the cache tags to invalidate.

The workflow services and the deletion/entity signals call these; each schedules the
invalidation for after the commit (articles.cache.invalidate_tags).
"""

from __future__ import annotations

from collections.abc import Iterable

from articles.cache import (
    LISTING_TAGS,
    claim_tag,
    entity_tag,
    factcheck_tag,
    invalidate_tags,
)
from articles.models import PublishedClaim, PublishedEntity, PublishedVersion
from entities.models import Entity


def version_tags(versions: Iterable[PublishedVersion]) -> set[str]:
    """Tags of every page showing one of ``versions``: its fact-check page, its
    claims' pages, the pages of the entities it involves (mentioned, the article's
    publication, claimants, entities inside claims) and the listings."""
    ids = [v.pk for v in versions if v.pk is not None]
    if not ids:
        return set()
    tags = set(LISTING_TAGS)
    tags.update(
        factcheck_tag(slug)
        for slug in PublishedVersion.objects.filter(pk__in=ids).values_list(
            "slug", flat=True
        )
    )
    claims = PublishedClaim.objects.filter(version_id__in=ids)
    tags.update(claim_tag(ref) for ref in claims.values_list("claim_ref", flat=True))
    cards = PublishedEntity.objects.filter(version_id__in=ids)
    entity_ids = set(cards.values_list("entity_id", flat=True))
    entity_ids.update(
        claims.exclude(claimant=None).values_list("claimant_id", flat=True)
    )
    entity_ids.update(
        PublishedClaim.entities.through.objects.filter(
            publishedclaim__version_id__in=ids
        ).values_list("entity_id", flat=True)
    )
    # Entity pages live at the address a published card gave them (and the live slug
    # until a card exists): invalidate both.
    slugs = set(
        PublishedEntity.objects.filter(entity_id__in=entity_ids).values_list(
            "slug", flat=True
        )
    )
    slugs.update(
        Entity.objects.filter(pk__in=entity_ids).values_list("slug", flat=True)
    )
    tags.update(entity_tag(slug) for slug in slugs)
    return tags


def invalidate_versions(versions: Iterable[PublishedVersion]) -> None:
    """After commit: the pages of ``versions`` (published, retired or deleted)."""
    invalidate_tags(version_tags(versions))


def invalidate_entity(slugs: Iterable[str]) -> None:
    """After commit: an entity's page (under each of its slugs, old and new), and the
    pages listing entities by name or address (claims index filter, sitemap)."""
    invalidate_tags([*(entity_tag(s) for s in slugs if s), "claims-index", "sitemap"])
