"""``manage.py load_seed [--demo]``: load the seed article and its editorial record."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.management.commands.create_demo_users import DEMO_USERS
from articles.services.seed import SeedReport, load_seed


def prepare_demo(report: SeedReport) -> None:
    """The ``--demo`` step: for now only checks that the demo users exist.

    Reviewing the seed's attributions and publishing its fact-check through the
    workflow services will be wired in here.
    """
    usernames = [user["username"] for user in DEMO_USERS]
    present = set(
        get_user_model()
        .objects.filter(username__in=usernames)
        .values_list("username", flat=True)
    )
    missing = [name for name in usernames if name not in present]
    if missing:
        raise CommandError(
            "The demo needs these users; run `manage.py create_demo_users` first: "
            + ", ".join(missing)
        )


class Command(BaseCommand):
    help = "Load the seed article with its entities, mentions, quotes, claims and "
    help += "fact-check. Running it again changes nothing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo",
            action="store_true",
            help="Also prepare the local demo (needs the demo users).",
        )

    def handle(self, *args, demo=False, **options):
        # One transaction: a failing demo step leaves the database as it was.
        try:
            with transaction.atomic():
                report = load_seed()
                if demo:
                    prepare_demo(report)
        except ValidationError as error:
            raise CommandError(
                f"The seed data does not fit; nothing was loaded: {error}"
            ) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Seed loaded: {report.entities} entities, {report.mentions} mentions, "
                f"{report.quotes} quotes, {report.claims} claims, "
                f"{report.citations} citations; fact-check “{report.fact_check}” "
                f"({report.fact_check.get_state_display()})."
            )
        )
