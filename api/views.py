"""The read-only JSON API (``/api/v1/``): published fact-checks, claims, entities.

Every view is a ReadOnlyModelViewSet over a selector that returns published rows
only, so no write method exists and nothing unpublished can be listed or fetched.
Nobody signs in here: every client is anonymous and throttled per address.
"""

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets

from api import filters, selectors, serializers


def _path(name: str, kind: type, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, kind, OpenApiParameter.PATH, description=description)


# What a public page's slug can be (Django's ``slug`` converter): any other address is
# a 404 before a query (a NUL would reach PostgreSQL, which refuses it with an error).
SLUG = "[-a-zA-Z0-9_]+"


@extend_schema_view(
    list=extend_schema(summary="Published fact-checks, latest first"),
    retrieve=extend_schema(
        summary="One published fact-check, by its slug",
        parameters=[_path("slug", str, "The fact-check's slug, as in its address.")],
    ),
)
class FactCheckViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.FactCheckSerializer
    filterset_class = filters.FactCheckFilter
    lookup_field = "slug"
    lookup_value_regex = SLUG

    def get_queryset(self):
        return selectors.published_fact_checks()


@extend_schema_view(
    list=extend_schema(summary="Published claims with their verdicts, latest first"),
    retrieve=extend_schema(
        summary="One published claim, by its id",
        parameters=[_path("id", int, "The claim's id, as in its address.")],
    ),
)
class ClaimViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.ClaimSerializer
    filterset_class = filters.ClaimFilter
    lookup_field = "claim_ref"
    lookup_url_kwarg = "id"
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        return selectors.published_claims()


@extend_schema_view(
    list=extend_schema(summary="Entities with a public page, by name"),
    retrieve=extend_schema(
        summary="One entity, by the slug of its public page",
        parameters=[_path("slug", str, "The slug of the entity's public page.")],
    ),
)
class EntityViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.EntitySerializer
    filterset_class = filters.EntityFilter
    lookup_field = "slug"
    lookup_value_regex = SLUG

    def get_queryset(self):
        return selectors.public_entities()

    def get_object(self):
        # Two entities may have held one slug over time: who holds it now wins.
        card = (
            self.get_queryset().filter(slug=self.kwargs["slug"]).order_by("-pk").first()
        )
        if card is None:
            raise Http404("No entity with a public page at this address.")
        self.check_object_permissions(self.request, card)
        return card
