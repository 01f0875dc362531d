"""The public pages in headless Chromium: claim cards, highlights, accessibility.

Set NEWSROOM_SHOTS=/tmp/shots to also save desktop and 390px-wide screenshots.
"""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from tests.browser.conftest import serious_violations
from tests.publishing import make_fact_check, publish

# serialized_rollback keeps the role groups that a data migration created.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SHOTS = os.environ.get("NEWSROOM_SHOTS", "")


@pytest.fixture
def fact_check(db):
    fact_check = make_fact_check()
    publish(fact_check)
    return fact_check


def pages(fact_check):
    claim = fact_check.ordered_claims()[1]
    return {
        "home": reverse("articles:home"),
        "factcheck": fact_check.versions.get(is_current=True).get_absolute_url(),
        "claim": claim.get_absolute_url(),
        "claims": reverse("articles:claim_list"),
        "entity": reverse("articles:entity_detail", kwargs={"slug": "ana-lopez"}),
        "search": reverse("articles:search") + "?q=libraries",
    }


def test_fact_check_page_renders_claim_cards_and_highlights(
    page, live_server, fact_check
):
    page.goto(live_server.url + pages(fact_check)["factcheck"])
    # Keyboard: the skip link comes first and moves focus to the main content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className").startswith(
        "visually-hidden-focusable"
    )
    cards = page.locator("article.claim-card")
    assert cards.count() == 2
    assert cards.first.locator(".verdict-badge").inner_text().endswith("True")
    assert page.locator(".article-text mark.hl-claim").count() == 2
    assert page.locator(".article-text a.hl-mention").count() == 3
    assert page.locator(".article-text .hl-quote").count() == 1
    # The numbered link after a highlighted claim leads to its card.
    claim = fact_check.ordered_claims()[1]
    page.locator(f'.article-text a.claim-ref[href="#claim-{claim.pk}"]').click()
    assert page.url.endswith(f"#claim-{claim.pk}")
    assert page.locator(f"#claim-{claim.pk}").is_visible()


@pytest.mark.parametrize(
    "name", ["home", "factcheck", "claim", "claims", "entity", "search"]
)
def test_public_pages_have_no_serious_accessibility_violations(
    page, live_server, fact_check, name
):
    page.goto(live_server.url + pages(fact_check)[name])
    violations = serious_violations(page)
    assert violations == [], [(v["id"], v["help"]) for v in violations]


@pytest.mark.skipif(not SHOTS, reason="set NEWSROOM_SHOTS to a folder for screenshots")
def test_screenshots(chromium, live_server, fact_check):
    folder = Path(SHOTS)
    folder.mkdir(parents=True, exist_ok=True)
    for label, viewport in {
        "desktop": {"width": 1280, "height": 900},
        "mobile": {"width": 390, "height": 844},
    }.items():
        context = chromium.new_context(viewport=viewport)
        page = context.new_page()
        for name, url in pages(fact_check).items():
            page.goto(live_server.url + url)
            page.screenshot(path=str(folder / f"{name}-{label}.png"), full_page=True)
        context.close()
