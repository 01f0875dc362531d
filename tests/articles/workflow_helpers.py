"""Building fact-checks that pass (or fail) the publish gate, for the workflow tests."""

import sys
import types

import pytest
from django.core.cache import cache

from articles.models import AttributionReview, PublishedVersion, Verdict
from tests.factories import (
    CitationFactory,
    ClaimFactory,
    FactCheckClaimFactory,
    FactCheckFactory,
    UserFactory,
)


def add_ready_claim(fact_check, *, checker, reviewer, position, **overrides):
    """A claim with everything the gate asks for, placed in the fact-check."""
    fields = {
        "article": fact_check.article,
        "verdict": Verdict.MOSTLY_TRUE,
        "verdict_summary": "The figure matches the council minutes.",
        "analysis": "We read the minutes of the meeting.",
        "checked_by": checker,
        # The review service belongs to another branch: set its outcome directly.
        "review_state": AttributionReview.CONFIRMED,
        "reviewed_by": reviewer,
        **overrides,
    }
    claim = ClaimFactory(**fields)
    CitationFactory(claim=claim)
    FactCheckClaimFactory(fact_check=fact_check, claim=claim, position=position)
    return claim


def ready_fact_check(*, claims=2, checker=None, reviewer=None):
    checker = checker or UserFactory(username="checker", groups=["Editor"])
    reviewer = reviewer or UserFactory(username="attrib-reviewer", groups=["Reviewer"])
    fact_check = FactCheckFactory()
    for position in range(1, claims + 1):
        add_ready_claim(
            fact_check, checker=checker, reviewer=reviewer, position=position
        )
    return fact_check


def _fake_take_snapshot(*, fact_check, number, published_at, published_by):
    claims = [
        {"statement": c.statement, "verdict": c.verdict}
        for c in fact_check.ordered_claims()
    ]
    return PublishedVersion.objects.create(
        fact_check=fact_check,
        number=number,
        published_at=published_at,
        published_by=published_by,
        title=fact_check.title,
        slug=fact_check.slug,
        summary=fact_check.summary,
        snapshot={"claims": claims},
    )


@pytest.fixture
def snapshots(monkeypatch):
    """Use branch pub-pages' snapshot and cache modules, or stand-ins until merged."""
    try:
        import articles.snapshot  # noqa: F401
    except ImportError:
        fake = types.ModuleType("articles.snapshot")
        fake.take_snapshot = _fake_take_snapshot
        monkeypatch.setitem(sys.modules, "articles.snapshot", fake)
    try:
        import articles.cache  # noqa: F401
    except ImportError:
        fake = types.ModuleType("articles.cache")
        fake.clear_public_cache = cache.clear
        monkeypatch.setitem(sys.modules, "articles.cache", fake)
