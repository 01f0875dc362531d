"""HTTP benchmark of the public pages against bare Django (``make bench-http``).

Starts gunicorn (2 sync workers, production settings plus a bare view, see
bench/web_settings.py) on 127.0.0.1:8060 against DATABASE_URL, which holds published
fact-checks: the seed (``manage.py migrate && manage.py create_demo_users && manage.py
load_seed --demo``) or a corpus from ``manage.py generate_corpus`` (use a copy: the
benchmark unpublishes and publishes a fact-check again). The pages are picked from the
data (``pick``): the seed's fact-check and a word of it when the seed is there, else
the newest published fact-check and a common word. Then for each public page it
measures with wrk, alternating A/B in one run:

- A: the page (home, fact-check, claim, entity, claims index filtered by verdict,
  search, sitemap);
- B: a bare Django view rendering a template holding the very same bytes (same
  middleware, no database, no page cache).

Twice: with the shared page cache on (cached), then with a server started with
``PUBLIC_PAGE_CACHE=0`` (uncached: every request renders the page). It then measures
the time from an unpublish (and a republish), done through the workflow service in
another process, until every request, whichever worker answers, gets the new state.
Results are printed and appended to bench/RESULTS.md. Targets: cached >= 0.9x bare,
uncached fact-check >= 0.5x bare. Environment: DATABASE_URL (required), CACHE_URL
(optional; the database cache otherwise), BENCH_SECONDS (per wrk run, default 5),
BENCH_ROUNDS (A/B alternations per page, default 2).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this folder would come first on sys.path and this file would hide
# the standard library's ``http`` package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

import datetime  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import re  # noqa: E402
import signal  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import urllib.error  # noqa: E402
import urllib.request  # noqa: E402
from concurrent.futures import ThreadPoolExecutor  # noqa: E402

from bench.common import append_section, shell_output  # noqa: E402

PORT = 8060
BASE = f"http://127.0.0.1:{PORT}"
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2"))
CONNECTIONS, THREADS = 16, 2
SEED_SLUG = "china-to-fly-pakistani-astronaut-to-tiangong"
SEED_WORD, CORPUS_WORD = "astronaut", "percent"
CACHED_TARGET, UNCACHED_TARGET = 0.9, 0.5


def env_for(templates: Path, *, cached: bool) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.web_settings",
        SECRET_KEY=os.environ.get("SECRET_KEY", "bench-only-secret-" + "q8" * 25),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        DB_CONN_MAX_AGE=os.environ.get("DB_CONN_MAX_AGE", "60"),
        BENCH_TEMPLATES=str(templates),
        PUBLIC_PAGE_CACHE="1" if cached else "0",
        # Production settings name a broker; nothing here queues a task.
        CELERY_BROKER_URL=os.environ.get(
            "CELERY_BROKER_URL", "redis://127.0.0.1:6379/9"
        ),
    )
    return env


def fetch(url: str, timeout: float = 10) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


class Server:
    """gunicorn with two workers; always stopped (context manager)."""

    def __init__(self, env: dict[str, str], folder: Path):
        self.env, self.folder = env, folder

    def __enter__(self):
        (self.folder / "gunicorn_bench.py").write_text("")
        self.process = subprocess.Popen(  # noqa: S603 - fixed arguments
            [
                sys.executable,
                "-m",
                "gunicorn",
                "newsroom.wsgi:application",
                "--config",  # not gunicorn.conf.py: no access log, no conf workers
                str(self.folder / "gunicorn_bench.py"),
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{PORT}",
                "--control-socket",
                str(self.folder / "gunicorn.ctl"),
                "--error-logfile",
                str(self.folder / "gunicorn.log"),
            ],
            cwd=ROOT,
            env=self.env,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit((self.folder / "gunicorn.log").read_text())
            try:
                fetch(f"{BASE}/robots.txt", timeout=2)
                return self
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        sys.exit("gunicorn did not start within 120 s")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


PICK = (
    "import json\n"
    "from django.contrib.auth import get_user_model\n"
    "from articles.models import PublishedVersion\n"
    "current = PublishedVersion.objects.current().filter(\n"
    "    fact_check__state='published').defer('snapshot', 'article_html')\n"
    "seed = current.filter(slug={seed!r}).first()\n"
    "version = seed or current.order_by('-published_at', '-pk').first()\n"
    "User = get_user_model()\n"
    "publisher = next((u for u in User.objects.filter(is_active=True).order_by('pk')\n"
    "    if u.has_perm('articles.publish_factcheck')\n"
    "    and u.pk != version.fact_check.created_by_id), None)\n"
    "if publisher is None:\n"
    "    publisher = User.objects.create_superuser('bench-publisher', None, None)\n"
    "print(json.dumps({{'slug': version.slug, 'seed': seed is not None,\n"
    "    'publisher': publisher.username}}))\n"
)


def pick(env: dict[str, str]) -> dict:
    """The fact-check the benchmark reads, unpublishes and publishes again, and a
    user allowed to do it (``bench-publisher``, a superuser, made when none is)."""
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "shell",
            "-c",
            PICK.format(seed=SEED_SLUG),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def pages(chosen: dict) -> dict[str, str]:
    """The pages measured: the chosen fact-check, the first claim and entity pages
    found in the sitemap, and a search for a word on many pages."""
    status, index = fetch(f"{BASE}/sitemap.xml", timeout=120)
    if status != 200:
        sys.exit(f"sitemap.xml: {status}")
    locations = []

    def found(prefix: str) -> list[str]:
        return [loc for loc in locations if loc.startswith(prefix) and loc != prefix]

    # sitemap.xml is an index of per-section files: read them until a claim and an
    # entity page are found.
    for section in re.findall(r"<loc>https?://[^/<]+(/[^<]*)</loc>", index.decode()):
        status, sitemap = fetch(BASE + section.replace("&amp;", "&"), timeout=120)
        if status != 200:
            sys.exit(f"{section}: {status}")
        locations += re.findall(r"<loc>https?://[^/<]+(/[^<]*)</loc>", sitemap.decode())
        if found("/claims/") and found("/entities/"):
            break

    def first(prefix: str) -> str:
        if not found(prefix):
            sys.exit(f"no {prefix} page in the sitemap: is anything published?")
        return found(prefix)[0]

    return {
        "home": "/",
        "fact-check": f"/fact-checks/{chosen['slug']}/",
        "claim": first("/claims/"),
        "entity": first("/entities/"),
        "claims-index": "/claims/?verdict=false",
        "search": f"/search/?q={SEED_WORD if chosen['seed'] else CORPUS_WORD}",
        "sitemap": "/sitemap.xml",
    }


def write_bare_templates(urls: dict[str, str], folder: Path) -> dict[str, int]:
    """A template per page holding the page's bytes; returns the sizes."""
    (folder / "bare").mkdir(parents=True, exist_ok=True)
    sizes = {}
    for name, path in urls.items():
        status, body = fetch(BASE + path, timeout=120)
        if status != 200:
            sys.exit(f"{path}: {status}")
        text = body.decode()
        (folder / "bare" / f"{name}.html").write_text(
            "{% verbatim %}" + text + "{% endverbatim %}"
        )
        sizes[name] = len(body)
    return sizes


def wrk(url: str) -> float:
    """Requests per second; exits when any response is an error."""
    result = subprocess.run(  # noqa: S603
        [  # noqa: S607 - wrk from the system's packages
            "wrk",
            f"-t{THREADS}",
            f"-c{CONNECTIONS}",
            f"-d{SECONDS}s",
            "--timeout",
            "10s",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=SECONDS + 60,
        check=True,
    )
    if "Non-2xx" in result.stdout or "Socket errors" in result.stdout:
        print(result.stdout)
        sys.exit(f"errors while measuring {url}")
    # Requests wrk left queued (a slow page) would eat into the next run: wait until
    # the workers answer again (an uncached sitemap index of a 100,000-article corpus
    # left more than two minutes of queued work on a loaded machine).
    fetch(f"{BASE}/robots.txt", timeout=900)
    return float(re.search(r"Requests/sec:\s+([\d.]+)", result.stdout).group(1))


def measure(urls: dict[str, str]) -> dict[str, tuple[float, float]]:
    """(page req/s, bare req/s) per page: the best of ROUNDS alternations each."""
    results = {}
    for name, path in urls.items():
        fetch(BASE + path, timeout=120)  # warm the page cache, when on
        page = bare = 0.0
        for _ in range(ROUNDS):
            page = max(page, wrk(BASE + path))
            bare = max(bare, wrk(f"{BASE}/bench/bare/{name}/"))
        results[name] = (page, bare)
        ratio = page / bare if bare else 0.0
        print(f"  {name:13} {page:8.0f} req/s  bare {bare:8.0f}  {ratio:5.2f}x")
    return results


def manage(code: str, env: dict[str, str]) -> float:
    """Run ``code`` in a Django shell (another process); returns the time it printed."""
    return float(shell_output(code, env, timeout=180))


WORKFLOW = (
    "import time\n"
    "from django.contrib.auth import get_user_model\n"
    "from articles.models import FactCheck\n"
    "from articles.services import workflow\n"
    "fc = FactCheck.objects.get(slug={slug!r})\n"
    "user = get_user_model().objects.get(username={publisher!r})\n"
    "workflow.{action}(fact_check=fc, user=user)\n"
    "print(time.time())\n"
)


def propagation(
    env: dict[str, str], chosen: dict, action: str, new_status: int
) -> dict:
    """Poll the fact-check page from 4 threads while another process runs ``action``;
    returns how long after its commit any worker still served the old state."""
    url = f"{BASE}/fact-checks/{chosen['slug']}/"
    seen: list[tuple[float, int]] = []
    stop = threading.Event()

    def poll():
        while not stop.is_set():
            seen.append((time.time(), fetch(url)[0]))

    with ThreadPoolExecutor(max_workers=4) as pool:
        for _ in range(4):
            pool.submit(poll)
        committed = manage(
            WORKFLOW.format(
                action=action, slug=chosen["slug"], publisher=chosen["publisher"]
            ),
            env,
        )
        time.sleep(1.0)
        stop.set()
    after = [(t, s) for t, s in seen if t >= committed]
    stale = [t for t, s in after if s != new_status]
    return {
        "action": action,
        "requests_after_commit": len(after),
        "stale_after_commit": len(stale),
        "last_stale_ms": round((max(stale) - committed) * 1000) if stale else 0,
    }


def versions() -> str:
    import django
    import gunicorn

    wrk_version = subprocess.run(  # noqa: S603
        ["wrk", "-v"],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split("\n")[0]
    database = os.environ["DATABASE_URL"].split(":", 1)[0]
    if database.startswith("postgres"):
        server = (
            subprocess.run(  # noqa: S603
                [
                    sys.executable,
                    str(ROOT / "manage.py"),
                    "shell",
                    "-c",
                    "from django.db import connection; print(connection.pg_version)",
                ],
                cwd=ROOT,
                env=env_for(Path("/nonexistent"), cached=True),
                capture_output=True,
                text=True,
                check=False,
            )
            .stdout.strip()
            .splitlines()
        )
        database = f"PostgreSQL {server[-1] if server else '?'}"
    return (
        f"Python {platform.python_version()}, Django {django.get_version()}, "
        f"gunicorn {gunicorn.__version__}, {wrk_version.strip()}, {database}, "
        f"cache: {os.environ.get('CACHE_URL') or 'database (DatabaseCache)'}"
    )


def machine() -> str:
    cpu = "unknown CPU"
    info = Path("/proc/cpuinfo")
    if info.exists():
        names = re.findall(r"model name\s*:\s*(.+)", info.read_text())
        cpu = names[0] if names else cpu
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0
    return f"{os.cpu_count()} cores, {cpu}, load {load:.1f} at start"


def corpus_size(env: dict[str, str]) -> str:
    """How big the database is, for the report."""
    script = (
        "from articles.models import Article, PublishedVersion\n"
        "print(f'{Article.objects.count():,} articles, '\n"
        "    f'{PublishedVersion.objects.current().count():,} published fact-checks')\n"
    )
    return shell_output(script, env, timeout=300)


def report(cached, uncached, sizes, moves, size: str = "") -> str:
    lines = [
        f"### {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"Machine: {machine()}. {versions()}.",
        f"Database: {size}." if size else "",
        f"wrk -t{THREADS} -c{CONNECTIONS} -d{SECONDS}s from 127.0.0.1, gunicorn 2 sync "
        f"workers, best of {ROUNDS} A/B alternations per figure.",
        "",
        "| page | bytes | cached req/s | bare req/s | ratio | uncached req/s | "
        "bare req/s | ratio |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    misses = []
    for name in cached:
        (cp, cb), (up, ub) = cached[name], uncached[name]
        lines.append(
            f"| {name} | {sizes[name]:,} | {cp:,.0f} | {cb:,.0f} | {cp / cb:.2f} | "
            f"{up:,.0f} | {ub:,.0f} | {up / ub:.2f} |"
        )
        if cp / cb < CACHED_TARGET:
            misses.append(f"{name} cached {cp / cb:.2f}x < {CACHED_TARGET}x")
    fact_check = uncached["fact-check"][0] / uncached["fact-check"][1]
    if fact_check < UNCACHED_TARGET:
        misses.append(f"fact-check uncached {fact_check:.2f}x < {UNCACHED_TARGET}x")
    lines.append("")
    for move in moves:
        lines.append(
            f"- {move['action']}: {move['requests_after_commit']} requests in the "
            f"second after the commit, {move['stale_after_commit']} stale"
            + (
                f" (last {move['last_stale_ms']} ms after)"
                if move["last_stale_ms"]
                else ""
            )
        )
    lines.append(
        "- Targets (cached >= 0.9x bare; uncached fact-check >= 0.5x): "
        + ("all met." if not misses else "missed: " + "; ".join(misses) + ".")
    )
    return "\n".join(lines) + "\n"


def append_results(text: str) -> None:
    append_section(
        "## HTTP: public pages vs bare Django (bench/http.py)",
        "Appended by `make bench-http`; newest last.",
        text,
    )


def main() -> None:
    if not os.environ.get("DATABASE_URL"):
        sys.exit("Set DATABASE_URL to a database holding the seed or a corpus.")
    subprocess.run(  # noqa: S603 - hashed static files, as production serves them
        [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env_for(Path("/nonexistent"), cached=True),
        check=True,
        timeout=300,
    )
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        cached_env = env_for(folder, cached=True)
        chosen = pick(cached_env)
        size = corpus_size(cached_env)
        with Server(cached_env, folder):
            urls = pages(chosen)
            sizes = write_bare_templates(urls, folder)
        with Server(cached_env, folder):  # restarted: it has the bare templates now
            print("cached")
            cached = measure(urls)
            moves = [
                propagation(cached_env, chosen, "unpublish", 404),
                propagation(cached_env, chosen, "publish", 200),
            ]
            for move in moves:
                print(" ", move)
        with Server(env_for(folder, cached=False), folder):
            print("uncached (PUBLIC_PAGE_CACHE=0)")
            uncached = measure(urls)
    text = report(cached, uncached, sizes, moves, size)
    print(text)
    append_results(text)


if __name__ == "__main__":
    main()
