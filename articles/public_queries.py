"""Query helpers shared by the public pages, feeds and sitemap."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.db.models.fields.json import KeyTextTransform, KeyTransform

from articles.models import PublishedClaim, PublishedEntity


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


def _article_key(key: str) -> KeyTextTransform:
    # KT("version__snapshot__article__…") does not follow the relation: spell it out.
    return KeyTextTransform(key, KeyTransform("article", "version__snapshot"))


def feed_claims(*, after: int, limit: int):
    """Current published claims with ``claim_ref`` above ``after``, in claim order,
    carrying only the snapshot keys a ClaimReview needs (``feed_fact_check`` and the
    article's ``feed_headline``, ``feed_published_on``, ``feed_original_url``)."""
    return (
        one_row_per_claim(PublishedClaim.objects.current())
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
