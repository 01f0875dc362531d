"""Storing the engine's suggestions, and editors accepting, rejecting and tagging."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from articles.models import Citation, Claim, Mention, Quote, Verdict
from articles.services import engine
from articles.services.suggestions import (
    NewEntity,
    Selection,
    accept_all_mentions_of,
    accept_suggestion,
    article_hints,
    reject_suggestion,
    reuse_verdict,
    suggest_for_article,
    tag_selection,
)
from common.bases import SuggestionState
from entities.models import Entity, EntityKind
from tests.articles import engine_fakes
from tests.articles.engine_fakes import span
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    ClaimFactory,
    EntityFactory,
    MentionFactory,
)

pytestmark = pytest.mark.django_db

SUGGESTED = SuggestionState.SUGGESTED


@pytest.fixture
def registry():
    return {
        "Northbridge": EntityFactory(name="Northbridge", kind=EntityKind.PLACE),
        "Ana Lopez": EntityFactory(name="Ana Lopez", kind=EntityKind.PERSON),
    }


@pytest.fixture
def fake_engine(monkeypatch, registry):
    engine_fakes.install(monkeypatch, entities=registry)
    return registry


@pytest.fixture
def article():
    return ArticleFactory()


def test_suggestions_are_stored_as_suggested_rows(fake_engine, article):
    report = suggest_for_article(article=article)
    assert (report.mentions, report.quotes, report.claims) == (3, 2, 2)
    assert set(Mention.objects.values_list("suggestion_state", "origin")) == {
        (SUGGESTED, "suggested")
    }
    assert not Mention.objects.confirmed().exists()
    quote = Quote.objects.get(exact__startswith="We will open")
    assert (
        quote.suggestion_state == SUGGESTED
        and quote.speaker == fake_engine["Ana Lopez"]
    )
    assert article.body[quote.cue_start : quote.cue_end] == "said"
    gazette = Quote.objects.get(kind="indirect")
    assert gazette.speaker is None and gazette.speaker_text == "Northbridge Gazette"
    claim = Claim.objects.get(exact__startswith="We will open")
    assert claim.suggestion_state == SUGGESTED
    assert claim.speaker == fake_engine["Ana Lopez"]  # the quote's speaker
    assert str(claim.recheck_on) == "2027-12-31"


def test_running_twice_suggests_nothing_new(fake_engine, article):
    suggest_for_article(article=article)
    report = suggest_for_article(article=article)
    assert report.created == 0 and report.skipped == 7
    assert Mention.objects.count() == 3


def test_a_rejected_suggestion_is_not_suggested_again(fake_engine, article, editor):
    suggest_for_article(article=article)
    first = Mention.objects.order_by("start").first()
    reject_suggestion(item=first, user=editor)
    quote = Quote.objects.get(kind="indirect")
    reject_suggestion(item=quote, user=editor)
    suggest_for_article(article=article)
    first.refresh_from_db()
    assert first.suggestion_state == SuggestionState.REJECTED
    assert Mention.objects.filter(start=first.start).count() == 1
    assert Quote.objects.filter(kind="indirect").count() == 1


def test_a_span_tagged_by_hand_is_not_suggested_again(fake_engine, article):
    MentionFactory(article=article, entity=fake_engine["Northbridge"])
    suggest_for_article(article=article)
    assert Mention.objects.filter(suggestion_state=SUGGESTED).count() == 2


def test_a_missing_engine_part_is_reported_not_fatal(monkeypatch, article):
    def missing(*args, **kwargs):
        raise engine.EngineUnavailable("suggest.quotes.find_quotes")

    engine_fakes.install(monkeypatch)
    monkeypatch.setattr(engine, "find_quotes", missing)
    report = suggest_for_article(article=article)
    assert report.unavailable == ["suggest.quotes.find_quotes"]
    assert report.claims == 2


def test_editors_accept_and_reject(fake_engine, article, editor):
    suggest_for_article(article=article)
    quote = Quote.objects.get(kind="direct")
    accept_suggestion(item=quote, user=editor)
    quote.refresh_from_db()
    assert quote.suggestion_state == SuggestionState.CONFIRMED
    assert quote.attribution_changed_by == editor
    claim = Claim.objects.first()
    reject_suggestion(item=claim, user=editor)
    assert Claim.objects.get(pk=claim.pk).suggestion_state == SuggestionState.REJECTED
    with pytest.raises(ValidationError):
        accept_suggestion(item=claim, user=editor)


def test_accept_every_mention_of_an_entity(fake_engine, article, editor):
    suggest_for_article(article=article)
    count = accept_all_mentions_of(
        article=article, entity=fake_engine["Northbridge"], user=editor
    )
    assert count == 2
    assert Mention.objects.confirmed().count() == 2
    assert Mention.objects.pending().get().entity == fake_engine["Ana Lopez"]


@pytest.mark.parametrize("role", ["reviewer", "publisher"])
def test_other_roles_may_not_decide(fake_engine, article, role, request):
    user = request.getfixturevalue(role)
    suggest_for_article(article=article)
    mention = Mention.objects.first()
    with pytest.raises(PermissionDenied):
        accept_suggestion(item=mention, user=user)
    with pytest.raises(PermissionDenied):
        accept_all_mentions_of(article=article, entity=mention.entity, user=user)
    with pytest.raises(PermissionDenied):
        suggest_for_article(article=article, user=user)
    assert Mention.objects.get(pk=mention.pk).suggestion_state == SUGGESTED


def test_tagging_a_selection_as_a_known_entity(article, editor):
    place = EntityFactory(name="Northbridge", kind=EntityKind.PLACE)
    start, end = span(article.body, "Northbridge", 2)
    mention = tag_selection(
        article=article,
        user=editor,
        selection=Selection(start=start - 1, end=end + 1, kind="entity", entity=place),
    )  # the blank around the selection is trimmed
    assert (mention.start, mention.end, mention.exact) == (start, end, "Northbridge")
    assert (
        mention.suggestion_state == SuggestionState.CONFIRMED
        and mention.origin == "manual"
    )


def test_tagging_a_selection_as_a_new_entity(article, editor):
    start, end = span(article.body, "Northbridge Gazette")
    mention = tag_selection(
        article=article,
        user=editor,
        selection=Selection(
            start=start,
            end=end,
            kind="entity",
            new_entity=NewEntity(
                name="Northbridge Gazette", kind="publication", alias="NG"
            ),
        ),
    )
    entity = Entity.objects.get(name="Northbridge Gazette")
    assert mention.entity == entity and entity.kind == EntityKind.PUBLICATION
    assert entity.names() == ["Northbridge Gazette", "NG"]


def test_tagging_over_a_rejected_suggestion_confirms_it(fake_engine, article, editor):
    suggest_for_article(article=article)
    mention = Mention.objects.order_by("start").first()
    reject_suggestion(item=mention, user=editor)
    tagged = tag_selection(
        article=article,
        user=editor,
        selection=Selection(
            start=mention.start, end=mention.end, kind="entity", entity=mention.entity
        ),
    )
    assert (
        tagged.pk == mention.pk and tagged.suggestion_state == SuggestionState.CONFIRMED
    )


def test_tagging_quotes_and_claims(article, editor):
    mayor = EntityFactory(name="Ana Lopez", kind=EntityKind.PERSON)
    start, end = span(article.body, "We will open three new libraries by 2027")
    quote = tag_selection(
        article=article,
        user=editor,
        selection=Selection(start=start, end=end, kind="quote", speaker=mayor),
    )
    claim = tag_selection(
        article=article,
        user=editor,
        selection=Selection(start=start, end=end, kind="claim"),
    )
    assert (
        quote.speaker == mayor and quote.suggestion_state == SuggestionState.CONFIRMED
    )
    assert claim.statement == "We will open three new libraries by 2027"


@pytest.mark.parametrize(
    ("start", "end", "kind", "message"),
    [
        (5, 5, "entity", "not inside"),
        (-3, 4, "entity", "not inside"),
        (0, 10_000, "claim", "not inside"),
        ("x", 4, "claim", "Select some text"),
        (0, 4, "poem", "Choose entity, quote or claim"),
        (0, 4, "entity", "Choose an entity or name a new one"),
    ],
)
def test_bad_selections_are_refused_with_a_message(
    article, editor, start, end, kind, message
):
    with pytest.raises(ValidationError) as error:
        tag_selection(
            article=article,
            user=editor,
            selection=Selection(start=start, end=end, kind=kind),
        )
    assert message in str(error.value)
    assert not Mention.objects.exists() and not Claim.objects.exists()


def test_a_stale_selection_is_refused(article, editor):
    with pytest.raises(ValidationError, match="changed since"):
        tag_selection(
            article=article,
            user=editor,
            selection=Selection(
                start=0, end=8, kind="claim", expected_text="Something else"
            ),
        )


def test_reviewers_may_not_tag(article, reviewer):
    with pytest.raises(PermissionDenied):
        tag_selection(
            article=article,
            user=reviewer,
            selection=Selection(start=0, end=8, kind="claim"),
        )


def test_reuse_a_verdict_and_its_citations(editor):
    original = ClaimFactory(
        verdict=Verdict.MOSTLY_TRUE, verdict_summary="Close to the record."
    )
    CitationFactory(claim=original)
    CitationFactory(claim=original)
    repeat = ClaimFactory()
    copied = reuse_verdict(claim=repeat, original=original, user=editor)
    repeat.refresh_from_db()
    assert copied == 2 and repeat.repeat_of == original
    assert repeat.verdict == Verdict.MOSTLY_TRUE
    assert Citation.objects.filter(claim=repeat).count() == 2
    assert Citation.objects.filter(claim=original).count() == 2


def test_hints_list_new_entities_and_copy_desk_flags(monkeypatch, article):
    engine_fakes.install(monkeypatch)
    article.body += "\nThe mayor was alos there."
    article.save()
    hints = article_hints(article)
    assert [c["text"] for c in hints.candidates] == ["Ana Lopez", "Northbridge Gazette"]
    assert [flag.word for flag in hints.flags] == ["alos"]
    EntityFactory(name="ana lopez", kind=EntityKind.PERSON)
    hints = article_hints(article)
    assert [c["text"] for c in hints.candidates] == ["Northbridge Gazette"]
