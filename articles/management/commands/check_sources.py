"""Check cited pages by hand (Celery already checks them after a save and nightly)."""

from django.core.management.base import BaseCommand, CommandError

from articles.models import Citation, SourceHealth
from articles.services.sources import check_all, citations_due
from entities.ids import parse_id

MAX_STALE_DAYS = 36_500


class Command(BaseCommand):
    help = (
        "Fetch the pages citations point to, archive a snapshot and record each "
        "link's health (ok, moved, changed, dead, unreachable). Every fetch is "
        "bounded in time and size, so offline the command still ends, with the "
        "sources marked unreachable."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--citation",
            type=int,
            action="append",
            dest="citation_ids",
            metavar="ID",
            help="Check this citation only (may be repeated).",
        )
        parser.add_argument(
            "--stale-days",
            type=int,
            default=None,
            metavar="N",
            help=(
                "Check only citations not checked for N days (0 checks them all). "
                "Default: all citations."
            ),
        )

    def handle(self, *args, citation_ids=None, stale_days=None, **options):
        if stale_days is not None and not 0 <= stale_days <= MAX_STALE_DAYS:
            raise CommandError(
                f"--stale-days must be between 0 and {MAX_STALE_DAYS} (a century)."
            )
        if citation_ids:
            # An id no column can hold is simply not found (the database would fail).
            citations = Citation.objects.filter(
                pk__in=[pk for pk in citation_ids if parse_id(pk)]
            )
            missing = set(citation_ids) - set(citations.values_list("pk", flat=True))
            if missing:
                raise CommandError(
                    "No citation with id " + ", ".join(map(str, sorted(missing)))
                )
        elif stale_days is not None:
            citations = citations_due(stale_days=stale_days)
        else:
            citations = Citation.objects.all()
        citations = citations.order_by("pk")
        total = citations.count()
        if not total:
            self.stdout.write("No citation to check.")
            return
        counts = check_all(citations.iterator(chunk_size=100))
        summary = ", ".join(
            f"{counts[value]} {label.lower()}"
            for value, label in SourceHealth.choices
            if counts[value]
        )
        self.stdout.write(f"Checked {total} citation(s): {summary}.")
