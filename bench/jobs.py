"""Background jobs on a corpus: ``make bench-jobs``.

Two figures of issue 9, measured on DATABASE_URL (a corpus from ``manage.py
generate_corpus``, or the seed; use a copy: the benchmark adds articles and unpublishes
and publishes a fact-check again):

- **Import throughput through the worker.** A real Celery worker process (``celery -A
  newsroom worker --pool solo``, as ``make worker`` runs it, production settings, a
  Redis broker) runs the real import job (``jobs.start_import``, the admin's Import
  page) of BENCH_IMPORT_ARTICLES articles (default 200): copies of the newest articles
  of the database, so they name the registry's entities as the archive does, each with
  a line and an address of its own (the import refuses duplicates). Every article is
  stored with its suggestions (mentions, quotes, claims) in its own transaction.
  Throughput is imported articles over the job's time on the worker (``started_at``
  to ``finished_at``); the wait in the queue is reported apart.
- **Publication to every web worker, while the worker imports.** gunicorn with 2 sync
  workers (production settings, the shared cache) serves the fact-check page to four
  polling threads while another process unpublishes the fact-check and publishes it
  again through the workflow service; reported: how many responses after each commit
  still showed the old state, and how long after the commit the last one came.

Printed and appended to bench/RESULTS.md with the date, machine, load and versions.
Environment: DATABASE_URL (required), CACHE_URL and CELERY_BROKER_URL (default Redis
databases 11 and 12 on 127.0.0.1), BENCH_IMPORT_ARTICLES.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this folder would come first on sys.path and bench/http.py would
# hide the standard library's ``http`` package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

import datetime  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import signal  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402

from bench import http as web  # noqa: E402
from bench.common import append_section  # noqa: E402

ARTICLES = int(os.environ.get("BENCH_IMPORT_ARTICLES", "200"))
JOB_TIMEOUT = 3600
HEADING = "## Jobs: imports through the worker, publication to every web worker"

# Prints the import file: the newest articles, each made new by a line of its own.
IMPORT_FILE = (
    "import json\n"
    "from articles.models import Article\n"
    "rows = Article.objects.order_by('-pk').values_list(\n"
    "    'headline', 'body', 'published_on')[:{count}]\n"
    "for n, (headline, body, day) in enumerate(rows, start=1):\n"
    "    print(json.dumps({{\n"
    "        'headline': f'{{headline}} ({{n}})'[:300],\n"
    "        'body': body + f'\\n\\nImported by the jobs benchmark, run {tag}, '\n"
    "            f'article {{n}}.',\n"
    "        'url': f'https://news.example.org/bench-import/{tag}/{{n}}',\n"
    "        'published': day.isoformat() if day else '',\n"
    "    }}))\n"
)

# Queues the import as the admin's Import page does; prints the job's id and the time
# its transaction committed (the job is handed to the broker on commit).
START_IMPORT = (
    "import json, time\n"
    "from pathlib import Path\n"
    "from django.contrib.auth import get_user_model\n"
    "from django.db import transaction\n"
    "from articles.services import jobs\n"
    "user = get_user_model().objects.get(username={publisher!r})\n"
    "job = jobs.start_import(user=user, file_name='bench-import.jsonl',\n"
    "    file_text=Path({path!r}).read_text())\n"
    "print(json.dumps({{'job': job.pk, 'committed': time.time()}}))\n"
)

# Waits for the job to finish; prints its times and outcome counts.
WAIT_FOR_JOB = (
    "import json, time\n"
    "from articles.models import Job\n"
    "deadline = time.monotonic() + {timeout}\n"
    "while time.monotonic() < deadline:\n"
    "    job = Job.objects.get(pk={job})\n"
    "    if job.state in ('succeeded', 'failed'):\n"
    "        break\n"
    "    time.sleep(0.5)\n"
    "print(json.dumps({{'state': job.state, 'error': job.error,\n"
    "    'started': job.started_at.timestamp() if job.started_at else None,\n"
    "    'finished': job.finished_at.timestamp() if job.finished_at else None,\n"
    "    'total': job.total, 'done': job.done, 'result': job.result}}))\n"
)


# Its own port, so that it can run beside bench/http.py.
web.PORT = 8062
web.BASE = f"http://127.0.0.1:{web.PORT}"


def environment() -> dict[str, str]:
    """Production settings (bench/web_settings.py) with a Redis cache and broker."""
    os.environ.setdefault("CACHE_URL", "redis://127.0.0.1:6379/11")
    os.environ.setdefault("CELERY_BROKER_URL", "redis://127.0.0.1:6379/12")
    return web.env_for(Path("/nonexistent"), cached=True)


def shell(code: str, env: dict[str, str], timeout: float = 300) -> str:
    """Run ``code`` in a Django shell (another process); its last line of output."""
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, str(ROOT / "manage.py"), "shell", "-v0", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode:
        sys.exit(result.stderr[-3000:])
    return result.stdout


class Worker:
    """A Celery worker process, as ``make worker`` starts it (without beat)."""

    def __init__(self, env: dict[str, str], folder: Path):
        self.env, self.log = env, folder / "celery.log"

    def __enter__(self):
        self.process = subprocess.Popen(  # noqa: S603 - fixed arguments
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "newsroom",
                "worker",
                "--pool",
                "solo",
                "--loglevel",
                "WARNING",
                "--hostname",
                f"bench-jobs-{os.getpid()}@%h",
                "--logfile",
                str(self.log),
            ],
            cwd=ROOT,
            env=self.env,
        )
        return self

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def run() -> dict:
    env = environment()
    subprocess.run(  # noqa: S603 - hashed static files, as production serves them
        [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )
    chosen = web.pick(env)
    size = web.corpus_size(env)
    tag = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d%H%M%S")
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        lines = shell(IMPORT_FILE.format(count=ARTICLES, tag=tag), env)
        path = folder / "bench-import.jsonl"
        path.write_text(lines)
        count = len([line for line in lines.splitlines() if line.startswith("{")])
        with web.Server(env, folder), Worker(env, folder):
            queued = json.loads(
                shell(
                    START_IMPORT.format(publisher=chosen["publisher"], path=str(path)),
                    env,
                ).splitlines()[-1]
            )
            print(f"import job #{queued['job']}: {count} articles queued", flush=True)
            web.fetch(f"{web.BASE}/fact-checks/{chosen['slug']}/")  # into the cache
            moves = [
                web.propagation(env, chosen, "unpublish", 404),
                web.propagation(env, chosen, "publish", 200),
            ]
            for move in moves:
                print(" ", move, flush=True)
            job = json.loads(
                shell(
                    WAIT_FOR_JOB.format(job=queued["job"], timeout=JOB_TIMEOUT),
                    env,
                    timeout=JOB_TIMEOUT + 120,
                ).splitlines()[-1]
            )
    return {
        "size": size,
        "count": count,
        "queued": queued,
        "job": job,
        "moves": moves,
    }


def report(figures: dict, load_before: str, load_after: str) -> str:
    job, queued = figures["job"], figures["queued"]
    imported = (job["result"] or {}).get("imported", 0)
    lines = [
        f"### {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"Machine: {web.machine().rsplit(', load', 1)[0]}, load average "
        f"{load_before} at start, {load_after} at the end. "
        f"{web.versions()}. Broker: {environment()['CELERY_BROKER_URL']}; one "
        "Celery worker, `--pool solo`.",
        f"Database: {figures['size']}.",
        "",
    ]
    if job["state"] != "succeeded" or not job["started"]:
        lines.append(f"- import job: {job['state']} {job['error']}".rstrip())
    else:
        on_worker = job["finished"] - job["started"]
        lines += [
            f"- import of {figures['count']} articles (the newest of the database, "
            f"copied) through the worker: {job['result']} in {on_worker:.1f} s on the "
            f"worker: **{imported / on_worker:.2f} articles/s** "
            f"({on_worker / max(imported, 1) * 1000:.0f} ms an article, with its "
            "suggestions); "
            f"{job['started'] - queued['committed']:.1f} s from the commit of the "
            "request to the worker starting it",
        ]
    for move in figures["moves"]:
        lines.append(
            f"- {move['action']} while the worker imports: "
            f"{move['requests_after_commit']} requests in the second after the "
            f"commit, {move['stale_after_commit']} stale"
            + (
                f" (the last {move['last_stale_ms']} ms after the commit)"
                if move["last_stale_ms"]
                else " (every worker served the new state from the commit on)"
            )
        )
    return "\n".join(lines) + "\n"


def append_results(text: str) -> None:
    append_section(
        HEADING, "Appended by `make bench-jobs` (bench/jobs.py); newest last.", text
    )


def main() -> None:
    if not os.environ.get("DATABASE_URL"):
        sys.exit("Set DATABASE_URL to a copy of a corpus (the benchmark writes to it).")
    load_before = "{:.1f}, {:.1f}, {:.1f}".format(*os.getloadavg())
    figures = run()
    load_after = "{:.1f}, {:.1f}, {:.1f}".format(*os.getloadavg())
    text = report(figures, load_before, load_after)
    print(text)
    append_results(text)


if __name__ == "__main__":
    main()
