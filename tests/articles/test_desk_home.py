"""My desk (/desk/): each role sees its sections with counts and links, and the page
costs at most 15 queries whatever the data."""

import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.desk.views import PAGE_SIZE
from articles.models import (
    Assignment,
    Claim,
    DeskEvent,
    Job,
    JobKind,
    JobState,
    Mention,
    Notification,
)
from articles.services import workflow
from articles.services.review import dispute_attribution
from common.spans import AnchorState
from policies.links import remember_written
from tests.articles.workflow_helpers import ready_fact_check
from tests.factories import (
    ClaimFactory,
    FactCheckFactory,
    MentionFactory,
    QuoteFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

DESK = "articles:desk_home"
MAX_QUERIES = 15
TODAY = timezone.localdate()


def fill_desk(user, n: int, *, publisher, reviewer, tag: str = "") -> None:
    """``n`` rows of every kind the desk lists, waiting for ``user``."""
    for i in range(n):
        label = f"{tag}{i}"
        assigned = FactCheckFactory(title=f"Assigned check {label}")
        Assignment.objects.create(
            fact_check=assigned,
            assignee=user,
            due_on=TODAY + dt.timedelta(days=i - 1),
            note=f"note {label}",
        )
        returned = FactCheckFactory(title=f"Returned check {label}")
        workflow.submit_for_review(fact_check=returned, user=user)
        workflow.request_changes(
            fact_check=returned, user=publisher, note=f"Cite the minutes {label}"
        )
        waiting = FactCheckFactory(title=f"Waiting check {label}")
        workflow.submit_for_review(fact_check=waiting, user=user)
        approved = ready_fact_check(
            claims=1,
            checker=UserFactory(username=f"checker{label}", groups=["Editor"]),
            reviewer=reviewer,
        )
        workflow.submit_for_review(fact_check=approved, user=user)
        workflow.approve(fact_check=approved, user=publisher)
        workflow.schedule(
            fact_check=approved,
            user=publisher,
            at=timezone.now() + dt.timedelta(days=1 + i),
        )
        Notification.objects.create(
            recipient=user,
            event=DeskEvent.SCHEDULE_FAILED,
            text=f"The scheduled publication of {label} did not happen.",
            url="/admin/",
        )
        QuoteFactory()
        dispute_attribution(item=QuoteFactory(), user=reviewer, note="Not him")
        ClaimFactory()
        ClaimFactory(recheck_on=TODAY - dt.timedelta(days=i + 1))
        lost = MentionFactory()  # an edit orphaned it (the anchoring service's doing)
        Mention.objects.filter(pk=lost.pk).update(anchor_state=AnchorState.ORPHANED)
        Job.objects.create(
            kind=JobKind.IMPORT,
            state=JobState.FAILED if i % 2 else JobState.SUCCEEDED,
            started_by=user,
            finished_at=timezone.now(),
        )


def section(response, key: str):
    return next(r for r in response.context["sections"] if r.section.key == key)


def count_queries(client) -> int:
    cache.clear()  # the header's unread count is cached: count its query each time
    remember_written(())  # the footer's policy links stay known, as on a running site
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(DESK))
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["superuser", "all groups"])
def test_the_desk_costs_the_same_few_queries_whatever_the_data(
    client, publisher, reviewer, role
):
    if role == "superuser":
        user = UserFactory(username="boss", is_superuser=True)
    else:
        user = UserFactory(
            username="does-all", groups=["Editor", "Reviewer", "Publisher"]
        )
    client.force_login(user)
    fill_desk(user, 1, publisher=publisher, reviewer=reviewer, tag="a")
    few = count_queries(client)
    fill_desk(user, 4, publisher=publisher, reviewer=reviewer, tag="b")
    many = count_queries(client)
    assert few == many
    assert many <= MAX_QUERIES
    body = client.get(reverse(DESK)).content.decode()
    assert 'id="desk-recheck"' in body and 'id="desk-quotes_to_review"' in body


def test_each_section_counts_and_links_what_waits(client, publisher, reviewer):
    user = UserFactory(username="does-all", groups=["Editor", "Reviewer", "Publisher"])
    fill_desk(user, 3, publisher=publisher, reviewer=reviewer)
    client.force_login(user)
    response = client.get(reverse(DESK))
    sections = {r.section.key: r for r in response.context["sections"]}
    assert {key: r.total for key, r in sections.items()} == {
        "assigned": 3,
        "returned": 3,
        "in_review": 3,
        "approved": 3,
        "failed_schedules": 3,
        "quotes_to_review": 6,
        "claims_to_review": Claim.objects.count() - 3,  # the approved ones' are settled
        "recheck": 3,
        "spans": 3,
        "jobs": 3,
    }
    assert dict(sections["assigned"].counts)["overdue"] == 1
    assert dict(sections["approved"].counts)["scheduled"] == 3
    assert dict(sections["quotes_to_review"].counts)["disputed"] == 3
    assert dict(sections["jobs"].counts)["failed"] == 1
    body = response.content.decode()
    # overdue first, with its due date; the returned fact-check says why
    assigned = [row.fact_check.title for row in sections["assigned"].rows]
    assert assigned[0] == "Assigned check 0"
    assert "overdue" in body
    assert "Cite the minutes 1" in body
    assert [r.review_state for r in sections["quotes_to_review"].rows][:3] == [
        "disputed"
    ] * 3
    recheck = sections["recheck"].rows[0]
    assert reverse("articles:desk_recheck", args=[recheck.pk]) in body


def test_each_role_sees_only_its_sections(client, editor, reviewer, publisher):
    expected = {
        editor: {"assigned", "returned", "recheck", "spans", "jobs"},
        reviewer: {"assigned", "quotes_to_review", "claims_to_review", "jobs"},
        publisher: {"assigned", "in_review", "approved", "failed_schedules", "jobs"},
    }
    for user, keys in expected.items():
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(DESK))
        assert {r.section.key for r in response.context["sections"]} == keys
        assert len(queries) <= MAX_QUERIES


def test_a_long_section_shows_ten_rows_and_the_total(client, editor):
    for i in range(12):
        ClaimFactory(recheck_on=TODAY - dt.timedelta(days=i + 1))
    client.force_login(editor)
    response = client.get(reverse(DESK))
    recheck = next(
        r for r in response.context["sections"] if r.section.key == "recheck"
    )
    assert recheck.total == 12 and len(recheck.rows) == 10
    assert "Showing 10 of 12." in response.content.decode()


def test_the_desk_is_for_signed_in_staff(client):
    response = client.get(reverse(DESK))
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(UserFactory(username="reader", is_staff=False))
    assert client.get(reverse(DESK)).status_code == 403


def test_staff_land_on_the_desk_after_login_and_it_is_in_the_admin_header(client):
    UserFactory(username="lander", groups=["Editor"])
    login = client.get(reverse("admin:login"))
    assert f'value="{reverse(DESK)}"' in login.content.decode()
    response = client.post(
        reverse("admin:login"),
        {"username": "lander", "password": "pass-word-123", "next": reverse(DESK)},
    )
    assert response["Location"] == reverse(DESK)
    admin_page = client.get(reverse("admin:index")).content.decode()
    assert f'href="{reverse(DESK)}"' in admin_page
    # a login that asked for a page still goes there
    client.logout()
    response = client.post(
        reverse("admin:login") + "?next=/admin/articles/claim/",
        {
            "username": "lander",
            "password": "pass-word-123",
            "next": "/admin/articles/claim/",
        },
    )
    assert response["Location"] == "/admin/articles/claim/"


def test_after_make_demo_the_seeds_due_claims_are_on_the_editors_desk(client):
    call_command("create_demo_users", force=True, stdout=StringIO())
    call_command("load_seed", demo=True, stdout=StringIO())
    due = list(Claim.objects.filter(recheck_on=dt.date(2026, 3, 1)))
    assert due
    client.force_login(get_user_model().objects.get(username="editor"))
    response = client.get(reverse(DESK))
    recheck = next(
        r for r in response.context["sections"] if r.section.key == "recheck"
    )
    assert {claim.pk for claim in recheck.rows} >= {claim.pk for claim in due}
    body = response.content.decode()
    for claim in due:
        assert reverse("articles:desk_recheck", args=[claim.pk]) in body


def test_a_claim_whose_cited_page_broke_waits_for_re_check(client, editor):
    from articles.models import Citation, SourceHealth
    from tests.factories import CitationFactory

    fine = CitationFactory()
    broken = CitationFactory(claim=ClaimFactory(statement="The bridge cost 9 million."))
    Citation.objects.filter(pk=broken.pk).update(
        source_health=SourceHealth.DEAD, source_checked_at=timezone.now()
    )
    client.force_login(editor)
    response = client.get(reverse(DESK))
    recheck = section(response, "recheck")
    assert [row.pk for row in recheck.rows] == [broken.claim_id]
    assert fine.claim_id not in [row.pk for row in recheck.rows]
    assert dict(recheck.counts)["source broken"] == 1
    assert "a cited page is dead, moved or changed" in response.content.decode()


def test_every_assignment_is_reachable_from_the_desk_with_an_overdue_filter(
    client, editor, django_assert_max_num_queries
):
    """The desk shows ten; "All my assignments" lists them all (fact-checks, claims
    and review items, by kind), and "Overdue" only the late ones."""
    chief = UserFactory(username="chief", groups=["Editor", "Reviewer"])
    for i in range(12):
        Assignment.objects.create(
            fact_check=FactCheckFactory(title=f"Assigned check {i}"),
            assignee=editor,
            assigned_by=chief,
            due_on=TODAY + dt.timedelta(days=i - 2),  # two are overdue
        )
    Assignment.objects.create(
        claim=ClaimFactory(statement="Claim to source"), assignee=editor
    )
    client.force_login(editor)
    body = client.get(reverse(DESK)).content.decode()
    everything = reverse("articles:desk_assignments")
    assert f'href="{everything}"' in body and "Showing 10 of 13." in body
    with django_assert_max_num_queries(8):
        response = client.get(everything)
    text = response.content.decode()
    assert all(f"Assigned check {i}<" in text for i in range(12))
    assert "Claim to source" in text and "Fact-check" in text and "Claim" in text
    late = client.get(everything, {"show": "overdue"}).content.decode()
    assert "Assigned check 0<" in late and "Assigned check 1<" in late
    assert "Assigned check 2<" not in late and "Claim to source" not in late
    # the filter survives a junk value, and the page is staff only
    assert client.get(everything, {"show": "<x>"}).status_code == 200
    client.logout()
    assert "/login/" in client.get(everything)["Location"]
    client.force_login(UserFactory(username="reader", is_staff=False))
    assert client.get(everything).status_code == 403


def test_the_overdue_list_keeps_its_filter_from_page_to_page(client, editor):
    """Past the first page of overdue assignments, the next page is still overdue
    only: the filter rides along in the page links."""
    for i in range(PAGE_SIZE + 2):
        Assignment.objects.create(
            fact_check=FactCheckFactory(title=f"Late check {i}"),
            assignee=editor,
            due_on=TODAY - dt.timedelta(days=1),
        )
    client.force_login(editor)
    everything = reverse("articles:desk_assignments")
    first = client.get(everything, {"show": "overdue"}).content.decode()
    assert 'href="?show=overdue&amp;page=2"' in first


def test_a_failed_schedule_stays_on_the_desk_until_someone_acts_on_it(
    client, editor, publisher, django_capture_on_commit_callbacks
):
    """Reading the notice (opening it to look) does not take the failed schedule off
    the desk; publishing, rescheduling or sending the fact-check back does."""
    fact_check = ready_fact_check(claims=1)
    workflow.submit_for_review(fact_check=fact_check, user=editor)
    workflow.approve(fact_check=fact_check, user=publisher)
    workflow.schedule(
        fact_check=fact_check,
        user=publisher,
        at=timezone.now() + dt.timedelta(hours=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        workflow.drop_schedule(fact_check=fact_check, reason="Gate refused it")
    client.force_login(publisher)

    def failed():
        response = client.get(reverse(DESK))
        [section] = [
            r
            for r in response.context["sections"]
            if r.section.key == "failed_schedules"
        ]
        return section.total

    assert failed() == 1
    Notification.objects.filter(recipient=publisher).update(read_at=timezone.now())
    assert failed() == 1
    workflow.publish(fact_check=fact_check, user=publisher)
    assert failed() == 0


def test_waiting_rows_say_who_is_assigned_so_no_one_takes_them_twice(
    client, editor, publisher, reviewer
):
    """In review, approved and review-item rows name their assignee (no more
    queries: the pin above holds)."""
    from articles.desk.assignments import assign

    both = UserFactory(username="does-all", groups=["Editor", "Reviewer", "Publisher"])
    other_publisher = UserFactory(username="pub2", groups=["Publisher"])
    in_review = ready_fact_check(claims=1)
    workflow.submit_for_review(fact_check=in_review, user=editor)
    assign(item=in_review, assignee=other_publisher, user=editor)
    quote = QuoteFactory()
    assign(item=quote, assignee=reviewer, user=editor, task="review")
    client.force_login(both)
    response = client.get(reverse(DESK))
    sections = {r.section.key: r for r in response.context["sections"]}
    body = response.content.decode()
    assert [r.assignee_name for r in sections["in_review"].rows] == ["pub2"]
    assert "assigned to pub2" in body
    [row] = [r for r in sections["quotes_to_review"].rows if r.pk == quote.pk]
    assert row.assignee_name == "rev" and "assigned to rev" in body
    client.force_login(reviewer)
    assert "assigned to you" in client.get(reverse(DESK)).content.decode()
