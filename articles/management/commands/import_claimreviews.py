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
        limit = settings.CLAIMREVIEW_IMPORT_MAX_BYTES
        try:
            # Read one byte past the limit, never more: a device or a pipe has no
            # size to ask for first.
            with file.open("rb") as stream:
                data = stream.read(limit + 1)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from error
        if len(data) > limit:
            raise CommandError(
                f"{file} is too large: the limit is {limit} bytes "
                "(CLAIMREVIEW_IMPORT_MAX_BYTES)."
            )
        try:
            result = import_claimreviews(data=data, source_name=file.name, trusted=True)
        except FeedRefused as refused:
            for problem in refused.problems:
                self.stderr.write(f"refused: {problem}")
            raise CommandError(
                f"Nothing imported: {len(refused.problems)} problem(s) in {file}."
            ) from refused
        self.stdout.write(
            f"Imported {file.name}: {result.created} new, {result.updated} updated."
        )
