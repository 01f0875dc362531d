"""Abstract parts shared by the editorial models."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models.choices import AttributionReview
from entities.locking import VersionedModel

__all__ = ["AttributionReviewModel", "VersionedModel"]


class AttributionReviewModel(models.Model):
    """Who-said-what review: state, reviewer, time and note (four eyes)."""

    review_state = models.CharField(
        _("attribution review"),
        max_length=16,
        choices=AttributionReview.choices,
        default=AttributionReview.UNREVIEWED,
        editable=False,
        help_text=_("Whether a reviewer has confirmed who said this."),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(
        _("reviewed at"), null=True, blank=True, editable=False
    )
    review_note = models.TextField(
        _("review note"),
        blank=True,
        editable=False,
        help_text=_("Why the reviewer disputed or corrected the attribution."),
    )
    attribution_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("attribution last changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text=_("Who last set the speaker or span; they may not review it."),
    )

    class Meta:
        abstract = True

    @property
    def is_attribution_settled(self) -> bool:
        return self.review_state in {
            AttributionReview.CONFIRMED,
            AttributionReview.CORRECTED,
        }
