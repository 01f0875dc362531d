"""The entity suggestions on the seed article, against the seed's own registry."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article
from articles.seed_data import ARTICLE
from entities.matcher import get_registry_matcher
from entities.models import Entity
from suggest.candidates import find_new_entities
from suggest.spelling import copy_desk_flags


@pytest.fixture
def seed(db):
    call_command("load_seed", stdout=StringIO())
    return Article.objects.get(original_url=ARTICLE["original_url"])


def registry_names():
    return [
        name
        for entity in Entity.objects.prefetch_related("aliases")
        for name in entity.names()
    ]


def test_matcher_finds_every_registry_mention_of_the_editorial_record(seed):
    found = {
        (m.start, m.end, m.entity_id) for m in get_registry_matcher().find(seed.body)
    }
    record = list(
        seed.mentions.select_related("entity").prefetch_related("entity__aliases")
    )
    by_name = [
        m
        for m in record
        if m.exact.replace("’", "'") in {n.replace("’", "'") for n in m.entity.names()}
    ]
    assert len(by_name) >= 30
    assert {(m.start, m.end, m.entity_id) for m in by_name} <= found
    # The rest were tagged by hand because no name finds them ("CubeSat" for
    # ICUBE-Q); the candidate finder still offers them as new entities.
    manual = [m for m in record if m not in by_name]
    assert [m.exact for m in manual] == ["CubeSat"]
    candidates = {
        (c.start, c.end): c.kind for c in find_new_entities(seed.body, known=found)
    }
    assert candidates == {(manual[0].start, manual[0].end): "object"}


def test_matcher_suggests_nothing_the_record_does_not_have(seed):
    record = set(seed.mentions.values_list("start", "end", "entity_id"))
    found = {
        (m.start, m.end, m.entity_id) for m in get_registry_matcher().find(seed.body)
    }
    assert found <= record


def test_lower_case_us_is_not_the_united_states(seed):
    united_states = Entity.objects.get(slug="united-states")
    text = "Let us see whether the US and the United States agree; tell us."
    found = [(m.text, m.entity_id) for m in get_registry_matcher().find(text)]
    assert found == [("US", united_states.pk), ("United States", united_states.pk)]


def test_possessives_in_the_seed_tag_the_name_only(seed):
    mentions = get_registry_matcher().find(seed.body)
    china = [m for m in mentions if seed.body[m.end : m.end + 2] == "’s"]
    assert china and all(m.text in {"China", "Pakistan"} for m in china)


def test_alos_is_flagged_and_no_name_is(seed):
    names = registry_names()
    flags = copy_desk_flags(seed.body, known_names=names)
    assert [(f.word, f.suggestion) for f in flags] == [("alos", "also")]
    assert copy_desk_flags(seed.body) == flags
    assert copy_desk_flags(" ".join(names).lower(), known_names=names) == []
