"""Editors give a mention as its text (and which occurrence), never as offsets."""

import pytest

from articles.forms import MentionForm
from articles.models import Mention
from entities.models import EntityKind
from tests.factories import ArticleFactory, EntityFactory, MentionFactory

pytestmark = pytest.mark.django_db


def mention_form(article, entity, text, occurrence="", instance=None, **extra):
    data = {
        "article": article.pk,
        "entity": entity.pk,
        "exact": text,
        "occurrence": occurrence,
        "suggestion_state": "confirmed",
        "origin": "manual",
        **extra,
    }
    return MentionForm(data=data, instance=instance)


@pytest.fixture
def article():
    return ArticleFactory()


@pytest.fixture
def place():
    return EntityFactory(name="Northbridge", kind=EntityKind.PLACE)


def test_text_found_once_is_anchored_with_offsets_and_context(article, place):
    form = mention_form(article, place, "Mayor Ana Lopez")
    assert form.is_valid(), form.errors
    mention = form.save()
    body = article.body
    assert body[mention.start : mention.end] == "Mayor Ana Lopez"
    assert mention.prefix == body[max(0, mention.start - 32) : mention.start]
    assert mention.suffix == body[mention.end : mention.end + 32]


def test_text_not_in_the_article_is_refused_and_nothing_saved(article, place):
    form = mention_form(article, place, "Southbridge")
    assert not form.is_valid()
    assert "does not appear in the text" in form.errors["exact"][0]
    assert Mention.objects.count() == 0


def test_ambiguous_text_takes_the_first_occurrence_unless_told(article, place):
    body = article.body
    first = mention_form(article, place, "Northbridge")
    assert first.is_valid(), first.errors
    assert first.save().start == body.find("Northbridge")

    second = mention_form(article, place, "Northbridge", occurrence=2)
    assert second.is_valid(), second.errors
    assert second.save().start == body.find("Northbridge", body.find("Northbridge") + 1)


def test_occurrence_past_the_last_is_refused_on_the_occurrence_field(article, place):
    form = mention_form(article, place, "Northbridge", occurrence=3)
    assert not form.is_valid()
    assert "appears 2 time(s); there is no occurrence 3" in form.errors["occurrence"][0]
    assert Mention.objects.count() == 0


def test_occurrence_must_be_positive(article, place):
    form = mention_form(article, place, "Northbridge", occurrence=0)
    assert not form.is_valid()
    assert "occurrence" in form.errors


def test_editing_shows_the_current_text_and_occurrence(article, place):
    mention = MentionFactory(
        article=article, entity=place, text="Northbridge", occurrence=2
    )
    form = MentionForm(instance=mention)
    assert form.initial["exact"] == "Northbridge"
    assert form.initial["occurrence"] == 2
    assert 'value="2"' in str(form["occurrence"])


def test_editing_the_occurrence_moves_the_span(article, place):
    mention = MentionFactory(
        article=article, entity=place, text="Northbridge", occurrence=2
    )
    form = mention_form(article, place, "Northbridge", occurrence=1, instance=mention)
    assert form.is_valid(), form.errors
    assert form.save().start == article.body.find("Northbridge")


def test_the_same_span_cannot_be_tagged_twice_with_one_entity(article, place):
    MentionFactory(article=article, entity=place, text="Northbridge")
    form = mention_form(article, place, "Northbridge")
    assert not form.is_valid()
    assert "already tagged" in form.errors["exact"][0]


def test_offsets_are_not_form_fields():
    assert not {"start", "end", "prefix", "suffix"} & set(MentionForm.base_fields)


def test_a_span_across_a_line_break_typed_in_a_browser_is_found(article, place):
    form = mention_form(article, place, "on Monday.\r\n“We will")
    assert form.is_valid(), form.errors
    assert form.save().exact == "on Monday.\n“We will"


def test_an_empty_text_gets_one_clear_error(article, place):
    form = mention_form(article, place, "")
    assert not form.is_valid()
    assert len(form.errors["exact"]) == 1
