"""Publish the approved fact-checks whose go-live time has come."""

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from articles.models import FactCheck
from articles.services import workflow
from articles.services.errors import WorkflowError


class Command(BaseCommand):
    help = (
        "Publish every approved fact-check whose scheduled go-live time has passed, "
        "acting as the publisher who scheduled it and checking the publish gate again "
        "now. A refused publication is reported, with its reasons, and its schedule "
        "dropped (the fact-check stays approved). Run it every minute from cron, e.g. "
        "`* * * * * cd /srv/newsroom && .venv/bin/python manage.py publish_scheduled "
        "--quiet`."
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
            help="Say nothing when nothing is due (for cron).",
        )

    def handle(self, *args, dry_run=False, quiet=False, **options):
        now = timezone.now()
        due = list(
            FactCheck.objects.due_for_publication(now)
            .select_related("scheduled_by")
            .order_by("scheduled_at", "pk")
        )
        if not due:
            if not quiet:
                self.stdout.write("Nothing is due for publication.")
            return
        published = refused = 0
        failed: list[FactCheck] = []
        for fact_check in due:
            if dry_run:
                self.stdout.write(
                    f"Due: {fact_check} (since {fact_check.scheduled_at})"
                )
                continue
            try:
                reasons = self._publish(fact_check, now)
            except Exception as error:  # report it and go on with the others
                # Not a refusal: keep the schedule so the next run tries again.
                failed.append(fact_check)
                self.stderr.write(
                    self.style.ERROR(
                        f"Failed: {fact_check} (#{fact_check.pk}): {error!r}; "
                        "it stays scheduled"
                    )
                )
                continue
            if reasons:
                refused += 1
                self.stderr.write(
                    self.style.ERROR(f"Refused: {fact_check} (#{fact_check.pk})")
                )
                for reason in reasons:
                    self.stderr.write(f"  - {reason}")
                workflow.drop_schedule(
                    fact_check=fact_check,
                    reason="Scheduled publication refused: " + "; ".join(reasons),
                )
            else:
                published += 1
                self.stdout.write(
                    self.style.SUCCESS(f"Published: {fact_check} (#{fact_check.pk})")
                )
        if not dry_run:
            self.stdout.write(f"{published} published, {refused} refused.")
        if failed:
            raise CommandError(f"{len(failed)} scheduled publication(s) failed.")

    def _publish(self, fact_check: FactCheck, now) -> list[str]:
        """Publish one fact-check; return why it was refused (empty when published)."""
        user = fact_check.scheduled_by
        if user is None:
            return ["nobody is recorded as having scheduled it"]
        try:
            workflow.publish(fact_check=fact_check, user=user, now=now)
        except PermissionDenied:
            return [f"{user.get_username()} may no longer publish"]
        except WorkflowError as error:
            return error.messages
        return []
