import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.urls import reverse

from articles.models import AttributionReview, Claim, Quote
from articles.services.review import confirm_attribution, dispute_attribution
from entities.models import Entity, EntityKind
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    EntityFactory,
    QuoteFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

QUEUE = reverse("articles:review_queue")
STATS = reverse("articles:review_stats")


def item_url(item, action=""):
    kind = "claim" if isinstance(item, Claim) else "quote"
    name = f"articles:review_{action}" if action else "articles:review_item"
    return reverse(name, kwargs={"kind": kind, "pk": item.pk})


@pytest.fixture
def quote(editor):
    return QuoteFactory(created_by=editor, cue="said", speaker_text="Mayor Ana Lopez")


@pytest.fixture
def claim(editor):
    return ClaimFactory(created_by=editor, text="the vote passed 12 to 3")


# Permissions -------------------------------------------------------------------


@pytest.mark.parametrize("url_of", ["queue", "stats", "item", "entities"])
def test_anonymous_is_sent_to_login(client, quote, url_of):
    url = {
        "queue": QUEUE,
        "stats": STATS,
        "item": item_url(quote),
        "entities": reverse("articles:review_entities"),
    }[url_of]
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("role", ["editor", "publisher"])
@pytest.mark.parametrize("url_of", ["queue", "stats", "item", "entities"])
def test_editor_and_publisher_are_refused(client, request, quote, role, url_of):
    """Publishers approve; confirming who said what is the reviewers' work."""
    client.force_login(request.getfixturevalue(role))
    url = {
        "queue": QUEUE,
        "stats": STATS,
        "item": item_url(quote),
        "entities": reverse("articles:review_entities"),
    }[url_of]
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("action", ["confirm", "dispute", "correct"])
def test_editor_may_not_post_actions(client, quote, action):
    client.force_login(UserFactory(groups=["Editor"]))
    response = client.post(item_url(quote, action), {"dispute-note": "x"})
    assert response.status_code == 403
    quote.refresh_from_db()
    assert quote.review_state == AttributionReview.UNREVIEWED


@pytest.mark.parametrize("role", ["reviewer"])
@pytest.mark.parametrize("url_of", ["queue", "stats", "item"])
def test_reviewers_see_the_pages(client, request, quote, role, url_of):
    client.force_login(request.getfixturevalue(role))
    url = {"queue": QUEUE, "stats": STATS, "item": item_url(quote)}[url_of]
    assert client.get(url).status_code == 200


def test_actions_need_post(client, reviewer, quote):
    client.force_login(reviewer)
    assert client.get(item_url(quote, "confirm")).status_code == 405


def test_unknown_item_is_404(client, reviewer):
    client.force_login(reviewer)
    url = reverse("articles:review_item", kwargs={"kind": "quote", "pk": 999999})
    assert client.get(url).status_code == 404


# Queue -------------------------------------------------------------------------


def test_queue_lists_quotes_and_claims_oldest_first(client, reviewer):
    with time_machine.travel(dt.datetime(2026, 1, 1, tzinfo=dt.UTC)):
        old_claim = ClaimFactory(statement="Oldest claim in the queue")
    with time_machine.travel(dt.datetime(2026, 1, 2, tzinfo=dt.UTC)):
        QuoteFactory()
    ClaimFactory(statement="Claim with no claimant", speaker=None)
    QuoteFactory(suggestion_state="suggested", text="the vote passed 12 to 3")
    ClaimFactory(statement="A suggested claim", suggestion_state="suggested")
    client.force_login(reviewer)
    response = client.get(QUEUE)
    rows = list(response.context["page_obj"])
    assert [(r["item_kind"], r["item_id"]) for r in rows][0] == ("claim", old_claim.pk)
    assert len(rows) == 3
    # A claim with no claimant credits its article's publication (finding 4).
    assert b"Claim with no claimant" in response.content
    assert b"A suggested claim" not in response.content


def test_queue_filters_and_counts(client, reviewer, editor):
    article = ArticleFactory()
    gazette = EntityFactory(name="Gazette", kind=EntityKind.PUBLICATION)
    first = QuoteFactory(article=article, speaker=gazette)
    QuoteFactory()
    claim = ClaimFactory(article=article, speaker=gazette)
    other = ClaimFactory(article=article)
    dispute_attribution(item=claim, user=reviewer, note="no source")
    confirm_attribution(item=other, user=reviewer)
    client.force_login(reviewer)

    response = client.get(QUEUE, {"article": article.pk})
    counts = {s["value"]: s["count"] for s in response.context["state_links"]}
    assert counts == {"unreviewed": 1, "confirmed": 1, "disputed": 1, "corrected": 0}
    assert [r["item_id"] for r in response.context["page_obj"]] == [first.pk]

    response = client.get(QUEUE, {"speaker": gazette.pk, "state": "disputed"})
    assert [(r["item_kind"], r["item_id"]) for r in response.context["page_obj"]] == [
        ("claim", claim.pk)
    ]
    response = client.get(QUEUE, {"kind": "claim", "state": "all"})
    kinds = {r["item_kind"] for r in response.context["page_obj"]}
    assert kinds == {"claim"}
    assert response.context["page_obj"].paginator.count == 2


def test_queue_ignores_nonsense_filters(client, reviewer, quote):
    client.force_login(reviewer)
    response = client.get(QUEUE, {"article": "x", "kind": "poem", "state": "odd"})
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 1


@pytest.mark.parametrize(
    "query",
    [
        {"article": "99999999999999999999"},
        {"speaker": "9" * 5000},
        {"article": "\u00b2"},
    ],
)
def test_queue_ignores_out_of_range_ids(client, reviewer, quote, query):
    client.force_login(reviewer)
    response = client.get(QUEUE, query)
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 1
    item = client.get(item_url(quote), query)
    assert item.status_code == 200


def test_correct_with_an_out_of_range_label_id_is_refused(client, reviewer, quote):
    client.force_login(reviewer)
    data = {"correct-entity": "Nobody [#99999999999999999999]", "correct-note": "n"}
    response = client.post(item_url(quote, "correct"), data)
    assert response.status_code == 200
    assert "No entity" in response.content.decode()
    assert Quote.objects.get(pk=quote.pk).speaker_id == quote.speaker_id


def test_queue_query_count_does_not_grow(
    client, reviewer, django_assert_max_num_queries
):
    for _ in range(3):
        QuoteFactory()
        ClaimFactory()
    client.force_login(reviewer)
    # session, user, permissions (2), filter choices (2), counts (2), page (2),
    # and the header's unread-notification count (cached after this first time)
    with django_assert_max_num_queries(11):
        client.get(QUEUE)
    for _ in range(10):
        QuoteFactory()
        ClaimFactory()
    with django_assert_max_num_queries(10):
        response = client.get(QUEUE)
    assert response.context["page_obj"].paginator.count == 26


# Item page ---------------------------------------------------------------------


def test_item_page_shows_text_in_context_with_cue(client, reviewer, quote):
    client.force_login(reviewer)
    response = client.get(item_url(quote))
    html = response.content.decode()
    assert "We will open three new libraries by 2027</mark>" in html
    assert '<mark class="review-cue">' in html
    assert "said</mark>" in html
    # The paragraphs before and after.
    assert "approved a budget of 4.2 million euros" in html
    assert "According to the Northbridge Gazette" in html
    assert 'aria-keyshortcuts="c"' in html


def test_item_page_links_speaker_only_when_published(client, reviewer, quote):
    client.force_login(reviewer)
    html = client.get(item_url(quote)).content.decode()
    assert quote.speaker.get_absolute_url() not in html
    assert quote.speaker.name in html


def test_claim_page_shows_verdict(client, reviewer, editor):
    claim = ClaimFactory(
        created_by=editor, verdict="false", verdict_summary="It passed 11 to 4."
    )
    client.force_login(reviewer)
    html = client.get(item_url(claim)).content.decode()
    assert "False" in html and "It passed 11 to 4." in html


def test_item_page_query_count(client, reviewer, quote, django_assert_max_num_queries):
    confirm_attribution(item=quote, user=reviewer)
    client.force_login(UserFactory(groups=["Reviewer"]))
    # One of them reads the item's history for who tagged it (four eyes); five are
    # the desk panel's (assignment, who tagged it and so may not be assigned it,
    # who may be assigned, threads) and the header's unread count.
    with django_assert_max_num_queries(15):
        response = client.get(item_url(quote))
    assert len(response.context["history"]) == 2


def test_four_eyes_page_explains_instead_of_buttons(client, reviewer):
    own = QuoteFactory(created_by=reviewer)
    client.force_login(reviewer)
    html = client.get(item_url(own)).content.decode()
    assert "four eyes" in html
    assert 'id="confirm-form"' not in html
    response = client.post(item_url(own, "confirm"), follow=True)
    assert "four eyes" in response.content.decode()
    own.refresh_from_db()
    assert own.review_state == AttributionReview.UNREVIEWED


# Actions -----------------------------------------------------------------------


def test_confirm_moves_to_next_item_keeping_filters(client, reviewer):
    article = ArticleFactory()
    first = QuoteFactory(article=article)
    second = ClaimFactory(article=article)
    client.force_login(reviewer)
    response = client.post(f"{item_url(first, 'confirm')}?article={article.pk}")
    assert response.status_code == 302
    assert response["Location"] == f"{item_url(second)}?article={article.pk}"
    first.refresh_from_db()
    assert first.review_state == AttributionReview.CONFIRMED
    assert first.reviewed_by == reviewer
    assert first.reviewed_at is not None


def test_last_item_returns_to_queue(client, reviewer, quote):
    client.force_login(reviewer)
    response = client.post(item_url(quote, "confirm"))
    assert response["Location"] == QUEUE


def test_dispute_records_note(client, reviewer, claim):
    client.force_login(reviewer)
    response = client.post(
        item_url(claim, "dispute"), {"dispute-note": "No such vote"}, follow=True
    )
    assert "Attribution disputed" in response.content.decode()
    claim.refresh_from_db()
    assert claim.review_state == AttributionReview.DISPUTED
    assert claim.review_note == "No such vote"
    assert claim.reviewed_by == reviewer


def test_dispute_without_note_is_refused_with_message(client, reviewer, claim):
    client.force_login(reviewer)
    response = client.post(item_url(claim, "dispute"), {"dispute-note": " "})
    assert response.status_code == 200
    assert "a note is required" in response.content.decode()
    claim.refresh_from_db()
    assert claim.review_state == AttributionReview.UNREVIEWED


def test_correct_to_existing_entity(client, reviewer, quote):
    gazette = EntityFactory(name="Northbridge Gazette", kind=EntityKind.PUBLICATION)
    client.force_login(reviewer)
    response = client.post(
        item_url(quote, "correct"),
        {"correct-entity": "northbridge gazette", "correct-note": "Gazette wrote it"},
    )
    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.speaker == gazette
    assert quote.review_state == AttributionReview.CORRECTED
    assert quote.review_note == "Gazette wrote it"


def test_correct_by_autocomplete_label(client, reviewer, claim):
    target = EntityFactory(name="Council")
    EntityFactory(name="Council")
    client.force_login(reviewer)
    data = client.get(reverse("articles:review_entities"), {"q": "Counc"}).json()
    label = next(r["label"] for r in data["results"] if r["id"] == target.pk)
    client.post(
        item_url(claim, "correct"), {"correct-entity": label, "correct-note": "n"}
    )
    claim.refresh_from_db()
    assert claim.speaker == target


def test_correct_to_new_entity(client, reviewer, quote):
    client.force_login(reviewer)
    client.post(
        item_url(quote, "correct"),
        {
            "correct-new_name": "Ana Lopez",
            "correct-new_kind": EntityKind.PERSON,
            "correct-note": "Named in the text",
        },
    )
    quote.refresh_from_db()
    assert quote.speaker.name == "Ana Lopez"
    assert quote.review_state == AttributionReview.CORRECTED


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"correct-entity": "Nobody at all", "correct-note": "n"}, "No entity"),
        ({"correct-new_name": "X", "correct-note": "n"}, "kind of entity"),
        ({"correct-note": "n"}, "Pick who really said it"),
    ],
)
def test_correct_with_bad_input_changes_nothing(client, reviewer, quote, data, message):
    client.force_login(reviewer)
    response = client.post(item_url(quote, "correct"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    fresh = Quote.objects.get(pk=quote.pk)
    assert fresh.speaker_id == quote.speaker_id
    assert fresh.review_state == AttributionReview.UNREVIEWED
    assert not Entity.objects.filter(name="X").exists()


def test_correct_without_note_is_refused(client, reviewer, quote):
    EntityFactory(name="Gazette")
    client.force_login(reviewer)
    response = client.post(item_url(quote, "correct"), {"correct-entity": "Gazette"})
    assert "a note is required" in response.content.decode()
    quote.refresh_from_db()
    assert quote.review_state == AttributionReview.UNREVIEWED


def test_a_reviewer_who_cannot_create_entities_is_told(client, quote):
    only_reviews = UserFactory()
    only_reviews.user_permissions.add(
        Permission.objects.get(codename="review_attribution")
    )
    client.force_login(only_reviews)
    response = client.post(
        item_url(quote, "correct"),
        {"correct-new_name": "Y", "correct-new_kind": "person", "correct-note": "n"},
    )
    assert response.status_code == 200
    assert "permission to add entities" in response.content.decode()
    assert not Entity.objects.filter(name="Y").exists()


# Stats -------------------------------------------------------------------------


def test_stats_per_reviewer_week_rates_and_oldest(client, reviewer):
    second = UserFactory(username="rev2", groups=["Reviewer"])
    with time_machine.travel(dt.datetime(2026, 3, 1, tzinfo=dt.UTC), tick=False):
        waiting = QuoteFactory()
        items = [ClaimFactory() for _ in range(4)]
    with time_machine.travel(dt.datetime(2026, 3, 3, 12, tzinfo=dt.UTC), tick=False):
        confirm_attribution(item=items[0], user=reviewer)
        dispute_attribution(item=items[1], user=reviewer, note="?")
    with time_machine.travel(dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC), tick=False):
        confirm_attribution(item=items[2], user=second)
        confirm_attribution(item=items[3], user=second)
    with time_machine.travel(dt.datetime(2026, 3, 11, tzinfo=dt.UTC), tick=False):
        client.force_login(reviewer)
        response = client.get(STATS)
    ctx = response.context
    assert {r["username"]: r["total"] for r in ctx["reviewers"]} == {
        "rev": 2,
        "rev2": 2,
    }
    assert [(w["label"], w["total"]) for w in ctx["weeks"]] == [
        ("2026-W11", 2),
        ("2026-W10", 2),
    ]
    assert ctx["dispute_rate"] == 0.25
    assert ctx["correction_rate"] == 0
    assert ctx["oldest_unreviewed_at"] == waiting.created_at
    assert ctx["oldest_unreviewed_age"] == dt.timedelta(days=10)
    assert "25 %" in response.content.decode()


def test_queue_credits_a_vague_quote_to_its_words(client, reviewer):
    QuoteFactory(speaker=None, speaker_text="experts", is_vague=True)
    client.force_login(reviewer)
    response = client.get(QUEUE)
    assert [row["who_name"] for row in response.context["page_obj"]] == ["experts"]
