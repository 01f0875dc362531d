import pytest

from entities import matcher as matcher_module
from entities.matcher import RegistryMatcher, get_registry_matcher
from entities.models import Alias
from suggest.lexicon import is_acronym
from tests.factories import AliasFactory, EntityFactory

US, CHINA, MOON, CMSA_ORG, CHANGE, BADR, TIMES, ICUBE = range(1, 9)

NAMES = [
    ("United States", US),
    ("US", US),
    ("China", CHINA),
    ("Moon", MOON),
    ("China Manned Space Agency", CMSA_ORG),
    ("CMSA", CMSA_ORG),
    ("Chang’e-6", CHANGE),
    ("Badr-1", BADR),
    ("The Times of India", TIMES),
    ("ICUBE-Q", ICUBE),
]


@pytest.fixture(scope="module")
def registry():
    return RegistryMatcher.from_names(NAMES)


def found(registry, text):
    return [(m.text, m.entity_id) for m in registry.find(text)]


def test_acronyms_are_case_sensitive(registry):
    text = "Let us see whether the US agrees. Tell US what you think, us."
    assert found(registry, text) == [("US", US), ("US", US)]


def test_capitalised_names_do_not_match_common_words(registry):
    assert found(registry, "Over the moon, china plates.") == []
    assert found(registry, "Back to the Moon.") == [("Moon", MOON)]


def test_headline_capitals_still_match(registry):
    assert found(registry, "CHINA LOOKS TO THE MOON") == [
        ("CHINA", CHINA),
        ("MOON", MOON),
    ]


def test_longest_match_wins(registry):
    text = "The China Manned Space Agency (CMSA) said China would go."
    assert found(registry, text) == [
        ("China Manned Space Agency", CMSA_ORG),
        ("CMSA", CMSA_ORG),
        ("China", CHINA),
    ]


@pytest.mark.parametrize("apostrophe", ["'", "’"])
def test_possessive_tags_the_name_only(registry, apostrophe):
    text = f"China{apostrophe}s station and CMSA{apostrophe}s plan."
    mentions = registry.find(text)
    assert [(m.text, m.start, m.end) for m in mentions] == [
        ("China", 0, 5),
        ("CMSA", 20, 24),
    ]


@pytest.mark.parametrize("apostrophe", ["'", "’"])
@pytest.mark.parametrize("dash", ["-", "–", "‑"])
def test_apostrophe_and_dash_variants(registry, apostrophe, dash):
    text = f"The Chang{apostrophe}e{dash}6 probe followed Badr{dash}1."
    mentions = registry.find(text)
    assert [(m.text, m.entity_id) for m in mentions] == [
        (f"Chang{apostrophe}e{dash}6", CHANGE),
        (f"Badr{dash}1", BADR),
    ]
    assert all(text[m.start : m.end] == m.text for m in mentions)


def test_leading_article_of_a_name_may_be_small(registry):
    text = "He told the Times of India and The Times of India."
    assert found(registry, text) == [
        ("the Times of India", TIMES),
        ("The Times of India", TIMES),
    ]


def test_name_ending_in_a_letter_before_a_full_stop(registry):
    text = "It carried ICUBE-Q. Then ICUBE-Q flew."
    assert [(m.text, m.start, m.end) for m in registry.find(text)] == [
        ("ICUBE-Q", 11, 18),
        ("ICUBE-Q", 25, 32),
    ]


def test_is_acronym():
    assert is_acronym("US") and is_acronym("ICUBE-Q") and is_acronym("U.S.")
    assert not is_acronym("Badr-1") and not is_acronym("A") and not is_acronym("Us")


@pytest.mark.django_db
def test_registry_matcher_rebuilt_only_when_registry_changes():
    china = EntityFactory(name="China", kind="place")
    first = get_registry_matcher()
    builds = matcher_module.builds
    assert get_registry_matcher() is first
    assert matcher_module.builds == builds
    assert [m.text for m in first.find("PRC and China")] == ["China"]

    Alias.objects.create(entity=china, name="PRC")
    second = get_registry_matcher()
    assert second is not first
    assert matcher_module.builds == builds + 1
    assert [(m.text, m.entity_id) for m in second.find("PRC and China")] == [
        ("PRC", china.pk),
        ("China", china.pk),
    ]
    assert get_registry_matcher() is second


@pytest.mark.django_db
def test_deleting_an_alias_rebuilds():
    alias = AliasFactory(name="SUPARCO")
    assert [m.text for m in get_registry_matcher().find("SUPARCO said")] == ["SUPARCO"]
    alias.delete()
    assert get_registry_matcher().find("SUPARCO said") == []
