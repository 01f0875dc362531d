"""Measure the suggestion engine on annotated passages: precision, recall and F1.

    python manage.py evaluate_suggestions tests/data/dev_passages.jsonl

Runs the registry matcher, the new-entity candidates, the quote finder and the claim
finder on each passage's text, against the registry in the database, and changes
nothing (everything runs inside a transaction that is rolled back). The last line of
the output is the same figures as one JSON object.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from suggest.claims import find_claims
from suggest.evaluation import (
    PassageError,
    Report,
    format_report,
    normalise_name,
    parse_passages,
    passage_misses,
    score_passage,
)
from suggest.quotes import find_quotes


class Command(BaseCommand):
    help = "Score entity, quote and claim suggestions against an annotated JSONL file."

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help="JSON lines: id, text, entities, quotes, claims"
        )
        parser.add_argument(
            "--misses",
            action="store_true",
            help="Also list each passage's quote and claim errors (development "
            "splits only: never read a frozen test split's).",
        )

    def handle(self, *args, file, misses=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            with path.open(encoding="utf-8") as lines:
                passages = parse_passages(lines)
        except UnicodeDecodeError as error:
            raise CommandError(f"{path}: not UTF-8 text ({error.reason})") from None
        except PassageError as error:
            raise CommandError(f"{path}: {error}") from None
        if not passages:
            raise CommandError(f"{path}: no passages")
        entity_engine = _entity_engine()
        report = Report()
        with transaction.atomic():
            matcher, kinds, same_entity = entity_engine()
            for passage in passages:
                text = passage["text"]
                quotes = [(q.start, q.end, q.speaker) for q in find_quotes(text)]
                claims = [(c.start, c.end) for c in find_claims(text)]
                score_passage(
                    passage,
                    entities=_entities(text, matcher, kinds),
                    quotes=quotes,
                    claims=claims,
                    same_entity=same_entity,
                    report=report,
                )
                if misses:
                    errors = passage_misses(
                        passage, quotes=quotes, claims=claims, same_entity=same_entity
                    )
                    for line in errors:
                        self.stdout.write(line)
            transaction.set_rollback(True)
        for line in format_report(report):
            self.stdout.write(line)


def _entity_engine():
    """The entity half of the engine (entities.matcher, suggest.candidates)."""
    try:
        from entities.matcher import get_registry_matcher
        from suggest.candidates import find_new_entities  # noqa: F401
    except ImportError as error:
        raise CommandError(
            "The entity matcher is not available (entities.matcher and "
            f"suggest.candidates, from branch engine-entities): {error}"
        ) from None

    def load():
        from entities.models import Alias, Entity

        kinds = dict(Entity.objects.values_list("pk", "kind"))
        by_name: dict[str, set[int]] = {}
        for pk, name in Entity.objects.values_list("pk", "name"):
            by_name.setdefault(normalise_name(name), set()).add(pk)
        for pk, name in Alias.objects.values_list("entity_id", "name"):
            by_name.setdefault(normalise_name(name), set()).add(pk)

        def same_entity(gold: str, predicted: str) -> bool:
            ids = by_name.get(normalise_name(gold), set())
            return bool(ids & by_name.get(normalise_name(predicted), set()))

        return get_registry_matcher(), kinds, same_entity

    return load


def _entities(text, matcher, kinds) -> list[tuple[int, int, str]]:
    from suggest.candidates import find_new_entities

    mentions = matcher.find(text)
    found = [(m.start, m.end, kinds.get(m.entity_id, "")) for m in mentions]
    for candidate in find_new_entities(text, known=mentions):
        found.append((candidate.start, candidate.end, candidate.kind))
        if candidate.alias:
            # "Name (ACR)": the acronym is a second mention of the same entity.
            at = text.find(f"({candidate.alias})", candidate.end)
            if at != -1 and at - candidate.end <= 2:
                span = (at + 1, at + 1 + len(candidate.alias), candidate.kind)
                if span not in found:
                    found.append(span)
    return sorted(set(found))
