"""Claims without a claimant credit the article's publication and can be reviewed
(finding 4 of the "Trust" issue): before, the gate asked for a review the queue
neither listed nor served, so such a claim could never be published."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from articles.models import AttributionReview, FactCheckState
from articles.services import workflow
from articles.services.review import confirm_attribution, correct_attribution
from entities.models import EntityKind
from tests.articles.workflow_helpers import add_ready_claim
from tests.factories import ArticleFactory, EntityFactory, FactCheckFactory

pytestmark = pytest.mark.django_db

QUEUE = reverse("articles:review_queue")


def item_url(claim, action=""):
    name = f"articles:review_{action}" if action else "articles:review_item"
    return reverse(name, kwargs={"kind": "claim", "pk": claim.pk})


@pytest.fixture
def gazette():
    return EntityFactory(name="Northbridge Gazette", kind=EntityKind.PUBLICATION)


@pytest.fixture
def fact_check(gazette):
    return FactCheckFactory(article=ArticleFactory(publication=gazette))


@pytest.fixture
def unclaimed(fact_check, editor):
    """A checked claim with no claimant, in a fact-check, not yet reviewed."""
    return add_ready_claim(
        fact_check, checker=editor, reviewer=None, position=1, speaker=None
    )


def test_the_queue_lists_it_credited_to_the_publication(
    client, reviewer, unclaimed, gazette
):
    client.force_login(reviewer)
    rows = list(client.get(QUEUE).context["page_obj"])
    assert [(r["item_id"], r["who_id"], r["who_name"]) for r in rows] == [
        (unclaimed.pk, gazette.pk, "Northbridge Gazette")
    ]
    # Filtering by the publication finds it; the filter box names the publication.
    response = client.get(QUEUE, {"speaker": gazette.pk})
    assert [r["item_id"] for r in response.context["page_obj"]] == [unclaimed.pk]
    shown = response.context["filter_form"]["speaker"].value()
    assert shown == f"Northbridge Gazette — Publication or news agency [#{gazette.pk}]"


def test_its_item_page_says_who_is_credited_and_it_can_be_confirmed(
    client, reviewer, unclaimed
):
    client.force_login(reviewer)
    response = client.get(item_url(unclaimed))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Northbridge Gazette" in html
    assert 'id="credited-as-publication"' in html
    assert 'id="confirm-form"' in html

    client.post(item_url(unclaimed, "confirm"))

    unclaimed.refresh_from_db()
    assert unclaimed.review_state == AttributionReview.CONFIRMED
    assert unclaimed.reviewed_by == reviewer
    assert unclaimed.speaker is None


def test_once_confirmed_the_fact_check_can_be_published(
    editor, reviewer, publisher, fact_check, unclaimed
):
    problems = workflow.publish_problems(fact_check, approver=publisher)
    assert problems == [
        f"Claim 1 “{unclaimed.statement}”: attribution unreviewed (a reviewer must "
        "confirm or correct it)"
    ]
    confirm_attribution(item=unclaimed, user=reviewer)
    workflow.submit_for_review(fact_check=fact_check, user=editor)
    workflow.approve(fact_check=fact_check, user=publisher)
    version = workflow.publish(fact_check=fact_check, user=publisher)
    assert fact_check.state == FactCheckState.PUBLISHED
    [card] = version.snapshot["claims"]
    assert "Northbridge Gazette" in str(card)


def test_correcting_to_the_publication_itself_is_refused(reviewer, unclaimed, gazette):
    with pytest.raises(ValidationError, match="already credited"):
        correct_attribution(item=unclaimed, user=reviewer, speaker=gazette, note="n")


# No publication either --------------------------------------------------------


@pytest.fixture
def nobody(editor):
    fact_check = FactCheckFactory(article=ArticleFactory(publication=None))
    return add_ready_claim(
        fact_check, checker=editor, reviewer=None, position=1, speaker=None
    )


def test_with_no_publication_the_item_is_reachable_and_says_so(
    client, reviewer, nobody
):
    client.force_login(reviewer)
    rows = list(client.get(QUEUE).context["page_obj"])
    assert [(r["item_id"], r["who_name"]) for r in rows] == [(nobody.pk, "")]

    response = client.get(item_url(nobody))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="nobody-credited"' in html
    assert "no claimant and its article has no publication" in html
    assert 'id="confirm-form"' not in html
    assert 'id="correct-form"' in html


def test_with_no_publication_confirming_is_refused_but_correcting_works(
    client, reviewer, nobody
):
    client.force_login(reviewer)
    response = client.post(item_url(nobody, "confirm"))
    assert response.status_code == 302
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert message.startswith("No one is credited with this claim")
    nobody.refresh_from_db()
    assert nobody.review_state == AttributionReview.UNREVIEWED

    mayor = EntityFactory(name="Ana Lopez", kind=EntityKind.PERSON)
    correct_attribution(item=nobody, user=reviewer, speaker=mayor, note="Her words")
    nobody.refresh_from_db()
    assert nobody.review_state == AttributionReview.CORRECTED
    assert nobody.speaker == mayor


def test_with_no_publication_the_gate_says_what_to_do(publisher, nobody):
    fact_check = nobody.fact_checks.get()
    assert workflow.publish_problems(fact_check, approver=publisher) == [
        f"Claim 1 “{nobody.statement}”: no one is credited with it (no claimant, "
        "and the article has no publication): an editor must set either, then a "
        "reviewer confirm it"
    ]
