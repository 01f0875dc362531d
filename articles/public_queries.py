"""Query helpers shared by the public pages, feeds and sitemap."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from articles.models import PublishedClaim


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
