"""manage.py import_articles PATH…: store articles from .txt and .jsonl files."""

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.services.importing import import_articles, read_paths


class Command(BaseCommand):
    help = (
        "Import articles from .txt files (first line the headline) and .jsonl files "
        "(headline, body, url, published, publication), run suggestions on each, and "
        "report what was imported and what was refused. Each article is stored in its "
        "own transaction: a refused article leaves nothing behind and does not undo "
        "the others."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help=".txt or .jsonl files")
        parser.add_argument(
            "--no-suggestions",
            action="store_true",
            help="Store the articles without running the suggestion engine.",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Hide the progress bar."
        )

    def handle(self, *args, paths, no_suggestions=False, no_progress=False, **options):
        items = list(read_paths(paths))
        if not items:
            raise CommandError("Nothing to import.")
        with tqdm(
            total=len(items),
            desc="Importing",
            unit="article",
            file=sys.stderr,
            disable=no_progress,
        ) as bar:
            report = import_articles(
                items,
                run_suggestions=not no_suggestions,
                progress=lambda item: bar.update(1),
            )
        for source, article in report.imported:
            self.stdout.write(f"imported  {source}: #{article.pk} {article.headline}")
        for source, reason in report.refused:
            self.stdout.write(self.style.WARNING(f"refused   {source}: {reason}"))
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(report.imported)} imported, {len(report.refused)} refused."
            )
        )
