"""Two gunicorn workers share the page cache: after an unpublish, none serves the page.

A real server (gunicorn, two sync workers, production settings with the embedded
database cache) runs against a file database holding this test's data: the
PostgreSQL test database itself, or on SQLite a file copy of the in-memory test
database. Both workers are warmed until each has served the fact-check page from the
cache; another process then unpublishes through the workflow service, and within a
second every request, whichever worker answers, gets the 404.
"""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connection

from tests.publishing import NOW, make_fact_check, publish

ROOT = Path(__file__).resolve().parent.parent.parent


def _free_port() -> int:
    """A port nothing listens on now (a fixed one clashed with other servers)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


PAGE = "/fact-checks/budget-check/"
STARTUP_SECONDS = 90
BIND_ATTEMPTS = 3
GETS_AFTER = 30


def database_url(tmp_path: Path) -> str:
    """An address other processes can open, holding this test's committed data."""
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        host = settings["HOST"] or "127.0.0.1"
        port = settings["PORT"] or 5432
        return f"postgres://{settings['USER']}@{host}:{port}/{settings['NAME']}"
    connection.ensure_connection()
    path = tmp_path / "shared.sqlite3"
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    return f"sqlite:///{path}"


def server_env(db_url: str, **extra) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"CACHE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="tests.server_settings",
        SECRET_KEY="two-process-test-secret-" + "k9" * 20,
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=db_url,
        SECURE_SSL_REDIRECT="0",
        # Production settings require a shared broker; these servers only read pages
        # and never send a job, so nothing connects to it.
        CELERY_BROKER_URL="redis://127.0.0.1:6379/15",
        **extra,
    )
    return env


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
            return response.status, response.headers.get("X-Public-Cache", "")
    except urllib.error.HTTPError as error:
        return error.code, ""


def served(log: Path) -> list[tuple[str, str, str]]:
    """(worker pid, status, X-Public-Cache) of each request in the access log."""
    lines = log.read_text().splitlines() if log.exists() else []
    return [tuple(line.split()) for line in lines if len(line.split()) == 3]


def _is_ours(log: Path) -> bool:
    """Did our gunicorn log the readiness probe? Another server may hold the port."""
    return bool(served(log))


@pytest.fixture
def server(tmp_path):
    """Start gunicorn against a database URL and return its base address.

    The port is picked when the server starts, not at import: a port that was free
    when the module was collected may by now belong to another test's server (an
    in-process werkzeug once answered these requests with 500s). The server counts
    as up only once its own access log shows the readiness probe; if gunicorn could
    not bind, another port is tried.
    """
    processes = []

    def launch(db_url: str, log: Path, port: int, extra: dict) -> subprocess.Popen:
        process = subprocess.Popen(  # noqa: S603 - fixed arguments
            [
                sys.executable,
                "-m",
                "gunicorn",
                "newsroom.wsgi:application",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{port}",
                "--control-socket",
                str(tmp_path / "gunicorn.ctl"),
                "--access-logfile",
                str(log),
                "--access-logformat",
                "%(p)s %(s)s %({x-public-cache}o)s",
                "--error-logfile",
                str(tmp_path / "error.log"),
            ],
            cwd=ROOT,
            env=server_env(db_url, **extra),
        )
        processes.append(process)
        return process

    def start(db_url: str, **extra) -> tuple[str, Path]:
        log = tmp_path / "access.log"
        for _ in range(BIND_ATTEMPTS):
            port = _free_port()
            base = f"http://127.0.0.1:{port}"
            process = launch(db_url, log, port, extra)
            deadline = time.monotonic() + STARTUP_SECONDS
            while time.monotonic() < deadline and process.poll() is None:
                try:
                    get(f"{base}/robots.txt")
                except OSError:
                    pass
                if _is_ours(log):
                    return base, log
                time.sleep(0.3)
            if process.poll() is None:
                pytest.fail("gunicorn did not start in time")
        pytest.fail((tmp_path / "error.log").read_text())

    yield start
    for process in processes:
        if process.poll() is not None:
            continue
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def unpublish_in_another_process(db_url: str) -> None:
    code = (
        "from django.contrib.auth import get_user_model\n"
        "from articles.models import FactCheck\n"
        "from articles.services import workflow\n"
        "workflow.unpublish(fact_check=FactCheck.objects.get(slug='budget-check'),"
        " user=get_user_model().objects.get(username='desk-publisher'))\n"
    )
    subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", code],
        cwd=ROOT,
        env=server_env(db_url),
        check=True,
        timeout=120,
        capture_output=True,
    )


@pytest.mark.django_db(transaction=True)
def test_every_worker_serves_the_unpublished_state_within_a_second(tmp_path, server):
    publish(make_fact_check(), now=NOW)
    db_url = database_url(tmp_path)
    base, log = server(db_url)
    url = base + PAGE

    # Warm: requests in parallel until both workers have served the page from the
    # cache (bounded).
    deadline = time.monotonic() + 30
    with ThreadPoolExecutor(max_workers=4) as pool:
        while time.monotonic() < deadline:
            assert all(s == 200 for s, _ in pool.map(get, [url] * 8))
            hits = {pid for pid, status, state in served(log) if state == "hit"}
            if len(hits) >= 2:
                break
    assert len(hits) >= 2, served(log)
    before = len(served(log))

    unpublish_in_another_process(db_url)

    # For one second (at most GETS_AFTER requests), four at a time: none is stale.
    started = time.monotonic()

    def status(_):
        if time.monotonic() - started > 1.0:
            return None
        return get(url)[0]

    with ThreadPoolExecutor(max_workers=4) as pool:
        statuses = [s for s in pool.map(status, range(GETS_AFTER)) if s is not None]
    assert len(statuses) >= 4
    stale = Counter(statuses)[200]
    assert stale == 0, f"{stale} of {len(statuses)} requests served the old page"
    assert set(statuses) == {404}
    after = served(log)[before:]
    assert len({pid for pid, _, _ in after}) == 2, after  # both workers answered
