"""Read-only representations of published rows; addresses are absolute.

A claim's claimant, named entities, analysis and citations come from its frozen card
(PublishedClaim.data), as its public page shows them: never from a live row.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from articles.models import (
    VERDICT_RATINGS,
    Correction,
    PublishedClaim,
    PublishedEntity,
    PublishedVersion,
    Verdict,
)
from articles.structured_data import absolute


@extend_schema_field(OpenApiTypes.URI)
class _AbsoluteUrl(serializers.Field):
    """The object's public page, as an absolute address."""

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return absolute(value.get_absolute_url())


class EntityRefSerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.SlugField()
    kind = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, data) -> str:
        return absolute(data["url"])


class CitationSerializer(serializers.Serializer):
    url = serializers.URLField()
    title = serializers.CharField()
    publisher = serializers.CharField()
    published_on = serializers.DateField(allow_null=True)
    accessed_on = serializers.DateField(allow_null=True)
    archived_url = serializers.CharField(allow_blank=True)
    excerpt = serializers.CharField(allow_blank=True)
    stance = serializers.CharField()


class FactCheckRefSerializer(serializers.ModelSerializer):
    url = _AbsoluteUrl()

    class Meta:
        model = PublishedVersion
        fields = ("slug", "title", "url")


class ClaimSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(source="claim_ref")
    url = _AbsoluteUrl()
    verdict_label = serializers.CharField(source="get_verdict_display")
    rating = serializers.SerializerMethodField()
    claimant = serializers.SerializerMethodField()
    analysis = serializers.SerializerMethodField()
    entities = serializers.SerializerMethodField()
    citations = serializers.SerializerMethodField()
    fact_check = FactCheckRefSerializer(source="version")
    is_retracted = serializers.BooleanField(
        read_only=True,
        help_text=(
            "Its fact-check was retracted: the verdict and rating no longer stand."
        ),
    )

    class Meta:
        model = PublishedClaim
        fields = (
            "id",
            "url",
            "statement",
            "claimant",
            "verdict",
            "verdict_label",
            "rating",
            "is_retracted",
            "verdict_summary",
            "analysis",
            "entities",
            "citations",
            "published_at",
            "fact_check",
        )

    def get_rating(self, claim) -> int:
        return VERDICT_RATINGS[Verdict(claim.verdict)]

    @extend_schema_field(EntityRefSerializer(allow_null=True))
    def get_claimant(self, claim):
        data = claim.data.get("claimant")
        return EntityRefSerializer(data).data if data else None

    def get_analysis(self, claim) -> str:
        return claim.data.get("analysis", "")

    @extend_schema_field(EntityRefSerializer(many=True))
    def get_entities(self, claim):
        return EntityRefSerializer(claim.data.get("entities", []), many=True).data

    @extend_schema_field(CitationSerializer(many=True))
    def get_citations(self, claim):
        return CitationSerializer(claim.data.get("citations", []), many=True).data


class ClaimBriefSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(source="claim_ref")
    url = _AbsoluteUrl()
    claimant = serializers.CharField(source="claimant_name")

    class Meta:
        model = PublishedClaim
        fields = ("id", "url", "statement", "claimant", "verdict")


class CorrectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Correction
        fields = ("kind", "text", "published_at")


class FactCheckSerializer(serializers.ModelSerializer):
    url = _AbsoluteUrl()
    version = serializers.IntegerField(source="number")
    claims = ClaimBriefSerializer(many=True)
    corrections = CorrectionSerializer(many=True, source="fact_check.corrections")

    class Meta:
        model = PublishedVersion
        fields = (
            "slug",
            "title",
            "url",
            "summary",
            "version",
            "published_at",
            "claims",
            "corrections",
        )


class EntitySerializer(serializers.ModelSerializer):
    url = _AbsoluteUrl()
    kind_label = serializers.CharField(source="get_kind_display")
    same_as = serializers.ListField(source="same_as_urls", child=serializers.URLField())

    class Meta:
        model = PublishedEntity
        fields = (
            "slug",
            "name",
            "kind",
            "kind_label",
            "description",
            "wikidata_id",
            "same_as",
            "aliases",
            "url",
        )
