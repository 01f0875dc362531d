"""Checking cited pages: fetch, archive a snapshot, judge the link's health.

``check_citation`` is what the worker, beat and ``manage.py check_sources`` run; it
writes one SourceCheck (the history is never edited) and copies the verdict onto
the citation, so lists can filter on it. When the verdict of a citation shown on a
published page turns broken (or back), the page is rendered again, since readers
get an "archived copy" link next to a dead source.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from articles.desk import events as desk_events
from articles.models import (
    Citation,
    PublishedCitation,
    PublishedVersion,
    SourceCheck,
    SourceHealth,
)
from articles.sources import addresses, extract, health
from articles.sources.fetcher import FetchError, FetchLimits, SafeFetcher

logger = logging.getLogger(__name__)

QUEUED_CHECK_EXPIRES = timedelta(hours=20)


class SourceChecker:
    """Checks citations one after another with one fetcher (robots.txt read once per
    site) and one answer to "are we online?" (asked at the first network failure)."""

    def __init__(self, limits: FetchLimits | None = None):
        self.fetcher = SafeFetcher(limits)
        self._is_online: bool | None = None

    def is_online(self) -> bool:
        if self._is_online is None:
            try:
                addresses.resolve(
                    settings.SOURCE_FETCH_ONLINE_PROBE,
                    443,
                    timeout=self.fetcher.limits.connect_timeout,
                )
            except addresses.ResolutionError:
                self._is_online = False
            else:
                self._is_online = True
        return self._is_online

    def check(self, citation: Citation, *, now: datetime | None = None) -> SourceCheck:
        """Fetch the citation's page, store the check, update the citation."""
        url = citation.url
        try:
            result = self.fetcher.fetch(url)
        except FetchError as error:
            judgement = health.judge_failure(error, is_online=self.is_online())
            check = SourceCheck(
                citation=citation,
                url=url,
                error=str(error)[:2000],
                final_url=(error.url or "")[:2000],
            )
        else:
            title, text = extract.extract(
                result.body,
                content_type=result.content_type,
                charset=result.charset,
                max_chars=settings.SOURCE_TEXT_MAX_CHARS,
            )
            check = SourceCheck(
                citation=citation,
                url=url,
                final_url=result.final_url[:2000],
                redirects=result.redirects,
                status_code=result.status,
                content_type=result.content_type[:200],
                size=len(result.body),
                is_truncated=result.is_truncated,
                sha256=hashlib.sha256(result.body).hexdigest(),
                title=title,
                text=text,
            )
            baseline = SourceCheck.objects.baseline_for(
                citation.pk, url, since=citation.accessed_on
            )
            judgement = health.judge_page(
                _snapshot(check),
                baseline=_snapshot(baseline) if baseline else None,
                changed_below=settings.SOURCE_CHANGED_BELOW,
            )
            check.similarity = judgement.similarity
            if judgement.reason and not check.error:
                check.error = judgement.reason
        check.health = judgement.health
        check.fetched_at = now or timezone.now()
        record_check(citation, check)
        return check


def _snapshot(check: SourceCheck) -> health.Snapshot:
    return health.Snapshot(
        status=check.status_code or 0,
        url=check.url,
        final_url=check.final_url or check.url,
        sha256=check.sha256,
        text=check.text,
    )


def record_check(citation: Citation, check: SourceCheck) -> None:
    """Save the check and the citation's verdict together; re-render the public pages
    showing the citation when it died or came back (readers see that), and tell the
    desk when it is first found broken."""
    broken = SourceHealth.broken()
    dead = SourceHealth.DEAD
    with transaction.atomic():
        before = (
            Citation.objects.select_for_update()
            .filter(pk=citation.pk)
            .values_list("source_health", flat=True)
            .first()
        )
        if before is None:  # deleted while we fetched
            return
        check.save()
        # update(): the verdict is the system's, not an edit (no history, no version).
        Citation.objects.filter(pk=citation.pk).update(
            source_health=check.health, source_checked_at=check.fetched_at
        )
        citation.source_health = check.health
        citation.source_checked_at = check.fetched_at
        if (before == dead) != (check.health == dead):
            _render_pages_showing(citation.pk)
        if check.health in broken and before != check.health:
            desk_events.source_broken_after_commit(citation, check)


def _render_pages_showing(citation_id: int) -> None:
    from articles.invalidation import invalidate_versions
    from articles.rendering import render_pages

    versions = list(
        PublishedVersion.objects.current()
        .filter(
            pk__in=PublishedCitation.objects.filter(citation_id=citation_id).values(
                "published_claim__version_id"
            )
        )
        .distinct()
    )
    for version in versions:
        render_pages(version)
    invalidate_versions(versions)


def check_citation(*, citation_id: int, only_if_unchecked: bool = False):
    """Check one citation (the task after a save, ``check_sources --citation``).

    ``only_if_unchecked``: skip it when its current address was checked already (an
    edit of its excerpt is no reason to fetch the page again). None when skipped.
    """
    citation = Citation.objects.filter(pk=citation_id).first()
    if citation is None:
        return None
    if (
        only_if_unchecked
        and SourceCheck.objects.filter(citation=citation, url=citation.url).exists()
    ):
        return None
    return SourceChecker().check(citation)


def citations_due(*, stale_days: int, now: datetime | None = None):
    """Citations never checked, or last checked ``stale_days`` ago or more."""
    now = now or timezone.now()
    return Citation.objects.due_for_source_check(now - timedelta(days=stale_days))


def check_all(citations: Iterable[Citation], *, checker=None) -> Counter:
    """Check each citation in turn; how many ended each way."""
    checker = checker or SourceChecker()
    counts: Counter = Counter()
    for citation in citations:
        counts[checker.check(citation).health] += 1
    return counts


# --- Asking for checks (requests and beat) -------------------------------------------


def queue_check(citation: Citation) -> None:
    """After the save commits, check the citation's page on a worker, unless its
    current address was checked already."""
    if not settings.SOURCE_CHECK_ON_SAVE:
        return
    from articles.tasks import check_source

    citation_id = citation.pk
    transaction.on_commit(
        lambda: check_source.delay(citation_id, only_if_unchecked=True), robust=True
    )


def queue_stale_checks(*, now: datetime | None = None) -> int:
    """Queue a check for each citation due one (beat, nightly); how many."""
    from articles.tasks import check_source

    ids = list(
        citations_due(stale_days=settings.SOURCE_RECHECK_DAYS, now=now)
        .order_by("source_checked_at", "pk")
        .values_list("pk", flat=True)
    )
    for citation_id in ids:
        # Gone by the next night's run, so a slow worker never piles them up.
        check_source.apply_async(args=[citation_id], expires=QUEUED_CHECK_EXPIRES)
    return len(ids)
