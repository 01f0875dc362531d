import pytest
from django.db import connection

from articles.models.choices import ClaimState, Verdict
from articles.services.repeats import find_repeats
from suggest.repeats import rare_words
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

MOON = "The United States will return astronauts to the lunar surface by 2025."


def checked(statement: str, **kwargs):
    return ClaimFactory(
        statement=statement,
        state=ClaimState.CHECKED,
        verdict=kwargs.pop("verdict", Verdict.OUTDATED),
        **kwargs,
    )


def test_a_checked_claim_in_another_article_is_found():
    earlier = checked("The US will return astronauts to the lunar surface by 2025.")
    checked("Pakistan launched its first satellite, Badr-1, in 1990.")

    found = find_repeats(MOON, exclude_article=ArticleFactory())

    assert [claim for claim, _ in found] == [earlier]
    claim, score = found[0]
    assert claim.verdict == Verdict.OUTDATED
    assert 0 < score <= 1


def test_best_match_first():
    close = checked(
        "The United States will return astronauts to the lunar surface by 2025."
    )
    looser = checked(
        "The United States plans to put astronauts on the lunar surface again."
    )

    found = find_repeats(MOON, threshold=0.3)

    assert [claim for claim, _ in found][:2] == [close, looser]
    assert found[0][1] >= found[1][1]


def test_open_claims_claims_without_verdict_and_the_same_article_are_left_out():
    article = ArticleFactory()
    checked(MOON, article=article)
    ClaimFactory(statement=MOON, state=ClaimState.OPEN, verdict=Verdict.FALSE)
    ClaimFactory(statement=MOON, state=ClaimState.CHECKED, verdict="")

    assert find_repeats(MOON, exclude_article=article) == []


def test_unrelated_and_empty_statements_find_nothing():
    checked("The council approved a budget of 2 million pounds for new libraries.")

    assert find_repeats(MOON) == []
    assert find_repeats("   ") == []


def test_the_article_text_of_a_claim_counts_too():
    article = ArticleFactory(
        body="Officials said the United States will return astronauts to the lunar "
        "surface by 2025, a target already missed."
    )
    claim = checked(
        "NASA's crewed landing target",
        article=article,
        text="the United States will return astronauts to the lunar surface by 2025",
    )

    assert [found for found, _ in find_repeats(MOON)] == [claim]


def test_rare_words_prefer_long_distinctive_words():
    assert rare_words(MOON)[:3] == ["astronauts", "surface", "return"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_pg_trgm_is_enabled_by_the_migration():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone() == (1,)
