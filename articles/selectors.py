"""Reads the public pages, feeds, sitemap, API and desk share: one function a question.

In the sense of HackSoft's styleguide: each question ("which entities have a public
page", "the claims of the feed") is asked here once, and views, the sitemap, the API
and the review desk call it. Single-model filters stay QuerySet methods
(``PublishedClaim.objects.listed()``); writes live in ``articles/services/``.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.utils.dateparse import parse_date
from django.utils.text import slugify

from articles.cache import SITE_TAG, tag_key
from articles.models import (
    Citation,
    PublishedCitation,
    PublishedClaim,
    PublishedEntity,
    SourceCheck,
    SourceHealth,
)

SUGGESTED_ENTITIES = 30


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


def public_entity_cards() -> QuerySet[PublishedEntity]:
    """The entities with a public page, each once: its card in the latest current
    published version (a claimant only has one too, unlisted on its own page).

    The page's address is the card's slug. The latest version wins, and of two
    cards published at the same moment the newer row: ``public_entity_card`` breaks
    the tie the same way.
    """
    return PublishedEntity.objects.latest_per_entity()


def public_entity_card(entity_id: int) -> PublishedEntity | None:
    """The card of ``entity_id``'s public page, or None when it has no page.

    The one-entity form of ``public_entity_cards`` (an index probe, not an
    anti-join over every card).
    """
    return (
        PublishedEntity.objects.current()
        .filter(entity_id=entity_id)
        .order_by("-version__published_at", "-pk")
        .first()
    )


def _entities_at(slug: str, limit: int = 5) -> list[int]:
    """The entities whose cards ever had ``slug``: usually one.

    A skip scan, one index probe per entity (and one to find there is no other), not
    a DISTINCT over every card: the most-named entity has tens of thousands.
    """
    found: list[int] = []
    cards = PublishedEntity.objects.filter(slug=slug).order_by("entity_id")
    while len(found) < limit:
        following = cards.filter(entity_id__gt=found[-1]) if found else cards
        entity_id = following.values_list("entity_id", flat=True).first()
        if entity_id is None:
            break
        found.append(entity_id)
    return found


def entity_card(slug: str) -> PublishedEntity | None:
    """The entity page's data: the latest published card of the entity at ``slug``.

    Readers see an entity as the latest current published version shows it, never
    the live row. An address the entity had in any version, current or past, finds
    it: the caller redirects when the latest card's slug differs (a rename).
    """
    cards = [card for card in map(public_entity_card, _entities_at(slug)) if card]
    # Another entity may have used this address before: who holds it now wins.
    return next((c for c in cards if c.slug == slug), cards[0] if cards else None)


def _article_key(key: str) -> KeyTextTransform:
    # KT("version__snapshot__article__…") does not follow the relation: spell it out.
    return KeyTextTransform(key, KeyTransform("article", "version__snapshot"))


def feed_claims(*, after: int, limit: int):
    """Current published claims with ``claim_ref`` above ``after``, in claim order,
    carrying only the snapshot keys a ClaimReview needs (``feed_fact_check`` and the
    article's ``feed_headline``, ``feed_published_on``, ``feed_original_url``)."""
    return (
        PublishedClaim.objects.listed()
        .not_retracted()
        .filter(claim_ref__gt=after)
        .annotate(
            feed_fact_check=KeyTransform("fact_check", "version__snapshot"),
            feed_headline=_article_key("headline"),
            feed_published_on=_article_key("published_on"),
            feed_original_url=_article_key("original_url"),
        )
        .defer("search_vector")
        .order_by("claim_ref")[:limit]
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


def archived_copy(
    citation_id: int,
) -> tuple[PublishedCitation, dict, SourceCheck] | None:
    """The archived copy readers may see of citation ``citation_id``: the published
    row, the citation as that version shows it (its snapshot card: never the live
    row, which may hold unpublished edits) and the first good snapshot of its address
    (the first after the day the desk read it, when there is one). None when the
    citation is on no current published page (a draft's, an unpublished one's) or we
    hold no copy. Two queries (three when no copy follows the date accessed)."""
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
        cards = published.published_claim.data.get("citations", [])
        card = next((c for c in cards if c["url"] == published.citation.url), None)
        if card is None:  # its address was edited after publication
            continue
        accessed_on = parse_date(card.get("accessed_on") or "")
        copies = SourceCheck.objects
        copy = copies.baseline_for(
            citation_id, card["url"], since=accessed_on
        ) or copies.baseline_for(citation_id, card["url"])
        return (published, card, copy) if copy is not None else None
    return None


def published_entity_id(text: str) -> int | None:
    """The entity a reader typed in a claims filter: by the slug of its page, or by
    its name (pages' slugs are made from names), among current published cards."""
    slugs = {text.strip(), slugify(text)} - {""}
    card = (
        PublishedEntity.objects.current()
        .filter(slug__in=slugs)
        .order_by("-version__published_at", "-pk")
        .values("entity_id")
        .first()
    )
    return card["entity_id"] if card else None


def _names(entity_ids: list[int]) -> dict[int, str]:
    """Entity id to name, as the latest published cards give them."""
    cards = public_entity_cards().filter(entity_id__in=entity_ids)
    return dict(cards.values_list("entity_id", "name"))


def filter_suggestions() -> dict[str, list[str]]:
    """The claims filter's suggestions: the names most claims are credited to and
    most claims mention, SUGGESTED_ENTITIES each.

    Counting costs a pass over the published claims, so the result is kept in the
    shared cache until the claims index's tag changes (every publication changes it).
    """
    tags = cache.get_many([tag_key(SITE_TAG), tag_key("claims-index")])
    key = "claims-filter-suggestions:" + ":".join(sorted(tags.values()))
    found = cache.get(key)
    if found is not None:
        return found
    current = PublishedClaim.objects.current()
    claimants = list(
        current.filter(claimant__isnull=False)
        .values("claimant_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "claimant_id")
        .values_list("claimant_id", flat=True)[:SUGGESTED_ENTITIES]
    )
    mentioned = list(
        PublishedClaim.entities.through.objects.filter(
            publishedclaim__version__is_current=True
        )
        .values("entity_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "entity_id")
        .values_list("entity_id", flat=True)[:SUGGESTED_ENTITIES]
    )
    names = _names(claimants + mentioned)
    found = {
        "claimant": [names[pk] for pk in claimants if pk in names],
        "entity": [names[pk] for pk in mentioned if pk in names],
    }
    cache.set(key, found, timeout=3600)
    return found
