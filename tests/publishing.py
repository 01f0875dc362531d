"""Build checked fact-checks and publish them through the workflow services.

``publish`` walks a fact-check through submit → approve → publish as the editor and
publisher users below, exactly as the admin does; tests reach published states only
this way.
"""

from __future__ import annotations

import datetime
from io import StringIO

from django.core.management import call_command

from articles.models import (
    CitationStance,
    FactCheck,
    FactCheckState,
    Verdict,
)
from articles.services import workflow
from articles.services.review import confirm_attribution
from entities.models import Entity, EntityKind
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    ClaimFactory,
    EntityFactory,
    FactCheckClaimFactory,
    FactCheckFactory,
    MentionFactory,
    QuoteFactory,
    UserFactory,
)
from tests.history import acting_as


def desk_editor():
    return UserFactory(username="desk-editor", groups=["Editor"])


def desk_publisher():
    return UserFactory(username="desk-publisher", groups=["Publisher"])


def desk_checker():
    return UserFactory(username="desk-checker", groups=["Editor"])


def desk_reviewer():
    return UserFactory(username="desk-reviewer", groups=["Reviewer"])


# The publication time the public-page tests use.
NOW = datetime.datetime(2025, 3, 5, 9, 30, tzinfo=datetime.UTC)


def publish(fact_check, *, user=None, now: datetime.datetime | None = None):
    """Publish ``fact_check`` (submitting and approving it first when needed)."""
    publisher = user or desk_publisher()
    fact_check.refresh_from_db()
    if fact_check.state == FactCheckState.DRAFT:
        workflow.submit_for_review(fact_check=fact_check, user=desk_editor())
    if fact_check.state == FactCheckState.IN_REVIEW:
        workflow.approve(fact_check=fact_check, user=publisher)
    return workflow.publish(fact_check=fact_check, user=publisher, now=now)


def unpublish(fact_check):
    workflow.unpublish(fact_check=fact_check, user=desk_publisher())


SEED_SLUG = "china-to-fly-pakistani-astronaut-to-tiangong"


def settle_attributions(fact_check) -> None:
    """Confirm every claim's attribution as the desk reviewer (the gate needs it)."""
    reviewer = desk_reviewer()
    for claim in fact_check.claims.all():
        if not claim.is_attribution_settled:
            confirm_attribution(item=claim, user=reviewer)


def publish_seed(*, now: datetime.datetime | None = None):
    """Load the seed article's record and publish its fact-check; return the version."""
    call_command("load_seed", stdout=StringIO())
    fact_check = FactCheck.objects.get(slug=SEED_SLUG)
    settle_attributions(fact_check)
    return publish(fact_check, now=now)


# ``checked_claim``'s default reviewer: the desk reviewer (None: leave unreviewed).
DESK_REVIEWER = object()


def checked_claim(
    fact_check,
    *,
    position,
    checker=None,
    reviewer=DESK_REVIEWER,
    citation=None,
    **fields,
):
    """A claim of the fact-check's article that passes the publish gate.

    The checker (the desk checker unless given) writes it and its citation (as in
    the admin, the history names them); the reviewer confirms its attribution
    through the review service. The one builder of checked claims for all tests.
    """
    checker = checker or desk_checker()
    values = {
        "article": fact_check.article,
        "verdict": Verdict.MIXED,
        "verdict_summary": "Partly right.",
        "checked_by": checker,
        "created_by": checker,
        **fields,
    }
    with acting_as(checker):
        claim = ClaimFactory(**values)
        CitationFactory(claim=claim, **(citation or {}))
    if reviewer is DESK_REVIEWER:
        reviewer = desk_reviewer()
    if reviewer is not None:
        confirm_attribution(item=claim, user=reviewer)
    FactCheckClaimFactory(fact_check=fact_check, claim=claim, position=position)
    claim.refresh_from_db()
    return claim


def simple_fact_check(number: int):
    """A fact-check with one checked claim, unique by ``number``."""
    fact_check = FactCheckFactory(slug=f"check-{number}", title=f"Check {number}")
    checked_claim(fact_check, position=1)
    return fact_check


def _entity(slug, **fields):
    """The entity with ``slug``, created once so several fact-checks can share it."""
    return Entity.objects.filter(slug=slug).first() or EntityFactory(
        slug=slug, **fields
    )


def make_fact_check(*, slug="budget-check", title="Fact-check: the budget story"):
    """A fact-check of the default factory article with two checked claims.

    Claim 1 (true) spans the budget sentence and contains the mention of
    Northbridge; claim 2 (false) sits inside the mayor's quote.
    """
    publication = _entity(
        name="Northbridge Gazette",
        slug="northbridge-gazette",
        kind=EntityKind.PUBLICATION,
    )
    article = ArticleFactory(
        headline="Council approves budget",
        publication=publication,
        published_on=datetime.date(2025, 3, 1),
    )
    city = _entity(
        name="Northbridge",
        slug="northbridge",
        kind=EntityKind.PLACE,
        wikidata_id="Q1234",
        same_as="https://example.org/northbridge",
        description="A city on the river.",
    )
    mayor = _entity(
        name="Ana Lopez",
        slug="ana-lopez",
        kind=EntityKind.PERSON,
        description="Mayor of Northbridge.",
    )
    MentionFactory(article=article, entity=city, text="Northbridge", occurrence=1)
    MentionFactory(article=article, entity=mayor, text="Ana Lopez")
    MentionFactory(article=article, entity=publication, text="Northbridge Gazette")
    QuoteFactory(
        article=article,
        speaker=mayor,
        text="We will open three new libraries by 2027",
    )
    fact_check = FactCheckFactory(
        article=article,
        slug=slug,
        title=title,
        summary="The budget figure holds up; the library promise does not.",
    )
    checked_claim(
        fact_check,
        position=1,
        text="The city council of Northbridge approved a budget of 4.2 million euros",
        statement="Northbridge's council approved a 4.2 million euro budget.",
        speaker=publication,
        verdict=Verdict.TRUE,
        verdict_summary="The minutes record the vote.",
        analysis="The council minutes show the budget and the vote.",
        citation={
            "url": "https://records.example.org/minutes",
            "title": "Council minutes",
            "publisher": "Northbridge City Council",
            "published_on": datetime.date(2025, 3, 2),
            "archived_url": "https://archive.example.org/minutes",
            "excerpt": "The budget was approved 12 to 3.",
        },
    )
    checked_claim(
        fact_check,
        position=2,
        text="three new libraries by 2027",
        statement="Northbridge will open three new libraries by 2027.",
        speaker=mayor,
        verdict=Verdict.FALSE,
        verdict_summary="The plan funds one library.",
        analysis="The budget funds one library, not three.",
        recheck_on=datetime.date(2027, 12, 31),
        citation={
            "url": "https://records.example.org/plan",
            "title": "Library plan",
            "stance": CitationStance.REFUTES,
        },
    )
    return fact_check
