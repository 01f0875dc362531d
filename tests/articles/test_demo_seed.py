"""`load_seed --demo`: what `make demo` shows after it ran."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.contributions import claim_records
from articles.models import AttributionReview, FactCheck, PublishedVersion, Quote
from articles.services import workflow

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEMO_ACCOUNTS_ALLOWED = True  # as under the dev settings
    call_command("create_demo_users")
    call_command("load_seed", "--demo")


def test_demo_publishes_the_seed_fact_check_with_claims_reviewed_by_the_reviewer(
    demo, client
):
    fact_check = FactCheck.objects.get()
    assert fact_check.state == "published"
    assert {claim.reviewed_by.username for claim in fact_check.claims.all()} == {
        "reviewer"
    }
    response = client.get(fact_check.get_absolute_url())
    assert response.status_code == 200
    assert "Badr-1" in response.content.decode()


def test_demo_leaves_the_quotes_waiting_for_the_reviewer(demo):
    waiting = Quote.objects.filter(review_state=AttributionReview.UNREVIEWED)
    speakers = {quote.speaker.name if quote.speaker else None for quote in waiting}
    assert waiting.count() == 5
    assert {"Global Times", "Press Trust of India", None} <= speakers


def test_demo_run_twice_publishes_once(demo):
    call_command("load_seed", "--demo")
    assert PublishedVersion.objects.count() == 1


def test_demo_without_the_demo_users_is_refused_and_loads_nothing():
    with pytest.raises(CommandError, match="create_demo_users"):
        call_command("load_seed", "--demo")
    assert not FactCheck.objects.exists()


def test_demo_fact_check_is_signed_with_the_editor_full_name(demo, client):
    response = client.get(FactCheck.objects.get().get_absolute_url())
    assert "Demo Editor" in response.content.decode()


def test_demo_publishes_with_four_eyes_read_from_the_history(demo):
    """The editor wrote the verdicts and citations, the reviewer confirmed who made
    each claim, the publisher only approved and published."""
    users = {user.username: user for user in get_user_model().objects.all()}
    fact_check = FactCheck.objects.get()
    records = claim_records(fact_check.claims.values_list("pk", flat=True))
    assert len(records) == 11
    for record in records.values():
        assert record.wrote["verdict"] == [users["editor"].pk]
        assert record.cited_by == [users["editor"].pk]
        assert record.reviewed_by == [users["reviewer"].pk]
        assert record.deeds(users["publisher"].pk) == ""
    assert fact_check.approved_by == users["publisher"]
    # Had the editor been a publisher too, the gate would have refused every claim.
    problems = workflow.publish_problems(fact_check, approver=users["editor"])
    assert len(problems) == 11
    assert "editor wrote its verdict, its verdict summary, its analysis" in problems[0]
