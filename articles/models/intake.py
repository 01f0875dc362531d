"""What comes in from outside the desk: other publishers' fact-checks and readers.

``KnownFactCheck`` rows are imported from ClaimReview data feeds (``manage.py
import_claimreviews`` or the admin's upload page), one ``ClaimReviewImport`` per file,
and matched against new claims like the desk's own archive. ``ClaimSuggestion`` and
``ErrorReport`` are what readers send through the public forms; editors and publishers
moderate them in the admin.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# The longest texts the public forms and the importer accept.
CLAIM_TEXT_MAX_LENGTH = 1000
READER_MESSAGE_MAX_LENGTH = 3000
URL_MAX_LENGTH = 2000


class ClaimReviewImport(models.Model):
    """One imported ClaimReview feed file: who brought it in, when, how many rows."""

    source_name = models.CharField(
        _("source file"), max_length=255, help_text=_("The file's name.")
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_count = models.PositiveIntegerField(_("new"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)

    class Meta:
        ordering = ["-imported_at", "-pk"]
        verbose_name = _("ClaimReview import")
        verbose_name_plural = _("ClaimReview imports")

    def __str__(self):
        return f"{self.source_name} ({self.imported_at:%Y-%m-%d %H:%M})"


class KnownFactCheck(models.Model):
    """A claim another publisher has already checked (one ClaimReview)."""

    claim_reviewed = models.TextField(
        _("claim reviewed"), help_text=_("The claim as the other publisher words it.")
    )
    claimant_name = models.CharField(
        _("claimant"),
        max_length=300,
        blank=True,
        help_text=_("Who made the claim, as the review names them (may be empty)."),
    )
    rating_text = models.CharField(
        _("rating"),
        max_length=300,
        help_text=_("The other publisher's verdict, in its words (alternateName)."),
    )
    rating_value = models.CharField(
        _("rating value"),
        max_length=20,
        blank=True,
        help_text=_("Its numeric rating on its own scale, when it gives one."),
    )
    publisher_name = models.CharField(_("publisher"), max_length=300)
    publisher_url = models.URLField(
        _("publisher address"), max_length=URL_MAX_LENGTH, blank=True
    )
    review_url = models.URLField(
        _("review address"),
        max_length=URL_MAX_LENGTH,
        unique=True,
        help_text=_("The other publisher's fact-check page: one row per address."),
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=35, blank=True)
    source = models.ForeignKey(
        ClaimReviewImport,
        verbose_name=_("imported from"),
        on_delete=models.PROTECT,
        related_name="fact_checks",
        help_text=_("The last import that brought or updated this row."),
    )

    class Meta:
        ordering = ["-published_on", "pk"]
        verbose_name = _("known fact-check")
        verbose_name_plural = _("known fact-checks")

    def __str__(self):
        text = self.claim_reviewed
        return text if len(text) <= 80 else text[:77] + "…"


class SubmissionState(models.TextChoices):
    NEW = "new", _("New")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class ReaderSubmission(models.Model):
    """What readers send: moderated by the desk (new → accepted or rejected)."""

    message = models.TextField(_("message"))
    contact_email = models.EmailField(
        _("reader's e-mail"),
        blank=True,
        help_text=_("Given by the reader to hear back; never published."),
    )
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=SubmissionState.choices,
        default=SubmissionState.NEW,
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    handled_at = models.DateTimeField(
        _("handled at"), null=True, blank=True, editable=False
    )

    class Meta:
        abstract = True


class ClaimSuggestion(ReaderSubmission):
    """A reader's "please check this claim": the moderation queue's rows."""

    source_url = models.URLField(
        _("where it was seen"),
        max_length=URL_MAX_LENGTH,
        blank=True,
        help_text=_("The address where the reader saw the claim, if they gave one."),
    )
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reader_suggestions",
        help_text=_("The stored article that makes the claim: needed for a draft."),
    )
    claim = models.OneToOneField(
        "articles.Claim",
        verbose_name=_("draft claim"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="reader_suggestion",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("reader's claim suggestion")
        verbose_name_plural = _("readers' claim suggestions")
        indexes = [
            models.Index(fields=["state", "-created_at"], name="claimsuggestion_idx")
        ]

    def __str__(self):
        text = self.message
        return text if len(text) <= 80 else text[:77] + "…"


class ErrorReport(ReaderSubmission):
    """A reader's report of an error on a published fact-check."""

    fact_check = models.ForeignKey(
        "articles.FactCheck",
        verbose_name=_("fact-check"),
        on_delete=models.CASCADE,
        related_name="error_reports",
    )
    version_number = models.PositiveIntegerField(
        _("version read"),
        help_text=_("The published version the reader was looking at."),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("reader's error report")
        verbose_name_plural = _("readers' error reports")
        indexes = [
            models.Index(fields=["state", "-created_at"], name="errorreport_idx")
        ]

    def __str__(self):
        text = self.message
        return text if len(text) <= 80 else text[:77] + "…"

    def correction_url(self) -> str:
        """Where a publisher adds a correction: the fact-check's admin page."""
        url = reverse("admin:articles_factcheck_change", args=[self.fact_check_id])
        return f"{url}#add-correction"
