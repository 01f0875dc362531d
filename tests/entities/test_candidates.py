from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from suggest import candidates as candidates_module
from suggest.candidates import EntityCandidate, find_new_entities


def found(text, **kwargs):
    return [(c.text, c.kind, c.alias) for c in find_new_entities(text, **kwargs)]


def test_offsets_point_into_the_text():
    text = "Officials in Islamabad met envoys from Beijing’s ministry."
    for candidate in find_new_entities(text):
        assert text[candidate.start : candidate.end] == candidate.text


def test_title_is_not_part_of_a_persons_name():
    text = (
        "Pakistani Prime Minister Shehbaz Sharif attended. Later, Mr Sharif left "
        "with President Joe Biden and Dr. Amara Nwosu."
    )
    assert found(text) == [
        ("Shehbaz Sharif", "person", ""),
        ("Sharif", "person", ""),
        ("Joe Biden", "person", ""),
        ("Amara Nwosu", "person", ""),
    ]


def test_place_named_in_a_title_is_a_place():
    assert found("US President Joe Biden spoke.") == [
        ("US", "place", ""),
        ("Joe Biden", "person", ""),
    ]


def test_lone_titles_and_honorifics_are_not_entities():
    assert found("The President said the Prime Minister and Mr would come.") == []


def test_parenthesised_acronym_merges_into_one_candidate():
    text = (
        "The deal was signed between the China Manned Space Agency (CMSA) and "
        "Pakistan’s Space and Upper Atmosphere Research Commission (SUPARCO). "
        "According to a statement by CMSA, training starts soon."
    )
    assert found(text) == [
        ("China Manned Space Agency", "organization", "CMSA"),
        ("Pakistan", "place", ""),
        ("Space and Upper Atmosphere Research Commission", "organization", "SUPARCO"),
        ("CMSA", "organization", ""),
    ]


def test_and_splits_two_names_without_an_organisation_word():
    assert found("Ties between Beijing and Islamabad grew.") == [
        ("Beijing", "place", ""),
        ("Islamabad", "place", ""),
    ]


def test_of_joins_organisation_and_publication_names():
    text = "He told the Times of India and the Bank of England said so."
    assert found(text) == [
        ("Times of India", "publication", ""),
        ("Bank of England", "organization", ""),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It flew on a Long March 2E rocket.", ("Long March 2E", "object")),
        ("The Chang’e-6 probe landed.", ("Chang’e-6", "object")),
        ("Badr-1 was launched in 1990.", ("Badr-1", "object")),
        ("A Falcon 9 lifted off.", ("Falcon 9", "object")),
        ("She sailed on the MV Galway Star.", ("MV Galway Star", "object")),
        (
            "They met at the Munich Security Conference.",
            ("Munich Security Conference", "event"),
        ),
        ("Tickets for the Paris Olympics sold out.", ("Paris Olympics", "event")),
        ("As per the news agency PTI, it is true.", ("PTI", "publication")),
        ("It was reported by Global Times.", ("Global Times", "publication")),
        ("The Daily Meridian reported it.", ("Daily Meridian", "publication")),
        ("Talks were held in Xichang.", ("Xichang", "place")),
        ("The vote took place in Northbridge.", ("Northbridge", "place")),
        ("A ruling by the Supreme Court followed.", ("Supreme Court", "organization")),
        ("Shares in Veridian Motors fell.", ("Veridian Motors", "organization")),
    ],
)
def test_guessed_kinds(text, expected):
    assert [(c.text, c.kind) for c in find_new_entities(text)] == [expected]


def test_sentence_initial_common_words_months_and_weekdays_are_not_entities():
    text = (
        "The deal was signed on Friday. This move, experts say, matters. According "
        "to officials, talks resume in March. Meanwhile, Monday brings rain. "
        "Earlier this year, nothing happened in January."
    )
    assert found(text) == []


def test_sentence_initial_names_are_kept():
    text = "Pakistan signed. Tiangong is in orbit. Beijing agreed. CMSA said so."
    assert [c.text for c in find_new_entities(text)] == [
        "Pakistan",
        "Tiangong",
        "Beijing",
        "CMSA",
    ]


def test_demonyms_are_not_entities():
    text = "Chinese taikonauts and a Pakistani astronaut joined British crews."
    assert found(text) == []


def test_surname_after_full_name_is_a_person():
    text = "Mercy Jeptoo won in Eugene. Jeptoo told reporters she was happy."
    assert ("Jeptoo", "person", "") in found(text)


def test_known_spans_are_skipped():
    text = "China and Pakistan signed a deal with the European Space Agency."
    known = [SimpleNamespace(start=0, end=5), (10, 18)]
    assert found(text, known=known) == [
        ("European Space Agency", "organization", ""),
    ]


def test_statistical_entities_are_merged_when_a_model_is_configured(monkeypatch):
    text = "the ministry of pakistan met Shehbaz Sharif"

    class FakeNlp:
        def __call__(self, text):
            ents = [
                SimpleNamespace(
                    start_char=16, end_char=24, text="pakistan", label_="GPE"
                ),
                SimpleNamespace(
                    start_char=29, end_char=43, text="Shehbaz Sharif", label_="PERSON"
                ),
                SimpleNamespace(
                    start_char=0, end_char=3, text="the", label_="CARDINAL"
                ),
            ]
            return SimpleNamespace(ents=ents)

    monkeypatch.setattr(candidates_module, "has_statistical_ner", lambda: True)
    monkeypatch.setattr(candidates_module, "get_nlp", lambda: FakeNlp())
    assert find_new_entities(text) == [
        EntityCandidate(16, 24, "pakistan", "place"),
        EntityCandidate(29, 43, "Shehbaz Sharif", "person"),
    ]


def test_dateline_agency_is_not_an_alias_of_the_city():
    assert found("LONDON (AP) — Prices rose.") == [
        ("LONDON", "place", ""),
        ("AP", "publication", ""),
    ]


def test_acronym_defined_in_the_text_keeps_the_kind_of_its_name():
    text = (
        "Leaders of the Pakistan Tehreek-e-Insaf (PTI) met. Later PTI said it would "
        "protest."
    )
    assert found(text) == [
        ("Pakistan Tehreek-e-Insaf", "organization", "PTI"),
        ("PTI", "organization", ""),
    ]


def test_title_phrases_with_of_and_bodies_before_titles():
    text = (
        "U.S. Secretary of State Antony Blinken met Senate Majority Leader John "
        "Thune and Republicans Susan Collins."
    )
    assert found(text) == [
        ("U.S.", "place", ""),
        ("Antony Blinken", "person", ""),
        ("Senate", "organization", ""),
        ("John Thune", "person", ""),
        ("Susan Collins", "person", ""),
    ]


def test_job_titles_and_numbered_nouns_are_not_entities():
    text = "By Sarah Jones, Political Correspondent. A Category 3 storm hit Florida."
    assert found(text) == [("Sarah Jones", "person", ""), ("Florida", "place", "")]


def test_org_name_with_for_and_and():
    text = (
        "The Centers for Disease Control and Prevention (CDC) reported COVID-19 cases."
    )
    assert found(text) == [
        ("Centers for Disease Control and Prevention", "organization", "CDC"),
    ]


def test_place_names_that_start_with_a_demonym():
    assert found("Rain fell on Tamil Nadu and at the COP30 summit.") == [
        ("Tamil Nadu", "place", ""),
        ("COP30", "event", ""),
    ]


def test_courts_judges_and_administrations():
    text = (
        "U.S. District Judge Sean Jordan ruled against the Biden administration, "
        "which will appeal to the 5th Circuit Court of Appeals."
    )
    assert found(text) == [
        ("U.S.", "place", ""),
        ("Sean Jordan", "person", ""),
        ("Biden", "person", ""),
        ("5th Circuit Court of Appeals", "organization", ""),
    ]


def test_headline_style_lines_keep_only_the_names():
    text = (
        "Pakistan signed a deal on Friday.\n\n"
        "Also Read: China To Send First Pakistani Astronaut To Its Space Station\n\n"
        "Officials in Islamabad welcomed it."
    )
    assert [c.text for c in find_new_entities(text)] == [
        "Pakistan",
        "China",
        "Islamabad",
    ]


PIECES = [
    "China",
    "US",
    "us",
    "(",
    ")",
    "CMSA",
    "The",
    "of",
    "and",
    "-",
    "—",
    "’s",
    "\n",
    " ",
    ".",
    ",",
    "“",
    "”",
    '"',
    "Prime",
    "Minister",
    "Mr",
    "7",
    "2E",
    "Long",
    "March",
    "ICUBE-Q",
    "Chang’e-6",
    "Ünïcode",
    "5th",
    "737",
    "MAX",
    "Friday",
    "AP",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30), st.randoms())
def test_any_text_gives_well_formed_candidates(pieces, rng):
    text = "".join(piece + rng.choice(["", " ", "\n"]) for piece in pieces)
    known_end = min(3, len(text))
    for candidate in find_new_entities(text, known=[(0, known_end)]):
        assert known_end <= candidate.start < candidate.end <= len(text)
        assert text[candidate.start : candidate.end] == candidate.text
