"""The desk's public policy pages, written and kept by admins.

Builds on ``articles`` (the rating scale comes from its verdicts, the team from its
authors); ``articles`` refers back only by URL name (the Organization JSON-LD).
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class PageKind(models.TextChoices):
    """The fixed set of policy pages; each kind has one page at /about/<kind>/."""

    METHODOLOGY = "methodology", _("Methodology")
    RATINGS = "ratings", _("Rating scale")
    CORRECTIONS = "corrections", _("Corrections policy")
    OWNERSHIP_FUNDING = "ownership-funding", _("Ownership and funding")
    FEEDBACK = "feedback", _("Feedback and contact")
    TEAM = "team", _("Our team")


# Pages whose content the site generates, with the admin's text as an introduction:
# they exist even before anyone writes that text.
GENERATED_KINDS = frozenset({PageKind.RATINGS, PageKind.TEAM})


class PolicyPageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class PolicyPage(models.Model):
    kind = models.CharField(
        _("kind"),
        max_length=30,
        choices=PageKind.choices,
        unique=True,
        help_text=_("Which policy this page states; its address follows from it."),
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"),
        help_text=_(
            "Plain text; separate paragraphs with a blank line. Shown exactly as "
            "written (no HTML)."
        ),
    )
    is_published = models.BooleanField(
        _("published"),
        default=True,
        help_text=_("Untick to take the page off the public site while you rework it."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    objects = PolicyPageQuerySet.as_manager()

    class Meta:
        ordering = ["kind"]
        verbose_name = _("policy page")
        verbose_name_plural = _("policy pages")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return page_url(self.kind)


def page_url(kind: str) -> str:
    if kind == PageKind.TEAM:
        return reverse("policies:team")
    return reverse("policies:page", kwargs={"kind": kind})
