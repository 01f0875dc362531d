"""Mention: an entity named at a span of an article's body.

It lives with Article (its foreign key points here) so that ``entities`` knows
nothing of ``articles``. It moved from ``entities`` without moving data: the
tables keep their names (``entities_mention``, ``entities_historicalmention``).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.bases import SuggestedSpan, SuggestionState, TimestampedModel
from common.spans import span_constraints
from entities.locking import VersionedModel
from entities.models import Entity


class MentionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(suggestion_state=SuggestionState.CONFIRMED)

    def pending(self):
        return self.filter(suggestion_state=SuggestionState.SUGGESTED)

    def orphaned(self):
        return self.filter(anchor_state="orphaned")


class Mention(VersionedModel, TimestampedModel, SuggestedSpan):
    """An entity named at a span of an article's body."""

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="mentions",
    )
    entity = models.ForeignKey(
        Entity,
        verbose_name=_("entity"),
        on_delete=models.CASCADE,
        related_name="mentions",
        help_text=_("The entity this text names."),
    )
    history = HistoricalRecords(table_name="entities_historicalmention")

    objects = MentionQuerySet.as_manager()

    class Meta:
        ordering = ["article", "start"]
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")
        # The table kept the name it had in ``entities`` (moved without data).
        db_table = "entities_mention"
        constraints = [
            *span_constraints("mention"),
            models.UniqueConstraint(
                fields=["article", "entity", "start", "end"],
                name="mention_unique_span_per_entity",
            ),
        ]
        indexes = [
            models.Index(
                fields=["entity", "suggestion_state"],
                name="mention_entity_suggestion_idx",
            ),
            models.Index(
                fields=["article", "suggestion_state"],
                name="mention_article_suggestion_idx",
            ),
        ]

    def __str__(self):
        return f"{self.exact} → {self.entity}"

    def span_body(self) -> str:
        return self.article.body

    def clean(self):
        super().clean()
        if self.article_id:
            errors = self.span_errors(self.article.body, required=True)
            if errors:
                raise ValidationError(errors)
