"""The re-check of a time-sensitive claim: its record, kept one row per re-check.

A re-check either confirms that the verdict still holds (and sets the next date) or
opens an update. An open update waits for the fact-checks showing the claim to be
republished; each republication then carries the update's dated public note (a
Correction of kind "update" pointing back here), so that the note is written once,
in ``workflow.publish``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RecheckOutcome(models.TextChoices):
    CONFIRMED = "confirmed", _("Still holds")
    UPDATE = "update", _("Update opened")


class ClaimRecheckQuerySet(models.QuerySet):
    def pending_updates(self, fact_check):
        """Updates opened on re-check of its claims that it has not yet published."""
        return self.filter(
            outcome=RecheckOutcome.UPDATE,
            claim__factcheckclaim__fact_check=fact_check,
        ).exclude(corrections__fact_check=fact_check)

    def notes_to_publish(self, fact_check):
        """The pending updates whose notes its next publication carries: those
        opened since it was first published (none before). Whoever opened one wrote
        a note readers will see, so four eyes bars them from publishing it."""
        if fact_check.first_published_at is None:
            return self.none()
        return self.pending_updates(fact_check).filter(
            checked_at__gt=fact_check.first_published_at
        )


class ClaimRecheck(models.Model):
    claim = models.ForeignKey(
        "articles.Claim",
        verbose_name=_("claim"),
        on_delete=models.CASCADE,
        related_name="rechecks",
    )
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=RecheckOutcome.choices
    )
    note = models.TextField(
        _("note"),
        max_length=2000,
        blank=True,
        help_text=_(
            "For an update: the public note readers see when it is republished. "
            "For a confirmation: what was checked, for the desk."
        ),
    )
    was_due_on = models.DateField(
        _("was due on"), null=True, blank=True, help_text=_("The re-check date met.")
    )
    next_recheck_on = models.DateField(_("next re-check on"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("re-checked by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    checked_at = models.DateTimeField(_("re-checked at"))

    objects = ClaimRecheckQuerySet.as_manager()

    class Meta:
        ordering = ["-checked_at", "-pk"]
        verbose_name = _("claim re-check")
        verbose_name_plural = _("claim re-checks")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(outcome="update") | ~models.Q(note=""),
                name="recheck_update_has_note",
            )
        ]

    def __str__(self):
        return (
            f"{self.claim} — {self.get_outcome_display()} ({self.checked_at:%Y-%m-%d})"
        )
