"""An item's review history, read from its simple_history rows."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from articles.models import AttributionReview

HISTORY_LIMIT = 50
ADDED = _("Added")


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    user: object
    state: str
    state_label: str
    reason: str
    note: str


def review_history(item) -> list[HistoryEntry]:
    """Review decisions and resets, newest first; other edits are left out."""
    records = list(
        item.history.select_related("history_user").order_by(
            "-history_date", "-history_id"
        )[:HISTORY_LIMIT]
    )
    records.reverse()
    entries, previous = [], None
    for record in records:
        changed = previous is None or record.review_state != previous.review_state
        if changed or record.history_change_reason:
            entries.append(
                HistoryEntry(
                    at=record.history_date,
                    user=record.history_user,
                    state=record.review_state,
                    state_label=AttributionReview(record.review_state).label,
                    reason=record.history_change_reason
                    or (ADDED if record.history_type == "+" else ""),
                    note=record.review_note,
                )
            )
        previous = record
    entries.reverse()
    return entries
