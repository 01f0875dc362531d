"""Assignments: who may be given an item, who may give it, history, filters."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from articles.desk import selectors
from articles.desk.assignments import assign, unassign
from articles.desk.targets import eligible_assignees
from articles.models import Assignment, AssignmentTask, DeskEvent, FactCheck
from articles.services import workflow
from tests.articles.desk_helpers import mails_to, notes_for
from tests.articles.workflow_helpers import ready_fact_check
from tests.factories import (
    CitationFactory,
    ClaimFactory,
    FactCheckFactory,
    QuoteFactory,
    UserFactory,
)
from tests.history import acting_as

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
    # nor does the assignment's history show a change that changed nothing
    assert Assignment.history.filter(claim=claim).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assign(
            item=claim, assignee=colleague, user=editor, due_on=TODAY, note="By Friday"
        )
    assert len(notes_for(colleague, DeskEvent.ASSIGNED)) == 2


def test_a_step_taken_while_the_form_was_open_is_seen(editor):
    """The form was filled while the fact-check was a draft; it was submitted for
    review before the post arrived, so an editor may no longer be given it."""
    colleague = UserFactory(username="colleague", groups=["Editor"])
    fact_check = ready_fact_check(claims=1)
    as_read = FactCheck.objects.get(pk=fact_check.pk)  # the form's copy: a draft
    workflow.submit_for_review(fact_check=fact_check, user=editor)
    with pytest.raises(ValidationError, match="may not act on this item now"):
        assign(item=as_read, assignee=colleague, user=editor)
    assert not Assignment.objects.exists()


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


# Four eyes: only people who may act on the item *now* can be given it ------------


def test_a_fact_check_in_review_cannot_go_to_a_publisher_who_checked_its_claims(
    editor, publisher
):
    """The publish gate would refuse them (four eyes), so the assignment is refused
    with the reason and the choice list leaves them out."""
    checker_publisher = UserFactory(username="chk-pub", groups=["Editor", "Publisher"])
    fact_check = ready_fact_check(claims=1, checker=checker_publisher)
    workflow.submit_for_review(fact_check=fact_check, user=editor)
    with pytest.raises(ValidationError, match="four eyes") as refused:
        assign(item=fact_check, assignee=checker_publisher, user=editor)
    assert "chk-pub" in str(refused.value) and "verdict" in str(refused.value)
    assert not Assignment.objects.exists()
    assert list(eligible_assignees(fact_check, AssignmentTask.WORK)) == [publisher]
    assert assign(item=fact_check, assignee=publisher, user=editor)


def test_an_approved_fact_check_cannot_go_to_a_publisher_who_reviewed_a_claim(
    editor, publisher
):
    reviewing_publisher = UserFactory(
        username="rev-pub", groups=["Reviewer", "Publisher"]
    )
    fact_check = ready_fact_check(claims=1, reviewer=reviewing_publisher)
    workflow.submit_for_review(fact_check=fact_check, user=editor)
    workflow.approve(fact_check=fact_check, user=publisher)
    with pytest.raises(ValidationError, match="confirmed its attribution"):
        assign(item=fact_check, assignee=reviewing_publisher, user=publisher)
    assert reviewing_publisher not in eligible_assignees(
        fact_check, AssignmentTask.WORK
    )
    # a superuser is bound by four eyes too
    boss = UserFactory(username="boss", is_superuser=True)
    with acting_as(boss):
        claim = fact_check.claims.get()
        CitationFactory(claim=claim)
    with pytest.raises(ValidationError, match="four eyes"):
        assign(item=fact_check, assignee=boss, user=publisher)
    assert boss not in eligible_assignees(fact_check, AssignmentTask.WORK)


def test_a_review_item_cannot_go_to_the_reviewer_who_tagged_it(editor, reviewer):
    """Whoever tagged an attribution may not confirm it, so may not be assigned its
    review either; another reviewer may."""
    tagging_reviewer = UserFactory(username="tagrev", groups=["Editor", "Reviewer"])
    with acting_as(tagging_reviewer):
        quote = QuoteFactory(created_by=tagging_reviewer)
        claim = ClaimFactory()
    for item in (quote, claim):
        with pytest.raises(ValidationError, match="four eyes") as refused:
            assign(
                item=item,
                assignee=tagging_reviewer,
                user=reviewer,
                task=AssignmentTask.REVIEW,
            )
        assert "tagrev" in str(refused.value)
        assert list(eligible_assignees(item, AssignmentTask.REVIEW)) == [reviewer]
        assign(item=item, assignee=reviewer, user=editor, task=AssignmentTask.REVIEW)
    assert Assignment.objects.filter(assignee=tagging_reviewer).count() == 0


# Done work leaves the desk ------------------------------------------------------------


def test_each_workflow_step_closes_the_fact_checks_assignment_with_its_history(
    editor, publisher, django_capture_on_commit_callbacks
):
    """An assignment asks for the current step (submit, approve, publish): once the
    step is taken, by anyone, it no longer waits on the assignee's desk, and the
    history says why it ended."""
    colleague = UserFactory(username="colleague", groups=["Editor"])
    other_publisher = UserFactory(username="pub2", groups=["Publisher"])
    fact_check = ready_fact_check(claims=1)
    first = assign(item=fact_check, assignee=colleague, user=editor)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit_for_review(fact_check=fact_check, user=editor)
    assert not Assignment.objects.exists()
    assert notes_for(colleague, DeskEvent.SUBMITTED)  # still told it went in
    assign(item=fact_check, assignee=other_publisher, user=editor)
    workflow.request_changes(fact_check=fact_check, user=publisher, note="Add dates")
    assert list(selectors.assignments_for(other_publisher)) == []
    workflow.submit_for_review(fact_check=fact_check, user=editor)
    assign(item=fact_check, assignee=other_publisher, user=editor)
    workflow.approve(fact_check=fact_check, user=other_publisher)
    assign(item=fact_check, assignee=publisher, user=editor, note="After 6 pm")
    workflow.publish(fact_check=fact_check, user=publisher)
    assert not Assignment.objects.exists()
    reasons = list(
        Assignment.history.filter(history_type="-")
        .order_by("history_date", "history_id")
        .values_list("history_change_reason", "history_user_id")
    )
    assert reasons == [
        ("Done: submitted for review", editor.pk),
        ("Done: sent back to draft", publisher.pk),
        ("Done: approved", other_publisher.pk),
        ("Done: published", publisher.pk),
    ]
    assert Assignment.history.filter(id=first.pk).count() == 2


def test_reviewing_an_attribution_closes_its_review_assignment(editor, reviewer):
    from articles.services.review import confirm_attribution, dispute_attribution

    quote = QuoteFactory()
    claim = ClaimFactory()
    assign(item=quote, assignee=reviewer, user=editor, task=AssignmentTask.REVIEW)
    assign(item=claim, assignee=reviewer, user=editor, task=AssignmentTask.REVIEW)
    work = assign(item=claim, assignee=editor, user=editor)
    confirm_attribution(item=quote, user=reviewer)
    dispute_attribution(item=claim, user=reviewer, note="Wrong minister")
    assert list(Assignment.objects.all()) == [work]  # the claim's work goes on


def test_whoever_loses_an_assignment_is_told(
    editor, django_capture_on_commit_callbacks
):
    """Reassigning or unassigning tells the person who had the item, in the app and
    by mail, so no one keeps working on what is no longer theirs."""
    first = UserFactory(username="first-ed", groups=["Editor"])
    second = UserFactory(username="second-ed", groups=["Editor"])
    claim = ClaimFactory()
    with django_capture_on_commit_callbacks(execute=True):
        assign(item=claim, assignee=first, user=editor)
        assign(item=claim, assignee=second, user=editor)
    [lost] = [n for n in notes_for(first) if "no longer" in n.text]
    assert "ed gave claim" in lost.text and "to second-ed" in lost.text
    assert any("no longer" in m.body for m in mails_to(first))
    with django_capture_on_commit_callbacks(execute=True):
        unassign(item=claim, user=editor)
    assert any(
        "unassigned you" in n.text and n.event == DeskEvent.ASSIGNED
        for n in notes_for(second)
    )
    assert any("unassigned you" in m.body for m in mails_to(second))
    # taking oneself off tells no one
    with django_capture_on_commit_callbacks(execute=True):
        assign(item=claim, assignee=first, user=first)
        unassign(item=claim, user=first)
    assert not [n for n in notes_for(first) if "unassigned you" in n.text]
