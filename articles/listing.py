"""Which published claim rows readers see: ``PublishedClaim.is_listed``.

A claim may be checked in several published fact-checks; readers see it once, as its
latest current row. Working that out at read time (an anti-join over every current
row) costs each claims index page a pass over the archive, so it is stored on the row
when a version becomes current or stops being current.
"""

from __future__ import annotations

from collections.abc import Iterable

from articles.models import PublishedClaim
from articles.selectors import one_row_per_claim


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
