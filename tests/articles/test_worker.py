"""A real Celery worker process runs an import job end to end.

Everything else runs jobs eagerly; this test starts ``celery -A newsroom worker
--pool solo`` as a child process on a temporary filesystem-broker folder, pointed at
this test run's database: the PostgreSQL test database itself, or, on SQLite (whose
test database lives in this process's memory), a file copy of it that is copied back
once the worker is done.
"""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from celery import Celery
from django.db import connection

from articles.models import Article, Job, JobState
from articles.services import jobs
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent.parent
WAIT_SECONDS = 90

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


def broker_options(folder: Path) -> dict:
    queue, processed, control = (folder / n for n in ("queue", "processed", "control"))
    for path in (queue, processed, control):
        path.mkdir(parents=True)
    return {
        "data_folder_in": str(queue),
        "data_folder_out": str(queue),
        "processed_folder": str(processed),
        "control_folder": str(control),
        "store_processed": False,
    }


def database_url(tmp_path: Path) -> tuple[str, Path | None]:
    """The URL the worker uses; on SQLite also the file it works in."""
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        user = settings.get("USER") or "postgres"
        password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
        host = settings.get("HOST") or "127.0.0.1"
        port = settings.get("PORT") or 5432
        return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}", None
    assert connection.vendor == "sqlite"
    copy = tmp_path / "worker.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(copy)
    connection.connection.backup(target)
    target.close()
    return f"sqlite:///{copy}", copy


def job_state(job_id: int, sqlite_copy: Path | None) -> str:
    if sqlite_copy is None:
        return Job.objects.get(pk=job_id).state
    with sqlite3.connect(sqlite_copy, timeout=10) as db:
        return db.execute(
            "SELECT state FROM articles_job WHERE id = ?", [job_id]
        ).fetchone()[0]


def start_worker(tmp_path: Path, url: str) -> tuple[subprocess.Popen, Path]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"CELERY_BROKER_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings.dev",
        DEBUG="false",
        DATABASE_URL=url,
        CELERY_QUEUE_FOLDER=str(tmp_path / "celery"),
    )
    log = tmp_path / "worker.log"
    process = subprocess.Popen(  # noqa: S603 - fixed arguments, our own project
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "newsroom",
            "worker",
            "--pool",
            "solo",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "--loglevel",
            "INFO",
            "--hostname",
            f"test-{os.getpid()}@%h",
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    return process, log


def stop_worker(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)  # warm shutdown
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def test_a_worker_process_runs_an_import_job(tmp_path, monkeypatch):
    importer = UserFactory(username="importer", is_superuser=True)
    lines = [
        json.dumps(
            {
                "headline": f"Worker story {n}",
                "body": f"Story {n}: the Northbridge council met on Monday.",
                "url": f"https://news.example.org/worker-{n}",
            }
        )
        for n in (1, 2, 3)
    ]
    lines.append("{not json")
    # The job goes to this test's broker folder, not to the eager test worker.
    monkeypatch.setattr(jobs, "_enqueue_on_commit", lambda job: None)
    job = jobs.start_import(
        user=importer, file_name="batch.jsonl", file_text="\n".join(lines)
    )
    sender = Celery("test-sender", broker="filesystem://")
    sender.conf.broker_transport_options = broker_options(tmp_path / "celery")
    sender.conf.task_serializer = "json"
    url, sqlite_copy = database_url(tmp_path)

    sender.send_task("articles.run_job", args=[job.pk], task_id=job.task_id)
    worker, log = start_worker(tmp_path, url)
    try:
        deadline = time.monotonic() + WAIT_SECONDS
        state = JobState.QUEUED
        while time.monotonic() < deadline and worker.poll() is None:
            state = job_state(job.pk, sqlite_copy)
            if state in (JobState.SUCCEEDED, JobState.FAILED):
                break
            time.sleep(0.5)
    finally:
        stop_worker(worker)
    output = log.read_text()
    assert state == JobState.SUCCEEDED, output[-4000:]
    # The broker's exchange tables are in its folder, not in the working directory.
    assert list((tmp_path / "celery" / "control").iterdir())
    assert worker.returncode is not None

    if sqlite_copy is not None:  # bring the worker's writes back into this test
        with sqlite3.connect(sqlite_copy) as source:
            source.backup(connection.connection)
    job.refresh_from_db()
    assert (job.done, job.total) == (4, 4)
    assert job.result == {"imported": 3, "refused": 1}
    assert job.task_id in output  # the worker, not this process, ran it
    assert sorted(Article.objects.values_list("headline", flat=True)) == [
        "Worker story 1",
        "Worker story 2",
        "Worker story 3",
    ]
    assert all(
        article.created_by_id == importer.pk for article in Article.objects.all()
    )
