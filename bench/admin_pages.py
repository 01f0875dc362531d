"""Server time and HTML size of the admin pages of a worst-case long article.

Run on purpose, not in tests: ``.venv/bin/python bench/admin_pages.py``. It creates a
throw-away test database (SQLite in memory, or ``test_…`` on PostgreSQL when
``DATABASE_URL`` is set), stores the article of ``tests.long_article`` (200,000
characters, 5,000 mentions, quotes, claims, a fact-check and a history), then
requests each admin page as a superuser through Django's test client and prints, for
``--runs`` requests, the median wall-clock time and the median CPU time of this
process (which includes SQLite's work, and which a loaded machine skews less), the
HTML size and the query count. Targets: under 2 s and 2 MB a page.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)  # not bench/ (its http.py)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

TARGET_SECONDS, TARGET_BYTES = 2.0, 2_000_000


def pages(built) -> dict[str, str]:
    article, fact_check = built.article, built.fact_check
    article_filter = f"?article__id__exact={article.pk}"
    return {
        "article change": reverse("admin:articles_article_change", args=[article.pk]),
        "tag page": reverse("admin:articles_article_tag", args=[article.pk]),
        "mention list": reverse("admin:articles_mention_changelist") + article_filter,
        "quote list": reverse("admin:articles_quote_changelist") + article_filter,
        "claim list": reverse("admin:articles_claim_changelist") + article_filter,
        "article history": reverse("admin:articles_article_history", args=[article.pk]),
        "fact-check change": reverse(
            "admin:articles_factcheck_change", args=[fact_check.pk]
        ),
        "article list": reverse("admin:articles_article_changelist"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    # Not setup_test_environment(): its template instrumentation (every context
    # copied for the test client) would add to the times measured.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    failed = False
    try:
        from tests.factories import UserFactory
        from tests.long_article import build_long_article

        admin = UserFactory(username="bench-admin", is_superuser=True)
        started = time.perf_counter()
        built = build_long_article(user=admin)
        print(f"built the article in {time.perf_counter() - started:.1f} s")
        client = Client()
        client.force_login(admin)
        print(
            f"{'page':<20}{'status':>7}{'wall s':>8}{'CPU s':>7}{'HTML KB':>9}"
            f"{'queries':>9}"
        )
        for name, url in pages(built).items():
            walls, cpus = [], []
            for _run in range(args.runs):
                with CaptureQueriesContext(connection) as queries:
                    started, cpu = time.perf_counter(), time.process_time()
                    response = client.get(url)
                    content = response.content
                    walls.append(time.perf_counter() - started)
                    cpus.append(time.process_time() - cpu)
            wall, cpu = statistics.median(walls), statistics.median(cpus)
            size = len(content)
            over = min(wall, cpu) > TARGET_SECONDS or size > TARGET_BYTES
            failed |= over or response.status_code != 200
            print(
                f"{name:<20}{response.status_code:>7}{wall:>8.2f}{cpu:>7.2f}"
                f"{size / 1000:>9.0f}{len(queries):>9}{'  OVER' if over else ''}"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
