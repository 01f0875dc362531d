"""``manage.py load_seed [--demo]``: load the seed article and its editorial record."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.demo_users import DEMO_USERS
from articles.models import AttributionReview, FactCheckState
from articles.services import review, workflow
from articles.services.seed import SeedReport, load_seed


def demo_users() -> dict:
    """The demo users by username; CommandError naming any that are missing."""
    usernames = [user["username"] for user in DEMO_USERS]
    users = {
        user.username: user
        for user in get_user_model().objects.filter(username__in=usernames)
    }
    missing = [name for name in usernames if name not in users]
    if missing:
        raise CommandError(
            "The demo needs these users; run `manage.py create_demo_users` first: "
            + ", ".join(missing)
        )
    return users


def prepare_demo(report: SeedReport) -> None:
    """The ``--demo`` step: review the claims' attributions and publish the fact-check.

    Everything goes through the services, as the demo users would in the admin:
    ``reviewer`` confirms who made each claim, ``editor`` submits, ``publisher``
    approves and publishes. The quotes stay unreviewed: they wait in the review queue.
    Already-done steps are skipped, so a second run changes nothing.
    """
    users = demo_users()
    # The demo desk's placeholder policies and the demo author's team page (before
    # publishing, so the byline links to it). Called by name: ``policies`` builds on
    # ``articles``, not the other way round.
    call_command("load_demo_policies", stdout=StringIO())
    fact_check = report.fact_check
    for claim in fact_check.ordered_claims():
        if claim.review_state == AttributionReview.UNREVIEWED:
            review.confirm_attribution(
                item=claim,
                user=users["reviewer"],
                note="Demo: the article states this itself.",
            )
    fact_check.refresh_from_db()
    if fact_check.state == FactCheckState.PUBLISHED:
        return
    if fact_check.state == FactCheckState.DRAFT:
        workflow.submit_for_review(fact_check=fact_check, user=users["editor"])
    if fact_check.state == FactCheckState.IN_REVIEW:
        workflow.approve(fact_check=fact_check, user=users["publisher"])
    workflow.publish(fact_check=fact_check, user=users["publisher"])


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
        report.fact_check.refresh_from_db()
        self.stdout.write(
            self.style.SUCCESS(
                f"Seed loaded: {report.entities} entities, {report.mentions} mentions, "
                f"{report.quotes} quotes, {report.claims} claims, "
                f"{report.citations} citations; fact-check “{report.fact_check}” "
                f"({report.fact_check.get_state_display()})."
            )
        )
