import datetime
from html.parser import HTMLParser

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from articles.highlight import Highlight, render_body
from articles.models import PublishedClaim, PublishedVersion, Verdict
from articles.snapshot import take_snapshot
from tests.factories import QuoteFactory, UserFactory
from tests.publishing import make_fact_check, publish

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2025, 3, 5, 9, 30, tzinfo=datetime.UTC)


def test_snapshot_is_created_not_current_with_everything_a_page_needs():
    fact_check = make_fact_check()
    user = UserFactory(first_name="Pat", last_name="Checker")
    fact_check.authors.add(user)

    version = take_snapshot(
        fact_check=fact_check, number=1, published_at=NOW, published_by=user
    )

    assert version.is_current is False
    assert version.title == fact_check.title
    assert version.slug == "budget-check"
    data = version.snapshot
    assert data["article"]["headline"] == "Council approves budget"
    assert data["article"]["publication"]["slug"] == "northbridge-gazette"
    assert data["article"]["original_url"].startswith("https://news.example.org/")
    assert data["article"]["published_on"] == "2025-03-01"
    assert data["article"]["language"] == "en"
    assert data["authors"] == [{"name": "Pat Checker"}]
    first, second = data["claims"]
    assert first["position"] == 1
    assert first["verdict_label"] == "True"
    assert first["rating"] == 7
    assert first["claimant"]["slug"] == "northbridge-gazette"
    assert first["citations"][0] == {
        "url": "https://records.example.org/minutes",
        "title": "Council minutes",
        "publisher": "Northbridge City Council",
        "published_on": "2025-03-02",
        "accessed_on": None,
        "archived_url": "https://archive.example.org/minutes",
        "excerpt": "The budget was approved 12 to 3.",
        "stance": "supports",
        "stance_label": "Supports",
    }
    assert second["verdict"] == Verdict.FALSE
    assert second["rating"] == 1
    assert second["recheck_on"] == "2027-12-31"
    assert second["claimant"]["name"] == "Ana Lopez"
    assert {e["slug"] for e in data["entities"]} == {
        "northbridge",
        "ana-lopez",
        "northbridge-gazette",
    }
    assert data["quotes"][0]["speaker"]["name"] == "Ana Lopez"
    assert set(version.entities.values_list("slug", flat=True)) == {
        "northbridge",
        "ana-lopez",
        "northbridge-gazette",
    }
    assert "libraries" in version.search_text


def test_one_published_claim_per_claim_with_entities_inside_its_span():
    fact_check = make_fact_check()
    version = take_snapshot(
        fact_check=fact_check, number=1, published_at=NOW, published_by=None
    )
    rows = list(version.claims.order_by("position"))
    claims = list(fact_check.ordered_claims())
    assert [r.claim_ref for r in rows] == [c.pk for c in claims]
    assert rows[0].claimant.slug == "northbridge-gazette"
    # Northbridge is mentioned inside claim 1's span; the claimant is added.
    assert set(rows[0].entities.values_list("slug", flat=True)) == {
        "northbridge",
        "northbridge-gazette",
    }
    assert set(rows[1].entities.values_list("slug", flat=True)) == {"ana-lopez"}
    assert rows[1].published_at == NOW


def test_unconfirmed_mentions_and_quotes_are_left_out():
    fact_check = make_fact_check()
    QuoteFactory(
        article=fact_check.article,
        speaker=None,
        speaker_text="the Gazette",
        text="the vote passed 12 to 3",
        suggestion_state="suggested",
    )
    fact_check.article.mentions.filter(entity__slug="ana-lopez").update(
        suggestion_state="rejected"
    )
    version = take_snapshot(
        fact_check=fact_check, number=1, published_at=NOW, published_by=None
    )
    assert len(version.snapshot["quotes"]) == 1
    assert "ana-lopez" not in {e["slug"] for e in version.snapshot["entities"]}
    assert "/entities/ana-lopez/" not in version.article_html


def test_article_html_highlights_mentions_quotes_and_claims():
    fact_check = make_fact_check()
    version = take_snapshot(
        fact_check=fact_check, number=1, published_at=NOW, published_by=None
    )
    html = version.article_html
    claim1, claim2 = fact_check.ordered_claims()
    assert html.count("<p>") == 4
    assert 'href="/entities/northbridge/"' in html
    assert f'href="#claim-{claim1.pk}"' in html
    assert f'href="#claim-{claim2.pk}"' in html
    assert 'class="hl hl-quote"' in html
    assert '<mark class="hl hl-claim hl-verdict-false">' in html
    # Typographic quotes survive; the HTML is balanced.
    assert "“" in html
    assert html.count("<mark") == html.count("</mark>")
    assert html.count("<span") == html.count("</span>")
    assert html.count("<a ") == html.count("</a>")


def test_edits_after_snapshot_do_not_change_it_until_republished():
    fact_check = make_fact_check()
    first = publish(fact_check, now=NOW)
    claim = fact_check.ordered_claims()[0]
    claim.verdict = Verdict.MISLEADING
    claim.statement = "Edited after publication."
    claim.save()
    first.refresh_from_db()
    assert first.snapshot["claims"][0]["verdict"] == Verdict.TRUE
    assert PublishedClaim.objects.current().get(claim_ref=claim.pk).verdict == "true"

    second = publish(fact_check, now=NOW + datetime.timedelta(days=1))
    first.refresh_from_db()
    assert first.is_current is False
    assert second.is_current is True
    assert second.number == 2
    assert second.snapshot["claims"][0]["verdict"] == Verdict.MISLEADING
    current = PublishedClaim.objects.current().get(claim_ref=claim.pk)
    assert current.statement == "Edited after publication."
    assert PublishedVersion.objects.filter(fact_check=fact_check).count() == 2
    assert second.snapshot["fact_check"]["first_published_at"] == NOW.isoformat()


def test_render_body_escapes_text_and_attributes():
    body = 'He said <script>alert("x")</script> & left.'
    spans = [Highlight(8, 16, "mention", href='/e/"x"/', label="<b>")]
    html = render_body(body, spans)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert 'href="/e/&quot;x&quot;/"' in html
    assert 'title="&lt;b&gt;"' in html


def test_render_body_handles_partly_overlapping_spans():
    body = "alpha beta gamma delta"
    spans = [
        Highlight(0, 10, "claim", href="#claim-1", label="Claim 1", ref="1"),
        Highlight(6, 16, "quote", label="Quote"),
        Highlight(6, 10, "mention", href="/entities/beta/", label="Beta"),
        Highlight(6, 16, "mention", href="/entities/x/", label="X"),
    ]
    html = render_body(body, spans)
    # The longer mention wins; the quote is closed and reopened around the claim end.
    assert "/entities/beta/" not in html
    assert html == (
        '<p><mark class="hl hl-claim">alpha '
        '<span class="hl hl-quote" title="Quote">'
        '<a class="hl hl-mention" href="/entities/x/" title="X">beta</a></span>'
        '</mark><a class="claim-ref" href="#claim-1" aria-label="Claim 1">1</a>'
        '<span class="hl hl-quote" title="Quote">'
        '<a class="hl hl-mention" href="/entities/x/" title="X"> gamma</a>'
        "</span> delta</p>"
    )


def test_spans_across_paragraphs_and_orphans():
    body = "one two\nthree four"
    spans = [Highlight(4, 13, "quote", label="Q"), Highlight(50, 60, "quote")]
    html = render_body(body, spans)
    assert html == (
        '<p>one <span class="hl hl-quote" title="Q">two</span></p>\n'
        '<p><span class="hl hl-quote" title="Q">three</span> four</p>'
    )


def test_snapshot_time_defaults_to_given_timestamp():
    fact_check = make_fact_check()
    version = publish(fact_check, now=timezone.now())
    assert version.snapshot["fact_check"]["number"] == 1


def test_a_snapshot_that_fails_part_way_leaves_no_version(monkeypatch):
    """The version, its entity cards and its claims are written together or not at
    all (a failure after the version row was written rolls it back)."""
    from articles import snapshot

    fact_check = make_fact_check()

    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(snapshot, "_freeze_claims", fail)
    with pytest.raises(RuntimeError):
        take_snapshot(fact_check=fact_check, number=1, published_at=NOW)

    assert not PublishedVersion.objects.filter(fact_check=fact_check).exists()


class _Checker(HTMLParser):
    """Collects text and fails on any closing tag that does not match."""

    VOID = {"br"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.text = [], []

    def handle_starttag(self, tag, attrs):
        assert tag != "a" or "a" not in self.stack, "nested links"
        self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack.pop() == tag, tag

    def handle_data(self, data):
        self.text.append(data)


@st.composite
def bodies_and_spans(draw):
    body = draw(st.text(alphabet="ab <&\n“", min_size=1, max_size=40))
    kinds = st.sampled_from(["mention", "quote", "claim"])
    spans = []
    for _ in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, len(body)))
        end = draw(st.integers(0, len(body) + 2))
        spans.append(Highlight(start, end, draw(kinds), href="#x", label="L", ref="1"))
    return body, spans


@given(bodies_and_spans())
def test_render_body_is_well_formed_and_keeps_the_text(case):
    body, spans = case
    html = render_body(body, spans)
    checker = _Checker()
    checker.feed(html)
    checker.close()
    assert checker.stack == []
    refs = sum(
        1 for s in spans if s.kind == "claim" and 0 <= s.start < s.end <= len(body)
    )
    text = "".join(checker.text).replace("\n", "")
    expected = "".join(line for line in body.split("\n") if line.strip())
    # Claim reference numbers are the only text added.
    assert text.replace("1", "") == expected.replace("1", "")
    assert text.count("1") <= expected.count("1") + refs
