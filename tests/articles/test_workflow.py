"""The fact-check workflow services: states, roles, the publish gate, versions."""

import datetime as dt
import json

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from articles.models import (
    AttributionReview,
    Correction,
    FactCheckState,
    PublishedVersion,
)
from articles.services import workflow
from articles.services.errors import WorkflowError
from tests.articles.workflow_helpers import (
    add_ready_claim,
    ready_fact_check,
)
from tests.factories import FactCheckFactory, UserFactory
from tests.history import acting_as

pytestmark = pytest.mark.django_db


def approved(fact_check, *, editor, publisher):
    workflow.submit_for_review(fact_check=fact_check, user=editor)
    workflow.approve(fact_check=fact_check, user=publisher)
    return fact_check


def published(fact_check, *, editor, publisher):
    approved(fact_check, editor=editor, publisher=publisher)
    workflow.publish(fact_check=fact_check, user=publisher)
    return fact_check


def claim_at(fact_check, position):
    return fact_check.ordered_claims()[position - 1]


# The publish gate ---------------------------------------------------------------


def test_gate_passes_a_complete_fact_check(publisher):
    assert workflow.publish_problems(ready_fact_check(), approver=publisher) == []


def test_gate_refuses_a_fact_check_without_claims(publisher):
    problems = workflow.publish_problems(FactCheckFactory(), approver=publisher)
    assert problems == ["The fact-check has no claims: add at least one."]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"verdict": ""}, "no verdict"),
        ({"verdict_summary": "  "}, "no verdict summary"),
        (
            {"review_state": AttributionReview.UNREVIEWED},
            "attribution unreviewed (a reviewer must confirm or correct it)",
        ),
        (
            {"review_state": AttributionReview.DISPUTED},
            "attribution disputed (a reviewer must confirm or correct it)",
        ),
    ],
)
def test_gate_names_the_claim_and_its_problem(publisher, change, expected):
    fact_check = ready_fact_check(claims=3)
    claim = claim_at(fact_check, 2)
    claim.statement = "Three new libraries will open by 2027."
    for field, value in change.items():
        setattr(claim, field, value)
    claim.save()

    problems = workflow.publish_problems(fact_check, approver=publisher)

    assert problems == [f"Claim 2 “Three new libraries will open by 2027.”: {expected}"]


def test_gate_refuses_a_claim_without_citation(publisher):
    fact_check = ready_fact_check(claims=2)
    claim = claim_at(fact_check, 1)
    claim.citations.all().delete()

    problems = workflow.publish_problems(fact_check, approver=publisher)

    assert problems == [f"Claim 1 “{claim.statement}”: no citation"]


def test_gate_accepts_a_corrected_attribution(publisher):
    fact_check = ready_fact_check(claims=1)
    claim = claim_at(fact_check, 1)
    claim.review_state = AttributionReview.CORRECTED
    claim.save()
    assert workflow.publish_problems(fact_check, approver=publisher) == []


def test_gate_lists_every_problem_of_every_claim(publisher):
    fact_check = ready_fact_check(claims=2)
    for claim in fact_check.ordered_claims():
        claim.verdict = ""
        claim.save()
        claim.citations.all().delete()

    problems = workflow.publish_problems(fact_check, approver=publisher)

    assert [p.split(":", 1)[1].strip() for p in problems] == [
        "no verdict",
        "no citation",
        "no verdict",
        "no citation",
    ]
    assert problems[0].startswith("Claim 1 ") and problems[3].startswith("Claim 2 ")


def test_long_claims_are_shortened_in_messages(publisher):
    fact_check = ready_fact_check(claims=1)
    claim = claim_at(fact_check, 1)
    claim.statement = "A very long claim " * 20
    claim.verdict = ""
    claim.save()
    [problem] = workflow.publish_problems(fact_check, approver=publisher)
    assert "…”: no verdict" in problem and len(problem) < 100


def test_four_eyes_the_checker_may_not_approve(editor):
    checker = UserFactory(username="checker-pub", groups=["Editor", "Publisher"])
    fact_check = ready_fact_check(claims=2, checker=checker)
    workflow.submit_for_review(fact_check=fact_check, user=editor)

    with pytest.raises(WorkflowError) as refused:
        workflow.approve(fact_check=fact_check, user=checker)

    assert len(refused.value.messages) == 2
    assert refused.value.messages[0].endswith(
        ": checker-pub wrote its verdict, its verdict summary, its analysis and a "
        "citation, so may not also approve or publish it; another publisher must "
        "(four eyes)"
    )
    fact_check.refresh_from_db()
    assert fact_check.state == FactCheckState.IN_REVIEW
    assert fact_check.approved_by is None


def test_four_eyes_the_checker_may_not_publish(editor, publisher):
    other = UserFactory(username="checker-pub", groups=["Editor", "Publisher"])
    fact_check = ready_fact_check(claims=1)
    approved(fact_check, editor=editor, publisher=publisher)
    claim = claim_at(fact_check, 1)
    with acting_as(other):  # as the admin records an edit by ``other``
        claim.verdict_summary = "The minutes show a slightly different figure."
        claim.save()

    with pytest.raises(WorkflowError, match="four eyes") as refused:
        workflow.publish(fact_check=fact_check, user=other)
    assert "checker-pub wrote its verdict summary, so" in refused.value.messages[0]
    assert not PublishedVersion.objects.exists()


def test_approval_is_refused_while_the_gate_fails(editor, publisher):
    fact_check = ready_fact_check(claims=2)
    claim_at(fact_check, 2).citations.all().delete()
    workflow.submit_for_review(fact_check=fact_check, user=editor)

    with pytest.raises(WorkflowError) as refused:
        workflow.approve(fact_check=fact_check, user=publisher)

    assert refused.value.messages == [
        f"Claim 2 “{claim_at(fact_check, 2).statement}”: no citation"
    ]


def test_publish_is_all_or_nothing(editor, publisher):
    fact_check = ready_fact_check(claims=3)
    approved(fact_check, editor=editor, publisher=publisher)
    version_before = fact_check.version
    claim = claim_at(fact_check, 3)
    claim.verdict_summary = ""
    claim.save()

    with pytest.raises(WorkflowError) as refused:
        workflow.publish(fact_check=fact_check, user=publisher)

    assert refused.value.messages == [
        f"Claim 3 “{claim.statement}”: no verdict summary"
    ]
    fact_check.refresh_from_db()
    assert fact_check.state == FactCheckState.APPROVED
    assert fact_check.version == version_before
    assert fact_check.first_published_at is None
    assert not PublishedVersion.objects.exists()


# Roles -------------------------------------------------------------------------

PUBLISHER_ONLY = [
    lambda fc, user: workflow.approve(fact_check=fc, user=user),
    lambda fc, user: workflow.request_changes(fact_check=fc, user=user),
    lambda fc, user: workflow.publish(fact_check=fc, user=user),
    lambda fc, user: workflow.unpublish(fact_check=fc, user=user),
    lambda fc, user: workflow.schedule(
        fact_check=fc, user=user, at=timezone.now() + dt.timedelta(hours=1)
    ),
    lambda fc, user: workflow.add_correction(fact_check=fc, user=user, text="Fixed."),
]


@pytest.mark.parametrize("action", PUBLISHER_ONLY)
@pytest.mark.parametrize("role", ["editor", "reviewer"])
def test_publisher_actions_are_denied_to_other_roles(request, role, action):
    user = request.getfixturevalue(role)
    fact_check = ready_fact_check()
    with pytest.raises(PermissionDenied):
        action(fact_check, user)
    fact_check.refresh_from_db()
    assert fact_check.state == FactCheckState.DRAFT
    assert fact_check.version == 1


@pytest.mark.parametrize("role", ["publisher", "reviewer"])
def test_only_editors_submit(request, role):
    fact_check = ready_fact_check()
    with pytest.raises(PermissionDenied):
        workflow.submit_for_review(
            fact_check=fact_check, user=request.getfixturevalue(role)
        )


def test_inactive_users_are_denied(editor):
    editor.is_active = False
    editor.save()
    with pytest.raises(PermissionDenied):
        workflow.submit_for_review(fact_check=ready_fact_check(), user=editor)


def test_a_superuser_can_do_everything(superuser):
    fact_check = ready_fact_check()
    workflow.submit_for_review(fact_check=fact_check, user=superuser)
    workflow.approve(fact_check=fact_check, user=superuser)
    workflow.publish(fact_check=fact_check, user=superuser)
    workflow.add_correction(fact_check=fact_check, user=superuser, text="A fix.")
    workflow.unpublish(fact_check=fact_check, user=superuser)
    assert fact_check.state == FactCheckState.UNPUBLISHED


# The state machine ---------------------------------------------------------------


def test_states_must_be_taken_in_order(editor, publisher):
    fact_check = ready_fact_check()
    with pytest.raises(WorkflowError, match="draft cannot be approved"):
        workflow.approve(fact_check=fact_check, user=publisher)
    with pytest.raises(WorkflowError, match="draft cannot be published"):
        workflow.publish(fact_check=fact_check, user=publisher)
    with pytest.raises(WorkflowError, match="draft cannot be unpublished"):
        workflow.unpublish(fact_check=fact_check, user=publisher)
    workflow.submit_for_review(fact_check=fact_check, user=editor)
    with pytest.raises(WorkflowError, match="in review cannot be submitted"):
        workflow.submit_for_review(fact_check=fact_check, user=editor)
    with pytest.raises(WorkflowError, match="in review cannot be published"):
        workflow.publish(fact_check=fact_check, user=publisher)


def test_request_changes_sends_it_back_to_draft(editor, publisher):
    fact_check = ready_fact_check()
    workflow.submit_for_review(fact_check=fact_check, user=editor)
    workflow.request_changes(fact_check=fact_check, user=publisher, note="Sources?")
    assert fact_check.state == FactCheckState.DRAFT
    assert fact_check.history.first().history_change_reason == (
        "Changes requested: Sources?"
    )
    workflow.submit_for_review(fact_check=fact_check, user=editor)
    assert fact_check.state == FactCheckState.IN_REVIEW


def test_happy_path_with_numbered_versions(editor, publisher):
    fact_check = ready_fact_check(claims=2)
    first = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)

    workflow.submit_for_review(fact_check=fact_check, user=editor)
    assert fact_check.state == FactCheckState.IN_REVIEW
    assert fact_check.submitted_by == editor
    workflow.approve(fact_check=fact_check, user=publisher)
    assert fact_check.state == FactCheckState.APPROVED
    assert fact_check.approved_by == publisher

    v1 = workflow.publish(fact_check=fact_check, user=publisher, now=first)
    assert (v1.number, v1.is_current) == (1, True)
    assert v1.published_by == publisher
    assert fact_check.state == FactCheckState.PUBLISHED
    assert fact_check.first_published_at == first

    workflow.unpublish(fact_check=fact_check, user=publisher)
    assert fact_check.state == FactCheckState.UNPUBLISHED
    assert not fact_check.versions.filter(is_current=True).exists()
    assert fact_check.versions.count() == 1

    later = first + dt.timedelta(days=3)
    v2 = workflow.publish(fact_check=fact_check, user=publisher, now=later)
    v3 = workflow.publish(fact_check=fact_check, user=publisher, now=later)

    assert list(fact_check.versions.values_list("number", "is_current")) == [
        (3, True),
        (2, False),
        (1, False),
    ]
    assert v2.published_at == later and v3.number == 3
    assert fact_check.first_published_at == first
    assert fact_check.state == FactCheckState.PUBLISHED


def test_every_change_is_audited_with_its_user_and_bumps_the_version(editor, publisher):
    fact_check = ready_fact_check()
    published(fact_check, editor=editor, publisher=publisher)

    records = list(fact_check.history.order_by("history_date", "history_id"))
    assert [(r.state, r.history_user, r.history_change_reason) for r in records] == [
        (FactCheckState.DRAFT, None, None),
        (FactCheckState.IN_REVIEW, editor, "Submitted for review"),
        (FactCheckState.APPROVED, publisher, "Approved"),
        (FactCheckState.PUBLISHED, publisher, "Published as version 1"),
    ]
    assert fact_check.version == 4


def test_edits_after_publication_wait_for_republishing(editor, publisher):
    fact_check = ready_fact_check(claims=1)
    published(fact_check, editor=editor, publisher=publisher)
    claim = claim_at(fact_check, 1)
    old_statement = claim.statement
    claim.statement = "The council approved a budget of 5 million euros."
    claim.save()

    live = PublishedVersion.objects.get(fact_check=fact_check, is_current=True)
    assert old_statement in json.dumps(live.snapshot, ensure_ascii=False)
    assert "5 million euros" not in json.dumps(live.snapshot, ensure_ascii=False)
    assert fact_check.state == FactCheckState.PUBLISHED

    workflow.publish(fact_check=fact_check, user=publisher)

    live = PublishedVersion.objects.get(fact_check=fact_check, is_current=True)
    assert live.number == 2
    assert "5 million euros" in json.dumps(live.snapshot, ensure_ascii=False)
    first = PublishedVersion.objects.get(fact_check=fact_check, number=1)
    assert old_statement in json.dumps(first.snapshot, ensure_ascii=False)


# Corrections ----------------------------------------------------------------------


def test_corrections_only_on_published_fact_checks(editor, publisher):
    fact_check = ready_fact_check()
    with pytest.raises(WorkflowError, match="has been published"):
        workflow.add_correction(fact_check=fact_check, user=publisher, text="Oops.")
    assert not Correction.objects.exists()


def test_a_correction_is_dated_and_attributed(editor, publisher):
    fact_check = ready_fact_check()
    published(fact_check, editor=editor, publisher=publisher)
    when = dt.datetime(2026, 11, 20, 15, 30, tzinfo=dt.UTC)
    with time_machine.travel(when, tick=False):
        correction = workflow.add_correction(
            fact_check=fact_check,
            user=publisher,
            text="  The budget was 4.2 million euros, not 4.5.  ",
        )
    assert correction.published_at == when
    assert correction.text == "The budget was 4.2 million euros, not 4.5."
    assert correction.history.first().history_user == publisher
    assert correction.kind == "correction"
    with pytest.raises(WorkflowError, match="Write the correction"):
        workflow.add_correction(fact_check=fact_check, user=publisher, text=" ")
    with pytest.raises(WorkflowError, match="kind of note"):
        workflow.add_correction(
            fact_check=fact_check, user=publisher, text="Fine.", kind="apology"
        )
    assert fact_check.corrections.count() == 1


def test_corrections_stay_possible_after_unpublishing(editor, publisher):
    fact_check = ready_fact_check()
    published(fact_check, editor=editor, publisher=publisher)
    workflow.unpublish(fact_check=fact_check, user=publisher)
    workflow.add_correction(fact_check=fact_check, user=publisher, text="Withdrawn.")
    assert fact_check.corrections.count() == 1


# Scheduling ------------------------------------------------------------------------


def test_scheduling_needs_an_approved_fact_check_and_a_future_time(editor, publisher):
    fact_check = ready_fact_check()
    future = timezone.now() + dt.timedelta(hours=2)
    with pytest.raises(WorkflowError, match="draft cannot be scheduled"):
        workflow.schedule(fact_check=fact_check, user=publisher, at=future)
    approved(fact_check, editor=editor, publisher=publisher)
    with pytest.raises(WorkflowError, match="must be in the future"):
        workflow.schedule(
            fact_check=fact_check,
            user=publisher,
            at=timezone.now() - dt.timedelta(minutes=1),
        )

    workflow.schedule(fact_check=fact_check, user=publisher, at=future)

    assert fact_check.scheduled_at == future
    assert fact_check.scheduled_by == publisher
    workflow.schedule(fact_check=fact_check, user=publisher, at=None)
    assert fact_check.scheduled_at is None and fact_check.scheduled_by is None


def test_scheduling_checks_the_gate_now(editor, publisher):
    fact_check = ready_fact_check()
    approved(fact_check, editor=editor, publisher=publisher)
    claim_at(fact_check, 1).citations.all().delete()
    with pytest.raises(WorkflowError, match="no citation"):
        workflow.schedule(
            fact_check=fact_check,
            user=publisher,
            at=timezone.now() + dt.timedelta(hours=1),
        )


# The public cache ---------------------------------------------------------------


@pytest.mark.parametrize("action", ["publish", "unpublish", "correct"])
def test_the_public_cache_is_cleared_after_commit(
    client, editor, publisher, action, django_capture_on_commit_callbacks
):
    fact_check = ready_fact_check()
    approved(fact_check, editor=editor, publisher=publisher)
    if action != "publish":
        workflow.publish(fact_check=fact_check, user=publisher)
    # A correction shows on the fact-check page only; the others change the home page.
    url = fact_check.get_absolute_url() if action == "correct" else "/"
    client.get(url)
    assert client.get(url)["X-Public-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        if action == "publish":
            workflow.publish(fact_check=fact_check, user=publisher)
        elif action == "unpublish":
            workflow.unpublish(fact_check=fact_check, user=publisher)
        else:
            workflow.add_correction(fact_check=fact_check, user=publisher, text="Fix")
    # Nothing is purged before the transaction commits…
    assert client.get(url)["X-Public-Cache"] == "hit"
    assert callbacks  # (a publication also tells the desk, after commit)

    # …and the purge runs when it does.
    for callback in callbacks:
        callback()
    assert client.get(url).get("X-Public-Cache") != "hit"


def test_a_refused_publication_leaves_the_cache_alone(
    client, editor, publisher, django_capture_on_commit_callbacks
):
    fact_check = ready_fact_check()
    approved(fact_check, editor=editor, publisher=publisher)
    claim_at(fact_check, 1).citations.all().delete()
    client.get("/")
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(WorkflowError),
    ):
        workflow.publish(fact_check=fact_check, user=publisher)
    assert callbacks == []
    assert client.get("/")["X-Public-Cache"] == "hit"


def test_add_ready_claim_helper_makes_publishable_claims(publisher, editor, reviewer):
    fact_check = FactCheckFactory()
    add_ready_claim(fact_check, checker=editor, reviewer=reviewer, position=1)
    assert workflow.publish_problems(fact_check, approver=publisher) == []


def test_readers_see_an_edit_only_after_republishing(
    client, editor, publisher, django_capture_on_commit_callbacks
):
    fact_check = ready_fact_check(claims=1)
    with django_capture_on_commit_callbacks(execute=True):
        published(fact_check, editor=editor, publisher=publisher)
    page_url = fact_check.get_absolute_url()
    claim = claim_at(fact_check, 1)
    old_statement = claim.statement
    assert old_statement in client.get(page_url).text

    claim.statement = "The council approved a budget of 5 million euros."
    claim.save()
    page = client.get(page_url).text
    assert old_statement in page and "5 million euros" not in page

    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(fact_check=fact_check, user=publisher)

    page = client.get(page_url).text  # the cached page was purged on commit
    assert "5 million euros" in page and old_statement not in page
    assert "Updated" in page


def test_readers_get_a_404_once_unpublished(
    client, editor, publisher, django_capture_on_commit_callbacks
):
    fact_check = ready_fact_check(claims=1)
    with django_capture_on_commit_callbacks(execute=True):
        published(fact_check, editor=editor, publisher=publisher)
    assert client.get(fact_check.get_absolute_url()).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        workflow.unpublish(fact_check=fact_check, user=publisher)
    assert client.get(fact_check.get_absolute_url()).status_code == 404
