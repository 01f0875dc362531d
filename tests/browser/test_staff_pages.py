"""Every staff page passes axe with no serious or critical violation: the admin index,
each main model's changelist and change page, the Tag and import pages, the review
queue and an item, My desk, a claim's re-check page and the notifications."""

import datetime as dt
import tempfile
from pathlib import Path
from pprint import pformat

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.desk.assignments import assign
from articles.desk.comments import edit_comment, post_comment
from articles.models import Claim, FactCheck, Job, JobKind, JobState, Mention, Quote
from entities.models import Alias, Entity
from tests.browser.conftest import login, serious_violations
from tests.factories import ArticleFactory, UserFactory
from tests.publishing import SEED_SLUG, publish_seed

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path(tempfile.gettempdir()) / "shots"


def staff_pages(superuser) -> list[tuple[str, str]]:
    """(name, address) of every page to scan, on the published seed."""
    fact_check = FactCheck.objects.get(slug=SEED_SLUG)
    article = fact_check.article
    claim = fact_check.ordered_claims().first()
    quote = Quote.objects.filter(article=article).first()
    job = Job.objects.create(
        kind=JobKind.IMPORT,
        state=JobState.FAILED,
        started_by=superuser,
        finished_at=timezone.now(),
        error="One line was refused.",
    )
    assign(item=fact_check, assignee=superuser, user=superuser, note="Re-read")
    comment = post_comment(item=claim, user=superuser, text="Which minutes?")
    edit_comment(comment=comment, user=superuser, text="Which council minutes?")
    objects = {
        "article": article,
        "claim": claim,
        "quote": quote,
        "citation": claim.citations.first(),
        "factcheck": fact_check,
        "publishedversion": fact_check.versions.first(),
        "correction": None,
        "job": job,
        "mention": Mention.objects.first(),
    }
    pages = [("admin index", reverse("admin:index"))]
    for model, obj in objects.items():
        pages.append((f"{model} list", reverse(f"admin:articles_{model}_changelist")))
        if obj is not None:
            pages.append(
                (
                    f"{model} change",
                    reverse(f"admin:articles_{model}_change", args=[obj.pk]),
                )
            )
    for model, obj in (
        ("entity", Entity.objects.first()),
        ("alias", Alias.objects.first()),
    ):
        pages.append((f"{model} list", reverse(f"admin:entities_{model}_changelist")))
        pages.append(
            (
                f"{model} change",
                reverse(f"admin:entities_{model}_change", args=[obj.pk]),
            )
        )
    pages += [
        ("tag", reverse("admin:articles_article_tag", args=[article.pk])),
        ("import", reverse("admin:articles_article_import")),
        ("review queue", reverse("articles:review_queue")),
        ("review item", reverse("articles:review_item", args=["quote", quote.pk])),
        ("my desk", reverse("articles:desk_home")),
        ("my assignments", reverse("articles:desk_assignments")),
        (
            "comment history",
            reverse("articles:desk_comment_history", args=[comment.pk]),
        ),
        (
            "assignment history",
            reverse("articles:desk_assignment_history", args=["claim", claim.pk]),
        ),
        ("re-check", reverse("articles:desk_recheck", args=[claim.pk])),
        ("notifications", reverse("articles:desk_notifications")),
        ("preferences", reverse("articles:desk_preferences")),
    ]
    return pages


def test_every_staff_page_passes_axe(page, live_server):
    publish_seed()
    Claim.objects.filter(pk__in=Claim.objects.values("pk")[:1]).update(
        recheck_on=dt.date(2026, 3, 1)
    )
    superuser = UserFactory(username="scan-admin", is_superuser=True)
    login(page, live_server, superuser.username)
    SHOTS.mkdir(exist_ok=True)
    failures = {}
    for name, address in staff_pages(superuser):
        response = page.goto(f"{live_server.url}{address}")
        assert response.status == 200, f"{name}: {response.status}"
        violations = serious_violations(page)
        if violations:
            failures[name] = [
                (v["id"], len(v["nodes"]), v["nodes"][0]["target"]) for v in violations
            ]
        if name in {"my desk", "re-check", "article change"}:
            page.screenshot(
                path=str(SHOTS / f"staff-{name.replace(' ', '-')}.png"), full_page=True
            )
    assert failures == {}, pformat(failures, width=200)


def test_an_editor_goes_from_the_desk_to_an_assigned_item_and_back(page, live_server):
    editor = UserFactory(username="walk-ed", groups=["Editor"])
    chief = UserFactory(username="walk-chief", groups=["Editor"])
    fact_check = FactCheck.objects.create(
        article=ArticleFactory(),
        title="Transit budget check",
        slug="transit-budget-check",
        summary="Draft.",
    )
    assign(
        item=fact_check,
        assignee=editor,
        user=chief,
        due_on=timezone.localdate() - dt.timedelta(days=1),
        note="Needs the minutes",
    )

    login(page, live_server, editor.username)  # staff land on their desk
    page.wait_for_url("**/desk/")
    assigned = page.locator("#desk-assigned")
    assert "Transit budget check" in assigned.inner_text()
    assert "overdue" in assigned.inner_text()
    # keyboard: the section index jumps to the section
    page.get_by_role("link", name="Assigned to me 1").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/desk/#desk-assigned")

    assert page.locator("#desk-unread-count").inner_text() == "1"
    page.click("#desk-notifications-link")
    page.wait_for_url("**/desk/notifications/")
    page.locator("#notifications li", has_text="assigned you").get_by_role(
        "button", name="Open"
    ).click()
    page.wait_for_url(f"**/admin/articles/factcheck/{fact_check.pk}/change/")
    assert "Assigned to walk-ed" in page.locator("#desk-panel").inner_text()
    assert page.locator("#desk-unread-count").inner_text() == "0"

    page.click("#desk-home-link")  # the admin header links back to the desk
    page.wait_for_url("**/desk/")
    assert "Transit budget check" in page.locator("#desk-assigned").inner_text()
    assert page.locator("#desk-unread-count").inner_text() == "0"
    assert serious_violations(page) == []
