"""Freeze a fact-check into an immutable PublishedVersion.

``take_snapshot`` reads the editorial rows once and writes everything a reader page
needs (claim cards, citations, entities, quotes, the highlighted article) into the
version's JSON and HTML, plus one PublishedClaim row per claim. Public pages then read
only those rows, so later edits stay invisible until the next publication.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse

from articles.highlight import Highlight, render_body
from articles.models import (
    AttributionReview,
    Citation,
    Claim,
    FactCheck,
    Mention,
    PublishedCitation,
    PublishedClaim,
    PublishedEntity,
    PublishedVersion,
    Quote,
    Verdict,
)
from articles.search import refresh_search_vectors
from common.spans import AnchorState
from entities.models import Alias, Entity

SNAPSHOT_SCHEMA = 1


def claim_anchor(claim_ref: int) -> str:
    """The HTML id of a claim card on the fact-check page (stable across versions)."""
    return f"claim-{claim_ref}"


def _iso(value: datetime.date | datetime.datetime | None) -> str | None:
    return value.isoformat() if value else None


def _entity_data(entity: Entity | None) -> dict[str, Any] | None:
    if entity is None:
        return None
    return {
        "id": entity.pk,
        "name": entity.name,
        "slug": entity.slug,
        "kind": entity.kind,
        "url": entity.get_absolute_url(),
    }


def _author_data(user) -> dict[str, Any]:
    """A byline, with the address of the author's team page when they have one."""
    data = {"name": user.get_full_name()}
    profile = getattr(user, "author_profile", None)
    if profile is not None:
        data["url"] = profile.get_absolute_url()
    return data


def _span_is_usable(span, body: str) -> bool:
    """A span is highlighted only when it still points at its own text."""
    return (
        span.has_span
        and span.anchor_state != AnchorState.ORPHANED
        and body[span.start : span.end] == span.exact
    )


def _citation_data(citation: Citation) -> dict[str, Any]:
    return {
        "url": citation.url,
        "title": citation.title,
        "publisher": citation.publisher,
        "published_on": _iso(citation.published_on),
        "accessed_on": _iso(citation.accessed_on),
        "archived_url": citation.archived_url,
        "excerpt": citation.excerpt,
        "stance": citation.stance,
        "stance_label": str(citation.get_stance_display()),
    }


def _claim_data(
    claim: Claim,
    position: int,
    claimant: Entity | None,
    entities: list[Entity],
    citations: list[Citation],
) -> dict[str, Any]:
    verdict = Verdict(claim.verdict) if claim.verdict else None
    return {
        "ref": claim.pk,
        "position": position,
        "anchor": claim_anchor(claim.pk),
        "slug": claim.slug or "claim",
        "statement": claim.statement,
        "exact": claim.exact,
        "verdict": claim.verdict,
        "verdict_label": str(verdict.label) if verdict else "",
        "rating": verdict.rating if verdict else None,
        "verdict_summary": claim.verdict_summary,
        "analysis": claim.analysis,
        "recheck_on": _iso(claim.recheck_on),
        "claimant": _entity_data(claimant),
        "claimant_name": claimant.name if claimant else "",
        "citations": [_citation_data(c) for c in citations],
        "entities": [_entity_data(e) for e in entities],
    }


def _is_disputed(quote: Quote) -> bool:
    """A reviewer said the recorded speaker is wrong: publish the quote, no name."""
    return quote.review_state == AttributionReview.DISPUTED


def _quote_data(quote: Quote) -> dict[str, Any]:
    disputed = _is_disputed(quote)
    return {
        "exact": quote.exact,
        "speaker": None if disputed else _entity_data(quote.speaker),
        "speaker_text": "" if disputed else quote.speaker_text,
        "cue": quote.cue,
        "kind": quote.kind,
        "is_vague": quote.is_vague,
        "start": quote.start,
        "end": quote.end,
    }


def _highlights(
    body: str,
    mentions: list[Mention],
    quotes: list[Quote],
    claims: list[tuple[int, Claim]],
    page_url: str,
) -> list[Highlight]:
    spans: list[Highlight] = []
    for mention in mentions:
        if _span_is_usable(mention, body):
            spans.append(
                Highlight(
                    mention.start,
                    mention.end,
                    "mention",
                    href=mention.entity.get_absolute_url(),
                    label=mention.entity.name,
                    css=(f"hl-kind-{mention.entity.kind}",),
                )
            )
    for quote in quotes:
        if _span_is_usable(quote, body):
            speaker = quote.speaker.name if quote.speaker else quote.speaker_text
            if _is_disputed(quote):
                speaker = ""
            label = f"Quote attributed to {speaker}" if speaker else "Quote"
            css = ("hl-vague",) if quote.is_vague else ()
            spans.append(
                Highlight(quote.start, quote.end, "quote", label=label, css=css)
            )
    for position, claim in claims:
        if _span_is_usable(claim, body):
            spans.append(
                Highlight(
                    claim.start,
                    claim.end,
                    "claim",
                    href=f"#{claim_anchor(claim.pk)}",
                    label=f"Claim {position}: see its verdict",
                    css=(f"hl-verdict-{claim.verdict or 'none'}",),
                    ref=str(position),
                )
            )
    return spans


def _load(fact_check: FactCheck):
    article = fact_check.article
    claims = list(
        fact_check.ordered_claims()
        .select_related("speaker", "article__publication")
        .prefetch_related(Prefetch("citations", queryset=Citation.objects.all()))
    )
    mentions = list(
        Mention.objects.confirmed()
        .filter(article=article)
        .select_related("entity")
        .order_by("start", "pk")
    )
    quotes = list(
        Quote.objects.confirmed()
        .filter(article=article)
        .select_related("speaker")
        .order_by("start", "pk")
    )
    return article, claims, mentions, quotes


def _search_text(claims_data: list[dict[str, Any]]) -> str:
    """The claims' words, weighted B in full-text search (title A, summary/body C)."""
    parts: list[str] = []
    for claim in claims_data:
        parts += [
            claim["statement"],
            claim["claimant_name"],
            claim["verdict_label"],
            claim["verdict_summary"],
            claim["analysis"],
        ]
    return "\n".join(p for p in parts if p)


@dataclass
class ComposedSnapshot:
    """Everything a published version holds, computed from editorial rows in memory.

    ``take_snapshot`` writes it for one fact-check; ``generate_corpus`` writes many at
    once with bulk inserts, so both produce the same snapshot shape.
    """

    snapshot: dict[str, Any]
    article_html: str
    search_text: str
    claims_data: list[dict[str, Any]]
    claim_entities: list[tuple[Claim, Entity | None, list[Entity]]]
    listed: dict[int, Entity]
    claimants: dict[int, Entity]


def _claims_and_entities(
    article, claims: list[tuple[Claim, list[Citation]]], mentions: list[Mention]
) -> tuple[list[dict[str, Any]], list[tuple[Claim, Entity | None, list[Entity]]]]:
    """Each claim's snapshot card, and its claimant with the entities it names.

    A claim names the entities mentioned inside its span and its claimant (the
    article's publication when the claim credits nobody).
    """
    body = article.body
    claims_data = []
    claim_entities: list[tuple[Claim, Entity | None, list[Entity]]] = []
    for position, (claim, citations) in enumerate(claims, start=1):
        claimant = claim.speaker or article.publication
        inside: dict[int, Entity] = {}
        if _span_is_usable(claim, body):
            for mention in mentions:
                if claim.start <= mention.start and mention.end <= claim.end:
                    inside.setdefault(mention.entity_id, mention.entity)
        if claimant is not None:
            inside.setdefault(claimant.pk, claimant)
        entities = list(inside.values())
        claims_data.append(_claim_data(claim, position, claimant, entities, citations))
        claim_entities.append((claim, claimant, entities))
    return claims_data, claim_entities


def _fact_check_data(
    fact_check: FactCheck, number: int, published_at: datetime.datetime, url: str
) -> dict[str, Any]:
    return {
        "id": fact_check.pk,
        "title": fact_check.title,
        "slug": fact_check.slug,
        "summary": fact_check.summary,
        "number": number,
        "published_at": _iso(published_at),
        "first_published_at": _iso(fact_check.first_published_at or published_at),
        "url": url,
    }


def _article_data(article) -> dict[str, Any]:
    return {
        "headline": article.headline,
        "publication": _entity_data(article.publication),
        "byline": article.byline,
        "original_url": article.original_url,
        "published_on": _iso(article.published_on),
        "language": article.language,
        "body": article.body,
    }


def compose_snapshot(
    *,
    fact_check: FactCheck,
    article,
    claims: list[tuple[Claim, list[Citation]]],
    mentions: list[Mention],
    quotes: list[Quote],
    authors: list,
    number: int,
    published_at: datetime.datetime,
) -> ComposedSnapshot:
    """Build a version's snapshot, highlighted HTML and search text (no queries).

    ``claims`` are in their fact-check order, each with its citations; ``mentions``
    and ``quotes`` are the article's confirmed ones with their entities attached.
    """
    body = article.body
    page_url = reverse("articles:factcheck_detail", kwargs={"slug": fact_check.slug})
    mentioned: dict[int, Entity] = {}
    for mention in mentions:
        mentioned.setdefault(mention.entity_id, mention.entity)
    claims_data, claim_entities = _claims_and_entities(article, claims, mentions)
    snapshot = {
        "schema": SNAPSHOT_SCHEMA,
        "fact_check": _fact_check_data(fact_check, number, published_at, page_url),
        "article": _article_data(article),
        # Only real names: a login name is no byline, and must not be made public.
        "authors": [_author_data(user) for user in authors if user.get_full_name()],
        "claims": claims_data,
        "entities": [_entity_data(e) for e in mentioned.values()],
        "quotes": [_quote_data(q) for q in quotes],
    }
    plain_claims = [claim for claim, _citations in claims]
    article_html = render_body(
        body,
        _highlights(body, mentions, quotes, list(enumerate(plain_claims, 1)), page_url),
    )
    # The entities whose public pages list this fact-check: those mentioned, and the
    # article's publication, which the page links to even when the body never names it.
    listed = dict(mentioned)
    if article.publication is not None:
        listed.setdefault(article.publication.pk, article.publication)
    claimants = {c.pk: c for _claim, c, _e in claim_entities if c is not None}
    return ComposedSnapshot(
        snapshot=snapshot,
        article_html=article_html,
        search_text=_search_text(claims_data),
        claims_data=claims_data,
        claim_entities=claim_entities,
        listed=listed,
        claimants=claimants,
    )


def published_version_row(
    fact_check: FactCheck, composed: ComposedSnapshot, **fields
) -> PublishedVersion:
    """The (unsaved) version of ``fact_check`` showing ``composed``; ``fields`` adds
    its number, times, publisher and currency (and the corpus's ids)."""
    return PublishedVersion(
        fact_check=fact_check,
        title=fact_check.title,
        slug=fact_check.slug,
        summary=fact_check.summary,
        snapshot=composed.snapshot,
        article_html=composed.article_html,
        search_text=composed.search_text,
        **fields,
    )


def published_claim_row(
    version: PublishedVersion, claim: Claim, claimant, data: dict, **fields
) -> PublishedClaim:
    """The (unsaved) published row of ``claim`` in ``version``, from its snapshot
    card ``data``; ``fields`` adds the rest (``published_at``, and the corpus's ids)."""
    return PublishedClaim(
        version=version,
        claim=claim,
        claim_ref=claim.pk,
        position=data["position"],
        slug=data["slug"],
        statement=claim.statement,
        verdict=claim.verdict,
        verdict_summary=claim.verdict_summary,
        claimant=claimant,
        claimant_name=data["claimant_name"],
        data=data,
        **fields,
    )


@transaction.atomic
def take_snapshot(
    *,
    fact_check: FactCheck,
    number: int,
    published_at: datetime.datetime,
    published_by=None,
) -> PublishedVersion:
    """Create version ``number`` of ``fact_check`` (not yet current) and its claims."""
    article, claims, mentions, quotes = _load(fact_check)
    composed = compose_snapshot(
        fact_check=fact_check,
        article=article,
        claims=[(claim, list(claim.citations.all())) for claim in claims],
        mentions=mentions,
        quotes=quotes,
        authors=list(
            fact_check.authors.select_related("author_profile").order_by(
                "last_name", "username"
            )
        ),
        number=number,
        published_at=published_at,
    )
    version = published_version_row(
        fact_check,
        composed,
        number=number,
        is_current=False,
        published_at=published_at,
        published_by=published_by,
    )
    version.save(force_insert=True)
    refresh_search_vectors(PublishedVersion.objects.filter(pk=version.pk))
    _freeze_entities(version, composed.listed, composed.claimants)
    _freeze_claims(version, composed, published_at=published_at)
    return version


def _freeze_claims(
    version: PublishedVersion,
    composed: ComposedSnapshot,
    *,
    published_at: datetime.datetime,
) -> None:
    """One published row per claim, with the entities it names and its citations."""
    for (claim, claimant, entities), data in zip(
        composed.claim_entities, composed.claims_data, strict=True
    ):
        published = published_claim_row(
            version, claim, claimant, data, published_at=published_at
        )
        published.save()
        published.entities.set(entities)
        PublishedCitation.objects.bulk_create(
            PublishedCitation(published_claim=published, citation=citation)
            for citation in claim.citations.all()
        )
    refresh_search_vectors(PublishedClaim.objects.filter(version=version))


def _freeze_entities(
    version: PublishedVersion, listed: dict[int, Entity], claimants: dict[int, Entity]
) -> None:
    """One card per entity the version links to, as its public page will show it."""
    linked = {**claimants, **listed}
    aliases: dict[int, list[str]] = {}
    for entity_id, name in (
        Alias.objects.filter(entity_id__in=linked)
        .order_by("name")
        .values_list("entity_id", "name")
    ):
        aliases.setdefault(entity_id, []).append(name)
    PublishedEntity.objects.bulk_create(
        published_entity_card(
            version,
            entity,
            aliases=aliases.get(entity.pk, []),
            is_listed=entity.pk in listed,
        )
        for entity in linked.values()
    )


def published_entity_card(
    version: PublishedVersion, entity: Entity, **fields
) -> PublishedEntity:
    """The (unsaved) card of ``entity`` in ``version``, as its public page will show
    it; ``fields`` adds ``aliases``, ``is_listed`` (and the corpus's ids)."""
    return PublishedEntity(
        version=version,
        entity=entity,
        name=entity.name,
        slug=entity.slug,
        kind=entity.kind,
        description=entity.description,
        wikidata_id=entity.wikidata_id,
        same_as=entity.same_as,
        **fields,
    )
