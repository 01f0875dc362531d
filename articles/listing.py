"""Which published rows readers see: ``PublishedClaim.is_listed`` and
``PublishedEntity.is_latest``.

A claim may be checked in several published fact-checks; readers see it once, as its
latest current row. An entity is on many fact-checks' cards; its address and name are
those of its card in the latest current version. Working either out at read time (an
anti-join over every current row: 1.2 million entity cards at 100,000 articles)
costs each claims index page and the sitemap a pass over the archive, so it is stored
on the row when a version becomes current or stops being current.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import DEFAULT_DB_ALIAS
from django.db.models import OuterRef, Subquery

from articles.models import PublishedClaim, PublishedEntity
from articles.selectors import one_row_per_claim
from entities.models import Entity


def refresh_listed_claims(claim_refs: Iterable[int]) -> None:
    """Mark, of each of these claims, its latest current row as listed (only it)."""
    refs = sorted(set(claim_refs))
    if not refs:
        return
    rows = PublishedClaim.objects.filter(claim_ref__in=refs)
    listed = list(
        one_row_per_claim(
            PublishedClaim.objects.current().filter(claim_ref__in=refs)
        ).values_list("pk", flat=True)
    )
    rows.exclude(pk__in=listed).filter(is_listed=True).update(is_listed=False)
    rows.filter(pk__in=listed, is_listed=False).update(is_listed=True)


def refresh_latest_cards(
    entity_ids: Iterable[int], *, using: str = DEFAULT_DB_ALIAS
) -> None:
    """Mark, of each of these entities, its card in its latest current version as
    latest (only it).

    The entities' rows are locked first, in id order: two publications naming the same
    entity at once would otherwise each read the cards as they were before the other
    committed, and both mark their own card latest (the entity then appears twice in
    the sitemap and the API). With the lock, the second waits for the first to commit,
    and its statements then see the first's card.
    """
    ids = sorted(set(entity_ids))
    if not ids:
        return
    list(
        Entity.objects.using(using)
        .select_for_update(no_key=True)
        .filter(pk__in=ids)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    newest = (
        PublishedEntity.objects.current()
        .filter(entity_id=OuterRef("pk"))
        .order_by("-version__published_at", "-pk")
        .values("pk")[:1]
    )
    latest = (
        Entity.objects.using(using)
        .filter(pk__in=ids)
        .annotate(card=Subquery(newest))
        .filter(card__isnull=False)  # NOT IN a list holding NULL is never true
        .values("card")
    )
    cards = PublishedEntity.objects.using(using).filter(entity_id__in=ids)
    cards.filter(is_latest=True).exclude(pk__in=latest).update(is_latest=False)
    cards.filter(is_latest=False, pk__in=latest).update(is_latest=True)
