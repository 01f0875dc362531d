"""Benchmark of desk export and restore: run on purpose (``make bench-export``).

Builds a desk of 10,000 articles (600 words each) with realistic related rows by
bulk insert: 2,000 entities with 4,000 aliases, 10 mentions, 2 quotes and 3 claims
an article, 1–2 citations a claim, a history row for each of those, and 1,000
fact-checks published through the real snapshot code (with their published claims).
Then it runs ``manage.py export_desk`` and, after emptying the database,
``manage.py import_desk`` as separate processes, and prints the wall time and peak
memory of each. Exits with status 1 when either takes longer than the target (60 s).

The database is the one ``DATABASE_URL`` names (e.g. a PostgreSQL database made for
the purpose); without it, a fresh SQLite file in a temporary folder. The database is
emptied: one that already holds articles is refused unless ``--flush`` is given.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)  # not bench/, whose http.py would hide the standard one
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")
TEMP = Path(tempfile.mkdtemp(prefix="desk-bench-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{TEMP / 'bench.sqlite3'}")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.management.color import no_style  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils.text import slugify  # noqa: E402
from simple_history.utils import bulk_create_with_history  # noqa: E402

from articles.models import (  # noqa: E402
    Article,
    AttributionReview,
    Citation,
    Claim,
    ClaimState,
    Correction,
    FactCheck,
    FactCheckClaim,
    FactCheckState,
    Mention,  # noqa: E402
    Quote,
    Verdict,
    body_fingerprint,
)
from articles.snapshot import take_snapshot  # noqa: E402
from entities.models import Alias, Entity, EntityKind  # noqa: E402

TARGET_SECONDS = 60
ENTITIES, ALIASES_EACH, WORDS = 2_000, 2, 600
MENTIONS, QUOTES, CLAIMS = 10, 2, 3
FACT_CHECK_EVERY = 10  # one article in ten has a published fact-check
BATCH = 2_000
START = datetime.datetime(2025, 1, 1, 8, 0, tzinfo=datetime.UTC)
SYLLABLES = "ka ri mo sa len dor vi na tel bro an gus mi ra zo pel ta ver qui".split()
COMMON = (
    "the of and to in a is that for it as was with be by on not he this are or his "
    "from at which but have an they you were her she there been one all would their "
    "government people officials report plan deal station launch mission space "
    "agreement country week month state minister court market prices rose fell"
).split()
VERDICTS = [Verdict.TRUE, Verdict.MIXED, Verdict.FALSE, Verdict.MISLEADING]


def name(rng) -> str:
    return " ".join(
        "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title()
        for _ in range(2)
    )


def sentence(rng, words: int) -> str:
    text = " ".join(rng.choice(COMMON) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def bulk(model, objs, **history):
    """Insert ``objs`` with a history row each (as editors' saves would leave)."""
    if hasattr(model, "history"):
        bulk_create_with_history(objs, model, batch_size=BATCH, **history)
    else:
        model.objects.bulk_create(objs, batch_size=BATCH)


def article_body(rng, entities):
    """A 600-word body naming ten entities; returns the body and their spans."""
    parts, spans, length = [], [], 0
    named = rng.sample(entities, MENTIONS)
    per_paragraph = WORDS // MENTIONS
    for entity in named:
        words = sentence(rng, per_paragraph - 3)
        start = length + len(words) + 1
        paragraph = f"{words} {entity.name} said so."
        spans.append((entity, start, start + len(entity.name)))
        parts.append(paragraph)
        length += len(paragraph) + 1
    return "\n".join(parts), spans


@transaction.atomic
@dataclass(frozen=True)
class BenchUsers:
    editor: object
    checker: object
    reviewer: object
    publisher: object

    @property
    def history(self) -> dict:
        """The history rows' defaults: written by the editor at START."""
        return {"default_user": self.editor, "default_date": START}


def build_desk(articles: int, *, seed: int = 7) -> None:
    """Fill the (empty) database with a desk of ``articles`` articles."""
    rng = random.Random(seed)
    User = get_user_model()
    users = BenchUsers(
        editor=User.objects.create_user("bench-editor", first_name="Bench"),
        checker=User.objects.create_user("bench-checker", first_name="Check"),
        reviewer=User.objects.create_user("bench-reviewer", first_name="Review"),
        publisher=User.objects.create_user("bench-publisher", first_name="Publish"),
    )
    entities = _build_entities(rng, users)
    article_rows, claim_rows = _build_articles(rng, articles, entities, users)
    _build_citations(rng, claim_rows, users)
    _build_fact_checks(rng, article_rows, users)
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(
            no_style(),
            [Entity, Article, Claim, FactCheck],
        ):
            cursor.execute(statement)


def _build_entities(rng: random.Random, users: BenchUsers) -> list[Entity]:
    """ENTITIES entities (the first 20 publications, then people), with aliases."""
    entities = []
    for number in range(1, ENTITIES + 1):
        entity_name = f"{name(rng)} {number}"
        kind = EntityKind.PUBLICATION if number <= 20 else EntityKind.PERSON
        entities.append(
            Entity(
                pk=number,
                name=entity_name,
                slug=slugify(entity_name),
                kind=kind,
                description=sentence(rng, 8),
                created_by=users.editor,
            )
        )
    bulk(Entity, entities, **users.history)
    bulk(
        Alias,
        [
            Alias(entity=entity, name=f"{entity.name.split()[0]} {n}")
            for entity in entities
            for n in range(ALIASES_EACH)
        ],
        **users.history,
    )
    return entities


def _build_articles(rng, articles: int, entities, users: BenchUsers):
    """The articles with their mentions, quotes and claims; (articles, claims)."""
    people = entities[20:]
    article_rows, mention_rows, quote_rows, claim_rows = [], [], [], []
    for number in range(1, articles + 1):
        body, spans = article_body(rng, people)
        headline = f"{sentence(rng, 8)[:-1]} ({number})"
        article = Article(
            pk=number,
            headline=headline,
            slug=f"{slugify(headline)[:180]}-{number}",
            body=body,
            body_hash=body_fingerprint(body),
            publication=entities[number % 20],
            byline=name(rng),
            original_url=f"https://news.example.org/{number}",
            published_on=(START + datetime.timedelta(hours=number)).date(),
            created_by=users.editor,
        )
        article_rows.append(article)
        for entity, start, end in spans:
            mention = Mention(article=article, entity=entity)
            mention.set_span(body, start, end)
            mention_rows.append(mention)
        for entity, start, _end in spans[:QUOTES]:
            quote = Quote(article=article, speaker=entity, cue="said")
            quote.set_span(body, max(0, start - 40), start - 1)
            quote_rows.append(quote)
        for index, (entity, start, _end) in enumerate(spans[QUOTES : QUOTES + CLAIMS]):
            claim_rows.append(
                _checked_claim(rng, article, number, index, entity, start, users)
            )
    for model, rows in (
        (Article, article_rows),
        (Mention, mention_rows),
        (Quote, quote_rows),
        (Claim, claim_rows),
    ):
        bulk(model, rows, **users.history)
    return article_rows, claim_rows


def _checked_claim(rng, article, number, index, entity, start, users) -> Claim:
    """Claim ``index`` of article ``number``: checked, reviewed, before ``start``."""
    claim = Claim(
        pk=(number - 1) * CLAIMS + index + 1,
        article=article,
        statement=sentence(rng, 14),
        slug=f"claim-{number}-{index}",
        speaker=entity,
        verdict=rng.choice(VERDICTS),
        verdict_summary=sentence(rng, 10),
        analysis=" ".join(sentence(rng, 20) for _ in range(3)),
        checked_by=users.checker,
        state=ClaimState.CHECKED,
        review_state=AttributionReview.CONFIRMED,
        reviewed_by=users.reviewer,
        reviewed_at=START,
        created_by=users.editor,
    )
    claim.set_span(article.body, max(0, start - 60), start - 1)
    return claim


def _build_citations(rng, claim_rows, users: BenchUsers) -> None:
    bulk(
        Citation,
        [
            Citation(
                claim=claim,
                url=f"https://records.example.org/{claim.pk}/{n}",
                title=sentence(rng, 6),
                publisher=name(rng),
                excerpt=sentence(rng, 25),
                position=n,
                created_by=users.checker,
            )
            for claim in claim_rows
            for n in range(1 + claim.pk % 2)
        ],
        **users.history,
    )


def _build_fact_checks(rng, article_rows, users: BenchUsers) -> None:
    """A published fact-check of every FACT_CHECK_EVERY-th article, some corrected."""
    fact_checks = [
        FactCheck(
            pk=number,
            article=article_rows[number - 1],
            title=f"Fact-check: {article_rows[number - 1].headline}",
            slug=f"check-{number}",
            summary=" ".join(sentence(rng, 18) for _ in range(3)),
            state=FactCheckState.PUBLISHED,
            submitted_by=users.editor,
            approved_by=users.publisher,
            first_published_at=START,
            created_by=users.editor,
        )
        for number in range(1, len(article_rows) + 1, FACT_CHECK_EVERY)
    ]
    bulk(FactCheck, fact_checks, **users.history)
    bulk(
        FactCheckClaim,
        [
            FactCheckClaim(
                fact_check=fact_check,
                claim_id=(fact_check.pk - 1) * CLAIMS + index + 1,
                position=index + 1,
            )
            for fact_check in fact_checks
            for index in range(CLAIMS)
        ],
        **users.history,
    )
    FactCheck.authors.through.objects.bulk_create(
        [
            FactCheck.authors.through(factcheck_id=fc.pk, user_id=users.checker.pk)
            for fc in fact_checks
        ]
    )
    for fact_check in fact_checks:
        version = take_snapshot(
            fact_check=fact_check,
            number=1,
            published_at=START,
            published_by=users.publisher,
        )
        version.is_current = True
        version.save(update_fields=["is_current"])
    bulk(
        Correction,
        [
            Correction(
                fact_check=fact_check,
                text=sentence(rng, 20),
                published_at=START,
                created_by=users.publisher,
            )
            for fact_check in fact_checks[::10]
        ],
        **users.history,
    )


# Runs manage.py and reports its own peak memory (VmHWM) on exit: the rusage of a child
# would count the pages it shared with this large process before exec.
WRAPPER = """
import atexit, runpy, sys
def report():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                sys.stderr.write("desk-bench-peak-kb " + line.split()[1] + "\\n")
atexit.register(report)
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


def manage(*args) -> tuple[float, float, float]:
    """Run ``manage.py *args`` in a fresh process; return its wall seconds, CPU
    seconds and peak resident memory in MB (0 where /proc is missing).

    CPU time (user + system) is given too: on a shared, loaded machine the wall time
    also counts the time the process waited for a core.
    """
    started = time.perf_counter()
    process = subprocess.Popen(  # noqa: S603 (our own manage.py, fixed arguments)
        [sys.executable, "-c", WRAPPER, str(ROOT / "manage.py"), *args],
        env={**os.environ},
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    errors = process.stderr.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    peak = 0.0
    for line in errors.splitlines():
        if line.startswith("desk-bench-peak-kb "):
            peak = int(line.split()[1]) / 1024
        else:
            print(line, file=sys.stderr)
    if process.returncode:
        raise SystemExit(f"manage.py {args[0]} failed ({process.returncode})")
    return wall, usage.ru_utime + usage.ru_stime, peak


def row_count() -> int:
    from articles.services.desk_archive.registry import archived_models

    return sum(entry.model._base_manager.count() for entry in archived_models())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument(
        "--flush", action="store_true", help="Empty a database that holds a desk."
    )
    options = parser.parse_args()

    call_command("migrate", verbosity=0)
    if Article.objects.exists():
        if not options.flush:
            print("The database already holds articles; pass --flush to empty it.")
            return 2
    call_command("flush", interactive=False, verbosity=0)
    vendor = (
        f"{connection.vendor} {'.'.join(map(str, connection.get_database_version()))}"
    )

    started = time.perf_counter()
    build_desk(options.articles)
    built = time.perf_counter() - started
    rows = row_count()
    print(f"database     {vendor}")
    print(
        f"machine      {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; "
        f"Python {sys.version.split()[0]}, Django {django.get_version()}"
    )
    print(f"built        {options.articles:,} articles, {rows:,} rows in {built:.1f} s")

    archive = TEMP / "desk.zip"
    exported, export_cpu, export_rss = manage("export_desk", str(archive))
    size = archive.stat().st_size / 1e6
    print(
        f"export       {exported:.1f} s wall, {export_cpu:.1f} s CPU, "
        f"archive {size:.1f} MB, peak RSS {export_rss:.0f} MB"
    )

    call_command("flush", interactive=False, verbosity=0)
    imported, import_cpu, import_rss = manage("import_desk", str(archive))
    print(
        f"import       {imported:.1f} s wall, {import_cpu:.1f} s CPU, "
        f"peak RSS {import_rss:.0f} MB"
    )
    restored = row_count()
    same = "same" if restored == rows else "DIFFERENT"
    print(f"restored     {restored:,} rows ({same})")
    archive.unlink()
    ok = restored == rows and max(exported, imported) <= TARGET_SECONDS
    print(f"load after   {os.getloadavg()[0]:.1f}")
    print(f"target       {TARGET_SECONDS} s each way: {'met' if ok else 'NOT MET'}")
    return 0 if ok else 1


if __name__ == "__main__":
    try:
        status = main()
    finally:
        shutil.rmtree(TEMP, ignore_errors=True)
    sys.exit(status)
