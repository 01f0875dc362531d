"""manage.py export_desk PATH: write the whole desk to one archive file."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from articles.services.desk_archive import ArchiveError, export_desk


class Command(BaseCommand):
    help = (
        "Write every article, entity, claim, fact-check, published version, "
        "correction and history row, with users and groups, to a new ZIP archive at "
        "PATH (JSON lines per table and a manifest with counts and SHA-256 sums). "
        "Password hashes are left out unless --include-password-hashes is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The archive to create, e.g. desk.zip")
        parser.add_argument(
            "--include-password-hashes",
            action="store_true",
            help="Keep users' password hashes, so they can log in after a restore. "
            "Treat such an archive as a secret.",
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, path, include_password_hashes=False, **options):
        def progress(item):
            if options["verbosity"] >= 2:
                self.stdout.write(f"{item['model']}: {item['rows']} rows")

        try:
            manifest = export_desk(
                path,
                include_password_hashes=include_password_hashes,
                using=options["database"],
                progress=progress,
            )
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error}") from error
        except DatabaseError as error:
            raise CommandError(
                f"Cannot read the database (is it migrated?): {error}"
            ) from error
        rows = sum(item["rows"] for item in manifest["files"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Exported {rows} rows in {len(manifest['files'])} tables to {path}."
            )
        )
