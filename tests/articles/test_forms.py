"""Quotes and claims are entered by text: span, occurrence and cue."""

import pytest

from articles.forms import ClaimForm, QuoteForm
from articles.models import Claim, Quote
from entities.models import EntityKind
from tests.factories import ArticleFactory, EntityFactory, QuoteFactory

pytestmark = pytest.mark.django_db

SPOKEN = "We will open three new libraries by 2027"


@pytest.fixture
def article():
    return ArticleFactory()


@pytest.fixture
def mayor():
    return EntityFactory(name="Ana Lopez", kind=EntityKind.PERSON)


def quote_data(article, speaker, **overrides):
    return {
        "article": article.pk,
        "exact": SPOKEN,
        "occurrence": "",
        "speaker": speaker.pk,
        "speaker_text": "Mayor Ana Lopez",
        "cue": "said",
        "cue_occurrence": "",
        "kind": "direct",
        "suggestion_state": "confirmed",
        "origin": "manual",
        **overrides,
    }


def test_quote_span_and_cue_are_found_in_the_text(article, mayor):
    form = QuoteForm(data=quote_data(article, mayor))
    assert form.is_valid(), form.errors
    quote = form.save()
    body = article.body
    assert body[quote.start : quote.end] == SPOKEN
    assert body[quote.cue_start : quote.cue_end] == "said"
    assert quote.prefix and quote.suffix


def test_quote_with_a_cue_not_in_the_text_is_refused(article, mayor):
    form = QuoteForm(data=quote_data(article, mayor, cue="claimed"))
    assert not form.is_valid()
    assert "does not appear in the text" in form.errors["cue"][0]
    assert Quote.objects.count() == 0


def test_quote_cue_occurrence_past_the_last_is_refused(article, mayor):
    form = QuoteForm(data=quote_data(article, mayor, cue_occurrence=2))
    assert not form.is_valid()
    assert "no occurrence 2" in form.errors["cue_occurrence"][0]


def test_quote_text_not_found_is_refused(article, mayor):
    form = QuoteForm(data=quote_data(article, mayor, exact="We will build a stadium"))
    assert not form.is_valid()
    assert "does not appear" in form.errors["exact"][0]
    assert Quote.objects.count() == 0


def test_editing_a_quote_shows_its_text_and_occurrences(article, mayor):
    quote = QuoteFactory(article=article, speaker=mayor)
    quote.cue_start = article.body.find("said")
    quote.cue_end = quote.cue_start + 4
    quote.save()
    form = QuoteForm(instance=quote)
    assert form.initial["exact"] == SPOKEN
    assert form.initial["occurrence"] == 1
    assert form.initial["cue_occurrence"] == 1


def claim_data(article, **overrides):
    return {
        "article": article.pk,
        "statement": "Northbridge's budget is 4.2 million euros.",
        "exact": "",
        "occurrence": "",
        "state": "open",
        "origin": "manual",
        "suggestion_state": "confirmed",
        **overrides,
    }


def test_claim_span_is_optional(article):
    form = ClaimForm(data=claim_data(article))
    assert form.is_valid(), form.errors
    claim = form.save()
    assert not claim.has_span


def test_claim_span_is_anchored_when_given(article):
    form = ClaimForm(data=claim_data(article, exact="a budget of 4.2 million euros"))
    assert form.is_valid(), form.errors
    claim = form.save()
    assert article.body[claim.start : claim.end] == "a budget of 4.2 million euros"


def test_claim_span_not_in_the_text_is_refused(article):
    form = ClaimForm(data=claim_data(article, exact="a budget of 5 million euros"))
    assert not form.is_valid()
    assert "does not appear" in form.errors["exact"][0]
    assert Claim.objects.count() == 0


def test_clearing_a_claim_span_removes_its_offsets(article):
    form = ClaimForm(data=claim_data(article, exact="a budget of 4.2 million euros"))
    claim = form.save() if form.is_valid() else None
    form = ClaimForm(data=claim_data(article), instance=claim)
    assert form.is_valid(), form.errors
    claim = form.save()
    assert claim.start is None and claim.end is None and claim.prefix == ""


def test_a_checked_claim_needs_a_verdict_and_summary(article):
    form = ClaimForm(data=claim_data(article, state="checked"))
    assert not form.is_valid()
    assert {"verdict", "verdict_summary"} <= set(form.errors)
