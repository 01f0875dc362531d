"""Latency of the large pages on a big corpus: ``make bench-scale``.

Run against a database filled by ``manage.py generate_corpus`` (``DATABASE_URL``,
e.g. ``postgres://postgres@127.0.0.1:5432/scale_100k``). Every page is requested
through Django's test client in this process, uncached (the public page cache is
off: the point is the queries and the rendering), anonymous for public pages and as a
superuser (``bench-admin``, created if missing) for the admin and the review queue.
After one warm-up request each, ``--runs`` requests give p50 and p95 of wall time, the
median CPU time of this process, the response size and the query count, checked
against the targets of issue 9. The table is printed and appended to
bench/RESULTS.md with the date, the machine, its load and the versions.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)  # not bench/, whose http.py would hide the standard one
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from articles.models import (  # noqa: E402
    Article,
    Claim,
    Mention,  # noqa: E402
    PublishedClaim,
    PublishedEntity,
    PublishedVersion,
)
from articles.sitemaps import ClaimSitemap  # noqa: E402
from entities.models import Entity  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS.md"
SEARCH_P95, CLAIMS_P95, ENTITY_MS, ADMIN_MS = 50, 50, 100, 300


def most_named_entity() -> Entity:
    """The entity on the most current published versions' pages."""
    top = (
        PublishedEntity.objects.current()
        .filter(is_listed=True)
        .values("entity_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    return Entity.objects.get(pk=top["entity_id"])


def pages() -> list[tuple[str, str, bool, float | None, str]]:
    """(name, url, as admin, target ms, which figure the target applies to)."""
    entity = most_named_entity()
    middle = PublishedClaim.objects.current().order_by("claim_ref")
    middle_ref = middle.values_list("claim_ref", flat=True)[middle.count() // 2]
    short_name = entity.name.split()[0]
    last_page = ClaimSitemap().paginator.num_pages
    changelist = "admin:{}_changelist".format
    return [
        ("search, common word", "/search/?q=percent", False, SEARCH_P95, "p95"),
        ("search, entity name", f"/search/?q={short_name}", False, SEARCH_P95, "p95"),
        (
            "claims index p500 verdict=false",
            "/claims/?verdict=false&page=500",
            False,
            CLAIMS_P95,
            "p95",
        ),
        ("claims index p1", "/claims/", False, CLAIMS_P95, "p95"),
        (
            f"entity page ({entity.name})",
            entity.get_absolute_url(),
            False,
            ENTITY_MS,
            "p95",
        ),
        ("sitemap index", reverse("articles:sitemap"), False, None, ""),
        (
            f"sitemap claims, last page (p{last_page})",
            reverse("articles:sitemap_section", kwargs={"section": "claims"})
            + f"?p={last_page}",
            False,
            None,
            "",
        ),
        (
            "sitemap entities",
            reverse("articles:sitemap_section", kwargs={"section": "entities"}),
            False,
            None,
            "",
        ),
        ("ClaimReview feed p1", reverse("articles:claimreview_feed"), False, None, ""),
        (
            "ClaimReview feed, middle page",
            reverse("articles:claimreview_feed") + f"?after={middle_ref}",
            False,
            None,
            "",
        ),
        (
            "admin articles",
            reverse(changelist("articles_article")),
            True,
            ADMIN_MS,
            "p95",
        ),
        (
            "admin articles search+filter",
            reverse(changelist("articles_article")) + "?q=percent&language__exact=en",
            True,
            ADMIN_MS,
            "p95",
        ),
        (
            # A word in about a sixth of the bodies: counted exactly, not estimated.
            "admin articles search, rarer word",
            reverse(changelist("articles_article")) + "?q=space&language__exact=en",
            True,
            ADMIN_MS,
            "p95",
        ),
        ("admin claims", reverse(changelist("articles_claim")), True, ADMIN_MS, "p95"),
        (
            "admin claims search+filter",
            reverse(changelist("articles_claim")) + "?q=inflation&verdict__exact=false",
            True,
            ADMIN_MS,
            "p95",
        ),
        (
            "admin mentions",
            reverse(changelist("articles_mention")),
            True,
            ADMIN_MS,
            "p95",
        ),
        (
            "admin mentions search+filter",
            reverse(changelist("articles_mention"))
            + f"?q={short_name}&suggestion_state__exact=confirmed",
            True,
            ADMIN_MS,
            "p95",
        ),
        ("review queue", reverse("articles:review_queue"), True, ADMIN_MS, "p95"),
    ]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(client: Client, url: str, runs: int) -> dict:
    response = client.get(url)  # warm-up (connections, templates, imports)
    if response.status_code != 200:
        sys.exit(f"{url}: {response.status_code}")
    walls, cpus = [], []
    for _run in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started, cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            walls.append((time.perf_counter() - started) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
    return {
        "p50": percentile(walls, 0.5),
        "p95": percentile(walls, 0.95),
        "cpu": statistics.median(cpus),
        "bytes": len(response.content),
        "queries": len(queries),
    }


def corpus_line() -> str:
    counts = {
        "articles": Article.objects.count(),
        "mentions": Mention.objects.count(),
        "claims": Claim.objects.count(),
        "published versions (current)": PublishedVersion.objects.current().count(),
        "published claims (current)": PublishedClaim.objects.current().count(),
        "entities": Entity.objects.count(),
    }
    return ", ".join(f"{value:,} {name}" for name, value in counts.items())


def machine_line() -> str:
    memory = "?"
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kb = int(meminfo.read_text().split()[1])
        memory = f"{kb / 1024 / 1024:.0f} GB RAM"
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT version()"
            if connection.vendor == "postgresql"
            else "SELECT sqlite_version()"
        )
        database = cursor.fetchone()[0].split(" on ")[0]
    return (
        f"{os.cpu_count()} cores, {memory}, load average {load} at start; "
        f"Python {platform.python_version()}, Django {django.get_version()}, "
        f"{database}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--no-record", action="store_true", help="Print only.")
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.PUBLIC_PAGE_CACHE_ENABLED = False
    started = datetime.datetime.now(datetime.UTC)
    machine, corpus = machine_line(), corpus_line()
    admin, _created = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    reader, staff = Client(), Client()
    staff.force_login(admin)
    header = (
        "| page | p50 ms | p95 ms | CPU ms | KB | queries | target |\n"
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |"
    )
    rows, misses = [header], []
    print(machine, corpus, sep="\n")
    print(header)
    for name, url, as_admin, target, figure in pages():
        result = measure(staff if as_admin else reader, url, args.runs)
        verdict = ""
        if target is not None:
            met = result[figure] <= target
            verdict = f"{figure} ≤ {target} ms: {'met' if met else 'MISSED'}"
            if not met:
                misses.append(f"{name} {figure} {result[figure]:.0f} ms > {target} ms")
        row = (
            f"| {name} | {result['p50']:.1f} | {result['p95']:.1f} | "
            f"{result['cpu']:.1f} | {result['bytes'] / 1024:,.0f} | "
            f"{result['queries']} | {verdict} |"
        )
        rows.append(row)
        print(row, flush=True)
    if not args.no_record:
        with RESULTS.open("a") as results:
            results.write(
                f"\n### Scale {started:%Y-%m-%d %H:%M} UTC (bench/scale.py)\n\n"
                f"Machine: {machine}.\n"
                f"Corpus: {corpus}.\n"
                f"{args.runs} uncached requests a page through Django's test client "
                "(one process), after one warm-up; anonymous for public pages, a "
                "superuser for the admin and the review queue.\n\n"
                + "\n".join(rows)
                + "\n\n- Targets: "
                + ("all met." if not misses else "missed: " + "; ".join(misses) + ".")
                + "\n"
            )
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
