"""My desk: what waits for the signed-in user, as a registry of sections.

Each section is one selector (a function of the user and today's date returning a
QuerySet) with the permission that shows it, the row template, and the filtered
counts it reports besides its total. ``build_desk`` runs each visible section as
one query: the total (and the filtered counts) come from window functions over the
same rows, and only the first ``limit`` rows are fetched. So the page costs one
query per section, whatever the data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import (
    Article,
    Assignment,
    AssignmentTask,
    AttributionReview,
    Citation,
    Claim,
    ClaimRecheck,
    ClaimState,
    DeskEvent,
    FactCheck,
    FactCheckState,
    Job,
    JobState,
    Mention,
    Notification,
    Quote,
    RecheckOutcome,
    TargetKind,
)
from common.spans import AnchorState

JOBS_SINCE_DAYS = 7


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    help: str
    selector: Callable[..., QuerySet]
    row_template: str
    permission: str | None = None  # None: every staff user
    # name → (label, condition given today's date): counted among the section's rows
    counts: dict[str, tuple[str, Callable[[date], Q]]] = field(default_factory=dict)
    more_url: Callable[[], str] | None = None
    more_label: str = ""

    def visible_to(self, user) -> bool:
        return self.permission is None or user.has_perm(self.permission)


@dataclass
class SectionResult:
    section: Section
    rows: list
    total: int
    counts: list[tuple[str, int]]

    @property
    def more_url(self) -> str:
        return self.section.more_url() if self.section.more_url else ""


# Selectors: one per section ------------------------------------------------------


def assigned_to_me(user, today: date) -> QuerySet:
    """The user's assignments, overdue first, then by due date (undated last)."""
    return (
        Assignment.objects.assigned_to(user)
        .select_related("fact_check", "claim", "quote", "quote__speaker", "assigned_by")
        .order_by(F("due_on").asc(nulls_last=True), "created_at", "pk")
    )


def returned_to_me(user, today: date) -> QuerySet:
    """Fact-checks the user submitted that were sent back to draft, with the reason
    the history recorded for the return."""
    reason = (
        FactCheck.history.filter(
            id=OuterRef("pk"),
            state=FactCheckState.DRAFT,
            history_change_reason__isnull=False,
        )
        .order_by("-history_date", "-history_id")
        .values("history_change_reason")[:1]
    )
    return (
        FactCheck.objects.filter(state=FactCheckState.DRAFT, submitted_by=user)
        .annotate(return_reason=Subquery(reason))
        .order_by("-updated_at", "-pk")
    )


def _assignee_name(field: str, task: str = AssignmentTask.WORK) -> Subquery:
    """The login name of whoever is assigned the row's item for ``task`` (or None),
    inside the section's one query, so that no one takes an item twice."""
    return Subquery(
        Assignment.objects.filter(**{field: OuterRef("pk")}, task=task).values(
            f"assignee__{get_user_model().USERNAME_FIELD}"
        )[:1]
    )


def in_review(user, today: date) -> QuerySet:
    return (
        FactCheck.objects.in_review()
        .select_related("submitted_by")
        .annotate(assignee_name=_assignee_name("fact_check"))
        .order_by("submitted_at", "pk")
    )


def awaiting_publication(user, today: date) -> QuerySet:
    """Approved fact-checks, scheduled ones first by go-live time; then published
    ones with an update from a re-check to republish (only a publisher can)."""
    return (
        FactCheck.objects.annotate(**_update_to_republish())
        .filter(
            Q(state=FactCheckState.APPROVED)
            | Q(state=FactCheckState.PUBLISHED, has_update=True)
        )
        .select_related("approved_by")
        .annotate(assignee_name=_assignee_name("fact_check"))
        .order_by(
            F("scheduled_at").asc(nulls_last=True), "has_update", "approved_at", "pk"
        )
    )


def failed_schedules(user, today: date) -> QuerySet:
    """The user's notices of scheduled publications the gate refused, while their
    fact-check still waits (approved, not rescheduled), read or not: opening the
    notice to look is not acting on it. A notice naming no fact-check: until read."""
    still_waiting = FactCheck.objects.filter(
        pk=OuterRef("target_id"),
        state=FactCheckState.APPROVED,
        scheduled_at__isnull=True,
    )
    return (
        Notification.objects.for_recipient(user)
        .filter(event=DeskEvent.SCHEDULE_FAILED)
        .filter(
            Q(target_kind=TargetKind.FACT_CHECK, target_id__isnull=False)
            & Exists(still_waiting)
            | Q(target_id__isnull=True, read_at__isnull=True)
        )
        .order_by("-created_at", "-pk")
    )


TO_REVIEW = [AttributionReview.UNREVIEWED, AttributionReview.DISPUTED]
DISPUTED = Q(review_state=AttributionReview.DISPUTED)
DISPUTED_FIRST = Case(When(DISPUTED, then=Value(0)), default=Value(1))


def quotes_to_review(user, today: date) -> QuerySet:
    """Quotes awaiting attribution review, and disputed ones, disputed first."""
    return (
        Quote.objects.for_review()
        .filter(review_state__in=TO_REVIEW)
        .select_related("speaker", "article")
        .annotate(assignee_name=_assignee_name("quote", AssignmentTask.REVIEW))
        .order_by(DISPUTED_FIRST, "created_at", "pk")
    )


def claims_to_review(user, today: date) -> QuerySet:
    """Claims awaiting attribution review, and disputed ones, disputed first."""
    return (
        Claim.objects.for_review()
        .filter(review_state__in=TO_REVIEW)
        .select_related("speaker", "article")
        .annotate(assignee_name=_assignee_name("claim", AssignmentTask.REVIEW))
        .order_by(DISPUTED_FIRST, "created_at", "pk")
    )


def _open_update():
    return ClaimRecheck.objects.filter(
        claim=OuterRef("pk"), outcome=RecheckOutcome.UPDATE, corrections__isnull=True
    )


def claims_to_recheck(user, today: date) -> QuerySet:
    """Claims past their re-check date, then those with an update opened on re-check
    and not yet published, and those citing a page last found dead, moved or changed
    (link health: the evidence may no longer say what the claim relied on)."""
    broken = Citation.objects.with_broken_source().filter(claim=OuterRef("pk"))
    return (
        Claim.objects.annotate(
            update_open=Exists(_open_update()), source_broken=Exists(broken)
        )
        .filter(Q(recheck_on__lte=today) | Q(update_open=True) | Q(source_broken=True))
        .select_related("article", "checked_by")
        .order_by(F("recheck_on").asc(nulls_last=True), "pk")
    )


def _update_to_republish():
    """For a fact-check row: an update opened on re-check of one of its claims since
    it was published, not yet published with it (``has_update``), and whether every
    such claim is checked again, as the publish gate requires (``is_ready``). The
    same pending updates the gate reads (``ClaimRecheck.objects.pending_updates``)."""
    pending = ClaimRecheck.objects.pending_updates(OuterRef("pk")).filter(
        checked_at__gt=OuterRef("first_published_at")
    )
    unready = pending.exclude(claim__state=ClaimState.CHECKED)
    return {"has_update": Exists(pending), "is_ready": ~Exists(unready)}


def _span_count(model, state: str):
    rows = (
        model.objects.filter(article=OuterRef("pk"), anchor_state=state)
        .order_by()
        .values("article")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def articles_with_lost_spans(user, today: date) -> QuerySet:
    """Articles whose mentions, quotes or claims an edit orphaned or moved."""
    orphaned = sum(
        (_span_count(m, AnchorState.ORPHANED) for m in (Mention, Quote, Claim)),
        start=Value(0),
    )
    moved = sum(
        (_span_count(m, AnchorState.MOVED) for m in (Mention, Quote, Claim)),
        start=Value(0),
    )
    return (
        Article.objects.only("pk", "headline", "updated_at")
        .annotate(orphaned=orphaned, moved=moved)
        .filter(Q(orphaned__gt=0) | Q(moved__gt=0))
        .order_by("-updated_at", "-pk")
    )


def my_finished_jobs(user, today: date) -> QuerySet:
    """The user's jobs that finished or failed in the last week, newest first."""
    since = timezone.now() - timedelta(days=JOBS_SINCE_DAYS)
    return (
        Job.objects.filter(
            started_by=user,
            state__in=[JobState.SUCCEEDED, JobState.FAILED],
            finished_at__gte=since,
        )
        .select_related("article")
        .order_by("-finished_at", "-pk")
    )


# The registry ---------------------------------------------------------------------


def _changelist(model: str, query: str) -> Callable[[], str]:
    return lambda: reverse(f"admin:articles_{model}_changelist") + query


def _url(name: str, query: str = "") -> Callable[[], str]:
    return lambda: reverse(name) + query


SECTIONS: list[Section] = [
    Section(
        key="assigned",
        title=_("Assigned to me"),
        help=_("Overdue first, then by due date."),
        selector=assigned_to_me,
        row_template="articles/desk/rows/_assignment.html",
        counts={"overdue": (_("overdue"), lambda today: Q(due_on__lt=today))},
        more_url=_url("articles:desk_assignments"),
        more_label=_("All my assignments"),
    ),
    Section(
        key="returned",
        title=_("Returned to me"),
        help=_("Fact-checks you submitted that were sent back, with the reason."),
        selector=returned_to_me,
        row_template="articles/desk/rows/_returned.html",
        permission="articles.submit_factcheck",
    ),
    Section(
        key="in_review",
        title=_("In review"),
        help=_("Submitted fact-checks waiting for approval."),
        selector=in_review,
        row_template="articles/desk/rows/_in_review.html",
        permission="articles.approve_factcheck",
        more_url=_changelist("factcheck", "?state__exact=in_review"),
        more_label=_("All fact-checks in review"),
    ),
    Section(
        key="approved",
        title=_("Awaiting publication"),
        help=_(
            "Scheduled publications first, by go-live time; then published "
            "fact-checks with an update from a re-check to republish."
        ),
        selector=awaiting_publication,
        row_template="articles/desk/rows/_approved.html",
        permission="articles.publish_factcheck",
        counts={
            "scheduled": (_("scheduled"), lambda today: Q(scheduled_at__isnull=False)),
            "updates": (_("to republish"), lambda today: Q(has_update=True)),
        },
        more_url=_changelist("factcheck", "?state__exact=approved"),
        more_label=_("All approved fact-checks"),
    ),
    Section(
        key="failed_schedules",
        title=_("Failed schedules"),
        help=_(
            "Scheduled publications the publish gate refused, until the fact-check "
            "is published, rescheduled or sent back."
        ),
        selector=failed_schedules,
        row_template="articles/desk/rows/_notification.html",
        permission="articles.publish_factcheck",
    ),
    Section(
        key="quotes_to_review",
        title=_("Quote attributions to review"),
        help=_("Awaiting review, and disputed ones first."),
        selector=quotes_to_review,
        row_template="articles/desk/rows/_review_item.html",
        permission="articles.review_attribution",
        counts={"disputed": (_("disputed"), lambda today: DISPUTED)},
        more_url=_url("articles:review_queue", "?kind=quote"),
        more_label=_("Review queue"),
    ),
    Section(
        key="claims_to_review",
        title=_("Claim attributions to review"),
        help=_("Awaiting review, and disputed ones first."),
        selector=claims_to_review,
        row_template="articles/desk/rows/_review_item.html",
        permission="articles.review_attribution",
        counts={"disputed": (_("disputed"), lambda today: DISPUTED)},
        more_url=_url("articles:review_queue", "?kind=claim"),
        more_label=_("Review queue"),
    ),
    Section(
        key="recheck",
        title=_("Claims due for re-check"),
        help=_(
            "Past their re-check date, then updates waiting to be published, and "
            "claims whose cited pages are dead, moved or changed."
        ),
        selector=claims_to_recheck,
        row_template="articles/desk/rows/_recheck.html",
        permission="articles.change_claim",
        counts={
            "updates": (_("update open"), lambda today: Q(update_open=True)),
            "sources": (_("source broken"), lambda today: Q(source_broken=True)),
        },
        more_url=_changelist("claim", "?recheck=due"),
        more_label=_("All claims due for re-check"),
    ),
    Section(
        key="spans",
        title=_("Orphaned or moved spans"),
        help=_("Articles whose tagged spans an edit left behind or moved."),
        selector=articles_with_lost_spans,
        row_template="articles/desk/rows/_spans.html",
        permission="articles.change_article",
    ),
    Section(
        key="jobs",
        title=_("My imports and jobs"),
        help=_("Finished or failed in the last week."),
        selector=my_finished_jobs,
        row_template="articles/desk/rows/_job.html",
        counts={"failed": (_("failed"), lambda today: Q(state=JobState.FAILED))},
        more_url=_changelist("job", ""),
        more_label=_("All my jobs"),
    ),
]


def run_section(section: Section, user, today: date, limit: int) -> SectionResult:
    """The section's first ``limit`` rows and its counts, in one query."""
    counts = {
        f"desk_count_{name}": Window(Count("pk", filter=condition(today)))
        for name, (_label, condition) in section.counts.items()
    }
    rows = list(
        section.selector(user, today).annotate(
            desk_total=Window(Count("pk")), **counts
        )[:limit]
    )
    first = rows[0] if rows else None
    return SectionResult(
        section=section,
        rows=rows,
        total=first.desk_total if first else 0,
        counts=[
            (label, getattr(first, f"desk_count_{name}") if first else 0)
            for name, (label, _condition_) in section.counts.items()
        ],
    )


def build_desk(user, *, today: date | None = None, limit: int = 10):
    """Every section the user's role shows, with its rows and counts."""
    today = today or timezone.localdate()
    return [
        run_section(section, user, today, limit)
        for section in SECTIONS
        if section.visible_to(user)
    ]
