"""Assign an item to someone, reassign it, unassign it (see ``targets`` for who may).

One assignment per item and task: assigning again replaces the assignee, due date
and note; the history (simple_history) keeps every version, with who changed it.

An assignment asks for the item's next step (a fact-check's submission, approval or
publication; a review item's review), so the services that take that step close it
(``close``): done work leaves the assignee's desk, and the history says why.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from articles.desk import events
from articles.desk.targets import (
    assignee_refusal,
    default_task,
    lock_item,
    may_assign,
    target_fields,
)
from articles.desk.text import check_text
from articles.models import Assignment, AssignmentTask, Quote


def _check_task(item, task: str) -> str:
    task = task or default_task(item)
    if task not in AssignmentTask.values:
        raise ValidationError(_("Choose what the assignee is to do."), code="task")
    if isinstance(item, Quote) and task != AssignmentTask.REVIEW:
        raise ValidationError(
            _("A quote can only be assigned for review."), code="task"
        )
    if task == AssignmentTask.REVIEW and not hasattr(item, "review_state"):
        raise ValidationError(
            _("Only quotes and claims have an attribution to review."), code="task"
        )
    return task


def _lock_assignee(assignee) -> None:
    """Hold the assignee's row until commit; refused when deleted or deactivated
    since the form was filled."""
    still = (
        get_user_model()
        .objects.select_for_update()
        .filter(pk=assignee.pk, is_active=True, is_staff=True)
        .values_list("pk", flat=True)
        .first()
    )
    if still is None:
        raise ValidationError(
            _("%(user)s is no longer on the desk.") % {"user": assignee.get_username()},
            code="assignee_gone",
        )


def assign(
    *,
    item,
    assignee,
    user,
    task: str = "",
    due_on: date | None = None,
    note: str = "",
) -> Assignment:
    """Give ``item`` to ``assignee`` (replacing any current assignee for the task).

    Who may assign and who may be given the item depend on its state, so both are
    checked on the locked row: a step taken meanwhile (an approval, say) is seen.
    """
    task = _check_task(item, task)
    if assignee is None:
        raise ValidationError(_("Choose who to assign it to."), code="assignee")
    note = check_text(note or "", required=False, limit=2000)
    with transaction.atomic():
        item = lock_item(item)
        if not may_assign(user, item, task):
            raise PermissionDenied(_("You may not assign this item."))
        refusal = assignee_refusal(item, task, assignee)
        if refusal:
            raise ValidationError(refusal, code="assignee_role")
        _lock_assignee(assignee)
        assignment = (
            Assignment.objects.select_for_update()
            .filter(**target_fields(item), task=task)
            .first()
        )
        if assignment is not None and (
            assignment.assignee_id,
            assignment.due_on,
            assignment.note,
        ) == (assignee.pk, due_on, note):
            return assignment  # the same form sent twice: nothing changes, no one told
        changed_assignee = assignment is None or assignment.assignee_id != assignee.pk
        if assignment is not None and changed_assignee:
            events.unassigned_after_commit(
                item, task, assignment.assignee_id, user, assignee.pk
            )
        if assignment is None:
            assignment = Assignment(**target_fields(item), task=task)
        assignment.assignee = assignee
        assignment.assigned_by = user
        assignment.due_on = due_on
        assignment.note = note
        assignment._history_user = user
        assignment._change_reason = (
            _("Assigned") if changed_assignee else _("Assignment changed")
        )
        assignment.save()
        if changed_assignee or assignment.note or assignment.due_on:
            events.assigned_after_commit(assignment, user)
    return assignment


def unassign(*, item, user, task: str = "") -> bool:
    """Remove the item's assignment for ``task``; False when there was none."""
    task = _check_task(item, task)
    with transaction.atomic():
        item = lock_item(item)
        if not may_assign(user, item, task):
            raise PermissionDenied(_("You may not assign this item."))
        assignment = (
            Assignment.objects.select_for_update()
            .filter(**target_fields(item), task=task)
            .first()
        )
        if assignment is None:
            return False
        assignment._history_user = user
        assignment._change_reason = _("Unassigned")
        assignment.delete()
        events.unassigned_after_commit(item, task, assignment.assignee_id, user)
    return True


def close(*, item, user, done: str, task: str = "") -> int:
    """The step ``item`` was assigned for was taken (``done``: "approved", say):
    remove its assignment for ``task``, the history recording why; how many."""
    task = task or default_task(item)
    closed = 0
    with transaction.atomic():
        for assignment in Assignment.objects.select_for_update().filter(
            **target_fields(item), task=task
        ):
            assignment._history_user = user
            assignment._change_reason = (_("Done: %(what)s") % {"what": done})[:100]
            assignment.delete()
            closed += 1
    return closed
