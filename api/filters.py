"""Filters of the API's lists: verdict, claimant, entity (by public slug), dates.

Entities are named by the slug their public page has, which is the slug of their
card in a current published version (a rename reaches the API when it is published).
"""

import django_filters
from django.core.validators import validate_slug
from django.db.models import Exists, OuterRef

from articles.models import (
    PublishedClaim,
    PublishedEntity,
    PublishedVersion,
    Verdict,
)
from entities.models import EntityKind


def _slug_filter(method: str, label: str) -> django_filters.CharFilter:
    """A filter by an entity's slug: anything that is no slug is a 400, not a query."""
    return django_filters.CharFilter(
        method=method, label=label, validators=[validate_slug], max_length=200
    )


def _entity_ids(slug: str):
    return PublishedEntity.objects.current().filter(slug=slug).values("entity_id")


class _DateRange(django_filters.FilterSet):
    published_after = django_filters.DateFilter(
        field_name="published_at",
        lookup_expr="date__gte",
        label="Published on or after this day (YYYY-MM-DD, UTC).",
    )
    published_before = django_filters.DateFilter(
        field_name="published_at",
        lookup_expr="date__lte",
        label="Published on or before this day (YYYY-MM-DD, UTC).",
    )


class ClaimFilter(_DateRange):
    verdict = django_filters.ChoiceFilter(choices=Verdict.choices)
    claimant = _slug_filter("filter_claimant", "The claimant's entity slug.")
    entity = _slug_filter("filter_entity", "An entity the claim names (its slug).")

    class Meta:
        model = PublishedClaim
        fields = ["verdict", "claimant", "entity"]

    def filter_claimant(self, queryset, name, value):
        return queryset.filter(claimant_id__in=_entity_ids(value))

    def filter_entity(self, queryset, name, value):
        named = PublishedClaim.entities.through.objects.filter(
            publishedclaim=OuterRef("pk"), entity_id__in=_entity_ids(value)
        )
        return queryset.filter(Exists(named))


class FactCheckFilter(_DateRange):
    verdict = django_filters.ChoiceFilter(
        choices=Verdict.choices,
        method="filter_verdict",
        label="Fact-checks with at least one claim rated so.",
    )
    claimant = _slug_filter(
        "filter_claimant", "Fact-checks with a claim by this entity (its slug)."
    )
    entity = _slug_filter(
        "filter_entity", "Fact-checks that name this entity (its slug)."
    )

    class Meta:
        model = PublishedVersion
        fields = ["verdict", "claimant", "entity"]

    def filter_verdict(self, queryset, name, value):
        rated = PublishedClaim.objects.filter(version=OuterRef("pk"), verdict=value)
        return queryset.filter(Exists(rated))

    def filter_claimant(self, queryset, name, value):
        by = PublishedClaim.objects.filter(
            version=OuterRef("pk"), claimant_id__in=_entity_ids(value)
        )
        return queryset.filter(Exists(by))

    def filter_entity(self, queryset, name, value):
        cards = PublishedEntity.objects.filter(
            version=OuterRef("pk"), entity_id__in=_entity_ids(value), is_listed=True
        )
        return queryset.filter(Exists(cards))


class EntityFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=EntityKind.choices)

    class Meta:
        model = PublishedEntity
        fields = ["kind"]
