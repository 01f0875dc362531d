"""A reviewer works through the seed article's attributions with the keyboard."""

import tempfile
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command

from articles.models import Article, AttributionReview, Claim, Quote
from articles.review.queue import QueueFilters, queue_keys
from tests.browser.conftest import login, serious_violations
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path(tempfile.gettempdir()) / "shots"
MODELS = {"quote": Quote, "claim": Claim}


@pytest.fixture
def seed_article(db):
    call_command("load_seed")
    return Article.objects.get(body__contains="Tiangong")


@pytest.fixture
def reviewer_user(db):
    """A reviewer. Transactional tests flush the role groups the migration made,
    so the permissions are also given to the user directly."""
    user = UserFactory(username="queue-reviewer", groups=["Reviewer"])
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["review_attribution", "add_entity", "view_entity"]
        )
    )
    return user


def test_reviewer_walks_the_queue_with_the_keyboard(
    page, live_server, seed_article, reviewer_user
):
    keys = queue_keys(QueueFilters(article_id=seed_article.pk))
    assert len(keys) >= 3, "the seed leaves unverified attributions in the queue"
    login(page, live_server, reviewer_user.username)
    page.goto(f"{live_server.url}/review/?article={seed_article.pk}")
    assert page.locator("h1").inner_text() == "Attribution review queue"
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "review-queue.png", full_page=True)
    assert serious_violations(page) == []

    links = page.locator("a.review-row-link")
    page.keyboard.press("j")
    page.keyboard.press("j")
    assert links.nth(1).evaluate("el => el === document.activeElement")
    page.keyboard.press("k")
    assert links.nth(0).evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/review/{keys[0][0]}/{keys[0][1]}/**")

    page.screenshot(path=SHOTS / "review-item.png", full_page=True)
    assert serious_violations(page) == []

    # j and k walk between items, keeping the article filter.
    page.keyboard.press("j")
    page.wait_for_url(f"**/review/{keys[1][0]}/{keys[1][1]}/?article=*")
    page.keyboard.press("k")
    page.wait_for_url(f"**/review/{keys[0][0]}/{keys[0][1]}/?article=*")

    # c confirms and moves on to the next item.
    page.keyboard.press("c")
    page.wait_for_url(f"**/review/{keys[1][0]}/{keys[1][1]}/?article=*")
    assert "Attribution confirmed" in page.locator("main").inner_text()

    # d puts the cursor in the note; typing j there must not navigate.
    page.keyboard.press("d")
    assert page.evaluate("document.activeElement.id") == "id_dispute-note"
    page.keyboard.type("Not found in the agency's own copy; just checking j and k.")
    assert f"/review/{keys[1][0]}/{keys[1][1]}/" in page.url
    page.keyboard.press("Control+Enter")
    page.wait_for_url(f"**/review/{keys[2][0]}/{keys[2][1]}/?article=*")
    assert "Attribution disputed" in page.locator("main").inner_text()

    # e goes to the correct form, whose entity field suggests entities as you type.
    page.keyboard.press("e")
    assert page.evaluate("document.activeElement.id") == "id_correct-entity"
    page.keyboard.type("Glob")
    page.wait_for_function(
        "() => [...document.querySelectorAll('#entity-options option')]"
        ".some(o => o.value.startsWith('Global Times'))"
    )

    page.goto(f"{live_server.url}/review/stats/")
    assert "Review statistics" in page.locator("h1").inner_text()
    page.screenshot(path=SHOTS / "review-stats.png", full_page=True)
    assert serious_violations(page) == []

    first = MODELS[keys[0][0]].objects.get(pk=keys[0][1])
    second = MODELS[keys[1][0]].objects.get(pk=keys[1][1])
    assert first.review_state == AttributionReview.CONFIRMED
    assert first.reviewed_by == reviewer_user
    assert second.review_state == AttributionReview.DISPUTED
    assert second.review_note.startswith("Not found in the agency's own copy")


def test_the_review_page_works_without_javascript(
    chromium, live_server, seed_article, reviewer_user
):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        login(page, live_server, reviewer_user.username)
        page.goto(f"{live_server.url}/review/?article={seed_article.pk}")
        page.locator("a.review-row-link").first.click()
        page.get_by_label("Why is this attribution doubtful?").fill("No source")
        page.get_by_role("button", name="Dispute").click()
        assert "Attribution disputed" in page.locator("main").inner_text()
    finally:
        context.close()
