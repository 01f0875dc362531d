"""An editor hears of an assignment from the header count, opens it, lands on the
fact-check, and comes back; the desk's pages pass axe."""

import tempfile
from pathlib import Path

import pytest

from articles.desk.assignments import assign
from articles.desk.comments import post_comment
from articles.models import Notification
from tests.browser.conftest import login, serious_violations
from tests.factories import (
    ClaimFactory,
    FactCheckFactory,
    QuoteFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path(tempfile.gettempdir()) / "shots"


def shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"desk-{name}.png"), full_page=True)


def test_editor_opens_an_assignment_from_the_header(page, live_server):
    editor = UserFactory(username="desk-ed", groups=["Editor"])
    chief = UserFactory(username="chief", groups=["Editor"])
    fact_check = FactCheckFactory(title="Budget story check")
    post_comment(
        item=fact_check, user=chief, text="Start with <b>claim 2</b>, @desk-ed"
    )
    assign(item=fact_check, assignee=editor, user=chief, note="Needs sources")
    # the assignment and the mention (both after commit, as in production)
    assert Notification.objects.filter(recipient=editor).count() == 2

    login(page, live_server, editor.username)
    page.goto(f"{live_server.url}/admin/")
    count = page.locator("#desk-unread-count")
    assert count.inner_text() == "2"
    page.click("#desk-notifications-link")
    page.wait_for_url("**/desk/notifications/")
    assert "chief assigned you fact-check “Budget story check”" in page.inner_text(
        "main"
    )
    shot(page, "notifications")
    assert serious_violations(page) == []

    page.locator("#notifications li", has_text="assigned you").get_by_role(
        "button", name="Open"
    ).click()
    page.wait_for_url(f"**/admin/articles/factcheck/{fact_check.pk}/change/")
    assert page.locator("#desk-unread-count").inner_text() == "1"
    panel = page.locator("#desk-panel")
    assert "Assigned to desk-ed" in panel.inner_text()
    discussion = page.locator("#desk-discussion")
    assert "Start with <b>claim 2</b>, @desk-ed" in discussion.inner_text()
    shot(page, "factcheck-change")
    panel_violations = [
        v
        for v in serious_violations(page)
        if any(
            "desk" in " ".join(node.get("target", [])) for node in v.get("nodes", [])
        )
    ]
    assert panel_violations == []

    # reply from the panel, then back to the notification list
    page.fill(f"#desk-reply-{fact_check.desk_comments.get().pk}", "On it")
    page.locator("#desk-discussion .desk-reply-form button").click()
    page.wait_for_url(f"**/admin/articles/factcheck/{fact_check.pk}/change/*")
    assert "On it" in page.locator("#desk-discussion").inner_text()
    page.go_back()
    page.go_back()
    page.wait_for_url("**/desk/notifications/")
    page.reload()
    unread = page.locator("#notifications li", has_text="unread")
    assert unread.count() == 1  # the mention still waits; the assignment was read
    page.click("#mark-all-read")
    assert page.locator("#desk-unread-count").inner_text() == "0"

    page.goto(f"{live_server.url}/desk/preferences/")
    shot(page, "preferences")
    assert serious_violations(page) == []


def test_review_item_page_shows_the_desk_panel(page, live_server):
    reviewer = UserFactory(username="desk-rev", groups=["Reviewer"])
    quote = QuoteFactory()
    assign(item=quote, assignee=reviewer, user=reviewer)
    post_comment(item=quote, user=reviewer, text="Check the recording first")
    login(page, live_server, reviewer.username)
    page.goto(f"{live_server.url}/review/quote/{quote.pk}/")
    assert "Check the recording first" in page.locator("#desk-discussion").inner_text()
    shot(page, "review-item")
    assert serious_violations(page) == []


def test_claim_change_page_has_the_panel(page, live_server):
    editor = UserFactory(username="desk-ed2", groups=["Editor"])
    claim = ClaimFactory(statement="The library budget doubled")
    post_comment(item=claim, user=editor, text="Which year's budget?")
    login(page, live_server, editor.username)
    page.goto(f"{live_server.url}/admin/articles/claim/{claim.pk}/change/")
    page.select_option("#id_desk_assignee", label="desk-ed2")
    page.fill("#id_desk_due_on", "2030-01-31")
    page.get_by_role("button", name="Assign").click()
    page.wait_for_url(f"**/admin/articles/claim/{claim.pk}/change/")
    assert "Assigned to desk-ed2" in page.locator("#desk-panel").inner_text()
    assert "Which year's budget?" in page.locator("#desk-discussion").inner_text()
    shot(page, "claim-change")
