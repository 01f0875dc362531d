"""Wire-copy shapes: AP-style times after the cue, one speech act in two clauses,
datelines and descriptors that are not speakers, roles for the named person, vague
sources with no name."""

import pytest

from suggest.quotes import find_quotes


def found(text: str) -> list[tuple[str, str]]:
    return [(quote.text, quote.speaker) for quote in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The ferry service will resume in April after repairs to the pier, the "
            "harbour authority said Wednesday.",
            (
                "The ferry service will resume in April after repairs to the pier",
                "the harbour authority",
            ),
        ),
        (
            "Its quarterly revenue rose 9 percent to 3.1 billion dollars, the "
            "retailer Hollins Group said Tuesday, citing strong holiday sales.",
            (
                "Its quarterly revenue rose 9 percent to 3.1 billion dollars",
                "Hollins Group",
            ),
        ),
        (
            "Tomas Verde has resigned as head of the port authority, less than a "
            "year after his appointment, the city council said Friday.",
            (
                "Tomas Verde has resigned as head of the port authority, less than "
                "a year after his appointment",
                "city council",
            ),
        ),
    ],
)
def test_reported_clause_first_with_a_weekday_after_the_cue(text, expected):
    (quote,) = found(text)
    assert quote[0] == expected[0]
    assert quote[1].lower().endswith(expected[1].lower().removeprefix("the "))


def test_said_weekday_that():
    text = "Governor Ada Pike said Tuesday that the bridge would reopen in May."
    assert found(text) == [("the bridge would reopen in May", "Ada Pike")]


def test_said_that_a_and_that_b_is_one_reported_statement():
    text = (
        "The harbour master, Lena Ostrova, said that the channel had silted up "
        "over the winter and that dredging would start in June."
    )
    assert found(text) == [
        (
            "the channel had silted up over the winter and that dredging would "
            "start in June",
            "Lena Ostrova",
        )
    ]


def test_said_that_a_but_that_b_stays_two_statements():
    text = "Bo Ek told reporters that sales were up but that margins had fallen."
    assert found(text) == [
        ("sales were up", "Bo Ek"),
        ("margins had fallen", "Bo Ek"),
    ]
