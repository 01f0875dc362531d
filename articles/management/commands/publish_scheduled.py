"""Publish the approved fact-checks whose go-live time has come (by hand: Celery beat
runs the same service every minute)."""

from django.core.management.base import BaseCommand, CommandError

from articles.services.scheduling import publish_due


class Command(BaseCommand):
    help = (
        "Publish every approved fact-check whose scheduled go-live time has passed, "
        "acting as the publisher who scheduled it and checking the publish gate again "
        "now. A refused publication is reported, with its reasons, and its schedule "
        "dropped (the fact-check stays approved). Celery beat already runs this every "
        "minute (articles.publish_due); the command is for operators."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List what is due without publishing anything.",
        )
        parser.add_argument(
            "--quiet",
            action="store_true",
            help="Say nothing when nothing is due.",
        )

    def handle(self, *args, dry_run=False, quiet=False, **options):
        report = publish_due(dry_run=dry_run)
        if not report.due:
            if not quiet:
                self.stdout.write("Nothing is due for publication.")
            return
        if dry_run:
            for fact_check in report.due:
                self.stdout.write(
                    f"Due: {fact_check} (since {fact_check.scheduled_at})"
                )
            return
        for fact_check, error in report.failed:
            self.stderr.write(
                self.style.ERROR(
                    f"Failed: {fact_check} (#{fact_check.pk}): {error!r}; "
                    "it stays scheduled"
                )
            )
        for fact_check, reasons in report.refused:
            self.stderr.write(
                self.style.ERROR(f"Refused: {fact_check} (#{fact_check.pk})")
            )
            for reason in reasons:
                self.stderr.write(f"  - {reason}")
        for fact_check in report.published:
            self.stdout.write(
                self.style.SUCCESS(f"Published: {fact_check} (#{fact_check.pk})")
            )
        self.stdout.write(
            f"{len(report.published)} published, {len(report.refused)} refused."
        )
        if report.failed:
            raise CommandError(f"{len(report.failed)} scheduled publication(s) failed.")
