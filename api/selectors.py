"""What the API serves: only published rows, each asked in one place."""

from django.db.models import Prefetch, QuerySet

from articles.models import (
    Correction,
    FactCheck,
    PublishedClaim,
    PublishedEntity,
    PublishedVersion,
)
from articles.selectors import one_row_per_claim, public_entity_cards


def published_fact_checks() -> QuerySet[PublishedVersion]:
    """Current versions of published fact-checks, their claims and corrections."""
    return (
        PublishedVersion.objects.current()
        .defer("snapshot", "article_html", "search_text")
        .prefetch_related(
            Prefetch(
                "claims",
                queryset=PublishedClaim.objects.order_by("position").only(
                    "version_id",
                    "claim_ref",
                    "slug",
                    "position",
                    "statement",
                    "verdict",
                    "claimant_name",
                ),
            ),
            Prefetch("fact_check", queryset=FactCheck.objects.only("pk")),
            Prefetch(
                "fact_check__corrections",
                queryset=Correction.objects.order_by("published_at", "pk"),
            ),
        )
        .order_by("-published_at", "pk")
    )


def published_claims() -> QuerySet[PublishedClaim]:
    """Each published claim once (its latest current row), with its fact-check."""
    return (
        one_row_per_claim(PublishedClaim.objects.current())
        .with_version_heading()
        .order_by("-published_at", "position", "pk")
    )


def public_entities() -> QuerySet[PublishedEntity]:
    """Entities with a public page: their card in the latest current version."""
    return public_entity_cards().order_by("name", "entity_id")
