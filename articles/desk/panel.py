"""The desk panel shown on an item's page (admin change page, review item page):
its assignments with the Assign form, and its discussion."""

from __future__ import annotations

from django.urls import reverse

from articles.desk.forms import AssignForm, CommentForm
from articles.desk.selectors import threads_on
from articles.desk.targets import (
    default_task,
    eligible_assignees,
    kind_of,
    may_assign,
    may_discuss,
    target_fields,
)
from articles.models import Assignment, AssignmentTask, Claim


def panel_context(request, item, *, task: str | None = None) -> dict:
    """Everything ``desk/_panel.html`` needs; ``task`` picks the claim's task."""
    user = request.user
    kind = kind_of(item)
    task = task or default_task(item)
    tasks = [task]
    if isinstance(item, Claim) and task == AssignmentTask.WORK:
        tasks = [AssignmentTask.WORK]
    assignments = list(
        Assignment.objects.filter(**target_fields(item), task__in=tasks).select_related(
            "assignee", "assigned_by"
        )
    )
    can_assign = may_assign(user, item, task)
    assignees = list(eligible_assignees(item, task)) if can_assign else []
    can_discuss = may_discuss(user, item)
    return {
        "desk_item": item,
        "desk_kind": kind,
        "desk_task": task,
        "desk_next": request.get_full_path(),
        "desk_assignments": assignments,
        "desk_assign_form": (
            AssignForm(initial={"task": task}) if can_assign else None
        ),
        "desk_assignees": assignees,
        "desk_assign_url": reverse(
            "articles:desk_assign", kwargs={"kind": kind, "pk": item.pk}
        ),
        "desk_history_url": reverse(
            "articles:desk_assignment_history", kwargs={"kind": kind, "pk": item.pk}
        ),
        "desk_unassign_url": reverse(
            "articles:desk_unassign", kwargs={"kind": kind, "pk": item.pk}
        ),
        "desk_can_discuss": can_discuss,
        "desk_threads": list(threads_on(item)) if can_discuss else [],
        "desk_comment_form": CommentForm() if can_discuss else None,
        "desk_comment_url": reverse(
            "articles:desk_comment", kwargs={"kind": kind, "pk": item.pk}
        ),
    }
