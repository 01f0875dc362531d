"""Celery tasks: thin wrappers around services, so that a job runs the same code in
a worker, in a test (eagerly) and from a management command.

Every task is safe to run twice: acks are late (settings), so a killed worker's task
is delivered again, and transient database errors are retried with backoff.
"""

from celery import shared_task

from articles.services import jobs, scheduling

RETRY = {
    "autoretry_for": jobs.TRANSIENT_ERRORS,
    "retry_backoff": 5,
    "retry_backoff_max": 300,
    "retry_jitter": True,
    "max_retries": 5,
}


@shared_task(bind=True, name="articles.run_job", **RETRY)
def run_job(self, job_id: int) -> str | None:
    """Run a Job (an import, suggestions); the Job row says how it went."""
    job = jobs.run(
        job_id=job_id,
        task_id=self.request.id or "",
        is_last_try=self.request.retries >= self.max_retries,
    )
    return job.state if job else None


@shared_task(name="articles.publish_due", **RETRY)
def publish_due() -> dict:
    """Publish what is due (beat runs this every minute)."""
    report = scheduling.publish_due()
    return report.counts()


@shared_task(name="articles.requeue_stale_jobs")
def requeue_stale_jobs() -> list[int]:
    """Queue again the jobs whose worker was lost (beat runs this every minute)."""
    return jobs.requeue_stale()


@shared_task(name="articles.check_source", **RETRY)
def check_source(citation_id: int, only_if_unchecked: bool = False) -> str | None:
    """Fetch a citation's page and record its health (after a save, or from beat)."""
    from articles.services import sources

    check = sources.check_citation(
        citation_id=citation_id, only_if_unchecked=only_if_unchecked
    )
    return check.health if check else None


@shared_task(name="articles.check_stale_sources")
def check_stale_sources() -> int:
    """Queue a check of every source not checked lately (beat runs this nightly)."""
    from articles.services import sources

    return sources.queue_stale_checks()
