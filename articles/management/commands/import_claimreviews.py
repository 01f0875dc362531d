"""``manage.py import_claimreviews FILE``: other publishers' ClaimReview as known
fact-checks. All items or none: a malformed item refuses the file, with reasons."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.intake.claimreview import FeedRefused
from articles.intake.services import import_claimreviews


class Command(BaseCommand):
    help = (
        "Import a schema.org DataFeed of ClaimReview items (or a JSON list of "
        "ClaimReview objects) as known fact-checks. Nothing is imported if any "
        "item is malformed; each refusal is printed with its reason."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            size = file.stat().st_size
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from error
        limit = settings.CLAIMREVIEW_IMPORT_MAX_BYTES
        if size > limit:
            raise CommandError(
                f"{file} is {size} bytes; the limit is {limit} "
                "(CLAIMREVIEW_IMPORT_MAX_BYTES)."
            )
        try:
            result = import_claimreviews(
                data=file.read_bytes(), source_name=file.name, trusted=True
            )
        except FeedRefused as refused:
            for problem in refused.problems:
                self.stderr.write(f"refused: {problem}")
            raise CommandError(
                f"Nothing imported: {len(refused.problems)} problem(s) in {file}."
            ) from refused
        self.stdout.write(
            f"Imported {file.name}: {result.created} new, {result.updated} updated."
        )
