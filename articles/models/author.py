"""The public profile of a fact-checker credited on published fact-checks."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from articles.models.choices import FactCheckState


class AuthorProfileQuerySet(models.QuerySet):
    def public(self):
        """Profiles readers may see: with a real name, credited on a fact-check
        that is published now (a login name is never a byline)."""
        return (
            self.exclude(user__first_name="", user__last_name="")
            .filter(
                user__authored_fact_checks__state=FactCheckState.PUBLISHED,
                user__authored_fact_checks__versions__is_current=True,
            )
            .distinct()
        )


class AuthorProfile(models.Model):
    """A team member's public page: the name comes from their account, the bio from
    here. Shown only while they are credited on a published fact-check."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="author_profile",
        verbose_name=_("user"),
        help_text=_(
            "The account credited as author; its first and last name are the name "
            "readers see."
        ),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("The team page's address: /about/team/ followed by this slug."),
    )
    role = models.CharField(
        _("role"),
        max_length=100,
        blank=True,
        help_text=_("What they do at the desk, e.g. “Fact-checker” or “Editor”."),
    )
    bio = models.TextField(
        _("bio"),
        help_text=_(
            "A short public biography: plain text, paragraphs separated by a blank "
            "line. Facts only, checked like any other text we publish."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    objects = AuthorProfileQuerySet.as_manager()

    class Meta:
        ordering = ["user__last_name", "user__first_name", "slug"]
        verbose_name = _("author profile")
        verbose_name_plural = _("author profiles")

    def __str__(self):
        return self.user.get_full_name() or self.slug

    def get_absolute_url(self):
        return reverse("policies:author", kwargs={"slug": self.slug})
