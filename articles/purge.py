"""Tell the CDN or reverse proxy which cached pages to drop: a purge by cache tag.

Every public page lists its tags in a ``Surrogate-Key`` header. After a publication,
unpublication, correction, deletion or entity change, ``articles.cache.invalidate_tags``
queues ``purge_cdn_tags`` with the changed tags; the job sends one request to
settings.CACHE_PURGE_URL (method settings.CACHE_PURGE_METHOD) carrying the tags in a
``Surrogate-Key`` header and as JSON (``{"tags": [...]}``). It runs on a Celery worker,
so the publisher does not wait for the CDN; it gives up after a bounded timeout, is
retried a few times with a growing delay, and every failure is logged.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request

from celery import shared_task
from django.conf import settings

logger = logging.getLogger(__name__)

MAX_RETRIES = 3


def send_purge(tags: list[str]) -> int:
    """One purge request for ``tags``; returns the HTTP status (raises on failure)."""
    url = settings.CACHE_PURGE_URL
    if not url.startswith(("http://", "https://")):
        raise ValueError("CACHE_PURGE_URL must be an http(s) address.")
    request = urllib.request.Request(  # noqa: S310 - scheme checked above
        url,
        data=json.dumps({"tags": tags}).encode(),
        method=settings.CACHE_PURGE_METHOD,
        headers={
            "Content-Type": "application/json",
            "Surrogate-Key": " ".join(tags),
        },
    )
    with urllib.request.urlopen(  # noqa: S310 - scheme checked above
        request, timeout=settings.CACHE_PURGE_TIMEOUT
    ) as response:
        return response.status


@shared_task(bind=True, max_retries=MAX_RETRIES, ignore_result=True)
def purge_cdn_tags(self, tags: list[str]) -> None:
    """Purge ``tags`` at the CDN; retried with back-off, never raises."""
    if not settings.CACHE_PURGE_URL:
        return
    try:
        send_purge(tags)
    except (OSError, ValueError) as error:  # URLError and HTTPError are OSErrors
        attempt = self.request.retries + 1
        if attempt > MAX_RETRIES:
            logger.error(
                "CDN purge of %s failed %d times, giving up: %s",
                " ".join(tags),
                attempt,
                error,
            )
            return
        logger.warning(
            "CDN purge of %s failed (attempt %d): %s", " ".join(tags), attempt, error
        )
        raise self.retry(countdown=2**attempt) from error
