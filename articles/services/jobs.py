"""Background jobs: ask for one in a request, run it on a worker, see how it went.

The request writes the Job row (and its input) in its own transaction and hands the
job to Celery only once that commits (``transaction.on_commit``), so a worker never
looks for a row that is not there yet. ``run`` is what the worker calls.

Idempotent by construction: every line of an import is written together with its
``JobItem`` in one transaction, and ``run`` skips the positions that already have one.
A job whose worker died mid-line lost nothing but that line's uncommitted work, and
running it again (Celery's redelivery, ``requeue_stale`` from beat, or an editor's
"Run again") finishes the rest. The import still refuses a second article with the
same address or text, so even a job record lost with its lines cannot duplicate one.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import (
    Article,
    Job,
    JobInput,
    JobItem,
    JobItemOutcome,
    JobKind,
    JobState,
    body_fingerprint,
)
from articles.services.importing import ImportItem, import_item, read_source

logger = logging.getLogger(__name__)

# A running job that wrote nothing for this long lost its worker: run it again.
STALE_AFTER = timedelta(minutes=10)
MAX_ATTEMPTS = 5
# Errors worth trying again after a pause (a restarting or overloaded database).
TRANSIENT_ERRORS = (OperationalError, InterfaceError)


def _enqueue_on_commit(job: Job) -> None:
    from articles.tasks import run_job

    job_id, task_id = job.pk, job.task_id
    transaction.on_commit(
        lambda: run_job.apply_async(args=[job_id], task_id=task_id), robust=True
    )


def _new_job(**fields) -> Job:
    return Job.objects.create(task_id=str(uuid.uuid4()), **fields)


# --- Asking for work (in a request) ------------------------------------------------


def start_import(
    *,
    user,
    file_name: str = "",
    file_text: str = "",
    items: list[ImportItem] = (),
) -> Job:
    """Store what to import and queue the job; the worker imports it line by line."""
    if not user.has_perm("articles.add_article"):
        raise PermissionDenied
    if "\x00" in file_text:  # PostgreSQL text cannot hold it; the form says so
        raise ValidationError(_("The file holds a NUL character."))
    with transaction.atomic():
        job = _new_job(kind=JobKind.IMPORT, started_by=user)
        JobInput.objects.create(
            job=job,
            file_name=file_name,
            file_text=file_text,
            items=[vars(item) for item in items],
        )
        _enqueue_on_commit(job)
    return job


def request_suggestions(*, article: Article, user=None) -> Job:
    """Queue the suggestion engine for ``article`` (one waiting job is enough).

    ``user`` (None for the system) needs to be able to add or change articles.
    """
    if user is not None and not (
        user.has_perm("articles.change_article")
        or user.has_perm("articles.add_article")
    ):
        raise PermissionDenied
    with transaction.atomic():
        waiting = (
            Job.objects.filter(
                kind=JobKind.SUGGEST, article=article, state=JobState.QUEUED
            )
            .order_by("pk")
            .first()
        )
        if waiting is not None:
            # It has not started: it will read the body as it is now.
            return waiting
        job = _new_job(kind=JobKind.SUGGEST, article=article, started_by=user)
        _enqueue_on_commit(job)
    return job


def suggestions_pending(article: Article) -> Job | None:
    """The unfinished suggestion job of ``article``, if there is one."""
    return (
        Job.objects.unfinished()
        .filter(kind=JobKind.SUGGEST, article=article)
        .order_by("pk")
        .first()
    )


def run_again(*, job: Job, user) -> None:
    """Queue a failed job again; it picks up after the lines it already did."""
    if not (user.is_superuser or job.started_by_id == user.pk):
        raise PermissionDenied
    with transaction.atomic():
        updated = Job.objects.filter(pk=job.pk, state=JobState.FAILED).update(
            state=JobState.QUEUED,
            error="",
            finished_at=None,
            attempts=0,
            updated_at=timezone.now(),
        )
        if updated:
            job.refresh_from_db()
            _enqueue_on_commit(job)


# --- Doing the work (on the worker) ------------------------------------------------


def run(*, job_id: int, task_id: str = "", is_last_try: bool = True) -> Job | None:
    """Run the job (or what is left of it). Errors the task will retry (transient
    database trouble) leave it running; any other error marks it failed."""
    now = timezone.now()
    claimed = (
        Job.objects.filter(pk=job_id)
        .unfinished()
        .update(
            state=JobState.RUNNING,
            started_at=Coalesce(F("started_at"), now),
            attempts=F("attempts") + 1,
            updated_at=now,
            **({"task_id": task_id} if task_id else {}),
        )
    )
    if not claimed:
        return None  # finished already (a redelivered message) or deleted
    job = Job.objects.select_related("started_by", "article").get(pk=job_id)
    try:
        result = RUNNERS[job.kind](job)
    except Exception as error:
        if is_last_try or not isinstance(error, TRANSIENT_ERRORS):
            _fail(job, error)
        raise
    # Done with the input (a failed job keeps it to run again); the report stays.
    JobInput.objects.filter(job=job).update(file_text="", items=[])
    Job.objects.filter(pk=job.pk).update(
        state=JobState.SUCCEEDED,
        result=result,
        finished_at=timezone.now(),
        updated_at=timezone.now(),
        error="",
    )
    job.refresh_from_db()
    return job


def _fail(job: Job, error: BaseException) -> None:
    logger.error("Job %s failed: %r", job.pk, error)
    Job.objects.filter(pk=job.pk).update(
        state=JobState.FAILED,
        error=f"{type(error).__name__}: {error}"[:2000],
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )


def _record(job: Job, position: int, source: str, **fields) -> None:
    """Write one item's report and advance the progress (inside its transaction)."""
    JobItem.objects.create(job=job, position=position, source=source[:300], **fields)
    Job.objects.filter(pk=job.pk).update(done=F("done") + 1, updated_at=timezone.now())


def reported_positions(job: Job) -> set[int]:
    return set(job.items.values_list("position", flat=True))


def _each_new_position(job: Job, count: int, do: Callable[[int], None]) -> None:
    """Call ``do(position)`` for every position without a report yet, each in one
    transaction with its report; a position another run reported meanwhile is
    skipped (the unique constraint refuses the second report and all it wrote)."""
    done = reported_positions(job)
    for position in range(1, count + 1):
        if position in done:
            continue
        try:
            with transaction.atomic():
                do(position)
        except IntegrityError:
            if not JobItem.objects.filter(job=job, position=position).exists():
                raise


def import_items(job: Job) -> list[ImportItem]:
    """The items a job imports: pasted ones first, then the file's lines."""
    source = job.input
    items = [ImportItem(**data) for data in source.items]
    if source.file_name:
        items.extend(read_source(source.file_name, source.file_text))
    return items


def _is_duplicate(item: ImportItem) -> bool:
    if not item.body:
        return False
    if item.url and Article.objects.filter(original_url=item.url).exists():
        return True
    return Article.objects.filter(body_hash=body_fingerprint(item.body)).exists()


def _run_import(job: Job) -> dict:
    user = job.started_by
    if user is not None and not user.has_perm("articles.add_article"):
        raise PermissionDenied(_("The person who started it may no longer import."))
    items = import_items(job)
    Job.objects.filter(pk=job.pk).update(total=len(items))

    def import_one(position: int) -> None:
        item = items[position - 1]
        article, reason = import_item(item=item, user=user)
        if article is not None:
            outcome = JobItemOutcome.IMPORTED
        elif _is_duplicate(item):
            outcome = JobItemOutcome.DUPLICATE
        else:
            outcome = JobItemOutcome.REFUSED
        _record(
            job,
            position,
            item.source,
            outcome=outcome,
            message=reason or "",
            article=article,
        )

    _each_new_position(job, len(items), import_one)
    return outcome_counts(job)


def _run_suggest(job: Job) -> dict:
    from articles.services.suggestions import suggest_for_article

    Job.objects.filter(pk=job.pk).update(total=1)
    summary = {}

    def suggest(position: int) -> None:
        report = suggest_for_article(article=job.article)
        summary.update(
            mentions=report.mentions, quotes=report.quotes, claims=report.claims
        )
        message = report.summary()
        if report.body_changed:
            message = _(
                "The text was edited while suggestions were computed: they are "
                "computed again for the new text."
            )
            request_suggestions(article=job.article)
        _record(
            job,
            position,
            job.article.headline,
            outcome=JobItemOutcome.DONE,
            message=message,
            article=job.article,
        )

    _each_new_position(job, 1, suggest)
    return summary


RUNNERS: dict[str, Callable[[Job], dict]] = {
    JobKind.IMPORT: _run_import,
    JobKind.SUGGEST: _run_suggest,
}


def outcome_counts(job: Job) -> dict:
    """How many of the job's items ended each way: {"imported": 3, …}."""
    rows = job.items.order_by().values_list("outcome").annotate(count=Count("pk"))
    counts = dict(rows)
    return {key: counts[key] for key in JobItemOutcome.values if key in counts}


# --- Looking after jobs (beat) ------------------------------------------------------


def requeue_stale(*, now=None) -> list[int]:
    """Queue again the unfinished jobs nobody touched for STALE_AFTER (their worker
    was killed, or their message lost); fail those tried MAX_ATTEMPTS times."""
    from articles.tasks import run_job

    now = now or timezone.now()
    requeued = []
    for job in Job.objects.stale(now - STALE_AFTER).order_by("pk"):
        if job.attempts >= MAX_ATTEMPTS:
            _fail(job, RuntimeError(_("its worker was lost %d times") % job.attempts))
            continue
        touched = Job.objects.filter(Q(pk=job.pk), Q(updated_at=job.updated_at)).update(
            updated_at=now
        )
        if touched:  # not picked up by a worker in the meantime
            run_job.apply_async(args=[job.pk], task_id=job.task_id or None)
            requeued.append(job.pk)
    return requeued
