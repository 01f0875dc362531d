"""Four eyes from what the history records (finding 1 of the "Trust" issue).

Nobody approves or publishes a fact-check whose verdicts, summaries, analyses or
citations they wrote, or whose attributions they confirmed; nobody confirms an
attribution they tagged. Read from django-simple-history, not from ``checked_by``.
"""

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles.models import (
    AttributionReview,
    Claim,
    FactCheckState,
    PublishedVersion,
    Quote,
    Verdict,
)
from articles.services import workflow
from articles.services.errors import WorkflowError
from articles.services.review import can_review, confirm_attribution
from articles.services.suggestions import accept_suggestion
from common.bases import SuggestionState
from tests.articles.admin_helpers import change_form_data, change_url
from tests.articles.workflow_helpers import add_ready_claim, ready_fact_check
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    ClaimFactory,
    EntityFactory,
    FactCheckClaimFactory,
    FactCheckFactory,
    QuoteFactory,
    UserFactory,
)
from tests.history import acting_as

pytestmark = pytest.mark.django_db

EVERY_ROLE = ["Editor", "Publisher", "Reviewer"]


@pytest.fixture
def solo():
    """One person in every group: editor, reviewer and publisher at once."""
    return UserFactory(username="solo", groups=EVERY_ROLE)


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def button(client, fact_check, action, **data):
    url = reverse("admin:articles_factcheck_workflow", args=[fact_check.pk, action])
    return client.post(url, data)


def add_claim_in_the_admin(client, *, article, claimant, statement):
    """Write a claim with its verdict, summary, analysis and a citation, as an
    editor does on the claim's admin page."""
    page = client.get(reverse("admin:articles_claim_add"))
    data = change_form_data(
        page,
        article=article.pk,
        statement=statement,
        speaker=claimant.pk,
        verdict=Verdict.FALSE,
        verdict_summary="The minutes record a different figure.",
        analysis="We read the council minutes of the day.",
        state="checked",
        origin="manual",
        suggestion_state="confirmed",
    )
    data.update(
        {
            "citations-TOTAL_FORMS": "1",
            "citations-0-url": "https://records.example.org/minutes-solo",
            "citations-0-title": "Council minutes",
            "citations-0-stance": "refutes",
            "citations-0-position": "0",
        }
    )
    response = client.post(reverse("admin:articles_claim_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return Claim.objects.get(statement=statement)


# One person in every group, going the whole way alone --------------------------


def test_one_person_in_every_group_cannot_take_a_fact_check_through_alone(
    client, solo, reviewer
):
    article = ArticleFactory()
    claimant = EntityFactory(name="Northbridge Council")
    client.force_login(solo)
    claim = add_claim_in_the_admin(
        client,
        article=article,
        claimant=claimant,
        statement="The council cut the library budget.",
    )
    fact_check = FactCheckFactory(article=article)
    FactCheckClaimFactory(fact_check=fact_check, claim=claim, position=1)

    # They cannot confirm who made the claim: they tagged it.
    review_url = reverse("articles:review_confirm", args=["claim", claim.pk])
    page = client.post(review_url, follow=True)
    assert "You added this attribution" in page.text
    claim.refresh_from_db()
    assert claim.review_state == AttributionReview.UNREVIEWED
    confirm_attribution(item=claim, user=reviewer)  # someone else does

    button(client, fact_check, "submit")
    fact_check.refresh_from_db()
    assert fact_check.state == FactCheckState.IN_REVIEW

    response = button(client, fact_check, "approve")

    assert messages_of(response)[-1:] == [
        "Claim 1 “The council cut the library budget.”: solo wrote its verdict, "
        "its verdict summary, its analysis and a citation, so may not also approve "
        "or publish it; another publisher must (four eyes)"
    ]
    fact_check.refresh_from_db()
    assert fact_check.state == FactCheckState.IN_REVIEW
    assert fact_check.approved_by is None
    # The change page says so before they try.
    page = client.get(change_url(fact_check))
    assert "solo wrote its verdict" in page.text

    # Another publisher approves; solo still may not publish or schedule it.
    workflow.approve(fact_check=fact_check, user=UserFactory(groups=["Publisher"]))
    response = button(client, fact_check, "publish")
    assert "solo wrote its verdict" in messages_of(response)[-1]
    later = timezone.localtime() + dt.timedelta(days=1)
    response = button(client, fact_check, "schedule", at=f"{later:%Y-%m-%dT%H:%M}")
    assert "solo wrote its verdict" in messages_of(response)[-1]
    fact_check.refresh_from_db()
    assert fact_check.state == FactCheckState.APPROVED
    assert fact_check.scheduled_at is None
    assert not PublishedVersion.objects.exists()


def test_confirming_an_attribution_bars_its_approval(editor):
    reviewing_publisher = UserFactory(
        username="rev-pub", groups=["Reviewer", "Publisher"]
    )
    fact_check = FactCheckFactory()
    add_ready_claim(fact_check, checker=editor, reviewer=None, position=1)
    claim = add_ready_claim(fact_check, checker=editor, reviewer=None, position=2)
    for each in fact_check.claims.all():
        reviewer = (
            reviewing_publisher if each == claim else UserFactory(groups=["Reviewer"])
        )
        confirm_attribution(item=each, user=reviewer)
    workflow.submit_for_review(fact_check=fact_check, user=editor)

    with pytest.raises(WorkflowError) as refused:
        workflow.approve(fact_check=fact_check, user=reviewing_publisher)

    assert refused.value.messages == [
        f"Claim 2 “{claim.statement}”: rev-pub confirmed its attribution, so may "
        "not also approve or publish it; another publisher must (four eyes)"
    ]
    fact_check.refresh_from_db()
    assert fact_check.state == FactCheckState.IN_REVIEW


def test_adding_one_citation_is_enough_to_bar_approval(editor, reviewer, publisher):
    citing_publisher = UserFactory(username="cite-pub", groups=["Editor", "Publisher"])
    fact_check = ready_fact_check(claims=2, checker=editor, reviewer=reviewer)
    claim = fact_check.ordered_claims()[1]
    with acting_as(citing_publisher):
        CitationFactory(claim=claim)
    workflow.submit_for_review(fact_check=fact_check, user=editor)

    with pytest.raises(WorkflowError) as refused:
        workflow.approve(fact_check=fact_check, user=citing_publisher)
    assert refused.value.messages == [
        f"Claim 2 “{claim.statement}”: cite-pub wrote a citation, so may not also "
        "approve or publish it; another publisher must (four eyes)"
    ]
    # A publisher who did none of it approves.
    workflow.approve(fact_check=fact_check, user=publisher)
    assert fact_check.state == FactCheckState.APPROVED


def test_the_hand_set_checked_by_field_is_not_what_counts(editor, reviewer):
    """Naming someone else as the checker does not let the writer approve."""
    writer = UserFactory(username="writer-pub", groups=["Editor", "Publisher"])
    fact_check = FactCheckFactory()
    add_ready_claim(
        fact_check,
        checker=writer,
        reviewer=reviewer,
        position=1,
        checked_by=editor,
    )
    workflow.submit_for_review(fact_check=fact_check, user=editor)
    with pytest.raises(WorkflowError, match="writer-pub wrote its verdict"):
        workflow.approve(fact_check=fact_check, user=writer)


def test_the_approve_list_action_applies_the_same_rule(client, solo, editor, reviewer):
    fact_check = ready_fact_check(claims=1, checker=solo, reviewer=reviewer)
    workflow.submit_for_review(fact_check=fact_check, user=editor)
    client.force_login(solo)

    response = client.post(
        reverse("admin:articles_factcheck_changelist"),
        {"action": "approve_selected", "_selected_action": [fact_check.pk]},
    )

    [message] = messages_of(response)
    assert "solo wrote its verdict" in message and "four eyes" in message
    fact_check.refresh_from_db()
    assert fact_check.state == FactCheckState.IN_REVIEW


def test_a_scheduled_publication_is_refused_once_the_scheduler_wrote_a_verdict(
    editor, reviewer, publisher
):
    scheduler = UserFactory(username="sched-pub", groups=["Editor", "Publisher"])
    fact_check = ready_fact_check(claims=1, checker=editor, reviewer=reviewer)
    workflow.submit_for_review(fact_check=fact_check, user=editor)
    workflow.approve(fact_check=fact_check, user=publisher)
    go_live = timezone.now() + dt.timedelta(hours=1)
    workflow.schedule(fact_check=fact_check, user=scheduler, at=go_live)
    claim = fact_check.ordered_claims()[0]
    with acting_as(scheduler):  # an edit in the admin after scheduling
        claim.analysis = "We read the minutes again and found an annex."
        claim.save()

    err = StringIO()
    with time_machine.travel(go_live + dt.timedelta(minutes=1)):
        call_command("publish_scheduled", stdout=StringIO(), stderr=err)

    assert "sched-pub wrote its analysis" in err.getvalue()
    fact_check.refresh_from_db()
    assert fact_check.state == FactCheckState.APPROVED
    assert not PublishedVersion.objects.exists()


def test_the_gate_reads_the_history_in_three_queries_whatever_the_claims(
    django_assert_num_queries, editor, reviewer, publisher
):
    small = ready_fact_check(claims=1, checker=editor, reviewer=reviewer)
    large = ready_fact_check(claims=6, checker=editor, reviewer=reviewer)
    # The claims, their history, their citations' history.
    with django_assert_num_queries(3):
        assert workflow.publish_problems(small, approver=publisher) == []
    with django_assert_num_queries(3):
        assert workflow.publish_problems(large, approver=publisher) == []
    with django_assert_num_queries(3):
        assert len(workflow.publish_problems(large, approver=editor)) == 6


# Reviewing what one tagged -----------------------------------------------------


def test_whoever_set_the_claimant_may_not_confirm_it_even_after_another_edit(editor):
    tagger = UserFactory(username="tagger", groups=["Editor", "Reviewer"])
    claim = ClaimFactory(created_by=editor, text="the vote passed 12 to 3")
    with acting_as(tagger):  # sets the claimant in the admin
        claim.speaker = EntityFactory(name="Northbridge Gazette")
        claim.save()
    other_editor = UserFactory(groups=["Editor"])
    with acting_as(other_editor):  # then someone else moves the span
        claim.set_span_from_text(claim.article.body, "4.2 million euros")
        claim.save()
    claim.refresh_from_db()
    assert claim.attribution_changed_by == other_editor

    assert not can_review(claim, tagger)
    with pytest.raises(Exception, match="You tagged this attribution"):
        confirm_attribution(item=claim, user=tagger)
    claim.refresh_from_db()
    assert claim.review_state == AttributionReview.UNREVIEWED


def test_whoever_accepted_a_suggested_quote_may_not_confirm_it(editor):
    acceptor = UserFactory(username="acceptor", groups=["Editor", "Reviewer"])
    quote = QuoteFactory(suggestion_state=SuggestionState.SUGGESTED)
    accept_suggestion(item=quote, user=acceptor)
    quote = Quote.objects.get(pk=quote.pk)
    with acting_as(editor):  # an editor then fixes the speaker as written
        quote.speaker_text = "Ana Lopez, the mayor"
        quote.save()
    quote.refresh_from_db()
    assert quote.attribution_changed_by == editor

    assert not can_review(quote, acceptor)
    assert can_review(quote, UserFactory(groups=["Reviewer"]))


# Who did what, on the fact-check's admin page ------------------------------------


def test_the_change_page_shows_who_did_what(client, editor, reviewer, publisher):
    citer = UserFactory(username="citer", groups=["Editor"])
    fact_check = FactCheckFactory()
    first = add_ready_claim(fact_check, checker=editor, reviewer=reviewer, position=1)
    second = add_ready_claim(fact_check, checker=editor, reviewer=None, position=2)
    with acting_as(citer):
        CitationFactory(claim=second)
    workflow.submit_for_review(fact_check=fact_check, user=editor)
    client.force_login(publisher)

    html = client.get(change_url(fact_check)).text

    assert 'id="who-did-what"' in html
    assert (
        f"<tr><td>1</td><td>{first.statement}</td><td>ed</td><td>ed</td><td>ed</td>"
        "<td>ed</td><td>ed</td><td>rev</td></tr>"
    ) in html
    assert (
        f"<tr><td>2</td><td>{second.statement}</td><td>ed</td><td>ed</td><td>ed</td>"
        "<td>ed</td><td>ed, citer</td><td>—</td></tr>"
    ) in html
    assert "Sent for review by ed" in html

    confirm_attribution(item=second, user=reviewer)
    workflow.approve(fact_check=fact_check, user=publisher)
    html = client.get(change_url(fact_check)).text
    assert "Sent for review by ed (" in html and "Approved by pub (" in html
    assert "<td>ed, citer</td><td>rev</td></tr>" in html


def test_a_superuser_is_held_to_the_same_rule(superuser, editor, reviewer):
    fact_check = ready_fact_check(claims=1, checker=editor, reviewer=reviewer)
    with acting_as(superuser):
        claim = fact_check.ordered_claims()[0]
        claim.verdict = Verdict.TRUE
        claim.save()
    workflow.submit_for_review(fact_check=fact_check, user=superuser)
    with pytest.raises(WorkflowError, match="root-admin wrote its verdict"):
        workflow.approve(fact_check=fact_check, user=superuser)


def test_a_publisher_who_did_none_of_it_approves_and_publishes(editor, publisher):
    fact_check = ready_fact_check(claims=2)
    workflow.submit_for_review(fact_check=fact_check, user=editor)
    workflow.approve(fact_check=fact_check, user=publisher)
    version = workflow.publish(fact_check=fact_check, user=publisher)
    assert version.number == 1
