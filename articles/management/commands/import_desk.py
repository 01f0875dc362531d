"""manage.py import_desk PATH: restore a desk archive into an empty database."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from articles.services.desk_archive import ArchiveError, check_archive, import_desk


class Command(BaseCommand):
    help = (
        "Restore an archive written by export_desk into an empty, migrated database, "
        "keeping every id, in one transaction. A damaged, incomplete or newer archive, "
        "or a database that already holds a desk, is refused and nothing is changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="An archive written by export_desk")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only verify the archive (format, files, checksums, migrations).",
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, path, check=False, **options):
        def progress(label, rows):
            if options["verbosity"] >= 2:
                self.stdout.write(f"{label}: {rows} rows")

        try:
            if check:
                manifest = check_archive(path, using=options["database"])
                rows = sum(item["rows"] for item in manifest["files"])
                self.stdout.write(
                    self.style.SUCCESS(
                        f"{path} is sound: {rows} rows, made {manifest['created_at']}."
                    )
                )
                return
            counts = import_desk(path, using=options["database"], progress=progress)
        except ArchiveError as error:
            raise CommandError(f"Nothing was imported. {error}") from error
        except OSError as error:
            raise CommandError(
                f"Nothing was imported. Cannot read {path}: {error}"
            ) from error
        except DatabaseError as error:
            raise CommandError(
                f"Nothing was imported. The database refused: {error}"
            ) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {sum(counts.values())} rows in {len(counts)} tables from "
                f"{path}."
            )
        )
