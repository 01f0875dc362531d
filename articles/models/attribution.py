"""Quotes, claims and the citations that back verdicts."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from articles.models.base import AttributionReviewModel, VersionedModel
from articles.models.choices import (
    CitationStance,
    ClaimState,
    QuoteKind,
    SourceHealth,
    Verdict,
)
from articles.models.review_reset import AttributionResetMixin
from common.bases import SuggestedSpan, SuggestionState, TimestampedModel
from common.spans import span_constraints
from entities.validators import validate_http_url


class QuoteQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(suggestion_state=SuggestionState.CONFIRMED)

    def for_review(self):
        """Quotes a reviewer works on, whatever their review state."""
        return self.confirmed()


class Quote(
    AttributionResetMixin,
    VersionedModel,
    TimestampedModel,
    AttributionReviewModel,
    SuggestedSpan,
):
    """A quoted or attributed statement in an article, and who it is credited to."""

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="quotes",
    )
    speaker = models.ForeignKey(
        "entities.Entity",
        verbose_name=_("speaker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quotes",
        help_text=_(
            "Who the article says made the statement; empty when no one is named."
        ),
    )
    speaker_text = models.CharField(
        _("speaker as written"),
        max_length=200,
        blank=True,
        help_text=_('How the article names the speaker ("experts", "he", "PTI").'),
    )
    cue = models.CharField(
        _("cue"),
        max_length=100,
        blank=True,
        help_text=_(
            'The attribution words: "said", "according to", "as per", "reported".'
        ),
    )
    cue_start = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cue_end = models.PositiveIntegerField(null=True, blank=True, editable=False)
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=QuoteKind.choices,
        default=QuoteKind.DIRECT,
        help_text=_("Direct: the words in quotation marks. Indirect: reported speech."),
    )
    is_vague = models.BooleanField(
        _("vague attribution"),
        default=False,
        help_text=_('Credited to no one identifiable ("experts say", "reportedly").'),
    )
    history = HistoricalRecords()

    objects = QuoteQuerySet.as_manager()
    attribution_fields = ("speaker_id", "speaker_text", "start", "end", "exact")

    class Meta:
        ordering = ["article", "start"]
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        permissions = [
            ("review_attribution", _("Can review who said what (quotes and claims)")),
        ]
        constraints = [
            *span_constraints("quote"),
            models.CheckConstraint(
                condition=models.Q(cue_start__isnull=True, cue_end__isnull=True)
                | models.Q(cue_start__lt=models.F("cue_end")),
                name="quote_cue_start_before_end",
            ),
        ]
        indexes = [
            models.Index(
                fields=["review_state", "created_at"], name="quote_review_idx"
            ),
            # The review queue's pages and state counts read only this index.
            models.Index(
                fields=["review_state", "created_at", "id"],
                condition=models.Q(suggestion_state="confirmed"),
                name="quote_review_queue_idx",
            ),
        ]

    def __str__(self):
        who = self.speaker or self.speaker_text or _("unattributed")
        text = self.exact if len(self.exact) <= 60 else self.exact[:57] + "…"
        return f"{who}: “{text}”"

    def span_body(self) -> str:
        return self.article.body

    @property
    def cue_text(self) -> str:
        if self.cue_start is None or self.cue_end is None:
            return self.cue
        return self.article.body[self.cue_start : self.cue_end]

    def clean(self):
        super().clean()
        if not self.article_id:
            return
        errors = self.span_errors(self.article.body, required=True)
        body = self.article.body
        if self.cue_start is not None and (
            self.cue_end is None
            or self.cue_end > len(body)
            or self.cue_start >= self.cue_end
        ):
            errors["cue"] = _("The cue's position does not fit the text.")
        if errors:
            raise ValidationError(errors)


class ClaimQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state=ClaimState.OPEN)

    def checked(self):
        return self.filter(state=ClaimState.CHECKED)

    def without_citations(self):
        return self.filter(citations__isnull=True)

    def for_review(self):
        """Accepted claims, whatever their review state.

        A claim that names no one credits its article's publication, and the
        publish gate needs that reviewed like any other attribution.
        """
        return self.filter(suggestion_state=SuggestionState.CONFIRMED)

    def credited_to(self, entity_id: int):
        """Claims credited to the entity: as their speaker, or as the publication of
        the article when the claim names no speaker."""
        return self.filter(
            models.Q(speaker_id=entity_id)
            | models.Q(speaker__isnull=True, article__publication_id=entity_id)
        )

    def with_citation_count(self):
        """A correlated subquery per listed claim, not a GROUP BY over every claim."""
        counted = (
            Citation.objects.filter(claim=models.OuterRef("pk"))
            .order_by()
            .values("claim")
            .annotate(count=models.Count("pk"))
            .values("count")
        )
        return self.annotate(citation_count=Coalesce(models.Subquery(counted), 0))

    def due_for_recheck(self, on_date):
        return self.filter(recheck_on__isnull=False, recheck_on__lte=on_date)


class Claim(
    AttributionResetMixin,
    VersionedModel,
    TimestampedModel,
    AttributionReviewModel,
    SuggestedSpan,
):
    """One checkable statement, its verdict and the checker's analysis."""

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="claims",
    )
    statement = models.TextField(
        _("claim"),
        help_text=_("The statement as the checker words it, checkable on its own."),
    )
    slug = models.SlugField(_("slug"), max_length=80, blank=True, editable=False)
    # ``speaker`` as on Quote (one name for who is credited); fact-checkers call the
    # one who makes a claim its claimant, so that stays the label.
    speaker = models.ForeignKey(
        "entities.Entity",
        verbose_name=_("claimant"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims",
        help_text=_("Who made the claim; empty means the article's publication."),
    )
    verdict = models.CharField(
        _("verdict"),
        max_length=16,
        choices=Verdict.choices,
        blank=True,
        help_text=_("The rating on the desk's scale."),
    )
    verdict_summary = models.CharField(
        _("verdict summary"),
        max_length=300,
        blank=True,
        help_text=_("One line readers see beside the verdict."),
    )
    analysis = models.TextField(
        _("analysis"),
        blank=True,
        help_text=_("The longer explanation: what was checked and what was found."),
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="checked_claims",
        help_text=_("The fact-checker responsible for the verdict."),
    )
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=ClaimState.choices,
        default=ClaimState.OPEN,
        help_text=_("Checked once the verdict, summary and citations are in."),
    )
    recheck_on = models.DateField(
        _("re-check on"),
        null=True,
        blank=True,
        help_text=_(
            "For time-sensitive claims: when the verdict should be looked at again."
        ),
    )
    repeat_of = models.ForeignKey(
        "self",
        verbose_name=_("repeat of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="repeats",
        help_text=_("The same claim already checked in another article."),
    )
    history = HistoricalRecords()

    objects = ClaimQuerySet.as_manager()
    attribution_fields = ("speaker_id", "start", "end", "exact")

    class Meta:
        ordering = ["article", "start", "pk"]
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        constraints = [*span_constraints("claim")]
        indexes = [
            models.Index(fields=["verdict"], name="claim_verdict_idx"),
            models.Index(
                fields=["review_state", "created_at"], name="claim_review_idx"
            ),
            models.Index(
                fields=["review_state", "created_at", "id"],
                condition=models.Q(suggestion_state="confirmed"),
                name="claim_review_queue_idx",
            ),
            models.Index(fields=["recheck_on"], name="claim_recheck_idx"),
        ]

    def __str__(self):
        text = self.statement
        return text if len(text) <= 80 else text[:77] + "…"

    def get_absolute_url(self):
        return reverse(
            "articles:claim_detail",
            kwargs={"pk": self.pk, "slug": self.slug or "claim"},
        )

    def span_body(self) -> str:
        return self.article.body

    @property
    def effective_speaker(self):
        """The speaker, or the article's publication when none is named."""
        return self.speaker or self.article.publication

    @property
    def rating(self) -> int | None:
        return Verdict(self.verdict).rating if self.verdict else None

    def clean(self):
        super().clean()
        if self.article_id:
            errors = self.span_errors(self.article.body, required=False)
            if errors:
                raise ValidationError(errors)

    def prepare_insert(self) -> None:
        super().prepare_insert()
        self.fill_slug()

    def fill_slug(self) -> None:
        self.slug = slugify(self.statement)[:80].strip("-") or "claim"

    def save(self, *args, **kwargs):
        self.fill_slug()
        super().save(*args, **kwargs)


class CitationQuerySet(models.QuerySet):
    def with_broken_source(self):
        """Citations whose page was last found dead, moved or changed."""
        return self.filter(source_health__in=SourceHealth.broken())

    def due_for_source_check(self, checked_before):
        """Never checked, or last checked before ``checked_before``."""
        return self.filter(
            models.Q(source_checked_at__isnull=True)
            | models.Q(source_checked_at__lt=checked_before)
        )


class Citation(VersionedModel, TimestampedModel):
    """Evidence for a claim: a page read, what it says, and which way it points."""

    claim = models.ForeignKey(
        Claim,
        verbose_name=_("claim"),
        on_delete=models.CASCADE,
        related_name="citations",
    )
    url = models.URLField(
        _("address"),
        max_length=600,
        validators=[validate_http_url],
        help_text=_("The page relied on (http or https)."),
    )
    title = models.CharField(
        _("title"), max_length=400, help_text=_("The page's title.")
    )
    publisher = models.CharField(
        _("publisher"),
        max_length=200,
        blank=True,
        help_text=_("Who published the page."),
    )
    published_on = models.DateField(
        _("date published"),
        null=True,
        blank=True,
        help_text=_("If the page gives one."),
    )
    accessed_on = models.DateField(
        _("date accessed"),
        null=True,
        blank=True,
        help_text=_("When the page was read."),
    )
    archived_url = models.URLField(
        _("archived address"),
        max_length=600,
        blank=True,
        validators=[validate_http_url],
        help_text=_("A snapshot of the page in a web archive, if one exists."),
    )
    excerpt = models.TextField(
        _("excerpt"), blank=True, help_text=_("The passage of the page relied on.")
    )
    stance = models.CharField(
        _("stance"),
        max_length=10,
        choices=CitationStance.choices,
        default=CitationStance.SUPPORTS,
        help_text=_(
            "Whether the page supports or refutes the claim, or gives context."
        ),
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    # Written by the source check (articles.services.sources), never by a form; left
    # out of the history, which records what editors changed.
    source_health = models.CharField(
        _("source health"),
        max_length=12,
        choices=SourceHealth.choices,
        default=SourceHealth.UNCHECKED,
        editable=False,
        help_text=_("What the last check of the page found."),
    )
    source_checked_at = models.DateTimeField(
        _("source checked at"), null=True, blank=True, editable=False
    )
    history = HistoricalRecords(excluded_fields=["source_health", "source_checked_at"])

    objects = CitationQuerySet.as_manager()

    class Meta:
        ordering = ["claim", "position", "pk"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")

    def __str__(self):
        return self.title
