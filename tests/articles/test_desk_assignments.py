"""Assignments: who may be given an item, who may give it, history, filters."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from articles.desk import selectors
from articles.desk.assignments import assign, unassign
from articles.models import Assignment, AssignmentTask, DeskEvent
from articles.services import workflow
from tests.articles.desk_helpers import mails_to, notes_for
from tests.articles.workflow_helpers import ready_fact_check
from tests.factories import ClaimFactory, FactCheckFactory, QuoteFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = dt.datetime.now(dt.UTC).date()


def test_an_editor_assigns_a_draft_to_another_editor_who_is_told(
    editor, django_capture_on_commit_callbacks
):
    colleague = UserFactory(username="colleague", groups=["Editor"])
    fact_check = FactCheckFactory()
    with django_capture_on_commit_callbacks(execute=True):
        assignment = assign(
            item=fact_check,
            assignee=colleague,
            user=editor,
            due_on=TODAY + dt.timedelta(days=2),
            note="Please add the budget claims",
        )
    assert assignment.assigned_by == editor
    [note] = notes_for(colleague, DeskEvent.ASSIGNED)
    assert (
        "ed assigned you" in note.text and "Please add the budget claims" in note.text
    )
    assert note.url == f"/admin/articles/factcheck/{fact_check.pk}/change/"
    assert "Please add the budget claims" in mails_to(colleague)[0].body
    assert list(selectors.assignments_for(colleague)) == [assignment]


def test_the_same_assignment_sent_twice_tells_the_assignee_once(
    editor, django_capture_on_commit_callbacks
):
    """A double click on Assign (with a note and a due date) changes nothing the
    second time, so the assignee is not told twice; a new due date is news."""
    colleague = UserFactory(username="colleague", groups=["Editor"])
    claim = ClaimFactory()
    same = {"due_on": TODAY + dt.timedelta(days=2), "note": "By Friday"}
    with django_capture_on_commit_callbacks(execute=True):
        assign(item=claim, assignee=colleague, user=editor, **same)
        assign(item=claim, assignee=colleague, user=editor, **same)
    assert len(notes_for(colleague, DeskEvent.ASSIGNED)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assign(
            item=claim, assignee=colleague, user=editor, due_on=TODAY, note="By Friday"
        )
    assert len(notes_for(colleague, DeskEvent.ASSIGNED)) == 2


def test_assigning_yourself_tells_no_one(editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assign(item=FactCheckFactory(), assignee=editor, user=editor)
    assert notes_for(editor) == []


def test_a_reviewer_cannot_assign_a_publication(reviewer, publisher, editor):
    fact_check = ready_fact_check(claims=1)
    workflow.submit_for_review(fact_check=fact_check, user=editor)
    workflow.approve(fact_check=fact_check, user=publisher)
    with pytest.raises(PermissionDenied):
        assign(item=fact_check, assignee=publisher, user=reviewer)
    assert not Assignment.objects.exists()


def test_only_roles_that_may_act_can_be_assigned(editor, reviewer, publisher):
    draft = FactCheckFactory()
    with pytest.raises(ValidationError, match="role may not act"):
        assign(item=draft, assignee=reviewer, user=editor)
    with pytest.raises(ValidationError, match="role may not act"):
        assign(item=draft, assignee=publisher, user=editor)  # drafts are editors'
    fact_check = ready_fact_check(claims=1)
    workflow.submit_for_review(fact_check=fact_check, user=editor)
    with pytest.raises(ValidationError, match="role may not act"):
        assign(item=fact_check, assignee=editor, user=editor)  # in review: approvers
    assert assign(item=fact_check, assignee=publisher, user=editor).assignee == (
        publisher
    )
    claim = ClaimFactory()
    with pytest.raises(ValidationError, match="role may not act"):
        assign(item=claim, assignee=reviewer, user=editor)  # claims: editors
    # a claim's attribution review goes to a reviewer, assigned by a reviewer
    review = assign(
        item=claim, assignee=reviewer, user=reviewer, task=AssignmentTask.REVIEW
    )
    assert review.task == AssignmentTask.REVIEW
    quote = QuoteFactory()
    with pytest.raises(ValidationError, match="role may not act"):
        assign(item=quote, assignee=editor, user=editor)
    with pytest.raises(ValidationError, match="only be assigned for review"):
        assign(item=quote, assignee=reviewer, user=editor, task=AssignmentTask.WORK)


def test_inactive_or_non_staff_assigners_are_refused(editor):
    outsider = UserFactory(username="outsider", groups=["Editor"], is_staff=False)
    with pytest.raises(PermissionDenied):
        assign(item=FactCheckFactory(), assignee=editor, user=outsider)


def test_reassign_and_unassign_keep_the_history(editor):
    first = UserFactory(username="first", groups=["Editor"])
    second = UserFactory(username="second", groups=["Editor"])
    claim = ClaimFactory()
    assignment = assign(item=claim, assignee=first, user=editor)
    assign(item=claim, assignee=second, user=editor, note="first is away")
    assert Assignment.objects.get().assignee == second
    assert unassign(item=claim, user=editor) is True
    assert not Assignment.objects.exists()
    assert unassign(item=claim, user=editor) is False
    history = Assignment.history.filter(id=assignment.pk).order_by("history_date")
    assert [(h.history_type, h.assignee_id, h.history_user_id) for h in history] == [
        ("+", first.pk, editor.pk),
        ("~", second.pk, editor.pk),
        ("-", second.pk, editor.pk),
    ]
    assert [h.history_change_reason for h in history] == [
        "Assigned",
        "Assigned",
        "Unassigned",
    ]


def test_control_characters_in_a_note_are_refused(editor):
    with pytest.raises(ValidationError, match="control characters"):
        assign(item=ClaimFactory(), assignee=editor, user=editor, note="a\x00b")
    assert not Assignment.objects.exists()


def test_overdue_selector(editor):
    late = assign(
        item=ClaimFactory(),
        assignee=editor,
        user=editor,
        due_on=TODAY - dt.timedelta(days=1),
    )
    assign(
        item=ClaimFactory(), assignee=editor, user=editor, due_on=TODAY
    )  # due today: not late
    assert list(selectors.overdue()) == [late]
    assert list(selectors.overdue(user=editor)) == [late]
    assert late.is_overdue()
