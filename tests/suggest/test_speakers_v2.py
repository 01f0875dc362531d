"""Speakers: titles, roles, time phrases, continuation and the quote after a quote."""

import pytest

from suggest.names import name_runs
from suggest.quotes import find_quotes


def speakers(text: str) -> list[str]:
    return [quote.speaker for quote in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("Secretary of State Jane Roe said", "Jane Roe", "Secretary of State"),
        (
            "Minister of State for Rural Development Arjun Pillai said",
            "Arjun Pillai",
            "Minister of State for Rural Development",
        ),
        ("Chief Minister K. Ramaswamy said", "K. Ramaswamy", "Chief Minister"),
    ],
)
def test_a_title_with_of_or_for_stays_out_of_the_name(text, name, title):
    first = name_runs(text)[0]
    assert (first.text, first.title) == (name, title)


def test_a_weekday_after_a_name_is_not_part_of_it():
    assert [n.text for n in name_runs("Jane Roe on Sunday said")] == ["Jane Roe"]


def test_a_sentence_opening_participle_is_not_part_of_a_name():
    text = "Sentencing Tom Weller, 44, Judge Ruth Ames said: “You showed no remorse.”"
    assert speakers(text) == ["Ruth Ames"]


def test_a_time_phrase_is_not_the_speaker():
    text = (
        "Late on Friday, Ivo Kral, head of the mountain rescue service, said all "
        "nine climbers had been brought down safely."
    )
    assert speakers(text) == ["Ivo Kral"]


@pytest.mark.parametrize(
    ("role", "introduction", "name"),
    [
        ("the PM", "Prime Minister Ana Sousa", "Ana Sousa"),
        ("the CM", "Chief Minister Ravi Nair", "Ravi Nair"),
        ("the skipper", "captain Ben Ashby", "Ben Ashby"),
        ("the finance minister", "Finance Minister Lea Vogt", "Lea Vogt"),
    ],
)
def test_a_bare_role_is_the_person_introduced_with_it(role, introduction, name):
    text = (
        f"{introduction} opened the new bridge on Monday. "
        f"“It will carry 40,000 vehicles a day,” {role} said."
    )
    assert speakers(text) == [name]


def test_the_spokesperson_is_the_body_spoken_for():
    text = (
        "Flights to the island resumed on Sunday, a spokesperson for Coral Air said. "
        "All 14 cancelled flights would be rescheduled, the spokesperson said."
    )
    assert speakers(text) == ["Coral Air", "Coral Air"]


def test_a_place_after_in_is_not_the_body_that_speaks():
    text = (
        "The visa rules had not changed, the Canadian Embassy in Dublin said on "
        "Tuesday."
    )
    assert speakers(text) == ["Canadian Embassy"]


def test_a_continued_quote_keeps_its_speaker_past_another_name():
    text = (
        "Helen Marsh, the chair of the river trust, said on Thursday that "
        "pollution incidents had risen by 14% in 2025.\n\n"
        "The figures came a day after the water minister, Tom Ansell, promised "
        "new fines.\n\n"
        "“Fines alone will not clean a single river.”"
    )
    assert speakers(text) == ["Helen Marsh", "Helen Marsh"]


def test_a_name_and_cue_after_a_closing_full_stop_speaks():
    text = (
        "“We offered a ceasefire of 60 days,” Omar Haddad, the mediator, said. "
        "“We have had nothing in writing,” said Ari Stein, a government spokesman."
        "\n\n“The text was delivered this morning.” Haddad said later."
    )
    assert speakers(text) == ["Omar Haddad", "Ari Stein", "Omar Haddad"]


def test_a_name_inside_the_first_quote_does_not_speak_the_second():
    text = (
        "“Luca Neri told me the club would never sell him,” said Paula Conti, the "
        "player's agent. “Now they want 60 million euros for him.”"
    )
    assert speakers(text) == ["Paula Conti", "Paula Conti"]


def test_an_initialism_before_a_title_does_not_end_the_cue():
    text = (
        "“You sold a public office,” U.S. District Judge Ann Wolfe told the defendant."
    )
    assert speakers(text) == ["Ann Wolfe"]


def test_a_vague_source_keeps_its_head_noun():
    text = "The suspect had been known to the security services, police sources said."
    [quote] = find_quotes(text)
    assert (quote.speaker, quote.is_vague) == ("sources", True)


def test_a_party_label_is_not_part_of_the_name_it_stands_before():
    text = (
        "The network called the race for the 4th District for Democrat Rosa Lind "
        "on Thursday.\n\n“Voters chose the school budget over the noise,” she said."
    )
    assert "Rosa Lind" in [n.text for n in name_runs(text)]
    assert speakers(text) == ["Rosa Lind"]
