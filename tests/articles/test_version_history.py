"""The public change log (a version-history page per fact-check), typed corrections in
the JSON-LD, and retractions: a retracted fact-check keeps its page with a notice
and withdraws its ClaimReview; unpublishing still takes it down."""

import datetime
import json
import re

import pytest
from django.urls import reverse

from articles.models import Verdict
from articles.services import workflow
from articles.services.errors import WorkflowError
from tests.publishing import NOW, desk_publisher, make_fact_check, publish, unpublish

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
LATER = NOW + datetime.timedelta(days=1)


def json_ld(html):
    """The page's own items: the site frame's Organization node, on every page, is
    left out (tests/policies/test_organization_json_ld.py checks it)."""
    items = [json.loads(block) for block in SCRIPT.findall(html)]
    return [i for i in items if i["@type"] != "Organization"]


def history_url(slug="budget-check"):
    return reverse("articles:factcheck_versions", kwargs={"slug": slug})


def page_url(slug="budget-check"):
    return reverse("articles:factcheck_detail", kwargs={"slug": slug})


def retract(fact_check, text="We got the central figure wrong."):
    return workflow.add_correction(
        fact_check=fact_check, user=desk_publisher(), text=text, kind="retraction"
    )


@pytest.fixture
def republished():
    """Published at NOW, then again a day later with a new verdict, a reworded
    summary carrying markup, and a claim taken out."""
    fact_check = make_fact_check()
    publish(fact_check, now=NOW)
    first, second = fact_check.ordered_claims()
    first.verdict = Verdict.MOSTLY_TRUE
    first.save()
    fact_check.summary = "The budget figure mostly holds up <b>today</b>."
    fact_check.save()
    fact_check.factcheckclaim_set.filter(claim=second).delete()
    publish(fact_check, now=LATER)
    return fact_check


def test_history_lists_each_version_with_what_changed(
    client, republished, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        response = client.get(history_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Version 2") < html.index("Version 1")  # newest first
    assert '<time datetime="2025-03-06T09:30:00+00:00">' in html
    assert '<time datetime="2025-03-05T09:30:00+00:00">' in html
    assert "First publication, with 2 claims checked" in html
    assert "Verdicts changed" in html and "True → <strong>Mostly true</strong>" in html
    assert "Claims removed" in html
    assert "Northbridge will open three new libraries by 2027." in html
    # The summary's word diff: the editor's markup is text, only ins/del are tags.
    assert "<ins>mostly </ins>" in html
    assert "&lt;b&gt;today&lt;/b&gt;" in html and "<b>today" not in html


def test_fact_check_page_links_to_its_history(client, republished):
    html = client.get(page_url()).content.decode()
    assert f'href="{history_url()}"' in html
    assert "2 published versions" in html


def test_history_of_unpublished_or_draft_fact_checks_is_404(client, republished):
    unpublish(republished)
    assert client.get(history_url()).status_code == 404
    assert client.get(history_url("no-such-check")).status_code == 404


def test_history_at_an_old_address_redirects_to_the_new_one(client, republished):
    republished.slug = "budget-check-renamed"
    republished.save()
    publish(republished, now=LATER + datetime.timedelta(hours=1))
    response = client.get(history_url())
    assert response.status_code == 301
    assert response["Location"] == history_url("budget-check-renamed")


def test_publishing_again_refreshes_the_cached_history(
    client, republished, django_capture_on_commit_callbacks
):
    assert "Version 3" not in client.get(history_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        publish(republished, now=LATER + datetime.timedelta(hours=2))
    assert "Version 3" in client.get(history_url()).content.decode()


def test_corrections_are_correction_comments_in_the_json_ld(client, published):
    workflow.add_correction(
        fact_check=published,
        user=desk_publisher(),
        text="We misdated the vote.",
        kind="clarification",
    )
    html = client.get(page_url()).content.decode()
    article = next(i for i in json_ld(html) if i["@type"] == "NewsArticle")
    [note] = article["correction"]
    assert note["@type"] == "CorrectionComment"
    assert note["text"] == "We misdated the vote."
    assert note["name"] == "Clarification"
    assert re.fullmatch(
        r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", note["datePublished"]
    )
    # An ordinary correction keeps the claims' ClaimReview.
    assert sum(i["@type"] == "ClaimReview" for i in json_ld(html)) == 2


def test_a_retraction_keeps_the_page_with_a_notice_and_no_claimreview(
    client, published, django_assert_max_num_queries
):
    retract(published)
    with django_assert_max_num_queries(2):
        response = client.get(page_url())
    assert response.status_code == 200
    html = response.content.decode()
    notice = html.index("This fact-check has been retracted")
    assert notice < html.index('id="factcheck-title"')  # at the top
    assert "We got the central figure wrong." in html
    items = json_ld(html)
    assert [i["@type"] for i in items] == ["NewsArticle"]
    assert items[0]["correction"][0]["name"] == "Retraction"
    # The history page says so too.
    assert (
        "This fact-check has been retracted"
        in client.get(history_url()).content.decode()
    )


def test_a_retraction_withdraws_the_claims_from_claim_pages_and_the_feed(
    client, published, django_assert_max_num_queries
):
    claim = published.versions.get().claims.order_by("position").first()
    retract(published)
    with django_assert_max_num_queries(1):
        html = client.get(claim.get_absolute_url()).content.decode()
    assert "Retracted." in html and json_ld(html) == []
    feed = client.get(reverse("articles:claimreview_feed")).json()
    assert feed["dataFeedElement"] == []


def test_unpublishing_a_retracted_fact_check_takes_it_down(client, published):
    retract(published)
    unpublish(published)
    assert client.get(page_url()).status_code == 404
    assert client.get(history_url()).status_code == 404


def test_only_a_published_fact_check_can_be_retracted(client, published):
    unpublish(published)
    with pytest.raises(WorkflowError, match="Only a published fact-check"):
        retract(published)
    assert not published.corrections.exists()
    # Republished, it can; the notice then stays on every later version.
    publish(published, now=LATER)
    retract(published)
    publish(published, now=LATER + datetime.timedelta(hours=1))
    assert "has been retracted" in client.get(page_url()).content.decode()


def test_retraction_withdrawn_restores_the_claimreview(client, published):
    note = retract(published)
    note.delete()
    html = client.get(page_url()).content.decode()
    assert "has been retracted" not in html
    assert sum(i["@type"] == "ClaimReview" for i in json_ld(html)) == 2


def test_lists_mark_the_claims_of_a_retracted_fact_check(
    client, published, django_assert_max_num_queries
):
    retract(published)
    # The rows, and the filter's suggested names on a cold cache (three queries).
    with django_assert_max_num_queries(4):
        html = client.get(reverse("articles:claim_list")).content.decode()
    assert html.count('class="badge retracted-badge"') == 2
    entity = reverse("articles:entity_detail", kwargs={"slug": "ana-lopez"})
    assert "retracted-badge" in client.get(entity).content.decode()
