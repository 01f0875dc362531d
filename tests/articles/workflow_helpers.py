"""Building fact-checks that pass (or fail) the publish gate, for the workflow tests.

Claims are written as their checker would in the admin (the history names them) and
their attributions confirmed through the review service by another user.
"""

from articles.models import Verdict
from articles.services.review import confirm_attribution
from tests.factories import (
    CitationFactory,
    ClaimFactory,
    FactCheckClaimFactory,
    FactCheckFactory,
    UserFactory,
)
from tests.history import acting_as


def add_ready_claim(fact_check, *, checker, reviewer, position, **overrides):
    """A claim with everything the gate asks for, placed in the fact-check.

    ``checker`` writes the claim, its verdict and its citation; ``reviewer`` (when
    given) confirms its attribution.
    """
    fields = {
        "article": fact_check.article,
        "verdict": Verdict.MOSTLY_TRUE,
        "verdict_summary": "The figure matches the council minutes.",
        "analysis": "We read the minutes of the meeting.",
        "checked_by": checker,
        "created_by": checker,
        **overrides,
    }
    with acting_as(checker):
        claim = ClaimFactory(**fields)
        CitationFactory(claim=claim)
    if reviewer is not None:
        confirm_attribution(item=claim, user=reviewer)
    FactCheckClaimFactory(fact_check=fact_check, claim=claim, position=position)
    claim.refresh_from_db()
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
