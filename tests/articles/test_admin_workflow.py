"""The fact-check admin: workflow buttons, actions, gate messages, preview."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from articles.models import Correction, FactCheckState, PublishedVersion
from articles.services import workflow
from tests.articles.admin_helpers import change_form_data, change_url
from tests.articles.workflow_helpers import ready_fact_check
from tests.factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


def button_url(fact_check, action):
    return reverse("admin:articles_factcheck_workflow", args=[fact_check.pk, action])


def in_state(state, *, editor, publisher):
    fact_check = ready_fact_check()
    if state == FactCheckState.DRAFT:
        return fact_check
    workflow.submit_for_review(fact_check=fact_check, user=editor)
    if state == FactCheckState.IN_REVIEW:
        return fact_check
    workflow.approve(fact_check=fact_check, user=publisher)
    if state == FactCheckState.APPROVED:
        return fact_check
    workflow.publish(fact_check=fact_check, user=publisher)
    if state == FactCheckState.PUBLISHED:
        return fact_check
    workflow.unpublish(fact_check=fact_check, user=publisher)
    return fact_check


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


# (button, state it starts from, owning role, wrong role, state after)
BUTTONS = [
    ("submit", "draft", "editor", "publisher", "in_review"),
    ("request_changes", "in_review", "publisher", "editor", "draft"),
    ("approve", "in_review", "publisher", "editor", "approved"),
    ("publish", "approved", "publisher", "editor", "published"),
    ("republish", "published", "publisher", "editor", "published"),
    ("unpublish", "published", "publisher", "editor", "unpublished"),
    ("publish", "unpublished", "publisher", "reviewer", "published"),
]


@pytest.mark.parametrize(("action", "start", "owner", "wrong", "after"), BUTTONS)
def test_each_button_anonymous_wrong_role_and_owner(
    client, request, editor, publisher, action, start, owner, wrong, after
):
    fact_check = in_state(start, editor=editor, publisher=publisher)
    url = button_url(fact_check, action)

    anonymous = client.post(url)
    assert anonymous.status_code == 302
    assert reverse("admin:login") in anonymous["Location"]

    client.force_login(request.getfixturevalue(wrong))
    assert client.post(url).status_code == 403
    fact_check.refresh_from_db()
    assert fact_check.state == start

    client.force_login(request.getfixturevalue(owner))
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == change_url(fact_check)
    fact_check.refresh_from_db()
    assert fact_check.state == after
    assert fact_check.history.first().history_user == request.getfixturevalue(owner)


def test_buttons_only_accept_post(client, editor):
    client.force_login(editor)
    assert client.get(button_url(ready_fact_check(), "submit")).status_code == 405


def test_unknown_buttons_and_fact_checks_are_404(client, editor):
    client.force_login(editor)
    fact_check = ready_fact_check()
    assert client.post(button_url(fact_check, "explode")).status_code == 404
    missing = reverse("admin:articles_factcheck_workflow", args=[999999, "submit"])
    assert client.post(missing).status_code == 404


@pytest.mark.parametrize(
    ("role", "state", "shown", "hidden"),
    [
        ("editor", "draft", ["Submit for review"], ["Approve", "Publish now"]),
        ("publisher", "draft", [], ["Submit for review", "Approve"]),
        ("publisher", "in_review", ["Approve", "Send back to draft"], ["Submit"]),
        ("editor", "in_review", [], ["Approve", "Send back to draft"]),
        ("publisher", "approved", ["Publish now", "Go live at"], ["Unpublish"]),
        ("publisher", "published", ["Republish", "Unpublish", "Add correction"], []),
        ("editor", "published", [], ["Republish", "Unpublish", "Add correction"]),
    ],
)
def test_the_change_page_shows_each_role_its_own_buttons(
    client, request, editor, publisher, role, state, shown, hidden
):
    fact_check = in_state(state, editor=editor, publisher=publisher)
    client.force_login(request.getfixturevalue(role))
    page = client.get(change_url(fact_check))
    assert page.status_code == 200
    for label in shown:
        assert label in page.text
    for label in hidden:
        assert label not in page.text
    assert "Preview the public page" in page.text


def test_the_gate_messages_are_shown_one_per_problem(client, editor, publisher):
    fact_check = in_state("in_review", editor=editor, publisher=publisher)
    first, second = fact_check.ordered_claims()
    first.verdict = ""
    first.save()
    second.citations.all().delete()
    client.force_login(publisher)

    page = client.get(change_url(fact_check))
    assert f"Claim 1 “{first.statement}”: no verdict" in page.text

    response = client.post(button_url(fact_check, "approve"))

    assert messages_of(response) == [
        f"Claim 1 “{first.statement}”: no verdict",
        f"Claim 2 “{second.statement}”: no citation",
    ]
    fact_check.refresh_from_db()
    assert fact_check.state == FactCheckState.IN_REVIEW


def test_four_eyes_through_the_admin(client, editor):
    checker = UserFactory(username="checker-pub", groups=["Publisher"])
    fact_check = ready_fact_check(checker=checker)
    workflow.submit_for_review(fact_check=fact_check, user=editor)
    client.force_login(checker)
    response = client.post(button_url(fact_check, "approve"))
    assert len(messages_of(response)) == 2
    assert all("four eyes" in m for m in messages_of(response))


def test_a_publisher_schedules_and_cancels(client, editor, publisher):
    fact_check = in_state("approved", editor=editor, publisher=publisher)
    client.force_login(publisher)
    at = (timezone.now() + dt.timedelta(days=1)).replace(second=0, microsecond=0)

    response = client.post(
        button_url(fact_check, "schedule"), {"at": at.strftime("%Y-%m-%dT%H:%M")}
    )

    assert messages_of(response)[0].startswith("Scheduled to go live at")
    fact_check.refresh_from_db()
    assert (fact_check.scheduled_at, fact_check.scheduled_by) == (at, publisher)
    assert "Goes live at" in client.get(change_url(fact_check)).text

    client.post(button_url(fact_check, "unschedule"))
    fact_check.refresh_from_db()
    assert fact_check.scheduled_at is None


@pytest.mark.parametrize("value", ["", "not a date", "2001-01-01T10:00"])
def test_a_bad_schedule_is_refused_with_a_message(client, editor, publisher, value):
    fact_check = in_state("approved", editor=editor, publisher=publisher)
    client.force_login(publisher)
    response = client.post(button_url(fact_check, "schedule"), {"at": value})
    assert response.status_code == 302
    assert messages_of(response)
    fact_check.refresh_from_db()
    assert fact_check.scheduled_at is None


def test_editors_may_not_schedule_or_correct(client, editor, publisher):
    fact_check = in_state("published", editor=editor, publisher=publisher)
    client.force_login(editor)
    at = (timezone.now() + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    assert client.post(button_url(fact_check, "schedule"), {"at": at}).status_code == (
        403
    )
    assert client.post(
        button_url(fact_check, "correct"), {"text": "x"}
    ).status_code == (403)
    assert not Correction.objects.exists()


def test_a_publisher_adds_a_correction(client, editor, publisher):
    fact_check = in_state("published", editor=editor, publisher=publisher)
    client.force_login(publisher)
    client.post(
        button_url(fact_check, "correct"),
        {"kind": "clarification", "text": "The vote was 12 to 3."},
    )
    correction = Correction.objects.get()
    assert correction.text == "The vote was 12 to 3."
    assert correction.kind == "clarification"
    assert correction.created_by == publisher
    page = client.get(change_url(fact_check))
    assert "The vote was 12 to 3." in page.text  # the read-only inline


def test_a_correction_of_an_unknown_kind_is_refused(client, editor, publisher):
    fact_check = in_state("published", editor=editor, publisher=publisher)
    client.force_login(publisher)
    response = client.post(
        button_url(fact_check, "correct"),
        {"kind": "apology", "text": "The vote was 12 to 3."},
        follow=True,
    )
    assert "Choose the kind of note" in response.text
    assert not Correction.objects.exists()


# List actions ----------------------------------------------------------------------


def test_actions_are_offered_by_role(client, editor, publisher):
    url = reverse("admin:articles_factcheck_changelist")
    ready_fact_check()
    client.force_login(editor)
    actions = client.get(url).context["action_form"].fields["action"].choices
    names = {name for name, _label in actions}
    assert "submit_selected" in names
    assert names.isdisjoint({"approve_selected", "publish_selected"})
    client.force_login(publisher)
    actions = client.get(url).context["action_form"].fields["action"].choices
    names = {name for name, _label in actions}
    assert {"approve_selected", "publish_selected", "unpublish_selected"} <= names
    assert "submit_selected" not in names


def test_publish_action_publishes_what_passes_and_reports_the_rest(
    client, editor, publisher
):
    good = in_state("approved", editor=editor, publisher=publisher)
    bad = in_state("approved", editor=editor, publisher=publisher)
    claim = bad.ordered_claims()[0]
    claim.citations.all().delete()
    client.force_login(publisher)

    response = client.post(
        reverse("admin:articles_factcheck_changelist"),
        {"action": "publish_selected", "_selected_action": [good.pk, bad.pk]},
    )

    assert response.status_code == 302
    good.refresh_from_db()
    bad.refresh_from_db()
    assert good.state == FactCheckState.PUBLISHED
    assert bad.state == FactCheckState.APPROVED
    assert f"{bad}: Claim 1 “{claim.statement}”: no citation" in messages_of(response)


def test_the_editor_cannot_run_publisher_actions(client, editor, publisher):
    fact_check = in_state("approved", editor=editor, publisher=publisher)
    client.force_login(editor)
    client.post(
        reverse("admin:articles_factcheck_changelist"),
        {"action": "publish_selected", "_selected_action": [fact_check.pk]},
    )
    fact_check.refresh_from_db()
    assert fact_check.state == FactCheckState.APPROVED


def test_the_changelist_is_cheap_and_counts_claims(
    client, editor, django_assert_max_num_queries
):
    for _ in range(5):
        ready_fact_check(claims=3)
    client.force_login(editor)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("admin:articles_factcheck_changelist"))
    assert response.status_code == 200
    assert '<td class="field-claim_count">3</td>' in response.text


# Locking on fact-checks --------------------------------------------------------------


def test_two_editors_on_one_fact_check(client, editor):
    from django.test import Client

    fact_check = ready_fact_check()
    other = Client()
    other.force_login(UserFactory(username="ed-two", groups=["Editor"]))
    client.force_login(editor)
    mine, theirs = client.get(change_url(fact_check)), other.get(change_url(fact_check))

    saved = client.post(change_url(fact_check), change_form_data(mine, title="Mine"))
    refused = other.post(
        change_url(fact_check), change_form_data(theirs, title="Theirs")
    )

    assert saved.status_code == 302
    assert "Someone else changed this fact-check since you opened it" in refused.text
    fact_check.refresh_from_db()
    assert (fact_check.title, fact_check.version) == ("Mine", 2)


def test_a_workflow_step_makes_an_open_form_stale(client, editor, publisher):
    fact_check = ready_fact_check()
    client.force_login(editor)
    page = client.get(change_url(fact_check))
    workflow.submit_for_review(fact_check=fact_check, user=editor)
    refused = client.post(change_url(fact_check), change_form_data(page, title="New"))
    assert "Someone else changed this fact-check" in refused.text


# Preview ----------------------------------------------------------------------------


def test_preview_access(client, editor, reviewer):
    fact_check = ready_fact_check()
    url = reverse("articles:factcheck_preview", args=[fact_check.pk])

    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert reverse("admin:login") in anonymous["Location"]

    client.force_login(UserFactory(username="staff-no-perms"))
    assert client.get(url).status_code == 403

    client.force_login(UserFactory(username="reader", is_staff=False))
    assert client.get(url).status_code == 302

    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]


def test_preview_shows_the_draft_and_stores_nothing(
    client, editor, django_assert_max_num_queries
):
    fact_check = ready_fact_check(claims=2)
    first = fact_check.ordered_claims()[0]
    client.force_login(editor)

    url = reverse("articles:factcheck_preview", args=[fact_check.pk])
    client.get(url)  # counted warm: per-process caches (content types) filled
    # The snapshot is written in a savepoint and rolled back: ~5 statements a claim
    # (savepoints included), and on PostgreSQL the stored search vectors are written
    # too (two more).
    with django_assert_max_num_queries(34):
        response = client.get(url)

    assert "this is what publishing now would show" in response.text
    assert fact_check.title in response.text
    assert first.statement in response.text
    assert not PublishedVersion.objects.exists()


def test_preview_of_a_missing_fact_check_is_404(client, editor):
    client.force_login(editor)
    assert (
        client.get(reverse("articles:factcheck_preview", args=[424242])).status_code
        == 404
    )


# Published versions and corrections ----------------------------------------------


def test_published_versions_are_read_only(client, superuser, editor, publisher):
    fact_check = in_state("published", editor=editor, publisher=publisher)
    version = fact_check.versions.get()
    client.force_login(superuser)
    assert client.get(reverse("admin:articles_publishedversion_add")).status_code == 403
    page = client.get(
        reverse("admin:articles_publishedversion_change", args=[version.pk])
    )
    assert page.status_code == 200
    assert 'name="_save"' not in page.text
    delete = reverse("admin:articles_publishedversion_delete", args=[version.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert PublishedVersion.objects.count() == 1


def test_a_publisher_adds_a_correction_from_the_corrections_admin(
    client, editor, publisher, django_capture_on_commit_callbacks
):
    live = in_state("published", editor=editor, publisher=publisher)
    draft = ready_fact_check()
    url = reverse("admin:articles_correction_add")
    client.force_login(editor)
    assert client.get(url).status_code == 403

    client.force_login(publisher)
    refused = client.post(url, {"fact_check": draft.pk, "text": "Too early."})
    assert refused.status_code == 200
    assert "Select a valid choice" in refused.text
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            url, {"fact_check": live.pk, "kind": "update", "text": "Date fixed."}
        )

    assert response.status_code == 302
    correction = Correction.objects.get()
    assert (correction.fact_check, correction.created_by) == (live, publisher)
    assert correction.kind == "update"
    assert correction.published_at is not None
    assert len(callbacks) == 1  # the public cache is cleared after commit


def test_the_changelist_filters_by_ever_published(client, editor, publisher):
    live = in_state("published", editor=editor, publisher=publisher)
    draft = ready_fact_check()
    client.force_login(publisher)
    url = reverse("admin:articles_factcheck_changelist")
    never = client.get(url, {"ever_published": "no"}).context["cl"].result_list
    ever = client.get(url, {"ever_published": "yes"}).context["cl"].result_list
    assert list(never) == [draft] and list(ever) == [live]


def test_claims_from_another_article_are_refused(client, editor):
    fact_check = ready_fact_check(claims=1)
    stranger = ClaimFactory(statement="A claim from another story.")
    client.force_login(editor)
    page = client.get(change_url(fact_check))
    data = change_form_data(page)
    prefix = page.context["inline_admin_formsets"][0].formset.prefix
    data.update(
        {
            f"{prefix}-1-claim": str(stranger.pk),
            f"{prefix}-1-position": "2",
        }
    )

    response = client.post(change_url(fact_check), data)

    assert response.status_code == 200
    assert "This claim belongs to another article" in response.text
    assert fact_check.claims.count() == 1
