"""The desk's side of what comes in, in Chromium: a Tag page that shows another
publisher's verdict, the feed upload page, the readers' queues.
Set NEWSROOM_SHOTS=/tmp/shots to save screenshots."""

import json
import os
from pathlib import Path

import pytest
from django.urls import reverse

from articles.intake import services
from articles.models import KnownFactCheck
from tests.browser.conftest import login
from tests.factories import ArticleFactory, ClaimFactory, UserFactory
from tests.publishing import NOW, make_fact_check, publish

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = os.environ.get("NEWSROOM_SHOTS", "")
FEED = Path(__file__).resolve().parent.parent / "data" / "claimreview_feed.json"


def shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def test_an_editor_uploads_a_feed_and_sees_the_match_on_the_tag_page(
    page, live_server, tmp_path
):
    UserFactory(username="superdesk", is_superuser=True)
    article = ArticleFactory()
    ClaimFactory(
        article=article,
        statement="Northbridge will open three new libraries by 2027, the mayor said.",
    )
    login(page, live_server, "superdesk")

    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps([{"@type": "ClaimReview", "url": "ftp://x"}]))
    page.goto(live_server.url + reverse("admin:articles_knownfactcheck_import"))
    page.set_input_files("#id_feed", str(broken))
    page.click("input[type=submit]")
    page.get_by_text("Nothing was imported").wait_for()
    shot(page, "admin-import-refused")
    assert not KnownFactCheck.objects.exists()

    page.set_input_files("#id_feed", str(FEED))
    page.click("input[type=submit]")
    page.get_by_text("2 new known fact-check(s)").wait_for()
    shot(page, "admin-known-fact-checks")

    page.goto(
        live_server.url + reverse("admin:articles_article_tag", args=[article.pk])
    )
    box = page.locator(".known-fact-checks").first
    box.wait_for()
    assert "Mostly false" in box.inner_text()
    assert "Example Fact Desk" in box.inner_text()
    if SHOTS:
        page.locator("#repeat-candidates").screenshot(
            path=str(Path(SHOTS) / "tag-known-fact-checks.png")
        )


def test_the_readers_queues(page, live_server):
    UserFactory(username="superdesk", is_superuser=True)
    fact_check = make_fact_check()
    publish(fact_check, now=NOW)
    services.suggest_claim(
        message="The mayor said the bridge opens in 2026.",
        source_url="https://news.example.org/bridge",
    )
    services.report_error(
        fact_check_id=fact_check.pk,
        version_number=1,
        message="The vote was 12 to 2, not 12 to 3.",
    )
    login(page, live_server, "superdesk")
    page.goto(live_server.url + reverse("admin:articles_claimsuggestion_changelist"))
    shot(page, "admin-claim-suggestions")
    page.goto(live_server.url + reverse("admin:articles_errorreport_changelist"))
    shot(page, "admin-error-reports")
    page.get_by_role("link", name="Add a correction").click()
    page.locator("#add-correction").wait_for()
    assert page.locator("#add-correction").is_visible()
