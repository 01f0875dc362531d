"""Desk pages and POST endpoints: permissions, CSRF, escaping, query counts, the
header count, and that no public page ever shows a comment."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from articles.desk.assignments import assign
from articles.desk.comments import post_comment
from articles.desk.notify import notify
from articles.desk.views import PAGE_SIZE
from articles.models import (
    Assignment,
    Claim,
    Comment,
    Delivery,
    DeskEvent,
    Notification,
    NotificationPreference,
)
from articles.services import workflow
from tests.articles.workflow_helpers import ready_fact_check
from tests.factories import ClaimFactory, FactCheckFactory, QuoteFactory, UserFactory

pytestmark = pytest.mark.django_db

HOSTILE = "<script>alert('desk')</script> secret-desk-note"


def tell(user, n=1, url="/admin/"):
    for i in range(n):
        notify(recipients=[user], event=DeskEvent.ASSIGNED, text=f"note {i}", url=url)


@pytest.mark.parametrize(
    "name,args",
    [
        ("desk_notifications", []),
        ("desk_preferences", []),
    ],
)
def test_pages_ask_anonymous_users_to_log_in(client, name, args):
    response = client.get(reverse(f"articles:{name}", args=args))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_posts_ask_anonymous_users_to_log_in(client):
    claim = ClaimFactory()
    response = client.post(
        reverse("articles:desk_comment", args=["claim", claim.pk]), {"text": "hi"}
    )
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not Comment.objects.exists()


def test_non_staff_get_403(client):
    client.force_login(UserFactory(username="reader", is_staff=False))
    assert client.get(reverse("articles:desk_notifications")).status_code == 403
    claim = ClaimFactory()
    response = client.post(
        reverse("articles:desk_comment", args=["claim", claim.pk]), {"text": "hi"}
    )
    assert response.status_code == 403 and not Comment.objects.exists()


def test_notification_list_marks_one_and_all_read(
    client, editor, django_assert_max_num_queries
):
    tell(editor, 3)
    tell(UserFactory(username="someone-else"), 1)
    client.force_login(editor)
    url = reverse("articles:desk_notifications")
    client.get(url)  # warm the session
    with django_assert_max_num_queries(6):
        response = client.get(url)
    body = response.content.decode()
    assert body.count('class="btn btn-primary btn-sm desk-open"') == 3
    assert 'id="desk-unread-count">3<' in body
    first = Notification.objects.filter(recipient=editor).first()
    response = client.post(reverse("articles:desk_notification_open", args=[first.pk]))
    assert response.status_code == 302 and response["Location"] == "/admin/"
    first.refresh_from_db()
    assert first.read_at is not None
    response = client.get(url + "?show=unread")
    assert 'id="desk-unread-count">2<' in response.content.decode()
    client.post(reverse("articles:desk_notifications_read_all"))
    assert not Notification.objects.filter(recipient=editor, read_at=None).exists()
    assert Notification.objects.filter(read_at=None).count() == 1  # the other's


def test_a_user_cannot_open_anothers_notification(client, editor):
    other = UserFactory(username="other")
    tell(other)
    note = Notification.objects.get()
    client.force_login(editor)
    response = client.post(reverse("articles:desk_notification_open", args=[note.pk]))
    assert response.status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_marking_read_needs_post_and_csrf(editor):
    tell(editor)
    note = Notification.objects.get()
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    url = reverse("articles:desk_notification_read", args=[note.pk])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 403
    note.refresh_from_db()
    assert note.read_at is None


def test_preferences_page_saves_choices(client, editor, django_assert_max_num_queries):
    client.force_login(editor)
    url = reverse("articles:desk_preferences")
    client.get(url)
    with django_assert_max_num_queries(5):
        response = client.get(url)
    assert "Mentioned in a comment" in response.content.decode()
    data = dict.fromkeys(DeskEvent.values, Delivery.IMMEDIATE)
    data[DeskEvent.SUBMITTED] = Delivery.DIGEST
    data[DeskEvent.MENTIONED] = Delivery.OFF
    response = client.post(url, data)
    assert response.status_code == 302
    saved = dict(
        NotificationPreference.objects.filter(user=editor).values_list(
            "event", "delivery"
        )
    )
    assert saved[DeskEvent.SUBMITTED] == Delivery.DIGEST
    assert saved[DeskEvent.MENTIONED] == Delivery.OFF
    # a made-up choice changes nothing
    response = client.post(url, {**data, DeskEvent.MENTIONED: "fax"})
    assert response.status_code == 200
    assert (
        NotificationPreference.objects.get(
            user=editor, event=DeskEvent.MENTIONED
        ).delivery
        == Delivery.OFF
    )


def test_preferences_say_where_mail_goes_or_that_none_can(client, editor):
    """Mail goes to the address on the account; with none, the page says so rather
    than letting someone choose mail that never comes."""
    client.force_login(editor)
    url = reverse("articles:desk_preferences")
    assert "Email goes to ed@example.org" in client.get(url).content.decode()
    editor.email = ""
    editor.save()
    body = client.get(url).content.decode()
    assert "You have no email address" in body and "Email goes to" not in body


def test_admin_header_shows_the_unread_count(client, editor):
    tell(editor, 2)
    client.force_login(editor)
    body = client.get(reverse("admin:index")).content.decode()
    assert 'id="desk-unread-count">2<' in body


def test_factcheck_change_page_has_assign_form_and_discussion(
    client, editor, django_assert_max_num_queries
):
    colleague = UserFactory(username="colleague", groups=["Editor"])
    fact_check = FactCheckFactory()
    thread = post_comment(item=fact_check, user=editor, text=HOSTILE)
    post_comment(item=fact_check, user=colleague, text="reply one", parent=thread)
    post_comment(item=fact_check, user=colleague, text="second thread")
    client.force_login(editor)
    url = reverse("admin:articles_factcheck_change", args=[fact_check.pk])
    client.get(url)
    with django_assert_max_num_queries(40):
        response = client.get(url)
    body = response.content.decode()
    assert 'id="desk-assign-form"' in body
    assert f'<option value="{colleague.pk}">colleague</option>' in body
    assert "&lt;script&gt;alert(&#x27;desk&#x27;)&lt;/script&gt;" in body
    assert "<script>alert('desk')</script>" not in body
    assert "reply one" in body and "second thread" in body


def test_assign_through_the_admin_form(client, editor):
    colleague = UserFactory(username="colleague", groups=["Editor"])
    claim = ClaimFactory()
    client.force_login(editor)
    change = reverse("admin:articles_claim_change", args=[claim.pk])
    response = client.post(
        reverse("articles:desk_assign", args=["claim", claim.pk]),
        {
            "assignee": colleague.pk,
            "due_on": "2030-01-02",
            "note": "by Friday",
            "next": change,
        },
    )
    assert response.status_code == 302 and response["Location"] == change
    assignment = Assignment.objects.get()
    assert (assignment.claim, assignment.assignee) == (claim, colleague)
    assert assignment.due_on == dt.date(2030, 1, 2)
    body = client.get(change).content.decode()
    assert "Assigned to <strong>colleague</strong>" in body
    # an address elsewhere is not followed
    response = client.post(
        reverse("articles:desk_unassign", args=["claim", claim.pk]),
        {"next": "https://evil.example/"},
    )
    assert response["Location"] == change
    assert not Assignment.objects.exists()


def test_the_assignment_history_is_shown_from_the_panel(client, editor):
    """Who had the item, who gave it, when, and how it ended, newest first."""
    first = UserFactory(username="first-ed", groups=["Editor"])
    second = UserFactory(username="second-ed", groups=["Editor"])
    claim = ClaimFactory()
    assign(item=claim, assignee=first, user=editor, note="Start here")
    assign(item=claim, assignee=second, user=editor, note="first-ed is away")
    client.force_login(editor)
    history = reverse("articles:desk_assignment_history", args=["claim", claim.pk])
    change = client.get(reverse("admin:articles_claim_change", args=[claim.pk]))
    assert f'href="{history}"' in change.content.decode()
    from articles.desk.assignments import unassign

    unassign(item=claim, user=editor)
    body = client.get(history).content.decode()
    rows = body[body.index('id="assignment-history"') :]
    assert rows.index("Unassigned") < rows.index("second-ed") < rows.index("first-ed")
    assert "first-ed is away" in rows and "Start here" in rows
    # staff who may see the item only; an unknown item is a 404
    assert (
        client.get(
            reverse("articles:desk_assignment_history", args=["claim", 999999])
        ).status_code
        == 404
    )
    client.logout()
    assert "/login/" in client.get(history)["Location"]
    client.force_login(UserFactory(username="reader", is_staff=False))
    assert client.get(history).status_code == 403
    client.force_login(UserFactory(username="no-role"))
    assert client.get(history).status_code == 403


def test_a_long_assignment_history_is_paged(client, editor, settings):
    """An item passed back and forth for months: the page shows its newest steps
    and links to older ones instead of every step at once."""
    people = [UserFactory(username=f"ed-{n}", groups=["Editor"]) for n in range(2)]
    claim = ClaimFactory()
    for step in range(PAGE_SIZE + 5):
        assign(item=claim, assignee=people[step % 2], user=editor, note=f"step {step}")
    client.force_login(editor)
    history = reverse("articles:desk_assignment_history", args=["claim", claim.pk])
    first = client.get(history).content.decode()
    assert f"step {PAGE_SIZE + 4}" in first and "step 0<" not in first
    assert 'rel="next" href="?page=2"' in first
    older = client.get(history, {"page": 2}).content.decode()
    assert "step 0<" in older and 'rel="prev" href="?page=1"' in older


def test_a_reviewer_posting_an_assignment_of_a_publication_gets_403(
    client, editor, reviewer, publisher
):
    fact_check = ready_fact_check(claims=1)
    workflow.submit_for_review(fact_check=fact_check, user=editor)
    workflow.approve(fact_check=fact_check, user=publisher)
    client.force_login(reviewer)
    response = client.post(
        reverse("articles:desk_assign", args=["factcheck", fact_check.pk]),
        {"assignee": publisher.pk},
    )
    assert response.status_code == 403
    assert not Assignment.objects.exists()


def test_a_wrong_assignee_is_a_message_not_a_500(client, editor, reviewer):
    fact_check = FactCheckFactory()
    client.force_login(editor)
    response = client.post(
        reverse("articles:desk_assign", args=["factcheck", fact_check.pk]),
        {"assignee": reviewer.pk},
        follow=True,
    )
    assert response.status_code == 200
    assert "role may not act" in response.content.decode()
    assert not Assignment.objects.exists()


def test_the_change_page_offers_and_accepts_only_publishers_four_eyes_allows(
    client, editor, publisher
):
    """A publisher who wrote a verdict of a claim is not offered, and posting them
    anyway is a message naming the claim (a "%" in it too), never a 500."""
    checker_publisher = UserFactory(username="chk-pub", groups=["Editor", "Publisher"])
    fact_check = ready_fact_check(claims=1, checker=checker_publisher)
    claim = fact_check.claims.get()
    Claim.objects.filter(pk=claim.pk).update(statement="Turnout rose 40% in May")
    workflow.submit_for_review(fact_check=fact_check, user=editor)
    client.force_login(editor)
    change = reverse("admin:articles_factcheck_change", args=[fact_check.pk])
    body = client.get(change).content.decode()
    assert f'<option value="{publisher.pk}">pub' in body
    assert f'<option value="{checker_publisher.pk}">' not in body
    response = client.post(
        reverse("articles:desk_assign", args=["factcheck", fact_check.pk]),
        {"assignee": checker_publisher.pk, "next": change},
        follow=True,
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "chk-pub may not be given this item" in text
    assert "Turnout rose 40% in May" in text and "four eyes" in text
    assert not Assignment.objects.exists()


def test_the_panel_says_when_no_one_may_be_given_the_item(client, editor):
    """The only publisher checked its claims: the list would be empty, so the panel
    says why instead of offering a blank choice."""
    only_publisher = UserFactory(username="chk-pub", groups=["Editor", "Publisher"])
    fact_check = ready_fact_check(claims=1, checker=only_publisher)
    workflow.submit_for_review(fact_check=fact_check, user=editor)
    client.force_login(editor)
    body = client.get(
        reverse("admin:articles_factcheck_change", args=[fact_check.pk])
    ).content.decode()
    assert "No one may be given this item now" in body
    assert 'id="id_desk_assignee"' not in body


def test_changelist_filters_assigned_to_me_and_overdue(client, editor):
    mine = ClaimFactory(statement="Mine to check")
    other = ClaimFactory(statement="Someone else's")
    assign(
        item=mine,
        assignee=editor,
        user=editor,
        due_on=dt.datetime.now(dt.UTC).date() - dt.timedelta(days=1),
    )
    client.force_login(editor)
    url = reverse("admin:articles_claim_changelist")
    body = client.get(url + "?assigned=me").content.decode()
    assert "Mine to check" in body and other.statement not in body
    body = client.get(url + "?assigned=overdue").content.decode()
    assert "Mine to check" in body and other.statement not in body
    fact_checks = reverse("admin:articles_factcheck_changelist")
    assert client.get(fact_checks + "?assigned=me").status_code == 200


def test_the_quote_admin_filters_assignments_and_shows_the_desk_panel(
    client, editor, reviewer
):
    """A quote is a review item: its admin pages filter "assigned to me" and
    "overdue" and carry its assignment and discussion, like a claim's."""
    mine = QuoteFactory()
    other = QuoteFactory()
    assign(
        item=mine,
        assignee=reviewer,
        user=editor,
        task="review",
        due_on=dt.datetime.now(dt.UTC).date() - dt.timedelta(days=1),
    )
    post_comment(item=mine, user=editor, text="Which minister is this?")
    client.force_login(reviewer)
    url = reverse("admin:articles_quote_changelist")
    for query in ("?assigned=me", "?assigned=overdue"):
        body = client.get(url + query).content.decode()
        links = {
            pk: reverse("admin:articles_quote_change", args=[pk]) in body
            for pk in (mine.pk, other.pk)
        }
        assert links == {mine.pk: True, other.pk: False}
    client.force_login(editor)
    body = client.get(
        reverse("admin:articles_quote_change", args=[mine.pk])
    ).content.decode()
    assert 'id="desk-panel"' in body and "Assigned to <strong>rev</strong>" in body
    assert "Which minister is this?" in body and 'id="desk-comment-form"' in body


def test_review_queue_filter_and_item_panel(
    client, reviewer, django_assert_max_num_queries
):
    assigned = QuoteFactory()
    QuoteFactory()
    assign(item=assigned, assignee=reviewer, user=reviewer)
    post_comment(item=assigned, user=reviewer, text=HOSTILE)
    client.force_login(reviewer)
    response = client.get(reverse("articles:review_queue") + "?assigned=me")
    rows = response.content.decode().count('class="review-row"')
    assert rows == 1
    url = reverse("articles:review_item", args=["quote", assigned.pk])
    client.get(url)
    with django_assert_max_num_queries(30):
        response = client.get(url)
    body = response.content.decode()
    assert 'id="desk-discussion"' in body and "Assigned to <strong>rev</strong>" in body
    assert "&lt;script&gt;" in body and "<script>alert" not in body


def test_review_queue_filters_overdue_review_assignments(client, reviewer, editor):
    today = dt.datetime.now(dt.UTC).date()
    late, on_time = QuoteFactory(), QuoteFactory()
    QuoteFactory()
    for quote, days in ((late, -1), (on_time, 2)):
        assign(
            item=quote,
            assignee=reviewer,
            user=editor,
            task="review",
            due_on=today + dt.timedelta(days=days),
        )
    client.force_login(reviewer)
    queue = reverse("articles:review_queue")
    body = client.get(queue + "?assigned=overdue").content.decode()
    assert body.count('class="review-row"') == 1
    assert reverse("articles:review_item", args=["quote", late.pk]) in body
    body = client.get(queue + "?assigned=me").content.decode()
    assert body.count('class="review-row"') == 2


def test_only_the_author_may_edit_or_delete_through_the_views(client, editor, reviewer):
    claim = ClaimFactory()
    comment = post_comment(item=claim, user=editor, text="mine")
    client.force_login(reviewer)
    assert (
        client.post(
            reverse("articles:desk_comment_edit", args=[comment.pk]), {"text": "x"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("articles:desk_comment_delete", args=[comment.pk])
        ).status_code
        == 403
    )
    comment.refresh_from_db()
    assert comment.text == "mine" and not comment.is_deleted
    client.force_login(editor)
    client.post(
        reverse("articles:desk_comment_edit", args=[comment.pk]), {"text": "ok"}
    )
    comment.refresh_from_db()
    assert comment.text == "ok"


def test_an_edited_comment_links_to_its_earlier_versions(client, editor, reviewer):
    """Staff who may see the item read what a comment said before each edit; a
    deleted comment's words stay out of sight."""
    claim = ClaimFactory()
    comment = post_comment(item=claim, user=editor, text="Teh source is the minutes")
    from articles.desk.comments import delete_comment, edit_comment

    edit_comment(comment=comment, user=editor, text="The source is the minutes")
    history = reverse("articles:desk_comment_history", args=[comment.pk])
    client.force_login(reviewer)
    page = client.get(reverse("articles:review_item", args=["claim", claim.pk]))
    assert f'href="{history}"' in page.content.decode()
    body = client.get(history).content.decode()
    assert body.index("The source is the minutes") < body.index("Teh source")
    assert "Edited" in body and "Posted" in body
    client.force_login(UserFactory(username="no-role"))
    assert client.get(history).status_code == 403
    delete_comment(comment=comment, user=editor)
    client.force_login(reviewer)
    assert client.get(history).status_code == 404


def test_resolve_and_reply_through_the_views(client, editor):
    claim = ClaimFactory()
    thread = post_comment(item=claim, user=editor, text="first")
    client.force_login(editor)
    client.post(reverse("articles:desk_comment_resolve", args=[thread.pk]))
    thread.refresh_from_db()
    assert thread.is_resolved
    client.post(reverse("articles:desk_comment_reopen", args=[thread.pk]))
    thread.refresh_from_db()
    assert not thread.is_resolved
    response = client.post(
        reverse("articles:desk_comment", args=["claim", claim.pk]),
        {"text": "a reply", "parent": thread.pk},
    )
    reply = Comment.objects.get(text="a reply")
    assert reply.parent == thread
    assert response["Location"].endswith(f"#comment-{reply.pk}")
    response = client.post(
        reverse("articles:desk_comment", args=["claim", claim.pk]),
        {"text": "bad\x00text"},
        follow=True,
    )
    assert response.status_code == 200
    assert not Comment.objects.filter(text__contains="bad").exists()


def test_public_pages_never_show_comments(client, published, editor):
    """Comments on a published fact-check and its claims stay off every public
    page: the fact-check page, claim pages, the claims index, search, feeds."""
    claim = published.claims.first()
    post_comment(item=published, user=editor, text="secret-desk-note on the check")
    post_comment(item=claim, user=editor, text="secret-desk-note on the claim")
    client.logout()
    pages = [
        "/",
        published.get_absolute_url(),
        reverse("articles:claim_list"),
        claim.get_absolute_url(),
        reverse("articles:search") + "?q=budget",
        reverse("articles:feed_rss"),
        reverse("articles:claimreview_feed"),
    ]
    for page in pages:
        response = client.get(page, follow=True)
        assert response.status_code == 200, page
        assert b"secret-desk-note" not in response.content, page


@pytest.mark.parametrize("parent", ["abc", "99999999999999999999", "-1", "0"])
def test_a_malformed_reply_target_is_a_404_not_a_500(client, editor, parent):
    claim = ClaimFactory()
    client.force_login(editor)
    response = client.post(
        reverse("articles:desk_comment", args=["claim", claim.pk]),
        {"text": "reply", "parent": parent},
    )
    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_a_reply_to_a_comment_on_another_item_is_a_404(client, editor):
    elsewhere = post_comment(item=ClaimFactory(), user=editor, text="elsewhere")
    claim = ClaimFactory()
    client.force_login(editor)
    response = client.post(
        reverse("articles:desk_comment", args=["claim", claim.pk]),
        {"text": "reply", "parent": elsewhere.pk},
    )
    assert response.status_code == 404
    assert Comment.objects.count() == 1


@pytest.mark.parametrize(
    "target",
    [
        "ok",  # Django's redirect() took a word for a URL name: NoReverseMatch, a 500
        "admin:logout",
        "articles.views.home",
        "//evil.example/desk/",
        "https://evil.example/desk/",
        "javascript:alert(1)",
    ],
)
def test_a_next_address_that_is_not_a_local_path_goes_back_to_the_list(
    client, editor, target
):
    client.force_login(editor)
    response = client.post(
        reverse("articles:desk_notifications_read_all"), {"next": target}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("articles:desk_notifications")


def test_a_local_next_address_is_followed(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("articles:desk_notifications_read_all"), {"next": "/desk/?tab=1"}
    )
    assert response.status_code == 302 and response["Location"] == "/desk/?tab=1"


@pytest.mark.parametrize(
    ("text", "message"),
    [("x" * 5001, "under 5000 characters"), ("a\x00b", "control characters")],
)
def test_a_refused_edit_says_why(client, editor, text, message):
    comment = post_comment(item=ClaimFactory(), user=editor, text="mine")
    client.force_login(editor)
    response = client.post(
        reverse("articles:desk_comment_edit", args=[comment.pk]),
        {"text": text},
        follow=True,
    )
    assert message in response.content.decode()
    assert "Write something first" not in response.content.decode()
    comment.refresh_from_db()
    assert comment.text == "mine"


@pytest.mark.parametrize("due_on", ["0001-01-01", "2020-02-29"])
def test_a_due_date_already_past_is_refused_on_the_form(client, editor, due_on):
    """A mistyped year (0202 for 2026) made an item overdue by centuries."""
    claim = ClaimFactory()
    client.force_login(editor)
    response = client.post(
        reverse("articles:desk_assign", args=["claim", claim.pk]),
        {"assignee": editor.pk, "due_on": due_on},
        follow=True,
    )
    assert "already past" in response.content.decode()
    assert not Assignment.objects.exists()


def test_a_double_click_on_comment_posts_it_once(client, editor):
    claim = ClaimFactory()
    client.force_login(editor)
    address = reverse("articles:desk_comment", args=["claim", claim.pk])
    first = client.post(address, {"text": "Source for the 4.2 million?"})
    second = client.post(address, {"text": "Source for the 4.2 million?"})
    assert Comment.objects.count() == 1
    assert first["Location"] == second["Location"]  # both land on the one comment
    client.post(address, {"text": "A different point."})
    assert Comment.objects.count() == 2
