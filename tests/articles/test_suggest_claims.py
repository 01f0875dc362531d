from datetime import date

import pytest

from suggest.claims import CHECKS, find_claims, recheck_date
from tests.articles.test_suggest_quotes import seed_text

SEED_DATE = date(2025, 2, 28)


def claim_with(claims, words: str):
    for claim in claims:
        if words in claim.text:
            return claim
    raise AssertionError(f"no claim containing {words!r}")


@pytest.fixture
def seed_claims():
    return find_claims(seed_text(), published_on=SEED_DATE)


@pytest.mark.parametrize(
    ("words", "recheck_on", "reason"),
    [
        # "by 2025": the day after the deadline.
        ("returning to the lunar surface by 2025", date(2026, 1, 1), "time-sensitive"),
        # "before 2030": the deadline itself.
        ("land astronauts on the Moon before 2030", date(2030, 1, 1), "time-sensitive"),
        # "in the coming years": two years after publication.
        ("in the coming years", date(2027, 2, 28), "time-sensitive"),
        # "nearly four years": true only as of the publication date.
        ("operational for nearly four years", SEED_DATE, "date-relative"),
        # "earlier this year": relative to the publication date.
        ("earlier this year", SEED_DATE, "date-relative"),
        # "expected to take around a year": a year after publication.
        ("take around a year", date(2026, 2, 28), "time-sensitive"),
        # A plan with no date ("will be aboard"): a year on.
        ("first time a foreign national will be aboard", date(2026, 2, 28), "first"),
    ],
)
def test_seed_time_sensitive_claims(seed_claims, words, recheck_on, reason):
    claim = claim_with(seed_claims, words)
    assert claim.recheck_on == recheck_on
    assert reason in claim.reasons


def test_seed_claims_cover_the_checked_facts(seed_claims):
    text = seed_text()
    for words in (
        "marking the first time a foreign national",
        "reportedly excluded from the International Space Station",
        "Badr-1, was launched aboard a Chinese Long March 2E rocket in 1990",
        "before 2030",
        "by 2025",
    ):
        claim = claim_with(seed_claims, words)
        assert text[claim.start : claim.end] == claim.text


def test_reasons_name_what_makes_a_sentence_checkable():
    text = (
        "Unemployment fell to 4.2% in March, the lowest rate since 2008. "
        "The city spent $3.5 million on the first stage of the new bridge."
    )
    first, second = find_claims(text)
    assert {"percentage", "date", "superlative"} <= set(first.reasons)
    assert {"money", "first"} <= set(second.reasons)


@pytest.mark.parametrize(
    "text",
    [
        "Will the government change course before the election in 2026?",
        "Not now.",
        "“We are proud of everything this team has achieved together,” she said.",
        "The mood in the room was calm and the talks went on late.",
    ],
)
def test_questions_fragments_and_opinion_quotes_are_skipped(text):
    assert find_claims(text) == []


def test_a_quote_with_a_figure_is_kept():
    text = "“Sales rose 12% in the first quarter,” chief executive Ann Lee said."
    [claim] = find_claims(text)
    assert claim.text.startswith("Sales rose 12%")


def test_no_publication_date_gives_the_reason_but_no_date():
    [claim] = find_claims("The agency will land a rover on Mars next year, it said.")
    assert claim.recheck_on is None
    assert "time-sensitive" in claim.reasons
    [dated] = find_claims("The agency will land a rover on Mars by 2030, it said.")
    assert dated.recheck_on == date(2031, 1, 1)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The line opens next month.", date(2025, 4, 1)),
        ("Power should be back within 48 hours.", date(2025, 3, 2)),
        ("The probe launches in March 2027.", date(2027, 4, 1)),
        ("Talks will end by the end of the year.", date(2026, 1, 1)),
        ("The plant will close next year.", date(2027, 1, 1)),
        ("Prices will rise in the coming months.", date(2025, 8, 28)),
        ("It launched in 1990.", None),
    ],
)
def test_recheck_rules(sentence, expected):
    value, _ = recheck_date(sentence, SEED_DATE)
    assert value == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The ticket cost 1,200 dollars last spring.",
        "The council spent about 4.5 euros a head.",
        "Farmers were paid 12,5 lakh in compensation.",
    ],
)
def test_sums_of_money_are_a_reason(sentence):
    (claim,) = find_claims(sentence)
    assert "money" in claim.reasons


def test_a_long_run_of_figures_is_not_money():
    money = dict(CHECKS)["money"]
    assert money.search("1,2" * 5_000) is None
    assert money.search("1,2" * 5_000 + " dollars")
