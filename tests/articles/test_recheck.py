"""Re-checking time-sensitive claims: confirm (new date, history kept) or open an
update that goes through the publish gate and reaches readers as a dated "Update"."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from articles.desk.assignments import assign
from articles.desk.targets import eligible_assignees
from articles.models import (
    Assignment,
    AssignmentTask,
    ClaimRecheck,
    ClaimState,
    CorrectionKind,
    RecheckOutcome,
)
from articles.services import recheck, workflow
from articles.services.errors import WorkflowError
from tests.factories import ClaimFactory, UserFactory
from tests.history import acting_as
from tests.publishing import desk_publisher, make_fact_check, publish

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
PAST = TODAY - dt.timedelta(days=3)
LATER = TODAY + dt.timedelta(days=90)


def published_with_a_due_claim(editor):
    """A published fact-check whose first claim an editor made due for re-check."""
    fact_check = make_fact_check()
    publish(fact_check)
    claim = fact_check.ordered_claims().first()
    with acting_as(editor):
        claim.recheck_on = PAST
        claim.save()
    return fact_check, claim


@pytest.fixture
def due_claim():
    return ClaimFactory(recheck_on=PAST, state=ClaimState.CHECKED)


def test_confirming_sets_the_next_date_and_keeps_the_history(editor, due_claim):
    recheck.confirm_still_holds(
        claim=due_claim, user=editor, next_recheck_on=LATER, note="Still no launch."
    )
    due_claim.refresh_from_db()
    assert due_claim.recheck_on == LATER
    row = ClaimRecheck.objects.get(claim=due_claim)
    assert (row.outcome, row.was_due_on, row.next_recheck_on, row.checked_by) == (
        RecheckOutcome.CONFIRMED,
        PAST,
        LATER,
        editor,
    )
    latest = due_claim.history.first()
    assert latest.history_user == editor
    assert "still holds" in latest.history_change_reason
    assert due_claim.history.filter(recheck_on=PAST).exists()


@pytest.mark.parametrize("when", [TODAY, PAST, None])
def test_a_next_date_not_after_today_is_refused_and_changes_nothing(
    editor, due_claim, when
):
    with pytest.raises(WorkflowError, match="after today"):
        recheck.confirm_still_holds(claim=due_claim, user=editor, next_recheck_on=when)
    due_claim.refresh_from_db()
    assert due_claim.recheck_on == PAST and not ClaimRecheck.objects.exists()


def test_only_those_who_may_change_claims_recheck(reviewer, publisher, due_claim):
    for user in (reviewer, publisher):
        with pytest.raises(PermissionDenied):
            recheck.confirm_still_holds(
                claim=due_claim, user=user, next_recheck_on=LATER
            )
        with pytest.raises(PermissionDenied):
            recheck.open_update(claim=due_claim, user=user, note="Moved on.")


def test_a_claim_without_a_recheck_date_is_not_rechecked(editor):
    claim = ClaimFactory()
    with pytest.raises(WorkflowError, match="not time-sensitive"):
        recheck.open_update(claim=claim, user=editor, note="x")


def test_an_update_needs_its_public_note(editor, due_claim):
    with pytest.raises(WorkflowError, match="note"):
        recheck.open_update(claim=due_claim, user=editor, note="  ")
    assert not ClaimRecheck.objects.exists()


def test_an_update_goes_through_the_gate_and_is_published_as_a_dated_note(
    client, editor, django_capture_on_commit_callbacks
):
    fact_check, claim = published_with_a_due_claim(editor)
    recheck.open_update(
        claim=claim, user=editor, note="The launch slipped to 2027; verdict revised."
    )
    claim.refresh_from_db()
    assert claim.state == ClaimState.OPEN and claim.recheck_on is None

    # the gate refuses to republish until the claim is revised and checked again
    with pytest.raises(WorkflowError, match="update was opened on re-check"):
        workflow.publish(fact_check=fact_check, user=desk_publisher())
    page = client.get(fact_check.get_absolute_url()).content.decode()
    assert "The launch slipped" not in page  # readers still see the last version

    with acting_as(editor):
        claim.state = ClaimState.CHECKED
        claim.save()
    with django_capture_on_commit_callbacks(execute=True):  # purges the cached page
        version = workflow.publish(fact_check=fact_check, user=desk_publisher())
    note = fact_check.corrections.get()
    assert (note.kind, note.text, note.published_at) == (
        CorrectionKind.UPDATE,
        "The launch slipped to 2027; verdict revised.",
        version.published_at,
    )
    assert note.recheck.claim == claim
    page = client.get(fact_check.get_absolute_url()).content.decode()
    assert "Update" in page and "The launch slipped to 2027" in page

    # a later republication does not repeat the note
    workflow.publish(fact_check=fact_check, user=desk_publisher())
    assert fact_check.corrections.count() == 1


def test_an_update_before_first_publication_adds_no_note(editor):
    fact_check = make_fact_check()
    claim = fact_check.ordered_claims().first()
    with acting_as(editor):
        claim.recheck_on = PAST
        claim.save()
    recheck.open_update(claim=claim, user=editor, note="New figures.")
    with acting_as(editor):
        claim.state = ClaimState.CHECKED
        claim.save()
    publish(fact_check)
    assert not fact_check.corrections.exists()


# The page ---------------------------------------------------------------------


def url(claim):
    return reverse("articles:desk_recheck", args=[claim.pk])


def test_the_recheck_page_is_for_those_who_may_change_claims(
    client, editor, reviewer, due_claim
):
    response = client.get(url(due_claim))
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(reviewer)
    assert client.get(url(due_claim)).status_code == 403
    assert (
        client.post(
            url(due_claim), {"action": "update", "update-note": "x"}
        ).status_code
        == 403
    )
    client.force_login(editor)
    response = client.get(url(due_claim))
    assert response.status_code == 200
    assert due_claim.statement in response.content.decode()


def test_confirming_on_the_page_returns_to_the_desk(client, editor, due_claim):
    client.force_login(editor)
    response = client.post(
        url(due_claim),
        {"action": "confirm", "confirm-next_recheck_on": LATER.isoformat()},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("articles:desk_home")
    due_claim.refresh_from_db()
    assert due_claim.recheck_on == LATER
    desk = client.get(reverse("articles:desk_home")).content.decode()
    assert url(due_claim) not in desk  # off the re-check queue


@pytest.mark.parametrize(
    "data, error",
    [
        (
            {"action": "confirm", "confirm-next_recheck_on": ""},
            "This field is required",
        ),
        ({"action": "confirm", "confirm-next_recheck_on": "2001-01-01"}, "after today"),
        (
            {"action": "confirm", "confirm-next_recheck_on": "not a date"},
            "Enter a valid date",
        ),
        ({"action": "update", "update-note": ""}, "This field is required"),
        (
            {"action": "update", "update-note": "Slipped\x1b[2J to 2027"},
            "control characters",
        ),
        (
            {
                "action": "confirm",
                "confirm-next_recheck_on": LATER.isoformat(),
                "confirm-note": "ok\x07",
            },
            "control characters",
        ),
        ({"action": "sideways"}, "still holds or needs an update"),
    ],
)
def test_bad_input_is_a_clear_error_and_changes_nothing(
    client, editor, due_claim, data, error
):
    client.force_login(editor)
    response = client.post(url(due_claim), data, follow=True)
    assert response.status_code == 200
    assert error in response.content.decode()
    due_claim.refresh_from_db()
    assert due_claim.recheck_on == PAST and not ClaimRecheck.objects.exists()


def test_an_opened_update_stays_on_the_desk_until_published(client, editor):
    fact_check, claim = published_with_a_due_claim(editor)
    client.force_login(editor)
    client.post(url(claim), {"action": "update", "update-note": "New figures out."})
    desk = client.get(reverse("articles:desk_home")).content.decode()
    assert url(claim) in desk and "update open" in desk


def test_the_claims_changelist_filters_claims_due_for_recheck(client, editor):
    due = ClaimFactory(recheck_on=PAST, statement="Due claim statement")
    ClaimFactory(recheck_on=LATER, statement="Later claim statement")
    ClaimFactory(statement="Timeless claim statement")
    client.force_login(editor)
    body = client.get(
        reverse("admin:articles_claim_changelist") + "?recheck=due"
    ).content.decode()
    assert due.statement in body
    assert "Later claim statement" not in body and "Timeless claim" not in body


def test_a_time_sensitive_claims_change_page_links_to_its_recheck(
    client, editor, due_claim
):
    client.force_login(editor)
    page = client.get(reverse("admin:articles_claim_change", args=[due_claim.pk]))
    assert url(due_claim) in page.content.decode()
    timeless = ClaimFactory()
    page = client.get(reverse("admin:articles_claim_change", args=[timeless.pk]))
    assert url(timeless) not in page.content.decode()


def test_an_update_waiting_to_be_republished_is_on_the_publishers_desk(
    client, editor, publisher
):
    """Editors revise the claim; only a publisher can republish, so the update waits
    on the publishers' desk (ready once the claim is checked again) until it is out."""
    fact_check, claim = published_with_a_due_claim(editor)
    recheck.open_update(claim=claim, user=editor, note="The launch slipped to 2027.")
    client.force_login(publisher)

    def section():
        response = client.get(reverse("articles:desk_home"))
        [result] = [
            r for r in response.context["sections"] if r.section.key == "approved"
        ]
        return result, response.content.decode()

    result, body = section()
    assert [row.pk for row in result.rows] == [fact_check.pk]
    assert dict(result.counts)["to republish"] == 1
    assert "waiting for the claim to be revised" in body
    with acting_as(editor):
        claim.state = ClaimState.CHECKED
        claim.save()
    result, body = section()
    assert "ready to republish" in body
    workflow.publish(fact_check=fact_check, user=publisher)
    result, body = section()
    assert result.total == 0


def test_who_opened_an_update_may_not_publish_its_note_alone(editor):
    """Four eyes: someone who is both editor and publisher re-checks a claim and
    writes the public update note; another publisher must publish it."""
    fact_check, claim = published_with_a_due_claim(editor)
    both = UserFactory(username="ed-and-pub", groups=["Editor", "Publisher"])
    recheck.open_update(claim=claim, user=both, note="The launch slipped to 2027.")
    with acting_as(both):
        claim.state = ClaimState.CHECKED
        claim.save()
    with pytest.raises(WorkflowError, match="opened its re-check update"):
        workflow.publish(fact_check=fact_check, user=both)
    assert not fact_check.corrections.exists()
    workflow.publish(fact_check=fact_check, user=desk_publisher())
    assert fact_check.corrections.get().text == "The launch slipped to 2027."
    # once published, the note no longer bars its author from republishing
    workflow.publish(fact_check=fact_check, user=both)


def test_a_second_submit_of_the_same_page_is_refused_not_recorded_twice(
    client, editor, reviewer, due_claim
):
    """A double click, or two people on the same page: the first decision stands,
    the second is told the claim was re-checked meanwhile."""
    other = UserFactory(username="ed-three", groups=["Editor"])
    page = client_for(client, editor).get(url(due_claim)).content.decode()
    assert f'value="{PAST.isoformat()}"' in page  # the date the page was read at
    seen = {"recheck-was_due_on": PAST.isoformat()}
    confirm = {"action": "confirm", "confirm-next_recheck_on": LATER.isoformat()}
    first = client.post(url(due_claim), {**confirm, **seen})
    assert first.status_code == 302
    again = client.post(url(due_claim), {**confirm, **seen})
    assert again.status_code == 200 and "meanwhile" in again.content.decode()
    late = client_for(client, other).post(
        url(due_claim), {"action": "update", "update-note": "Slipped.", **seen}
    )
    assert late.status_code == 200 and "meanwhile" in late.content.decode()
    due_claim.refresh_from_db()
    assert due_claim.recheck_on == LATER and due_claim.state == ClaimState.CHECKED
    assert ClaimRecheck.objects.filter(claim=due_claim).count() == 1


def test_who_opened_an_update_is_not_offered_its_republication(editor):
    """The publish gate would refuse them, so the desk neither offers them the
    fact-check nor lets anyone give it to them."""
    fact_check, claim = published_with_a_due_claim(editor)
    both = UserFactory(username="opener-pub", groups=["Editor", "Publisher"])
    recheck.open_update(claim=claim, user=both, note="The launch slipped to 2027.")
    chief = desk_publisher()
    assert both not in eligible_assignees(fact_check, AssignmentTask.WORK)
    assert chief in eligible_assignees(fact_check, AssignmentTask.WORK)
    with pytest.raises(ValidationError, match="opened the re-check update"):
        assign(item=fact_check, assignee=both, user=chief)
    assert not Assignment.objects.exists()


def client_for(client, user):
    client.force_login(user)
    return client
