"""The Tag page in headless Chromium: select text, tag it as an entity."""

import tempfile
from pathlib import Path

import pytest

from articles.models import Mention
from articles.services.article_body import update_article_body
from articles.services.suggestions import suggest_for_article
from common.bases import SuggestionState
from entities.models import EntityKind
from tests.articles import engine_fakes
from tests.browser.conftest import login, serious_violations
from tests.factories import ArticleFactory, EntityFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path(tempfile.gettempdir()) / "shots"

SELECT_TEXT = """(text) => {
  const body = document.getElementById("tag-body");
  const start = body.textContent.indexOf(text);
  const end = start + text.length;
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  let seen = 0, range = document.createRange(), node;
  while ((node = walker.nextNode())) {
    const length = node.textContent.length;
    if (seen <= start && start < seen + length) range.setStart(node, start - seen);
    if (seen < end && end <= seen + length) { range.setEnd(node, end - seen); break; }
    seen += length;
  }
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  body.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
}"""


def editor_group():
    """The Editor group as the roles migration makes it (a flush removes groups)."""
    from importlib import import_module

    from django.apps import apps
    from django.contrib.auth.models import Group, Permission

    roles = import_module("articles.migrations.0003_create_role_groups").ROLES
    group, _created = Group.objects.get_or_create(name="Editor")
    group.permissions.set(
        [
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in roles["Editor"]
            if not codename.endswith("_mention")  # now under articles, below
        ]
    )
    import_module(
        "articles.migrations.0032_mention_content_types_follow"
    ).grant_mention_rights(apps)


@pytest.fixture
def tagging_setup(monkeypatch):
    editor_group()
    place = EntityFactory(name="Northbridge", kind=EntityKind.PLACE)
    mayor = EntityFactory(name="Ana Lopez", kind=EntityKind.PERSON)
    engine_fakes.install(monkeypatch, entities={"Northbridge": place})
    article = ArticleFactory(headline="Council approves budget")
    article.body += "\nThe mayor was alos there."
    article.save()
    suggest_for_article(article=article)
    UserFactory(username="tagger", groups=["Editor"])
    return article, mayor


def test_select_text_and_tag_it_as_an_entity(page, live_server, tagging_setup):
    article, mayor = tagging_setup
    login(page, live_server, "tagger")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/tag/")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "tag-page.png"), full_page=True)
    assert page.locator("#tag-body .tg-mention-suggested").count() == 2

    page.evaluate(SELECT_TEXT, "Ana Lopez")
    assert "Selected: “Ana Lopez”" in page.locator("#selection-preview").inner_text()
    page.fill("#tag-entity", "Ana Lopez")
    page.click("#tag-submit")
    page.wait_for_selector("#tag-status:has-text('Tagged “Ana Lopez” as an entity')")

    mention = Mention.objects.get(entity=mayor)
    assert mention.suggestion_state == SuggestionState.CONFIRMED
    assert article.body[mention.start : mention.end] == "Ana Lopez"
    tagged = page.locator(f'.tg-mention-confirmed[data-refs~="mention-{mention.pk}"]')
    assert tagged.inner_text() == "Ana Lopez"
    # Focus lands on the announcement after the reload.
    assert page.evaluate("document.activeElement.id") == "tag-status"
    page.screenshot(path=str(SHOTS / "tag-page-after.png"), full_page=True)
    assert serious_violations(page) == []


def test_keyboard_only_accept_every_mention(page, live_server, tagging_setup):
    article, _mayor = tagging_setup
    login(page, live_server, "tagger")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/tag/")
    button = page.get_by_role("button", name="Accept all 2 mentions")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#tag-status:has-text('Accepted 2 mention(s)')")
    assert Mention.objects.confirmed().count() == 2
    assert page.locator("#tag-body .tg-mention-confirmed").count() == 2


def test_typed_text_is_tagged_as_a_claim(page, live_server, tagging_setup):
    article, _mayor = tagging_setup
    login(page, live_server, "tagger")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/tag/")
    page.fill("#find-text", "the vote passed 12 to 3")
    page.click("#find-button")
    page.check("input[name=kind][value=claim]")
    page.click("#tag-submit")
    page.wait_for_selector("#tag-status:has-text('as a claim')")
    assert article.claims.filter(exact="the vote passed 12 to 3").exists()


def test_seed_tag_page_with_the_real_engine(page, live_server):
    from io import StringIO

    from django.core.management import call_command

    from articles.models import Article

    editor_group()
    tagger = UserFactory(username="tagger", groups=["Editor"])
    call_command("load_seed", stdout=StringIO())
    article = Article.objects.get()
    suggest_for_article(article=article)
    update_article_body(
        article=article,
        body=article.body.replace(
            "The station is also seen as a new frontier of competition between "
            "China and the US.\n",
            "",
        ),
        user=tagger,
    )
    login(page, live_server, "tagger")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/tag/")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "tag-page-seed.png"), full_page=True)
    assert page.locator("#tag-body .tg-flag").inner_text() == "alos"
    assert "Orphaned (not found in the text)" in page.content()
    assert serious_violations(page) == []


def test_import_page_pasted_text(page, live_server, monkeypatch):
    editor_group()
    UserFactory(username="tagger", groups=["Editor"])
    engine_fakes.install(monkeypatch)
    login(page, live_server, "tagger")
    page.goto(f"{live_server.url}/admin/articles/article/")
    page.get_by_role("link", name="Import article").click()
    page.fill("#id_text", "Harbour reopens\n\nThe harbour reopened on Monday.")
    page.fill("#id_publication", "Northbridge Gazette")
    page.get_by_role("button", name="Import").click()
    # The job page (the job ran at once here: tests run jobs eagerly).
    page.wait_for_selector("text=1 imported")
    assert "Succeeded" in page.locator(".job-status").inner_text()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "import-job-page.png"), full_page=True)
    assert serious_violations(page) == []
    page.get_by_role("link", name="Harbour reopens").click()
    page.wait_for_selector("#tag-body")
    assert page.locator("#tag-body").inner_text() == "The harbour reopened on Monday."
