import pytest
from django.test import RequestFactory
from django.urls import reverse
from simple_history.models import HistoricalRecords

from articles.models import AttributionReview, Quote
from articles.services.review import confirm_attribution
from entities.models import EntityKind
from tests.factories import ClaimFactory, EntityFactory, QuoteFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_changelists_filter_by_review_state(client, superuser, reviewer):
    confirmed = ClaimFactory(statement="A confirmed claim")
    ClaimFactory(statement="A waiting claim")
    confirm_attribution(item=confirmed, user=reviewer)
    client.force_login(superuser)
    url = reverse("admin:articles_claim_changelist")
    html = client.get(url, {"review_state__exact": "confirmed"}).content.decode()
    assert "A confirmed claim" in html
    assert "A waiting claim" not in html
    quotes = client.get(reverse("admin:articles_quote_changelist"))
    assert "review_state__exact=disputed" in quotes.content.decode()


def test_change_page_shows_review_and_its_history(client, superuser, reviewer):
    quote = QuoteFactory()
    confirm_attribution(item=quote, user=reviewer, note="Matches the recording")
    client.force_login(superuser)
    html = client.get(
        reverse("admin:articles_quote_change", args=[quote.pk])
    ).content.decode()
    assert "Confirmed: Matches the recording" in html
    assert reverse("articles:review_item", args=["quote", quote.pk]) in html


def test_a_change_during_a_request_is_stamped_with_its_user(editor, reviewer):
    """The admin's requests reach the model through simple_history's middleware."""
    quote = QuoteFactory()
    confirm_attribution(item=quote, user=reviewer)
    request = RequestFactory().post("/admin/")
    request.user = editor
    HistoricalRecords.context.request = request
    try:
        quote = Quote.objects.get(pk=quote.pk)
        quote.speaker = EntityFactory(kind=EntityKind.PERSON)
        quote.save()
    finally:
        del HistoricalRecords.context.request
    quote.refresh_from_db()
    assert quote.review_state == AttributionReview.UNREVIEWED
    assert quote.attribution_changed_by == editor


def test_changing_the_speaker_in_the_admin_resets_the_review(client, editor, reviewer):
    quote = QuoteFactory()
    confirm_attribution(item=quote, user=reviewer, note="ok")
    other = EntityFactory(kind=EntityKind.PERSON)
    client.force_login(UserFactory(username="root2", is_superuser=True))
    url = reverse("admin:articles_quote_change", args=[quote.pk])
    form = client.get(url).context["adminform"].form
    data = {
        name: form[name].value() if form[name].value() is not None else ""
        for name in form.fields
    }
    data["speaker"] = other.pk
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    quote.refresh_from_db()
    assert quote.speaker == other
    assert quote.review_state == AttributionReview.UNREVIEWED
    assert quote.reviewed_by is None and quote.reviewed_at is None
    assert quote.attribution_changed_by.username == "root2"
