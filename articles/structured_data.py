"""schema.org JSON-LD for the public pages, built from published snapshots only.

Every function returns plain dicts; ``to_script`` serialises one for a
``<script type="application/ld+json">`` element with ``<``, ``>`` and ``&`` written
as JSON unicode escapes, so no text inside (a claim quoting ``</script>``, say) can
end the element early. The result still parses as the same JSON.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from articles.models import (
    BEST_RATING,
    WORST_RATING,
    CorrectionKind,
    PublishedClaim,
    PublishedVersion,
)
from entities.models import EntityKind

CONTEXT = "https://schema.org"

_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def absolute(path: str) -> str:
    """An absolute address on the public site (settings.SITE_URL)."""
    return f"{settings.SITE_URL}{path}"


def to_script(data: Any) -> SafeString:
    """A complete JSON-LD ``<script>`` element that nothing inside can break out of."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=None)
    text = text.translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


def organization_id() -> str:
    """The desk's node identifier: its home page's address with ``#organization``."""
    return absolute(f"{reverse('articles:home')}#organization")


def organization() -> dict[str, Any]:
    """The publishing desk as every item names it: its node's ``@id``, name and url.

    The desk's policy addresses (``publishingPrinciples``, ``correctionsPolicy``, …)
    are not here: a policy may be unwritten or taken down, and the fact-check pages'
    JSON-LD is stored when they are published. The site frame declares the full node
    on every page instead, with the policies that exist at that moment (the
    ``policies`` app's ``organization_json_ld`` tag); items here refer to it by
    ``@id``.
    """
    org = settings.NEWSROOM_ORGANIZATION
    return {
        "@type": "Organization",
        "@id": organization_id(),
        "name": org["name"],
        "url": org["url"],
    }


def organization_node(policies: dict[str, str]) -> dict[str, Any]:
    """The desk's full node for a page's frame; ``policies`` maps each schema.org
    policy property to the path of a page that exists."""
    node = {"@context": CONTEXT, **organization()}
    node.update({prop: absolute(path) for prop, path in policies.items()})
    return node


def iso_datetime(value) -> str:
    """ISO 8601 to the second (snapshots and HTML never carry microseconds)."""
    return value.replace(microsecond=0).isoformat()


def is_retracted(corrections) -> bool:
    return any(c.kind == CorrectionKind.RETRACTION for c in corrections)


def correction_comment(correction) -> dict[str, Any]:
    """A public note as schema.org CorrectionComment (its kind as the name)."""
    return {
        "@type": "CorrectionComment",
        "name": str(correction.get_kind_display()),
        "text": correction.text,
        "datePublished": iso_datetime(correction.published_at),
    }


def _author(author: dict[str, Any]) -> dict[str, Any]:
    person = {"@type": "Person", "name": author["name"]}
    if author.get("url"):
        person["url"] = absolute(author["url"])
    return person


def _party(entity: dict[str, Any] | None, fallback_name: str) -> dict[str, Any] | None:
    """A Person or Organization for whoever made a claim."""
    if entity is None:
        if not fallback_name:
            return None
        return {"@type": "Organization", "name": fallback_name}
    kind = "Person" if entity.get("kind") == EntityKind.PERSON else "Organization"
    return {"@type": kind, "name": entity["name"], "url": absolute(entity["url"])}


def claim_card_url(version_data: dict[str, Any], claim: dict[str, Any]) -> str:
    return absolute(f"{version_data['fact_check']['url']}#{claim['anchor']}")


def claim_review_id(claim_ref: int) -> str:
    """Stable identifier: the claim's short address, which never changes."""
    return absolute(reverse("articles:claim_short", kwargs={"pk": claim_ref}))


def claim_review(snapshot: dict[str, Any], claim: dict[str, Any]) -> dict[str, Any]:
    """One ClaimReview for a claim card of a published snapshot."""
    article = snapshot["article"]
    fact_check = snapshot["fact_check"]
    item: dict[str, Any] = {"@type": "Claim", "name": claim["statement"]}
    author = _party(claim.get("claimant"), claim.get("claimant_name", ""))
    if author:
        item["author"] = author
    if article.get("published_on"):
        item["datePublished"] = article["published_on"]
    if article.get("original_url"):
        item["appearance"] = {
            "@type": "CreativeWork",
            "url": article["original_url"],
            "headline": article["headline"],
        }
    review: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "@id": claim_review_id(claim["ref"]),
        "url": claim_card_url(snapshot, claim),
        "claimReviewed": claim["statement"],
        "datePublished": fact_check["first_published_at"][:10],
        "dateModified": fact_check["published_at"],
        "author": organization(),
        "itemReviewed": item,
    }
    if claim.get("rating") is not None:
        review["reviewRating"] = {
            "@type": "Rating",
            "ratingValue": claim["rating"],
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": claim["verdict_label"],
        }
    return review


def news_article(version: PublishedVersion, corrections=()) -> dict[str, Any]:
    """NewsArticle (on its WebPage) describing a fact-check page, with its public
    notes as ``correction``."""
    snapshot = version.snapshot
    fact_check = snapshot["fact_check"]
    url = absolute(version.get_absolute_url())
    authors = [_author(a) for a in snapshot["authors"]]
    article = {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "@id": f"{url}#article",
        "headline": version.title[:110],
        "description": version.summary,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url, "url": url},
        "datePublished": fact_check["first_published_at"],
        "dateModified": fact_check["published_at"],
        "inLanguage": snapshot["article"].get("language") or "en",
        "author": authors or [organization()],
        "publisher": organization(),
        "about": [
            {"@type": "Thing", "name": e["name"], "url": absolute(e["url"])}
            for e in snapshot["entities"]
        ],
    }
    if corrections:
        article["correction"] = [correction_comment(c) for c in corrections]
    return article


def factcheck_graph(version: PublishedVersion, corrections=()) -> list[dict[str, Any]]:
    """Everything a fact-check page embeds: the article, then one review per claim.

    A retracted fact-check embeds no ClaimReview: a ClaimReview states the desk's
    current rating of a claim, and schema.org has no way to mark a rating as
    withdrawn, so the only honest markup is none (the NewsArticle keeps the
    retraction as a ``correction``; the data feed and claim pages drop it too).
    """
    article = news_article(version, corrections)
    if is_retracted(corrections):
        return [article]
    reviews = [claim_review(version.snapshot, c) for c in version.snapshot["claims"]]
    return [article, *reviews]


def published_claim_review(published: PublishedClaim) -> dict[str, Any]:
    """The single ClaimReview of a claim page (the version is select_related)."""
    return claim_review(published.version.snapshot, published.data)


def feed_claim_review(published: PublishedClaim) -> dict[str, Any]:
    """A ClaimReview from a row of ``selectors.feed_claims`` (no full snapshot)."""
    fact_check = published.feed_fact_check
    if isinstance(fact_check, str):  # SQLite hands nested JSON back as text
        fact_check = json.loads(fact_check)
    snapshot = {
        "fact_check": fact_check,
        "article": {
            "headline": published.feed_headline,
            "published_on": published.feed_published_on,
            "original_url": published.feed_original_url,
        },
    }
    return claim_review(snapshot, published.data)


def data_feed_page(claims, *, modified=None, after=0, next_url="") -> dict[str, Any]:
    """One page of the DataFeed: ClaimReview objects of ``feed_claims`` rows."""
    url = reverse("articles:claimreview_feed")
    feed: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "DataFeed",
        "name": f"{settings.NEWSROOM_ORGANIZATION['name']} — ClaimReview feed",
        "url": absolute(f"{url}?after={after}" if after else url),
        "dataFeedElement": [feed_claim_review(c) for c in claims],
    }
    if modified:
        feed["dateModified"] = modified
    if next_url:
        feed["next"] = next_url
    return feed
