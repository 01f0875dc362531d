"""Reads of the entity registry that several places share: one function a question.

"Which entity is called X?" is asked by the Tag page, the review desk's correct form,
the quote suggestions (who a speaker is) and the article import (which publication):
they all ask ``entities_named`` / ``entity_named``, so one name finds the same entity
everywhere. The autocompletes ask a different question, what contains the letters
typed so far: ``entities_matching``.
"""

from __future__ import annotations

from django.db.models import (
    Case,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)

from entities.models import Alias, Entity

# How an entity is called ``name``: its own name ranks before an alias.
BY_NAME, BY_ALIAS = 0, 1


def entities_named(name: str, *, kind: str | None = None) -> QuerySet[Entity]:
    """Entities whose name or one of whose aliases is ``name`` (ignoring case and
    repeated spaces), best first: those whose own name it is, then those holding it
    as an alias, each by id. Each entity once, with ``named_by`` (BY_NAME/BY_ALIAS).
    """
    name = " ".join(name.split())
    if not name:
        return Entity.objects.none()
    entities = Entity.objects.all() if kind is None else Entity.objects.of_kind(kind)
    alias = Alias.objects.filter(entity=OuterRef("pk"), name__iexact=name)
    return (
        entities.filter(Q(name__iexact=name) | Exists(alias))
        .annotate(
            named_by=Case(
                When(name__iexact=name, then=Value(BY_NAME)),
                default=Value(BY_ALIAS),
                output_field=IntegerField(),
            )
        )
        .order_by("named_by", "pk")
    )


def entity_named(name: str, *, kind: str | None = None) -> Entity | None:
    """The one entity ``name`` designates, or None when none or several do.

    The tie-break everywhere: an entity whose own name it is wins over entities
    holding it only as an alias; two of the best rank are ambiguous (None). One
    query.
    """
    best = list(entities_named(name, kind=kind)[:2])
    if len(best) == 1 or (len(best) == 2 and best[0].named_by < best[1].named_by):
        return best[0]
    return None


def entities_named_each(names: list[str]) -> dict[str, Entity | None]:
    """``entity_named(name)`` for every name, in one query: each name's ranking is
    an annotation of the same rows, so each gets the answer its own query gives."""
    answers: dict[str, Entity | None] = dict.fromkeys(names)
    wanted = {name: " ".join(name.split()) for name in names}
    wanted = {name: clean for name, clean in wanted.items() if clean}
    if not wanted:
        return answers
    ranks = {}
    for position, clean in enumerate(dict.fromkeys(wanted.values())):
        alias = Alias.objects.filter(entity=OuterRef("pk"), name__iexact=clean)
        ranks_of = Case(
            When(name__iexact=clean, then=Value(BY_NAME)),
            When(Exists(alias), then=Value(BY_ALIAS)),
            default=None,
            output_field=IntegerField(),
        )
        ranks[clean] = (f"named_by_{position}", ranks_of)
    either = Q()
    for field, _rank in ranks.values():
        either |= Q(**{f"{field}__isnull": False})
    rows = list(
        Entity.objects.annotate(**dict(ranks.values())).filter(either).order_by("pk")
    )
    for name, clean in wanted.items():
        field = ranks[clean][0]
        best = sorted(
            (row for row in rows if getattr(row, field) is not None),
            key=lambda row, field=field: (getattr(row, field), row.pk),
        )[:2]
        if len(best) == 1 or (
            len(best) == 2 and getattr(best[0], field) < getattr(best[1], field)
        ):
            answers[name] = best[0]
    return answers


def entities_matching(term: str) -> QuerySet[Entity]:
    """The autocompletes' answer (the Tag page's and the review desk's): entities
    whose name or an alias contains ``term``, by name; every entity for no term."""
    entities = Entity.objects.search(term) if term else Entity.objects.all()
    return entities.order_by("name", "pk")
