"""``manage.py generate_corpus --articles N --seed S``: a synthetic archive for scale
tests (see articles.services.corpus). Adds to whatever the database holds."""

import os
import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.cache import clear_public_cache
from articles.services.corpus import CorpusBuilder


class Command(BaseCommand):
    help = (
        "Build a deterministic synthetic corpus of N articles with entities, mentions, "
        "quotes, claims, citations and published fact-checks (bulk inserts; COPY on "
        "PostgreSQL). Every address is on example.org and marked synthetic."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--processes",
            type=int,
            default=os.cpu_count() or 1,
            help="Processes building articles on PostgreSQL (default: one a core); "
            "the corpus is the same whatever the number.",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="No progress bar."
        )

    def handle(self, *args, articles, seed, processes, no_progress, **options):
        if articles < 1:
            raise CommandError("--articles must be at least 1.")
        if processes < 1:
            raise CommandError("--processes must be at least 1.")
        started = time.perf_counter()
        with tqdm(
            total=articles,
            unit="article",
            disable=no_progress,
            file=self.stderr._out,
        ) as bar:
            builder = CorpusBuilder(
                articles=articles,
                seed=seed,
                progress=bar.update,
                processes=processes,
            )
            result = builder.run()
        clear_public_cache()  # pages cached before show none of it
        self.stdout.write(
            f"Generated {articles:,} articles ({result['rows']:,} rows) "
            f"in {time.perf_counter() - started:.1f} s."
        )
