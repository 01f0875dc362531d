"""Reads of the desk that several pages need (My desk, the re-check queue, headers).

Each answers one question and returns a QuerySet (or a number).
"""

from __future__ import annotations

from datetime import date

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Prefetch, Q

from articles.desk.notify import UNREAD_CACHE_KEY
from articles.models import (
    Assignment,
    Citation,
    Claim,
    Comment,
    FactCheckClaim,
    Notification,
)

UNREAD_CACHE_SECONDS = 300


def assignments_for(user):
    """The user's assignments, soonest due first, with their items."""
    return (
        Assignment.objects.assigned_to(user)
        .select_related("fact_check", "claim", "quote", "assigned_by")
        .order_by("due_on", "created_at", "pk")
    )


def overdue(*, user=None, today: date | None = None):
    """Assignments past their due date (the user's only, when given)."""
    rows = Assignment.objects.overdue(today).select_related(
        "fact_check", "claim", "quote", "assignee"
    )
    return rows.assigned_to(user) if user is not None else rows


def notifications_for(user):
    return Notification.objects.for_recipient(user).select_related("actor")


def unread_count(user) -> int:
    """How many unread notifications the user has: one query, then cached until
    a notification is made or read."""
    if user is None or not user.is_authenticated:
        return 0
    key = UNREAD_CACHE_KEY.format(user.pk)
    count = cache.get(key)
    if count is None:
        count = Notification.objects.for_recipient(user).unread().count()
        cache.set(key, count, UNREAD_CACHE_SECONDS)
    return count


def threads_on(item):
    """The item's threads, oldest first, each with its replies (two queries)."""
    replies = Comment.objects.select_related("author").order_by("created_at", "pk")
    return (
        Comment.objects.on(item)
        .threads()
        .select_related("author", "resolved_by")
        .prefetch_related(Prefetch("replies", queryset=replies))
        .order_by("created_at", "pk")
    )


def claims_due_for_recheck(today: date):
    """Claims whose re-check date has come, with their assignee's assignments."""
    return Claim.objects.due_for_recheck(today).select_related("article", "checked_by")


def broken_sources_for(user):
    """Citations whose page was last found dead, moved or changed, on the claims the
    user answers for: claims they checked, wrote or are assigned, and the claims of
    fact-checks they wrote or are assigned. Worst news first."""
    in_their_fact_check = FactCheckClaim.objects.filter(
        claim_id=OuterRef("claim_id")
    ).filter(
        Q(fact_check__authors=user)
        | Q(fact_check__created_by=user)
        | Q(fact_check__assignments__assignee=user)
    )
    return (
        Citation.objects.with_broken_source()
        .filter(
            Q(claim__checked_by=user)
            | Q(claim__created_by=user)
            | Q(created_by=user)
            | Q(claim__assignments__assignee=user)
            | Exists(in_their_fact_check)
        )
        .select_related("claim")
        .distinct()
        .order_by("-source_checked_at", "pk")
    )
