"""Review statistics, derived from the items' current reviewed_by/reviewed_at fields.

A review later undone by an edit of the speaker or span (reset to unreviewed) no
longer counts: these figures describe the reviews that stand today.
"""

from collections import defaultdict

from django.db.models import Count, Min, Q
from django.db.models.functions import TruncWeek
from django.utils import timezone

from articles.models import AttributionReview, Claim, Quote

MODELS = (Quote, Claim)


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def review_stats(now=None) -> dict:
    """Reviews per reviewer and per ISO week, dispute/correction rates, oldest wait."""
    now = now or timezone.now()
    per_reviewer, per_week = _standing_review_counts()
    reviewers = [
        {
            "username": name,
            **counts,
            "dispute_rate": _rate(counts["disputed"], counts["total"]),
            "correction_rate": _rate(counts["corrected"], counts["total"]),
        }
        for name, counts in sorted(per_reviewer.items())
    ]
    total = sum(r["total"] for r in reviewers)
    oldest = _oldest_unreviewed_at()
    return {
        "reviewers": reviewers,
        "weeks": _week_rows(per_week),
        "total": total,
        "dispute_rate": _rate(sum(r["disputed"] for r in reviewers), total),
        "correction_rate": _rate(sum(r["corrected"] for r in reviewers), total),
        "oldest_unreviewed_at": oldest,
        "oldest_unreviewed_age": (now - oldest) if oldest else None,
    }


def _standing_review_counts() -> tuple[dict, dict]:
    """Per reviewer's username: total, disputed, corrected; per week's Monday: total."""
    per_reviewer = defaultdict(lambda: {"total": 0, "disputed": 0, "corrected": 0})
    per_week = defaultdict(int)
    for model in MODELS:
        reviewed = (
            model.objects.for_review()
            .exclude(review_state=AttributionReview.UNREVIEWED)
            .filter(reviewed_at__isnull=False)
            .order_by()
        )
        rows = reviewed.values("reviewed_by__username").annotate(
            total=Count("pk"),
            disputed=Count("pk", filter=Q(review_state=AttributionReview.DISPUTED)),
            corrected=Count("pk", filter=Q(review_state=AttributionReview.CORRECTED)),
        )
        for row in rows:
            counts = per_reviewer[row["reviewed_by__username"] or ""]
            for key in ("total", "disputed", "corrected"):
                counts[key] += row[key]
        weeks = reviewed.annotate(week=TruncWeek("reviewed_at")).values("week")
        for row in weeks.annotate(n=Count("pk")):
            per_week[row["week"].date()] += row["n"]
    return per_reviewer, per_week


def _week_rows(per_week: dict) -> list[dict]:
    """Newest ISO week first, labelled like 2026-W48."""
    return [
        {
            "monday": monday,
            "label": "{}-W{:02d}".format(*monday.isocalendar()[:2]),
            "total": total,
        }
        for monday, total in sorted(per_week.items(), reverse=True)
    ]


def _oldest_unreviewed_at():
    waiting = [
        model.objects.for_review()
        .filter(review_state=AttributionReview.UNREVIEWED)
        .aggregate(oldest=Min("created_at"))["oldest"]
        for model in MODELS
    ]
    return min((w for w in waiting if w is not None), default=None)
