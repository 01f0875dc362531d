"""One entity per name, whoever asks: the Tag page, the review desk, the speaker
suggestions and the import all break ties the same way."""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from articles.admin.tagging import _entity as tag_page_entity
from articles.review.forms import resolve_entity
from articles.services.importing import resolve_publication
from articles.services.suggestions import (
    SpeakerQuery,
    resolve_speaker,
    resolve_speakers,
)
from entities.models import EntityKind
from entities.selectors import entities_matching, entities_named, entity_named
from tests.factories import AliasFactory, EntityFactory

pytestmark = pytest.mark.django_db


def everyone_finds(name):
    """What each place that resolves a typed name makes of ``name``."""
    return {
        "tag page": tag_page_entity(name, required=True, what="an entity"),
        "review desk": resolve_entity(name),
        "speaker": resolve_speaker(name),
        "import": resolve_publication(name),
    }


def test_an_own_name_beats_an_alias_everywhere():
    gazette = EntityFactory(name="The Gazette", kind=EntityKind.PUBLICATION)
    other = EntityFactory(name="Evening Gazette", kind=EntityKind.PUBLICATION)
    AliasFactory(entity=other, name="the gazette")

    assert set(everyone_finds("THE  gazette").values()) == {gazette}
    assert list(entities_named("the gazette")) == [gazette, other]


def test_an_alias_alone_finds_its_entity_everywhere():
    ministry = EntityFactory(name="Ministry of Health", kind=EntityKind.PUBLICATION)
    AliasFactory(entity=ministry, name="MoH")

    assert set(everyone_finds("moh").values()) == {ministry}


def test_two_entities_of_the_same_rank_are_ambiguous():
    first = EntityFactory(name="Ana Lopez", kind=EntityKind.PUBLICATION)
    EntityFactory(name="ana lopez", kind=EntityKind.PUBLICATION)

    assert entity_named("Ana Lopez") is None
    with pytest.raises(ValidationError):
        tag_page_entity("Ana Lopez", required=True, what="an entity")
    with pytest.raises(forms.ValidationError, match="Several entities"):
        resolve_entity("Ana Lopez")
    # An import cannot ask: it takes the first of the best rank.
    assert resolve_publication("Ana Lopez") == first


def test_no_entity_of_that_name():
    EntityFactory(name="Northbridge")

    assert entity_named("Southbridge") is None
    assert entity_named("   ") is None
    with pytest.raises(forms.ValidationError, match="No entity is called"):
        resolve_entity("Southbridge")


def test_a_kind_narrows_the_names():
    place = EntityFactory(name="Northbridge", kind=EntityKind.PLACE)
    paper = EntityFactory(name="Northbridge", kind=EntityKind.PUBLICATION)

    assert entity_named("Northbridge") is None
    assert entity_named("Northbridge", kind=EntityKind.PLACE) == place
    assert resolve_publication("Northbridge") == paper


def test_both_autocompletes_list_names_and_aliases_by_name():
    zed = EntityFactory(name="Zed Bank")
    AliasFactory(entity=zed, name="Northbank")
    north = EntityFactory(name="Northbridge")

    assert list(entities_matching("north")) == [north, zed]
    assert set(entities_matching("")) >= {north, zed}


def test_one_query_answers_a_name(django_assert_num_queries):
    EntityFactory(name="Northbridge")
    with django_assert_num_queries(1):
        entity_named("Northbridge")


def test_speakers_resolved_together_as_each_alone(django_assert_max_num_queries):
    gazette = EntityFactory(name="The Gazette", kind=EntityKind.PUBLICATION)
    other = EntityFactory(name="Evening Gazette", kind=EntityKind.PUBLICATION)
    AliasFactory(entity=other, name="the gazette")
    ministry = EntityFactory(name="Ministry of Health", kind=EntityKind.ORGANIZATION)
    AliasFactory(entity=ministry, name="MoH")
    EntityFactory(name="Ana Lopez")
    EntityFactory(name="ana lopez")
    names = ["THE  gazette", "moh", "Ana Lopez", "Nobody Known", "", "moh"]
    alone = [resolve_speaker(name) for name in names]
    assert alone[:2] == [gazette, ministry] and alone[3:] == [None, None, ministry]
    with django_assert_max_num_queries(2):
        together = resolve_speakers([SpeakerQuery(name) for name in names])
    assert together == alone
