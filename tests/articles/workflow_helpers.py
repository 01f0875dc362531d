"""Building fact-checks that pass (or fail) the publish gate, for the workflow tests.

Claims are written as their checker would in the admin (the history names them) and
their attributions confirmed through the review service by another user.
"""

from articles.models import Verdict
from tests.factories import FactCheckFactory, UserFactory
from tests.publishing import checked_claim

# What the workflow tests' claims say (the public-page tests use checked_claim's).
READY_FIELDS = {
    "verdict": Verdict.MOSTLY_TRUE,
    "verdict_summary": "The figure matches the council minutes.",
    "analysis": "We read the minutes of the meeting.",
}


def add_ready_claim(fact_check, *, checker, reviewer, position, **overrides):
    """``checked_claim`` written by ``checker`` and confirmed by ``reviewer`` (None:
    left unreviewed), with the workflow tests' verdict."""
    fields = {**READY_FIELDS, **overrides}
    return checked_claim(
        fact_check, position=position, checker=checker, reviewer=reviewer, **fields
    )


def ready_fact_check(*, claims=2, checker=None, reviewer=None):
    checker = checker or UserFactory(username="checker", groups=["Editor"])
    reviewer = reviewer or UserFactory(username="attrib-reviewer", groups=["Reviewer"])
    fact_check = FactCheckFactory()
    for position in range(1, claims + 1):
        add_ready_claim(
            fact_check, checker=checker, reviewer=reviewer, position=position
        )
    return fact_check
