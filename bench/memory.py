"""A gunicorn worker's memory after 1,000 to 40,000 requests (``make bench-memory``).

Starts gunicorn with one sync worker (production settings, the shared cache on Redis)
against DATABASE_URL (a corpus from ``manage.py generate_corpus``), then sends
requests from four client threads, cycling through public addresses read from the
database: fact-check, claim and entity pages, claims index pages with filters,
searches, sitemap files and ClaimReview feed pages (a first visit renders, later ones
come from the cache, as on a live site). The worker's resident memory (VmRSS) is read
after 1,000 and after 20,000 requests. Target: within 10% of each other. Printed and
appended to bench/RESULTS.md. Environment: DATABASE_URL (required), CACHE_URL and
CELERY_BROKER_URL (default Redis databases 7 and 9 on 127.0.0.1).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this folder would come first on sys.path and bench/http.py would
# hide the standard library's ``http`` package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

import datetime  # noqa: E402
import http.client  # noqa: E402
import itertools  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import signal  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402

PORT = 8061
# The target compares 1,000 and 20,000 requests; the points between and after show
# where the growth happens (the first pass over the addresses renders every page, the
# largest ones last; later passes are served from the cache) and whether it levels off.
CHECKPOINTS = (1_000, 2_000, 4_000, 8_000, 20_000, 40_000)
TARGET_FROM, TARGET_TO = 1_000, 20_000
THREADS = 4
TARGET = 0.10
RESULTS = ROOT / "bench" / "RESULTS.md"


def server_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings.prod",
        SECRET_KEY=os.environ.get("SECRET_KEY", "bench-only-secret-" + "m3" * 25),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        DB_CONN_MAX_AGE="60",
        CACHE_URL=os.environ.get("CACHE_URL", "redis://127.0.0.1:6379/7"),
        CELERY_BROKER_URL=os.environ.get(
            "CELERY_BROKER_URL", "redis://127.0.0.1:6379/9"
        ),
    )
    return env


def addresses() -> list[str]:
    """Public addresses of the corpus, read in a separate process (no Django here)."""
    script = (
        "from articles.models import PublishedClaim, PublishedEntity, "
        "PublishedVersion\n"
        "v = PublishedVersion.objects.current().order_by('-pk')"
        ".values_list('slug', flat=True)[:1500]\n"
        "c = PublishedClaim.objects.current().order_by('-pk')[:1500]\n"
        "e = PublishedEntity.objects.current().order_by('-pk')"
        ".values_list('slug', flat=True)[:3000]\n"
        "urls = [f'/fact-checks/{s}/' for s in v]\n"
        "urls += [x.get_absolute_url() for x in c]\n"
        "urls += sorted({f'/entities/{s}/' for s in e})\n"
        "print('\\n'.join(urls))\n"
        # Pages cached by an earlier run (perhaps on another corpus) would skip the
        # first pass's rendering: invalidate the public pages first.
        "from articles.cache import clear_public_cache\n"
        "clear_public_cache()\n"
    )
    output = subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, str(ROOT / "manage.py"), "shell", "-v0", "-c", script],
        cwd=ROOT,
        env=server_env(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    urls = [line for line in output.splitlines() if line.startswith("/")]
    verdicts = ["true", "false", "mixed", "misleading", "outdated"]
    urls += [f"/claims/?verdict={v}&page={n}" for v in verdicts for n in range(1, 41)]
    words = ["percent", "budget", "water", "inflation", "rail", "harvest", "court"]
    urls += [f"/search/?q={w}" for w in words]
    urls += ["/sitemap.xml", "/sitemap-claims.xml?p=2", "/claimreview.json", "/"]
    return urls


def worker_pid(master: int) -> int:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return int(children[0])


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Load:
    """Client threads sending requests in turn from one shared cycle of addresses."""

    def __init__(self, urls: list[str]):
        self.urls = itertools.cycle(urls)
        self.lock = threading.Lock()
        self.sent = 0
        self.errors = 0

    def next_url(self, limit: int) -> str | None:
        with self.lock:
            if self.sent >= limit:
                return None
            self.sent += 1
            return next(self.urls)

    def run_until(self, limit: int) -> None:
        def client():
            connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
            while (url := self.next_url(limit)) is not None:
                try:
                    connection.request("GET", url)
                    response = connection.getresponse()
                    response.read()
                    if response.status >= 500:
                        self.errors += 1
                except (OSError, http.client.HTTPException):
                    self.errors += 1
                    connection.close()
                    connection = http.client.HTTPConnection(
                        "127.0.0.1", PORT, timeout=60
                    )
            connection.close()

        threads = [threading.Thread(target=client) for _ in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()


def main() -> int:
    if not os.environ.get("DATABASE_URL"):
        sys.exit("Set DATABASE_URL to a database filled by generate_corpus.")
    folder = Path(tempfile.mkdtemp(prefix="memory-bench-"))
    (folder / "gunicorn_bench.py").write_text("")
    urls = addresses()
    load_average = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    started_at = datetime.datetime.now(datetime.UTC)
    server = subprocess.Popen(  # noqa: S603 (fixed arguments)
        [
            sys.executable,
            "-m",
            "gunicorn",
            "newsroom.wsgi:application",
            "--config",
            str(folder / "gunicorn_bench.py"),
            "--workers",
            "1",
            "--timeout",
            "120",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--control-socket",
            str(folder / "gunicorn.ctl"),
            "--error-logfile",
            str(folder / "gunicorn.log"),
        ],
        cwd=ROOT,
        env=server_env(),
    )
    try:
        time.sleep(3)
        deadline = time.monotonic() + 120
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=5)
                connection.request("GET", "/robots.txt")
                connection.getresponse().read()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    sys.exit((folder / "gunicorn.log").read_text())
                time.sleep(0.5)
        pid = worker_pid(server.pid)
        load = Load(urls)
        figures = []
        began = time.perf_counter()
        for checkpoint in CHECKPOINTS:
            load.run_until(checkpoint)
            figures.append((checkpoint, rss_mb(pid), time.perf_counter() - began))
            print(f"after {checkpoint:,} requests: {figures[-1][1]:.1f} MB", flush=True)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    by_count = {n: mb for n, mb, _t in figures}
    first_n, first_mb, last_n, last_mb = (
        TARGET_FROM,
        by_count[TARGET_FROM],
        TARGET_TO,
        by_count[TARGET_TO],
    )
    total, seconds = figures[-1][0], figures[-1][2]
    growth = (last_mb - first_mb) / first_mb
    met = abs(growth) <= TARGET
    lines = [
        f"\n### Memory {started_at:%Y-%m-%d %H:%M} UTC (bench/memory.py)\n",
        f"Machine: {os.cpu_count()} cores, load average {load_average} at start; "
        f"Python {platform.python_version()}. gunicorn, 1 sync worker, production "
        f"settings, Redis cache; {THREADS} client threads cycling through "
        f"{len(urls):,} public addresses of the corpus in DATABASE_URL "
        f"({total:,} requests in {seconds:.0f} s, {load.errors} errors).\n",
        *(f"- worker RSS after {n:,} requests: {mb:.1f} MB" for n, mb, _t in figures),
        f"- {first_n:,} to {last_n:,} requests: {growth:+.1%} "
        f"(target within ±10%: {'met' if met else 'MISSED'})",
        "",
    ]
    print("\n".join(lines))
    with RESULTS.open("a") as results:
        results.write("\n".join(lines))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
