import hashlib

from django.conf import settings
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import connections, models, router
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from articles.models.attribution import Claim, Quote
from articles.models.base import VersionedModel
from articles.models.mention import Mention
from articles.validators import validate_body_length
from common.bases import TimestampedModel
from entities.models import EntityKind, unique_slug
from entities.validators import validate_http_url


def body_fingerprint(body: str) -> str:
    """SHA-256 of the body with line endings and outer whitespace normalised."""
    normalised = "\n".join(line.rstrip() for line in body.strip().splitlines())
    return hashlib.sha256(normalised.encode()).hexdigest()


# The text search configuration of an article's body vector (and of the admin's
# queries against it): English stemming, so "prices" finds "price".
BODY_SEARCH_CONFIG = "english"


def body_vector(body=None) -> SearchVector:
    """The body's search document: of the ``body`` column, or of the text given."""
    source = "body" if body is None else models.Value(body, models.TextField())
    return SearchVector(source, config=BODY_SEARCH_CONFIG)


def count_per_article(queryset: models.QuerySet, field: str = "article"):
    """A subquery counting ``queryset``'s rows for the outer article (0 when none)."""
    counted = (
        queryset.filter(**{field: models.OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(count=models.Count("pk"))
        .values("count")
    )
    return Coalesce(models.Subquery(counted), 0)


class ArticleQuerySet(models.QuerySet):
    def with_counts(self):
        """Annotate mention, quote and claim counts and claims lacking citations.

        Subqueries rather than joined COUNT(DISTINCT …): joining three child tables
        would multiply their rows for every article.
        """
        return self.annotate(
            mention_count=count_per_article(Mention.objects.all()),
            quote_count=count_per_article(Quote.objects.all()),
            claim_count=count_per_article(Claim.objects.all()),
            uncited_claim_count=count_per_article(Claim.objects.without_citations()),
        )


class Article(VersionedModel, TimestampedModel):
    """A stored news article: the source text every span indexes into."""

    headline = models.CharField(_("headline"), max_length=400)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_("Made from the headline when left empty."),
    )
    body = models.TextField(
        _("body"),
        validators=[validate_body_length],
        help_text=_(
            "Plain text, paragraphs separated by line breaks. Editing it re-anchors "
            "every mention, quote and claim. Its length is limited (the setting "
            "ARTICLE_BODY_MAX_CHARS)."
        ),
    )
    publication = models.ForeignKey(
        "entities.Entity",
        verbose_name=_("publication"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="published_articles",
        limit_choices_to={"kind": EntityKind.PUBLICATION},
        help_text=_("The newspaper or agency that published the article."),
    )
    byline = models.CharField(
        _("byline"), max_length=300, blank=True, help_text=_("As printed, if any.")
    )
    original_url = models.URLField(
        _("original address"),
        max_length=600,
        blank=True,
        validators=[validate_http_url],
        help_text=_("Where the article was published (http or https)."),
    )
    published_on = models.DateField(
        _("original publication date"),
        null=True,
        blank=True,
        help_text=_("When the article first appeared; time-sensitive checks use it."),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The language the article is written in."),
    )
    body_hash = models.CharField(
        max_length=64, editable=False, db_index=True, default=""
    )
    search_vector = SearchVectorField(
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "The body's words for the admin's search (PostgreSQL only), written with "
            "the body."
        ),
    )
    history = HistoricalRecords(excluded_fields=["body_hash", "search_vector"])

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-created_at"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [
            models.Index(
                fields=["-published_on", "-created_at"], name="article_latest_idx"
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["original_url"],
                condition=~models.Q(original_url=""),
                name="article_unique_original_url",
            )
        ]

    def __str__(self):
        return self.headline

    def get_absolute_url(self):
        return reverse("admin:articles_article_change", args=[self.pk])

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body.splitlines() if p.strip()]

    def clean(self):
        super().clean()
        if self.publication_id and self.publication.kind != EntityKind.PUBLICATION:
            raise ValidationError(
                {"publication": _("Choose an entity of kind publication.")}
            )

    def save(self, *args, **kwargs):
        self.body = self.body.replace("\r\n", "\n").replace("\r", "\n")
        self.body_hash = body_fingerprint(self.body)
        if not self.slug:
            self.slug = unique_slug(Article, self.headline, self.pk)
        update_fields = kwargs.get("update_fields")
        using = kwargs.get("using") or router.db_for_write(Article, instance=self)
        writes_vector = connections[using].vendor == "postgresql" and (
            update_fields is None or "body" in update_fields
        )
        if writes_vector:
            # Computed by the same INSERT or UPDATE: no query of its own.
            self.search_vector = body_vector(self.body)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "search_vector"}
        super().save(*args, **kwargs)
        if writes_vector:
            # The attribute holds the expression: read the stored vector if asked.
            self.__dict__.pop("search_vector", None)
