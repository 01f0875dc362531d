"""Building fact-checks that pass (or fail) the publish gate, for the workflow tests."""

from articles.models import AttributionReview, Verdict
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
