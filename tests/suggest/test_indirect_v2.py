"""Indirect speech in the shapes wire copy uses."""

import pytest

from suggest.quotes import find_quotes


def found(text: str) -> list[tuple[str, str]]:
    return [(quote.text, quote.speaker) for quote in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tariq Aziz, the port's director, told Reuters that cargo volumes had "
            "fallen by a third since March.",
            ("cargo volumes had fallen by a third since March", "Tariq Aziz"),
        ),
        (
            "According to the Central Bank of Kenya, inflation slowed to 4.4% in "
            "October.",
            ("inflation slowed to 4.4% in October", "Central Bank of Kenya"),
        ),
        (
            "Opposition leader Ines Duarte tweeted that the count had been "
            "suspended in three districts.",
            ("the count had been suspended in three districts", "Ines Duarte"),
        ),
        (
            "The Supreme Court ruled on Tuesday that the tax had been collected "
            "unlawfully.",
            ("the tax had been collected unlawfully", "Supreme Court"),
        ),
        (
            "Around 40 flights were cancelled, state aviation officials said on "
            "Monday, the third day of the strike.",
            ("Around 40 flights were cancelled", "officials"),
        ),
        (
            "Refinery output fell 8% in the quarter, the Lagos-based company said "
            "in a filing to the stock exchange on Friday.",
            ("Refinery output fell 8% in the quarter", "the Lagos-based company"),
        ),
        (
            "Nobody was hurt, the airline said.",
            ("Nobody was hurt", "the airline"),
        ),
    ],
)
def test_reported_speech(text, expected):
    assert found(text) == [expected]


def test_a_participial_aside_does_not_hide_the_speaker():
    text = (
        "Opposition leader Asha Verma, referring to last month's bridge collapse, "
        "said that the state had spent only 41% of its road budget."
    )
    assert found(text) == [
        ("the state had spent only 41% of its road budget", "Asha Verma")
    ]


def test_unsourced_reports_have_no_speaker():
    text = (
        "Two ministers are said to have threatened to resign over the bill. "
        "The regulator will fine the company £12 million, it is understood."
    )
    quotes = find_quotes(text)
    assert [(q.speaker, q.is_vague) for q in quotes] == [("", True), ("", True)]
    assert quotes[1].text == "The regulator will fine the company £12 million"


def test_a_body_named_in_a_title_is_what_the_company_means():
    text = (
        "Leo Brandt has stepped down as chief executive of Nordlicht Solar, the "
        "Hamburg-based company said on Monday."
    )
    assert found(text) == [
        (
            "Leo Brandt has stepped down as chief executive of Nordlicht Solar",
            "Nordlicht Solar",
        )
    ]


def test_a_refusal_to_say_is_no_quote():
    text = "Marchetti declined to say whether he would stay next season."
    assert found(text) == []
