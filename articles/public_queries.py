"""Query helpers shared by the public pages, feeds and sitemap."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from articles.models import (
    Citation,
    PublishedCitation,
    PublishedClaim,
    PublishedEntity,
    SourceCheck,
    SourceHealth,
)


def one_row_per_claim(claims):
    """Keep, of each claim, only its latest current published row.

    One claim can be checked in several published fact-checks (of the same article);
    its address (``/claims/<id>-<slug>/``) and ClaimReview ``@id`` show the latest, so
    lists, the sitemap and the data feed name it once.
    """
    newer = (
        PublishedClaim.objects.current()
        .filter(claim_ref=OuterRef("claim_ref"))
        .filter(
            Q(published_at__gt=OuterRef("published_at"))
            | Q(published_at=OuterRef("published_at"), pk__gt=OuterRef("pk"))
        )
    )
    return claims.exclude(Exists(newer))


def entity_card(slug: str) -> PublishedEntity | None:
    """The entity page's data: the latest published card of the entity at ``slug``.

    Readers see an entity as the latest current published version shows it, never
    the live row. An address the entity had in any version, current or past, finds
    it: the caller redirects when the latest card's slug differs (a rename).
    """
    cards = list(
        PublishedEntity.objects.latest_per_entity().filter(
            entity_id__in=PublishedEntity.objects.filter(slug=slug).values("entity_id")
        )
    )
    # Another entity may have used this address before: who holds it now wins.
    return next((c for c in cards if c.slug == slug), cards[0] if cards else None)


def listed_entity_cards():
    """Latest cards of the entities readers can filter claims by, with is_claimant."""
    claimant = PublishedClaim.objects.current().filter(claimant=OuterRef("entity_id"))
    named = PublishedClaim.entities.through.objects.filter(
        entity=OuterRef("entity_id"), publishedclaim__version__is_current=True
    )
    return (
        PublishedEntity.objects.latest_per_entity()
        .filter(Exists(claimant) | Exists(named))
        .annotate(is_claimant=Exists(claimant))
        .order_by("name", "entity_id")
    )


def dead_sources(version) -> dict[tuple[int, str], int | None]:
    """The citations of ``version`` whose page was last found dead, keyed by (claim
    id, address), each with its citation id when we hold an archived copy of that
    address (else None). One query.

    Keyed by the address too: a citation whose address was edited after publication
    is not the one readers see, and its health says nothing about the page shown.
    """
    if version.pk is None:  # the staff preview: an unsaved version
        return _dead_sources_of_claims([c["ref"] for c in version.snapshot["claims"]])
    has_copy = (
        SourceCheck.objects.fetched()
        .filter(citation_id=OuterRef("citation_id"), url=OuterRef("citation__url"))
        .order_by()
    )
    rows = (
        PublishedCitation.objects.filter(
            published_claim__version=version,
            citation__source_health=SourceHealth.DEAD,
        )
        .annotate(has_copy=Exists(has_copy))
        .values_list(
            "published_claim__claim_ref", "citation__url", "citation_id", "has_copy"
        )
        .order_by()
    )
    return {
        (claim_ref, url): citation_id if copy else None
        for claim_ref, url, citation_id, copy in rows
    }


def _dead_sources_of_claims(claim_ids: list[int]) -> dict:
    has_copy = (
        SourceCheck.objects.fetched()
        .filter(citation_id=OuterRef("pk"), url=OuterRef("url"))
        .order_by()
    )
    rows = (
        Citation.objects.filter(claim_id__in=claim_ids, source_health=SourceHealth.DEAD)
        .annotate(has_copy=Exists(has_copy))
        .values_list("claim_id", "url", "pk", "has_copy")
        .order_by()
    )
    return {(claim, url): pk if copy else None for claim, url, pk, copy in rows}


def archived_copy(citation_id: int) -> tuple[PublishedCitation, SourceCheck] | None:
    """The archived copy readers may see of citation ``citation_id``: the first good
    snapshot of the address a current published version shows for it (the first
    after the day the desk read it, when there is one). None when the citation is on
    no current published page (a draft's, an unpublished one's) or we hold no copy.
    Two queries (three when no copy follows the date accessed)."""
    shown = (
        PublishedCitation.objects.filter(
            citation_id=citation_id, published_claim__version__is_current=True
        )
        .select_related("citation", "published_claim__version")
        .defer(
            "published_claim__version__snapshot",
            "published_claim__version__article_html",
            "published_claim__version__search_text",
        )
        .order_by("-published_claim__published_at", "-pk")
    )
    for published in shown:
        urls = {c["url"] for c in published.published_claim.data.get("citations", [])}
        if published.citation.url not in urls:
            continue
        citation = published.citation
        copies = SourceCheck.objects
        copy = copies.baseline_for(
            citation_id, citation.url, since=citation.accessed_on
        ) or copies.baseline_for(citation_id, citation.url)
        return (published, copy) if copy is not None else None
    return None
