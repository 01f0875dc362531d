"""CSV export of the public claims index, streamed row by row.

Spreadsheet programs run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and,
in some, a tab or carriage return) as a formula, and skip blanks before that first
character (``" =1+1"`` runs too): such a cell gets a leading quote character, so a
claim's wording can never become a formula on a reader's machine.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

from articles import structured_data
from articles.models import VERDICT_RATINGS, PublishedClaim, Verdict

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_SIGNS = ("=", "+", "-", "@")
HEADER = (
    "claim_id",
    "claim_url",
    "claim",
    "claimant",
    "verdict",
    "verdict_label",
    "rating",
    "verdict_summary",
    "fact_check",
    "fact_check_url",
    "published_at",
    "retracted",
)


def safe_cell(value) -> str:
    """The cell as text, defused when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    runs = text.startswith(FORMULA_STARTS) or text.lstrip().startswith(FORMULA_SIGNS)
    return f"'{text}" if runs else text


def claim_row(claim: PublishedClaim) -> list[str]:
    verdict = Verdict(claim.verdict)
    return [
        safe_cell(cell)
        for cell in (
            claim.claim_ref,
            structured_data.absolute(claim.get_absolute_url()),
            claim.statement,
            claim.claimant_name,
            claim.verdict,
            verdict.label,
            VERDICT_RATINGS[verdict],
            claim.verdict_summary,
            claim.version.title,
            structured_data.absolute(claim.version.get_absolute_url()),
            claim.published_at.isoformat(timespec="seconds"),
            # A retracted fact-check's rating no longer stands: say so in every row.
            "yes" if claim.is_retracted else "no",
        )
    ]


class _Echo:
    """A file-like object whose write returns the line: csv.writer feeds a stream."""

    def write(self, value: str) -> str:
        return value


def csv_lines(claims: Iterable[PublishedClaim]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(HEADER)  # a BOM: spreadsheets then read UTF-8
    for claim in claims:
        yield writer.writerow(claim_row(claim))
