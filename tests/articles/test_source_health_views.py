"""Link health where people see it: readers' archived copies, the admin, the
publish gate's warnings and the desk's list."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from articles.desk.selectors import broken_sources_for
from articles.models import (
    Citation,
    DeskEvent,
    Notification,
    SourceCheck,
    SourceHealth,
)
from articles.services import workflow
from articles.services.sources import record_check
from tests.articles.workflow_helpers import ready_fact_check
from tests.factories import CitationFactory, UserFactory
from tests.publishing import desk_checker, desk_publisher, make_fact_check, publish

pytestmark = pytest.mark.django_db

FIRST = dt.datetime(2025, 3, 1, 8, 0, 12, 345678, tzinfo=dt.UTC)
LATER = dt.datetime(2025, 6, 1, 8, 0, tzinfo=dt.UTC)
TEXT = (
    "Minutes of the council meeting\n\n"
    "The council approved a budget of 4.2 million euros.\n\n"
    "<script>alert(1)</script> was typed by a councillor."
)


def good_copy(citation, when=FIRST):
    check = SourceCheck(
        citation=citation,
        url=citation.url,
        fetched_at=when,
        final_url=citation.url,
        status_code=200,
        content_type="text/html",
        sha256="ab" * 32,
        title="Council minutes, 4 March",
        text=TEXT,
        health=SourceHealth.OK,
    )
    record_check(citation, check)
    return check


def dead(citation, when=LATER, status=404):
    check = SourceCheck(
        citation=citation,
        url=citation.url,
        fetched_at=when,
        status_code=status,
        health=SourceHealth.DEAD,
        error=f"HTTP {status}",
    )
    record_check(citation, check)
    return check


def first_citation(fact_check) -> Citation:
    return Citation.objects.filter(claim__fact_checks=fact_check).order_by("pk")[0]


@pytest.fixture
def published():
    fact_check = make_fact_check()
    citation = first_citation(fact_check)
    good_copy(citation)
    publish(fact_check)
    return fact_check


def page_of(client, fact_check):
    fact_check.refresh_from_db()
    url = reverse("articles:factcheck_detail", kwargs={"slug": fact_check.slug})
    return client.get(url).content.decode()


def archive_url(citation):
    return reverse("articles:source_archive", kwargs={"pk": citation.pk})


# --- Readers ------------------------------------------------------------------------


def test_a_dead_source_gets_our_archived_copy_on_the_public_page(
    client, published, django_capture_on_commit_callbacks
):
    citation = first_citation(published)
    assert archive_url(citation) not in page_of(client, published)  # alive: no link
    with django_capture_on_commit_callbacks(execute=True):
        dead(citation)
    html = page_of(client, published)  # the cached page was invalidated
    assert f'href="{archive_url(citation)}"' in html
    assert "the original page is no longer available" in html
    other = Citation.objects.filter(claim__fact_checks=published).exclude(
        pk=citation.pk
    )[0]
    assert archive_url(other) not in html


def test_a_dead_source_without_our_copy_points_to_the_editors_archive(
    client, django_capture_on_commit_callbacks
):
    fact_check = make_fact_check()
    citation = first_citation(fact_check)
    Citation.objects.filter(pk=citation.pk).update(
        archived_url="https://web.archive.org/web/2025/https://records.example.org/x"
    )
    publish(fact_check)
    with django_capture_on_commit_callbacks(execute=True):
        dead(citation)
    html = page_of(client, fact_check)
    assert "https://web.archive.org/web/2025/https://records.example.org/x" in html
    assert archive_url(citation) not in html  # we hold no copy of our own


def test_the_archived_copy_page_shows_the_text_and_its_date(
    client, published, django_assert_max_num_queries
):
    citation = first_citation(published)
    dead(citation)
    with django_assert_max_num_queries(2):
        response = client.get(archive_url(citation))
    assert response.status_code == 200
    html = response.content.decode()
    assert "The council approved a budget of 4.2 million euros." in html
    assert '<time datetime="2025-03-01T08:00:12+0000">' in html  # no microseconds
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert citation.url in html
    assert '<meta name="robots" content="noindex">' in html


def test_no_archived_copy_of_what_is_not_published(client):
    draft = make_fact_check(slug="draft-check", title="A draft")
    citation = first_citation(draft)
    good_copy(citation)
    assert client.get(archive_url(citation)).status_code == 404
    assert client.get(reverse("articles:source_archive", args=[999])).status_code == 404


def test_the_archived_copy_goes_when_the_fact_check_is_unpublished(client, published):
    citation = first_citation(published)
    assert client.get(archive_url(citation)).status_code == 200
    workflow.unpublish(fact_check=published, user=desk_publisher())
    assert client.get(archive_url(citation)).status_code == 404


def test_an_address_edited_after_publication_is_not_shown(client, published):
    """Readers see the published address: a copy of the new, unpublished one is not
    theirs to read."""
    citation = first_citation(published)
    citation.url = "https://records.example.org/a-new-unpublished-address"
    citation.save()
    good_copy(citation)
    assert client.get(archive_url(citation)).status_code == 404


# --- The publish gate: a warning, not a block ---------------------------------------


def test_broken_sources_are_warnings_that_do_not_block_publishing():
    fact_check = ready_fact_check(claims=2)
    citation = Citation.objects.filter(claim__fact_checks=fact_check).first()
    good_copy(citation)
    dead(citation)
    warnings = workflow.publish_warnings(fact_check)
    assert len(warnings) == 1
    assert "is dead (checked 2025-06-01)" in warnings[0]
    assert citation.title in warnings[0]
    publisher = desk_publisher()
    assert workflow.publish_problems(fact_check, approver=publisher) == []
    publish(fact_check, user=publisher)
    fact_check.refresh_from_db()
    assert fact_check.state == "published"


def test_the_fact_check_change_page_shows_the_warnings(client, superuser):
    fact_check = ready_fact_check(claims=1)
    citation = Citation.objects.filter(claim__fact_checks=fact_check).first()
    dead(citation)
    client.force_login(superuser)
    response = client.get(
        reverse("admin:articles_factcheck_change", args=[fact_check.pk])
    )
    html = response.content.decode()
    assert "To look at before publishing (publishing is not blocked)" in html
    assert "is dead" in html


def test_publishing_from_the_admin_repeats_the_warning(client, editor):
    fact_check = ready_fact_check(claims=1)
    dead(Citation.objects.filter(claim__fact_checks=fact_check).first())
    workflow.submit_for_review(fact_check=fact_check, user=editor)
    publisher = desk_publisher()
    workflow.approve(fact_check=fact_check, user=publisher)
    client.force_login(publisher)
    response = client.post(
        reverse("admin:articles_factcheck_workflow", args=[fact_check.pk, "publish"])
    )
    texts = [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]
    assert ("success", "Published.") in texts
    assert any(level == "warning" and "is dead" in text for level, text in texts)


# --- The admin ----------------------------------------------------------------------


def test_the_sources_broken_filters(client, superuser):
    fine, broken = CitationFactory(), CitationFactory()
    good_copy(fine)
    dead(broken)
    with_broken = ready_fact_check(claims=1)
    dead(Citation.objects.filter(claim__fact_checks=with_broken).first())
    healthy = ready_fact_check(claims=1)
    client.force_login(superuser)
    listed = client.get(
        reverse("admin:articles_citation_changelist"), {"sources": "broken"}
    ).content.decode()
    assert broken.title in listed and fine.title not in listed
    assert "Dead" in listed
    listed = client.get(
        reverse("admin:articles_factcheck_changelist"), {"sources": "broken"}
    ).content.decode()
    assert with_broken.title in listed and healthy.title not in listed


def test_an_editor_reads_the_check_history_and_cannot_edit_it(client, editor):
    citation = CitationFactory()
    good_copy(citation)
    dead(citation)
    client.force_login(editor)
    url = reverse("admin:articles_citation_change", args=[citation.pk])
    html = client.get(url).content.decode()
    assert "checks of the page (link health history)" in html.lower()
    assert "HTTP 404" in html
    assert 'name="source_checks-0-health"' not in html  # read-only rows
    assert 'name="source_checks-TOTAL_FORMS" value="2"' in html
    # A POST cannot change the recorded health either (not a form field).
    assert SourceCheck.objects.filter(citation=citation).count() == 2


# --- The desk -----------------------------------------------------------------------


def test_broken_sources_for_lists_what_the_checker_answers_for():
    fact_check = make_fact_check()
    citation = first_citation(fact_check)
    dead(citation)
    stranger = UserFactory(username="someone-else", groups=["Editor"])
    assert list(broken_sources_for(desk_checker())) == [citation]
    assert list(broken_sources_for(stranger)) == []


def test_the_checker_is_told_once_when_a_source_breaks(
    django_capture_on_commit_callbacks,
):
    fact_check = make_fact_check()
    citation = first_citation(fact_check)
    with django_capture_on_commit_callbacks(execute=True):
        good_copy(citation)
        dead(citation)
        dead(citation, when=LATER + dt.timedelta(days=7))  # still dead: no news
    told = Notification.objects.filter(event=DeskEvent.SOURCE_BROKEN)
    assert [n.recipient for n in told] == [desk_checker()]
    assert "is dead" in told[0].text and "HTTP 404" in told[0].text


def test_the_page_follows_a_source_that_comes_back_elsewhere(
    client, published, django_capture_on_commit_callbacks
):
    citation = first_citation(published)
    with django_capture_on_commit_callbacks(execute=True):
        dead(citation)
    assert "no longer available" in page_of(client, published)
    moved = SourceCheck(
        citation=citation,
        url=citation.url,
        fetched_at=LATER + dt.timedelta(days=7),
        final_url="https://records.example.org/new-home",
        status_code=200,
        sha256="cd" * 32,
        text=TEXT,
        health=SourceHealth.MOVED,
    )
    with django_capture_on_commit_callbacks(execute=True):
        record_check(citation, moved)
    assert "no longer available" not in page_of(client, published)


def test_the_admin_action_checks_the_selected_pages(client, editor, monkeypatch):
    from tests.articles import source_network

    network = source_network.install(monkeypatch, 1)  # every name unknown: dead
    citation = CitationFactory(url="https://vanished.example/minutes")
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_citation_changelist"),
        {"action": "check_sources_now", "_selected_action": [citation.pk]},
    )
    assert response.status_code == 302
    citation.refresh_from_db()
    assert citation.source_health == SourceHealth.DEAD
    assert network.lookups[0] == "vanished.example"


def test_the_archived_copy_names_the_citation_as_published_not_as_edited_since(
    client, published
):
    citation = first_citation(published)
    published_title = citation.title
    Citation.objects.filter(pk=citation.pk).update(
        title="An unpublished new title", publisher="An unpublished publisher"
    )
    html = client.get(archive_url(citation)).content.decode()
    assert published_title in html
    assert "unpublished" not in html


def test_an_archived_copy_address_with_an_impossible_id_is_not_found(client):
    url = "/sources/99999999999999999999999/archived/"
    assert client.get(url).status_code == 404
