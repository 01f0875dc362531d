"""The source archive: every check of a citation's page, kept as history."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models.choices import SourceHealth


class SourceCheckQuerySet(models.QuerySet):
    def fetched(self):
        """Checks that got a page with a 2xx answer (the ones that archive a copy)."""
        return self.filter(status_code__gte=200, status_code__lt=300)

    def of_url(self, url: str):
        return self.filter(url=url)

    def baseline_for(self, citation_id: int, url: str, *, since=None):
        """The first good snapshot of ``url`` for the citation, fetched on or after
        ``since`` (the day the desk last read the page, when known): what later
        checks are compared with, and the copy readers get when the page is gone.

        An editor who reads a changed page again and updates "date accessed" makes
        the next snapshot the new reference."""
        rows = self.filter(citation_id=citation_id).of_url(url).fetched()
        if since is not None:
            rows = rows.filter(fetched_at__date__gte=since)
        return rows.order_by("fetched_at", "pk").first()


class SourceCheck(models.Model):
    """One fetch of a citation's address: what came back, and the verdict on it.

    Rows are never edited: the history of checks is the record of the link's health.
    """

    citation = models.ForeignKey(
        "articles.Citation",
        verbose_name=_("citation"),
        on_delete=models.CASCADE,
        related_name="source_checks",
    )
    url = models.URLField(
        _("address checked"),
        max_length=600,
        help_text=_("The citation's address when it was checked."),
    )
    fetched_at = models.DateTimeField(_("fetched at"), db_index=True)
    final_url = models.URLField(
        _("final address"),
        max_length=2000,
        blank=True,
        help_text=_("Where the redirects ended."),
    )
    redirects = models.JSONField(
        _("redirects"), default=list, blank=True, help_text=_("Each hop's address.")
    )
    status_code = models.PositiveSmallIntegerField(
        _("HTTP status"), null=True, blank=True
    )
    content_type = models.CharField(_("content type"), max_length=200, blank=True)
    size = models.PositiveIntegerField(
        _("bytes read"), default=0, help_text=_("Stops at the size limit.")
    )
    is_truncated = models.BooleanField(
        _("truncated"),
        default=False,
        help_text=_("The page was larger than the limit."),
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    title = models.CharField(_("page title"), max_length=400, blank=True)
    text = models.TextField(
        _("page text"), blank=True, help_text=_("The page's readable text, bounded.")
    )
    similarity = models.FloatField(
        _("similarity to the first snapshot"),
        null=True,
        blank=True,
        help_text=_("1.0 is the same text; empty when there is nothing to compare."),
    )
    health = models.CharField(_("health"), max_length=12, choices=SourceHealth.choices)
    error = models.TextField(_("error"), blank=True)

    objects = SourceCheckQuerySet.as_manager()

    class Meta:
        ordering = ["-fetched_at", "-pk"]
        verbose_name = _("source check")
        verbose_name_plural = _("source checks")
        indexes = [
            models.Index(
                fields=["citation", "url", "fetched_at"], name="sourcecheck_baseline"
            )
        ]

    def __str__(self):
        return f"{self.url} — {self.get_health_display()} ({self.fetched_at:%Y-%m-%d})"
