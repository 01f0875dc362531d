"""The claims index as a CSV file: same filters as the page, streamed, defused."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from articles.exports import safe_cell
from articles.models import Verdict
from articles.services import workflow
from tests.factories import FactCheckFactory
from tests.publishing import (
    NOW,
    checked_claim,
    desk_publisher,
    make_fact_check,
    publish,
    simple_fact_check,
    unpublish,
)

pytestmark = pytest.mark.django_db


def rows(response):
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_every_published_claim_is_a_row(client, published):
    response = client.get(reverse("articles:claim_list_csv"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "claims.csv" in response["Content-Disposition"]
    table = rows(response)
    assert [r["verdict"] for r in table] == ["true", "false"]
    first = table[0]
    assert first["claim"] == "Northbridge's council approved a 4.2 million euro budget."
    assert first["claimant"] == "Northbridge Gazette"
    assert first["verdict_label"] == "True"
    assert first["rating"] == "7"
    assert first["fact_check"] == "Fact-check: the budget story"
    assert first["claim_url"].endswith(
        f"/claims/{first['claim_id']}-"
        + "northbridges-council-approved-a-42-million-euro-budget/"
    )
    assert first["published_at"] == "2025-03-05T09:30:00+00:00"


def test_the_page_filters_apply(client, published):
    by_verdict = rows(
        client.get(reverse("articles:claim_list_csv"), {"verdict": "false"})
    )
    by_claimant = rows(
        client.get(reverse("articles:claim_list_csv"), {"claimant": "ana-lopez"})
    )
    by_entity = rows(
        client.get(reverse("articles:claim_list_csv"), {"entity": "northbridge"})
    )

    assert [r["verdict"] for r in by_verdict] == ["false"]
    assert [r["claimant"] for r in by_claimant] == ["Ana Lopez"]
    assert [r["verdict"] for r in by_entity] == ["true"]


def test_an_unknown_filter_value_is_a_400(client, published):
    response = client.get(reverse("articles:claim_list_csv"), {"verdict": "fabulous"})

    assert response.status_code == 400
    assert b"verdict" in response.content


def test_cells_a_spreadsheet_would_run_are_defused(client):
    fact_check = make_fact_check()
    checked_claim(
        fact_check,
        position=3,
        statement='=HYPERLINK("https://evil.example.org","click")',
        verdict=Verdict.MISLEADING,
        verdict_summary="+1 more to come",
    )
    publish(fact_check, now=NOW)

    table = rows(client.get(reverse("articles:claim_list_csv")))

    [row] = [r for r in table if r["verdict"] == "misleading"]
    assert row["claim"] == '\'=HYPERLINK("https://evil.example.org","click")'
    assert row["verdict_summary"] == "'+1 more to come"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+44 20", "'+44 20"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        # Spreadsheets skip leading blanks before reading a formula.
        (" =1+1", "' =1+1"),
        ("  \t@SUM(A1)", "'  \t@SUM(A1)"),
        ("\n=1+1", "'\n=1+1"),
        ("\u00a0-2", "'\u00a0-2"),
        ("\u3000=1", "'\u3000=1"),
        (" plain", " plain"),
        ("plain", "plain"),
        ("a=b", "a=b"),
        (7, "7"),
        (None, ""),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


def test_the_export_costs_a_fixed_number_of_queries(
    client, published, django_assert_num_queries
):
    for number in range(3):
        fact_check = make_fact_check(slug=f"budget-{number}", title=f"Budget {number}")
        publish(fact_check, now=NOW)
    with django_assert_num_queries(1):  # the rows (no filter: no entity to look up)
        table = rows(client.get(reverse("articles:claim_list_csv")))
    assert len(table) == 8


def test_the_claims_page_links_to_the_export_with_its_filters(client, published):
    html = client.get(reverse("articles:claim_list"), {"verdict": "true"}).content
    assert b'href="/claims.csv?verdict=true"' in html


def test_a_retracted_fact_checks_rows_say_so(client, published):
    assert {
        row["retracted"] for row in rows(client.get(reverse("articles:claim_list_csv")))
    } == {"no"}
    workflow.add_correction(
        fact_check=published,
        user=desk_publisher(),
        text="We got the central figure wrong.",
        kind="retraction",
    )
    assert {
        row["retracted"] for row in rows(client.get(reverse("articles:claim_list_csv")))
    } == {"yes"}


def test_nothing_unpublished_is_a_row(client, published):
    """A draft's claim, an older version's wording and a withdrawn fact-check's
    claims never reach the file, filtered or not."""
    first = published.ordered_claims().first()
    first.statement = "Reworded after publication."
    first.save()
    publish(published, now=NOW + datetime.timedelta(days=1))
    draft = FactCheckFactory(slug="a-draft", title="A draft")
    checked_claim(draft, position=1, statement="Only in the draft.")
    withdrawn = simple_fact_check(7)
    checked_claim(withdrawn, position=2, statement="Only in the withdrawn one.")
    publish(withdrawn, now=NOW)
    unpublish(withdrawn)

    table = rows(client.get(reverse("articles:claim_list_csv")))
    by_verdict = rows(
        client.get(reverse("articles:claim_list_csv"), {"verdict": "mixed"})
    )

    claims = [row["claim"] for row in table]
    assert claims == [
        "Reworded after publication.",
        "Northbridge will open three new libraries by 2027.",
    ]
    assert by_verdict == []
    assert {row["fact_check"] for row in table} == {"Fact-check: the budget story"}
