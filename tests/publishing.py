"""Build a checked fact-check and publish it, for tests of the public pages.

Until the workflow services land this helper publishes by taking a snapshot and
marking it current itself; it is the only place tests reach the published state.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from articles.cache import clear_public_cache
from articles.models import (
    CitationStance,
    FactCheckState,
    PublishedVersion,
    Verdict,
)
from articles.snapshot import take_snapshot
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
)


def publish(fact_check, *, user=None, now: datetime.datetime | None = None):
    """Publish ``fact_check`` as its next version and return that version."""
    now = now or timezone.now()
    with transaction.atomic():
        number = (
            max(fact_check.versions.values_list("number", flat=True), default=0) + 1
        )
        version = take_snapshot(
            fact_check=fact_check, number=number, published_at=now, published_by=user
        )
        fact_check.versions.filter(is_current=True).update(is_current=False)
        PublishedVersion.objects.filter(pk=version.pk).update(is_current=True)
        fact_check.state = FactCheckState.PUBLISHED
        if fact_check.first_published_at is None:
            fact_check.first_published_at = now
        fact_check.save()
        transaction.on_commit(clear_public_cache)
    version.refresh_from_db()
    return version


def unpublish(fact_check):
    with transaction.atomic():
        fact_check.versions.update(is_current=False)
        fact_check.state = FactCheckState.UNPUBLISHED
        fact_check.save()
        transaction.on_commit(clear_public_cache)


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
    claim1 = ClaimFactory(
        article=article,
        text="The city council of Northbridge approved a budget of 4.2 million euros",
        statement="Northbridge's council approved a 4.2 million euro budget.",
        claimant=publication,
        verdict=Verdict.TRUE,
        verdict_summary="The minutes record the vote.",
        analysis="The council minutes show the budget and the vote.",
    )
    claim2 = ClaimFactory(
        article=article,
        text="three new libraries by 2027",
        statement="Northbridge will open three new libraries by 2027.",
        claimant=mayor,
        verdict=Verdict.FALSE,
        verdict_summary="The plan funds one library.",
        analysis="The budget funds one library, not three.",
        recheck_on=datetime.date(2027, 12, 31),
    )
    CitationFactory(
        claim=claim1,
        url="https://records.example.org/minutes",
        title="Council minutes",
        publisher="Northbridge City Council",
        published_on=datetime.date(2025, 3, 2),
        archived_url="https://archive.example.org/minutes",
        excerpt="The budget was approved 12 to 3.",
    )
    CitationFactory(
        claim=claim2,
        url="https://records.example.org/plan",
        title="Library plan",
        stance=CitationStance.REFUTES,
    )
    fact_check = FactCheckFactory(
        article=article,
        slug=slug,
        title=title,
        summary="The budget figure holds up; the library promise does not.",
    )
    FactCheckClaimFactory(fact_check=fact_check, claim=claim1, position=1)
    FactCheckClaimFactory(fact_check=fact_check, claim=claim2, position=2)
    return fact_check
