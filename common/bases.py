"""Abstract bases shared by the apps' models: timestamps and suggested spans."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.spans import TextSpan

__all__ = ["SuggestedSpan", "SuggestionOrigin", "SuggestionState", "TimestampedModel"]


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        abstract = True


class SuggestionOrigin(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested")
    MANUAL = "manual", _("Manual")


class SuggestionState(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")


class SuggestedSpan(TextSpan):
    """A span of an article that the assistant may suggest and an editor decides on:
    Mention, Quote and Claim, under one name per field."""

    origin = models.CharField(
        _("origin"),
        max_length=16,
        choices=SuggestionOrigin.choices,
        default=SuggestionOrigin.MANUAL,
        help_text=_("Whether the assistant suggested it or an editor added it."),
    )
    suggestion_state = models.CharField(
        _("suggestion state"),
        max_length=16,
        choices=SuggestionState.choices,
        default=SuggestionState.CONFIRMED,
        help_text=_(
            "Suggestions wait for an editor to accept or reject them; only "
            "confirmed ones are shown to readers or reviewed."
        ),
    )

    class Meta:
        abstract = True
