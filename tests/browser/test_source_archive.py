"""A dead source on the public page: the "archived copy" link and the copy itself,
in Chromium, with axe.

Set NEWSROOM_SHOTS=/tmp/shots to also save screenshots of both pages.
"""

import datetime as dt
import os
from pathlib import Path

import pytest

from articles.models import Citation, SourceCheck, SourceHealth
from articles.services.sources import record_check
from tests.browser.conftest import serious_violations
from tests.publishing import make_fact_check, publish

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = os.environ.get("NEWSROOM_SHOTS", "")


@pytest.fixture
def fact_check(db):
    fact_check = make_fact_check()
    citation = Citation.objects.filter(claim__fact_checks=fact_check).order_by("pk")[0]
    record_check(
        citation,
        SourceCheck(
            citation=citation,
            url=citation.url,
            fetched_at=dt.datetime(2025, 3, 1, 8, 0, tzinfo=dt.UTC),
            status_code=200,
            content_type="text/html",
            sha256="ab" * 32,
            title="Council minutes, 4 March",
            text="Minutes of the council meeting\n\nThe council approved a budget "
            "of 4.2 million euros.\n\nThe vote was 21 to 9.",
            health=SourceHealth.OK,
        ),
    )
    publish(fact_check)
    record_check(
        citation,
        SourceCheck(
            citation=citation,
            url=citation.url,
            fetched_at=dt.datetime(2025, 6, 1, 8, 0, tzinfo=dt.UTC),
            status_code=404,
            health=SourceHealth.DEAD,
            error="HTTP 404",
        ),
    )
    fact_check.refresh_from_db()
    return fact_check


def test_a_reader_follows_the_archived_copy_of_a_dead_source(
    page, live_server, fact_check
):
    page.goto(live_server.url + fact_check.get_absolute_url())
    assert serious_violations(page) == []
    citation = page.locator(".citation").filter(has_text="no longer available")
    assert citation.count() == 1
    link = citation.get_by_role("link", name="archived copy")
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        citation.screenshot(path=str(Path(SHOTS) / "citation-dead.png"))
    link.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Archived copy of a source"
    assert "The vote was 21 to 9." in page.locator(".archived-text").inner_text()
    assert page.locator("time").first.get_attribute("datetime") == (
        "2025-03-01T08:00:00+0000"
    )
    violations = serious_violations(page)
    assert violations == [], [(v["id"], v["help"]) for v in violations]
    if SHOTS:
        for label, width in {"desktop": 1280, "mobile": 390}.items():
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(
                path=str(Path(SHOTS) / f"source-archive-{label}.png"), full_page=True
            )
