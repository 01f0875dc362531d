"""Readers in: suggest a claim to check, report an error; the desk's queues."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.intake import services
from articles.models import (
    Claim,
    ClaimSuggestion,
    ErrorReport,
    SubmissionState,
)
from common.bases import SuggestionState
from tests.factories import ArticleFactory, FactCheckFactory
from tests.publishing import NOW, make_fact_check, publish

pytestmark = pytest.mark.django_db

SUGGEST = "articles:suggest_claim"
CLAIM_TEXT = "The mayor said the new bridge will be finished by 2026."


def suggestion_post(**overrides):
    return {
        "message": CLAIM_TEXT,
        "source_url": "https://news.example.org/bridge",
        "contact_email": "",
        "website": "",
        **overrides,
    }


def report_url(slug="budget-check"):
    return reverse("articles:report_error", kwargs={"slug": slug})


# --- Suggest a claim ---------------------------------------------------------------


def test_the_form_page_is_never_cached(client):
    response = client.get(reverse(SUGGEST))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "X-Public-Cache" not in response
    html = response.content.decode()
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'name="website"' in html


def test_a_reader_suggests_a_claim(client):
    response = client.post(reverse(SUGGEST), suggestion_post(), follow=True)

    suggestion = ClaimSuggestion.objects.get()
    assert suggestion.message == CLAIM_TEXT
    assert suggestion.source_url == "https://news.example.org/bridge"
    assert suggestion.state == SubmissionState.NEW
    assert response.redirect_chain[-1] == (reverse(SUGGEST), 302)
    assert "Thank you" in response.content.decode()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"message": ""}, "This field is required."),
        ({"message": "short"}, "at least 10 characters"),
        ({"message": "x" * 1001}, "at most 1000 characters"),
        ({"message": "A claim with a \x1b control char"}, "control character"),
        # Invisible characters only: nothing an editor could read.
        ({"message": "\u200b" * 12}, "Write it in words"),
        ({"message": "\u00a0\u2060" * 8 + "?!"}, "Write it in words"),
        ({"source_url": "javascript:alert(1)"}, "Enter an http:// or https://"),
        ({"source_url": "ftp://files.example.org/x"}, "Enter an http:// or https://"),
        ({"contact_email": "not-an-address"}, "valid email address"),
    ],
)
def test_bad_input_is_refused_clearly_and_stores_nothing(client, fields, message):
    response = client.post(reverse(SUGGEST), suggestion_post(**fields))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Please correct the problems marked below; nothing was saved." in html
    assert message in html
    assert 'aria-invalid="true"' in html
    assert not ClaimSuggestion.objects.exists()


def test_a_bot_filling_the_honeypot_is_thanked_and_nothing_is_stored(client):
    response = client.post(
        reverse(SUGGEST),
        suggestion_post(website="https://spam.example.org"),
        follow=True,
    )

    assert "Thank you" in response.content.decode()
    assert not ClaimSuggestion.objects.exists()


def test_posts_are_limited_per_address(client, settings):
    settings.READER_FORM_LIMIT = 2
    for _ in range(2):
        client.post(reverse(SUGGEST), suggestion_post())

    refused = client.post(reverse(SUGGEST), suggestion_post())
    elsewhere = client.post(
        reverse(SUGGEST), suggestion_post(), REMOTE_ADDR="198.51.100.4"
    )

    assert refused.status_code == 429
    assert "Please wait 1 hour" in refused.content.decode()
    assert refused["Retry-After"] == "3600"
    assert elsewhere.status_code == 302
    assert ClaimSuggestion.objects.count() == 3


def test_the_refusal_names_the_window_the_desk_set(client, settings):
    settings.READER_FORM_LIMIT = 1
    settings.READER_FORM_WINDOW_SECONDS = 600
    client.post(reverse(SUGGEST), suggestion_post())

    refused = client.post(reverse(SUGGEST), suggestion_post())

    assert refused.status_code == 429
    assert "Please wait 10 minutes" in refused.content.decode()
    assert refused["Retry-After"] == "600"


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_X_FORWARDED_FOR": "203.0.113.9"},
        {"HTTP_X_REAL_IP": "203.0.113.10"},
        {"HTTP_CLIENT_IP": "203.0.113.11"},
        {"HTTP_FORWARDED": "for=203.0.113.12"},
    ],
)
def test_a_header_the_client_chooses_buys_no_fresh_allowance(client, settings, headers):
    settings.READER_FORM_LIMIT = 1
    client.post(reverse(SUGGEST), suggestion_post())

    refused = client.post(reverse(SUGGEST), suggestion_post(), **headers)

    assert refused.status_code == 429
    assert ClaimSuggestion.objects.count() == 1


def test_one_ipv6_network_shares_one_allowance(client, settings):
    """A host holds a whole /64: each of its addresses gets no allowance of its own."""
    settings.READER_FORM_LIMIT = 1
    client.post(reverse(SUGGEST), suggestion_post(), REMOTE_ADDR="2001:db8:1:2::1")

    same_network = client.post(
        reverse(SUGGEST), suggestion_post(), REMOTE_ADDR="2001:db8:1:2:ffff::7"
    )
    other_network = client.post(
        reverse(SUGGEST), suggestion_post(), REMOTE_ADDR="2001:db8:1:3::1"
    )

    assert same_network.status_code == 429
    assert other_network.status_code == 302
    assert ClaimSuggestion.objects.count() == 2


def test_an_ipv4_address_written_as_ipv6_is_the_same_client(client, settings):
    settings.READER_FORM_LIMIT = 1
    client.post(reverse(SUGGEST), suggestion_post(), REMOTE_ADDR="198.51.100.4")

    mapped = client.post(
        reverse(SUGGEST), suggestion_post(), REMOTE_ADDR="::ffff:198.51.100.4"
    )

    assert mapped.status_code == 429


def test_a_post_without_the_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse(SUGGEST), suggestion_post())
    assert response.status_code == 403
    assert not ClaimSuggestion.objects.exists()


# --- Report an error ---------------------------------------------------------------


@pytest.fixture
def published():
    fact_check = make_fact_check()
    publish(fact_check, now=NOW)
    return fact_check


def test_the_fact_check_page_links_to_the_report_form_also_when_cached(
    client, published
):
    url = reverse("articles:factcheck_detail", kwargs={"slug": "budget-check"})
    first = client.get(url)
    again = client.get(url)

    assert again["X-Public-Cache"] == "hit"
    for response in (first, again):
        assert f'href="{report_url()}"' in response.content.decode()
    # The cached fact-check page carries no one's CSRF token.
    assert b"csrfmiddlewaretoken" not in again.content


def test_a_reader_reports_an_error(client, published, django_assert_max_num_queries):
    page = client.get(report_url())
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert "Fact-check: the budget story" in page.content.decode()

    with django_assert_max_num_queries(4):
        response = client.post(
            report_url(),
            {"message": "The vote was 12 to 2, not 12 to 3.", "website": ""},
        )

    assert response.status_code == 302
    report = ErrorReport.objects.get()
    assert report.fact_check == published
    assert report.version_number == 1
    assert report.state == SubmissionState.NEW


@pytest.mark.parametrize(
    ("message", "reason"),
    [("wrong", "at least 10 characters"), ("\u200b" * 20, "Write it in words")],
)
def test_a_bad_report_stores_nothing(client, published, message, reason):
    response = client.post(report_url(), {"message": message, "website": ""})

    assert response.status_code == 200
    assert reason in response.content.decode()
    assert not ErrorReport.objects.exists()


def test_a_report_without_the_csrf_token_is_refused(published):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        report_url(), {"message": "The vote was 12 to 2.", "website": ""}
    )
    assert response.status_code == 403
    assert not ErrorReport.objects.exists()


def test_a_report_over_the_limit_stores_nothing(client, published, settings):
    settings.READER_FORM_LIMIT = 1
    post = {"message": "The vote was 12 to 2, not 12 to 3.", "website": ""}
    assert client.post(report_url(), post).status_code == 302

    refused = client.post(report_url(), post, HTTP_X_FORWARDED_FOR="203.0.113.9")

    assert refused.status_code == 429
    assert ErrorReport.objects.count() == 1


def test_only_published_fact_checks_take_reports(client):
    draft = FactCheckFactory(slug="a-draft")

    assert client.get(report_url(draft.slug)).status_code == 404
    response = client.post(
        report_url(draft.slug), {"message": "Something is wrong here.", "website": ""}
    )
    assert response.status_code == 404
    assert not ErrorReport.objects.exists()


# --- The desk's queues ---------------------------------------------------------------


def test_editors_accept_a_suggestion_and_draft_a_claim(client, editor):
    suggestion = services.suggest_claim(message=CLAIM_TEXT)
    article = ArticleFactory()
    client.force_login(editor)
    changelist = reverse("admin:articles_claimsuggestion_changelist")

    # No article chosen yet: the draft is refused with the reason.
    client.post(changelist, {"action": "accept", "_selected_action": [suggestion.pk]})
    response = client.post(
        changelist,
        {"action": "draft_claims", "_selected_action": [suggestion.pk]},
        follow=True,
    )
    assert "Choose the stored article" in response.content.decode()
    assert not Claim.objects.exists()

    suggestion.refresh_from_db()
    assert suggestion.state == SubmissionState.ACCEPTED
    assert suggestion.handled_by == editor
    suggestion.article = article
    suggestion.save()
    client.post(
        changelist, {"action": "draft_claims", "_selected_action": [suggestion.pk]}
    )

    claim = Claim.objects.get()
    assert claim.article == article
    assert claim.statement == CLAIM_TEXT
    assert claim.suggestion_state == SuggestionState.SUGGESTED
    suggestion.refresh_from_db()
    assert suggestion.claim == claim
    # A second draft is refused: one claim per suggestion.
    client.post(
        changelist, {"action": "draft_claims", "_selected_action": [suggestion.pk]}
    )
    assert Claim.objects.count() == 1


def test_a_new_suggestion_cannot_be_drafted_before_it_is_accepted(editor):
    suggestion = services.suggest_claim(message=CLAIM_TEXT)
    suggestion.article = ArticleFactory()
    suggestion.save()
    with pytest.raises(Exception, match="Accept"):
        services.draft_claim_from(suggestion=suggestion, user=editor)
    assert not Claim.objects.exists()


def test_rejecting_needs_the_permission(client, reviewer, editor):
    suggestion = services.suggest_claim(message=CLAIM_TEXT)
    changelist = reverse("admin:articles_claimsuggestion_changelist")
    client.force_login(reviewer)
    assert client.get(changelist).status_code == 403

    client.force_login(editor)
    client.post(changelist, {"action": "reject", "_selected_action": [suggestion.pk]})
    suggestion.refresh_from_db()
    assert suggestion.state == SubmissionState.REJECTED


def test_publishers_see_reports_with_a_link_to_add_a_correction(
    client, published, publisher, django_assert_max_num_queries
):
    for n in range(3):
        services.report_error(
            fact_check_id=published.pk,
            version_number=1,
            message=f"The figure in claim {n} is wrong.",
        )
    client.force_login(publisher)
    changelist = reverse("admin:articles_errorreport_changelist")

    with django_assert_max_num_queries(12):
        html = client.get(changelist).content.decode()

    correction = (
        reverse("admin:articles_factcheck_change", args=[published.pk])
        + "#add-correction"
    )
    assert html.count(f'href="{correction}"') == 3
    report = ErrorReport.objects.first()
    client.post(changelist, {"action": "accept", "_selected_action": [report.pk]})
    report.refresh_from_db()
    assert (report.state, report.handled_by) == (SubmissionState.ACCEPTED, publisher)
    # The link lands on the fact-check's correction form.
    page = client.get(correction).content.decode()
    assert 'id="add-correction"' in page


def test_editors_see_reports_but_cannot_settle_them(client, published, editor):
    report = services.report_error(
        fact_check_id=published.pk, version_number=1, message="A wrong date here."
    )
    client.force_login(editor)
    changelist = reverse("admin:articles_errorreport_changelist")
    assert client.get(changelist).status_code == 200
    client.post(changelist, {"action": "accept", "_selected_action": [report.pk]})
    report.refresh_from_db()
    assert report.state == SubmissionState.NEW


def test_the_form_pages_cost_few_queries(
    client, published, django_assert_max_num_queries
):
    with django_assert_max_num_queries(0):
        assert client.get(reverse(SUGGEST)).status_code == 200
    with django_assert_max_num_queries(1):
        assert client.get(report_url()).status_code == 200
    with django_assert_max_num_queries(1):
        client.post(reverse(SUGGEST), suggestion_post())
