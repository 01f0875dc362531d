"""The readers' forms in headless Chromium: accessible, empty and with errors, and
sent by keyboard. Set NEWSROOM_SHOTS=/tmp/shots to save screenshots."""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from articles.models import ClaimSuggestion, ErrorReport
from tests.browser.conftest import serious_violations
from tests.publishing import NOW, make_fact_check, publish

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = os.environ.get("NEWSROOM_SHOTS", "")


def shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def assert_accessible(page):
    violations = serious_violations(page)
    assert violations == [], [(v["id"], v["help"]) for v in violations]


def test_suggest_a_claim(page, live_server):
    page.goto(live_server.url + reverse("articles:suggest_claim"))
    assert_accessible(page)
    shot(page, "suggest-empty")
    # The honeypot is out of everyone's way.
    assert not page.locator("#id_website").is_visible()

    page.get_by_label("The claim to check").fill("too short")
    page.get_by_label("Where you saw it (optional)").fill("not an address")
    page.get_by_role("button", name="Send the suggestion").click()
    assert page.get_by_text("nothing was saved").is_visible()
    assert page.locator("#id_message").get_attribute("aria-invalid") == "true"
    assert_accessible(page)
    shot(page, "suggest-errors")
    assert not ClaimSuggestion.objects.exists()

    page.get_by_label("The claim to check").fill(
        "The mayor said the new bridge will be finished by 2026."
    )
    page.get_by_label("Where you saw it (optional)").fill(
        "https://news.example.org/bridge"
    )
    page.get_by_label("Where you saw it (optional)").press("Enter")
    page.get_by_text("Thank you").wait_for()
    assert_accessible(page)
    shot(page, "suggest-sent")
    assert ClaimSuggestion.objects.get().source_url == "https://news.example.org/bridge"


def test_report_an_error_from_the_fact_check_page(page, live_server):
    fact_check = make_fact_check()
    publish(fact_check, now=NOW)
    page.goto(
        live_server.url
        + reverse("articles:factcheck_detail", kwargs={"slug": fact_check.slug})
    )
    link = page.get_by_role("link", name="Report an error on this fact-check")
    if SHOTS:
        page.locator("article.factcheck").screenshot(
            path=str(Path(SHOTS) / "factcheck-with-report-link.png")
        )
    link.click()
    page.get_by_role("heading", name="Report an error").wait_for()
    assert_accessible(page)
    shot(page, "report-empty")

    page.get_by_role("button", name="Send the report").click()
    assert page.get_by_text("This field is required.").is_visible()
    assert_accessible(page)
    shot(page, "report-errors")

    page.get_by_label("What is wrong?").fill("The vote was 12 to 2, not 12 to 3.")
    page.get_by_role("button", name="Send the report").click()
    page.get_by_text("Thank you").wait_for()
    shot(page, "report-sent")
    assert ErrorReport.objects.get().fact_check_id == fact_check.pk


def test_the_claims_index_offers_its_csv(page, live_server):
    publish(make_fact_check(), now=NOW)
    page.goto(live_server.url + reverse("articles:claim_list") + "?verdict=false")
    link = page.get_by_role("link", name="Download these claims as a CSV file")
    assert link.get_attribute("href") == "/claims.csv?verdict=false"
    assert_accessible(page)
    shot(page, "claims-with-csv-link")


def test_the_api_docs_page(page, live_server):
    page.goto(live_server.url + reverse("api:docs"))
    page.get_by_role("heading", name="Open data API").wait_for()
    assert_accessible(page)
    shot(page, "api-docs")
