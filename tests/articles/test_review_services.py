import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from articles.models import AttributionReview, Claim, Quote
from articles.services.review import (
    can_review,
    confirm_attribution,
    correct_attribution,
    correct_attribution_to_new_entity,
    dispute_attribution,
)
from entities.models import Entity, EntityKind
from tests.factories import ClaimFactory, EntityFactory, QuoteFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def quote(editor):
    return QuoteFactory(created_by=editor)


@pytest.fixture
def claim(editor):
    return ClaimFactory(created_by=editor, text="4.2 million euros")


def unchanged(item):
    fresh = type(item).objects.get(pk=item.pk)
    assert fresh.review_state == AttributionReview.UNREVIEWED
    assert fresh.reviewed_by is None
    assert fresh.reviewed_at is None
    assert fresh.version == item.version
    return fresh


@time_machine.travel(NOW, tick=False)
def test_confirm_records_reviewer_time_note_and_history(quote, reviewer):
    confirm_attribution(item=quote, user=reviewer, note="Checked the transcript")
    quote.refresh_from_db()
    assert quote.review_state == AttributionReview.CONFIRMED
    assert quote.reviewed_by == reviewer
    assert quote.reviewed_at == NOW
    assert quote.review_note == "Checked the transcript"
    assert quote.version == 2
    last = quote.history.order_by("-history_id").first()
    assert last.history_user == reviewer
    assert last.history_change_reason == "Confirmed: Checked the transcript"
    assert last.review_state == AttributionReview.CONFIRMED


def test_publisher_may_not_review(claim, publisher):
    """Reviewing attributions is the Reviewer role's work (README: roles)."""
    with pytest.raises(PermissionDenied):
        confirm_attribution(item=claim, user=publisher)
    unchanged(claim)


def test_dispute_records_note(claim, reviewer):
    dispute_attribution(item=claim, user=reviewer, note="The agency never said it")
    claim.refresh_from_db()
    assert claim.review_state == AttributionReview.DISPUTED
    assert claim.review_note == "The agency never said it"
    assert claim.history.first().history_change_reason.startswith("Disputed: ")


@pytest.mark.parametrize("note", ["", "   "])
def test_dispute_without_note_is_refused_and_nothing_changes(quote, reviewer, note):
    with pytest.raises(ValidationError) as error:
        dispute_attribution(item=quote, user=reviewer, note=note)
    assert "a note is required" in error.value.messages[0]
    unchanged(quote)


def test_correct_quote_changes_speaker_and_records_note(quote, reviewer):
    other = EntityFactory(kind=EntityKind.PUBLICATION, name="Northbridge Gazette")
    correct_attribution(item=quote, user=reviewer, speaker=other, note="Gazette line")
    quote.refresh_from_db()
    assert quote.speaker == other
    assert quote.review_state == AttributionReview.CORRECTED
    assert quote.reviewed_by == reviewer
    assert quote.attribution_changed_by == reviewer
    assert quote.review_note == "Gazette line"


def test_correct_claim_changes_claimant(claim, reviewer):
    other = EntityFactory()
    correct_attribution(item=claim, user=reviewer, speaker=other, note="Wrong body")
    claim.refresh_from_db()
    assert claim.speaker == other
    assert claim.review_state == AttributionReview.CORRECTED


def test_correct_without_note_is_refused(claim, reviewer):
    before = claim.speaker_id
    with pytest.raises(ValidationError, match="a note is required"):
        correct_attribution(item=claim, user=reviewer, speaker=EntityFactory(), note="")
    assert unchanged(claim).speaker_id == before


def test_correct_to_the_same_speaker_is_refused(quote, reviewer):
    with pytest.raises(ValidationError, match="already credited"):
        correct_attribution(
            item=quote, user=reviewer, speaker=quote.speaker, note="same"
        )
    unchanged(quote)


def test_correct_to_a_new_entity_creates_it(quote, reviewer):
    correct_attribution_to_new_entity(
        item=quote, user=reviewer, name="Ana Lopez", kind=EntityKind.PERSON, note="x"
    )
    quote.refresh_from_db()
    assert quote.speaker.name == "Ana Lopez"
    assert quote.speaker.created_by == reviewer


def test_correct_to_a_new_entity_without_note_creates_nothing(quote, reviewer):
    with pytest.raises(ValidationError):
        correct_attribution_to_new_entity(
            item=quote, user=reviewer, name="Nobody", kind=EntityKind.PERSON, note=""
        )
    assert not Entity.objects.filter(name="Nobody").exists()
    unchanged(quote)


@pytest.mark.parametrize(
    "action",
    [
        lambda item, user: confirm_attribution(item=item, user=user),
        lambda item, user: dispute_attribution(item=item, user=user, note="n"),
    ],
)
def test_editor_may_not_review(quote, action):
    other_editor = UserFactory(groups=["Editor"])
    with pytest.raises(PermissionDenied):
        action(quote, other_editor)
    unchanged(quote)


def test_four_eyes_creator_may_not_review(reviewer):
    quote = QuoteFactory(created_by=reviewer)
    assert not can_review(quote, reviewer)
    with pytest.raises(ValidationError, match="four eyes"):
        confirm_attribution(item=quote, user=reviewer)
    unchanged(quote)


def test_four_eyes_last_changer_may_not_review(quote, reviewer):
    Quote.objects.filter(pk=quote.pk).update(attribution_changed_by=reviewer)
    quote.refresh_from_db()
    assert not can_review(quote, reviewer)
    with pytest.raises(ValidationError, match="four eyes"):
        dispute_attribution(item=quote, user=reviewer, note="doubt")
    unchanged(quote)
    assert can_review(quote, UserFactory(groups=["Reviewer"]))


def test_editing_the_speaker_resets_a_review(quote, reviewer, editor):
    confirm_attribution(item=quote, user=reviewer, note="ok")
    quote = Quote.objects.get(pk=quote.pk)
    quote.speaker = EntityFactory(kind=EntityKind.PERSON)
    quote.changed_by = editor
    quote.save()
    quote.refresh_from_db()
    assert quote.review_state == AttributionReview.UNREVIEWED
    assert quote.reviewed_by is None and quote.reviewed_at is None
    assert quote.attribution_changed_by == editor
    # The note stays in the history.
    assert quote.history.filter(review_note="ok").exists()
    assert quote.history.first().history_change_reason == (
        "Attribution changed: review reset"
    )


def test_renaming_the_speaker_as_written_resets_a_review(reviewer, editor):
    quote = QuoteFactory(speaker=None, speaker_text="experts", is_vague=True)
    confirm_attribution(item=quote, user=reviewer)
    quote = Quote.objects.get(pk=quote.pk)
    quote.speaker_text = "analysts at the ministry"
    quote.changed_by = editor
    quote.save()
    quote.refresh_from_db()
    assert quote.review_state == AttributionReview.UNREVIEWED
    assert quote.attribution_changed_by == editor


def test_editing_the_span_resets_a_review(claim, reviewer):
    dispute_attribution(item=claim, user=reviewer, note="unsure")
    claim = Claim.objects.get(pk=claim.pk)
    claim.set_span_from_text(claim.article.body, "12 to 3")
    claim.save()
    claim.refresh_from_db()
    assert claim.review_state == AttributionReview.UNREVIEWED


def test_other_edits_keep_the_review(claim, reviewer):
    confirm_attribution(item=claim, user=reviewer)
    claim = Claim.objects.get(pk=claim.pk)
    claim.verdict_summary = "Right figure."
    claim.save()
    claim.refresh_from_db()
    assert claim.review_state == AttributionReview.CONFIRMED


def test_editing_with_update_fields_still_resets(quote, reviewer):
    confirm_attribution(item=quote, user=reviewer)
    quote = Quote.objects.get(pk=quote.pk)
    quote.speaker = EntityFactory(kind=EntityKind.PERSON)
    quote.save(update_fields=["speaker"])
    quote.refresh_from_db()
    assert quote.review_state == AttributionReview.UNREVIEWED
