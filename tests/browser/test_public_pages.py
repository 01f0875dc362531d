"""The public pages in headless Chromium: claim cards, highlights, accessibility.

Set NEWSROOM_SHOTS=/tmp/shots to also save desktop and 390px-wide screenshots.
"""

import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.cache import clear_public_cache
from articles.models import PublishedClaim
from articles.services import workflow
from tests.browser.conftest import serious_violations
from tests.factories import UserFactory
from tests.publishing import desk_publisher, publish_seed

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = os.environ.get("NEWSROOM_SHOTS", "")


@pytest.fixture
def version(db):
    """The seed article's fact-check, published through the workflow services, with
    the demo desk's policy pages and its author's team page."""
    UserFactory(username="editor", first_name="Demo", last_name="Editor")
    call_command("load_demo_policies", stdout=StringIO())
    return publish_seed()


def pages(version):
    claim = version.claims.order_by("position").first()
    return {
        "home": reverse("articles:home"),
        "factcheck": version.get_absolute_url(),
        "claim": claim.get_absolute_url(),
        "claims": reverse("articles:claim_list"),
        "entity": reverse("articles:entity_detail", kwargs={"slug": "global-times"}),
        "search": reverse("articles:search") + "?q=Badr-1",
        "versions": reverse("articles:factcheck_versions", args=[version.slug]),
        **{
            f"about-{kind}": reverse("policies:page", args=[kind])
            for kind in ("methodology", "ratings", "corrections", "ownership-funding")
        },
        "about-feedback": reverse("policies:page", args=["feedback"]),
        "team": reverse("policies:team"),
        "author": reverse("policies:author", args=["demo-editor"]),
    }


def test_seed_fact_check_renders_claim_cards_and_highlights(page, live_server, version):
    page.goto(live_server.url + pages(version)["factcheck"])
    # Keyboard: the skip link comes first.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className").startswith(
        "visually-hidden-focusable"
    )
    claims = list(version.claims.order_by("position"))
    cards = page.locator("article.claim-card")
    assert cards.count() == len(claims) == len(version.snapshot["claims"])
    for card, claim in zip(cards.all(), claims, strict=True):
        assert (
            card.locator(".verdict-badge")
            .inner_text()
            .endswith(claim.data["verdict_label"])
        )
        assert claim.statement in card.locator(".card-title").inner_text()
    badr = cards.filter(has_text="Badr-1").first
    assert badr.locator(".citation").count() >= 1
    text = page.locator(".article-text")
    anchored = [c for c in version.snapshot["claims"] if c["exact"]]
    assert text.locator("mark.hl-claim").count() >= len(anchored) > 0
    assert text.locator("a.hl-mention").count() > 10
    assert text.locator(".hl-quote").count() >= 1
    assert text.locator('a.hl-mention[href="/entities/global-times/"]').count() >= 1
    # The numbered link after a highlighted claim leads to its card.
    target = PublishedClaim.objects.get(version=version, position=7)
    link = text.locator(f'a.claim-ref[href="#claim-{target.claim_ref}"]')
    link.click()
    assert page.url.endswith(f"#claim-{target.claim_ref}")
    assert page.locator(f"#claim-{target.claim_ref}").is_visible()


@pytest.mark.parametrize(
    "name",
    [
        "home",
        "factcheck",
        "claim",
        "claims",
        "entity",
        "search",
        "versions",
        "about-methodology",
        "about-ratings",
        "about-corrections",
        "about-ownership-funding",
        "about-feedback",
        "team",
        "author",
    ],
)
def test_public_pages_have_no_serious_accessibility_violations(
    page, live_server, version, name
):
    response = page.goto(live_server.url + pages(version)[name])
    assert response.status == 200
    violations = serious_violations(page)
    assert violations == [], [(v["id"], v["help"]) for v in violations]


def test_a_retracted_fact_check_is_accessible_with_its_notice_first(
    page, live_server, version
):
    workflow.add_correction(
        fact_check=version.fact_check,
        user=desk_publisher(),
        text="We retract this fact-check.",
        kind="retraction",
    )
    clear_public_cache()
    page.goto(live_server.url + pages(version)["factcheck"])
    notice = page.locator(".retraction-notice")
    assert "has been retracted" in notice.inner_text()
    assert notice.bounding_box()["y"] < page.locator("h1").bounding_box()["y"]
    violations = serious_violations(page)
    assert violations == [], [(v["id"], v["help"]) for v in violations]
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / "retracted-desktop.png"))


@pytest.mark.skipif(not SHOTS, reason="set NEWSROOM_SHOTS to a folder for screenshots")
def test_screenshots(chromium, live_server, version):
    folder = Path(SHOTS)
    folder.mkdir(parents=True, exist_ok=True)
    for label, viewport in {
        "desktop": {"width": 1280, "height": 900},
        "mobile": {"width": 390, "height": 844},
    }.items():
        context = chromium.new_context(viewport=viewport)
        page = context.new_page()
        for name, url in pages(version).items():
            page.goto(live_server.url + url)
            page.screenshot(path=str(folder / f"{name}-{label}.png"), full_page=True)
        # The long fact-check page, part by part, readable at its real size.
        page.goto(live_server.url + pages(version)["factcheck"])
        parts = {
            "header": "article.factcheck > header",
            "card": "article.claim-card >> nth=6",
            "article": "section.source-article",
        }
        for part, selector in parts.items():
            page.locator(selector).screenshot(
                path=str(folder / f"factcheck-{part}-{label}.png")
            )
        context.close()
