"""The publishable fact-check, its published snapshots and corrections."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from articles.models.base import VersionedModel
from articles.models.choices import CorrectionKind, FactCheckState, Verdict
from common.bases import TimestampedModel
from entities.models import EntityKind


class FactCheckQuerySet(models.QuerySet):
    def in_review(self):
        return self.filter(state=FactCheckState.IN_REVIEW)

    def due_for_publication(self, now):
        return self.filter(
            state=FactCheckState.APPROVED,
            scheduled_at__isnull=False,
            scheduled_at__lte=now,
        )


class FactCheck(VersionedModel, TimestampedModel):
    """The summary of one article's check, moved through the workflow to publication."""

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.PROTECT,
        related_name="fact_checks",
    )
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        help_text=_("The public page's address: /fact-checks/ followed by this slug."),
    )
    summary = models.TextField(
        _("summary"), help_text=_("What readers should take away, in a few sentences.")
    )
    claims = models.ManyToManyField(
        "articles.Claim",
        through="FactCheckClaim",
        related_name="fact_checks",
        verbose_name=_("claims"),
        blank=True,
    )
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("authors"),
        related_name="authored_fact_checks",
        blank=True,
        help_text=_("The fact-checkers credited on the page."),
    )
    state = models.CharField(
        _("state"),
        max_length=16,
        choices=FactCheckState.choices,
        default=FactCheckState.DRAFT,
        editable=False,
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(
        _("submitted at"), null=True, blank=True, editable=False
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(
        _("approved at"), null=True, blank=True, editable=False
    )
    first_published_at = models.DateTimeField(
        _("first published"), null=True, blank=True, editable=False
    )
    scheduled_at = models.DateTimeField(
        _("go live at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When an approved fact-check is published automatically."),
    )
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("scheduled by"),
        help_text=_("The publisher the scheduled publication acts as."),
    )
    history = HistoricalRecords()

    objects = FactCheckQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("fact-check")
        verbose_name_plural = _("fact-checks")
        permissions = [
            ("submit_factcheck", _("Can submit a fact-check for review")),
            ("approve_factcheck", _("Can approve a fact-check")),
            (
                "publish_factcheck",
                _("Can publish, schedule and unpublish a fact-check"),
            ),
        ]
        indexes = [models.Index(fields=["state"], name="factcheck_state_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:factcheck_detail", kwargs={"slug": self.slug})

    def ordered_claims(self):
        return self.claims.order_by("factcheckclaim__position", "pk")

    def protection_note(self) -> str:
        """Why the article it checks cannot be deleted, for the admin's refusal."""
        return _("fact-check “%(title)s” (%(state)s)") % {
            "title": self.title,
            "state": self.get_state_display(),
        }


class FactCheckClaim(models.Model):
    """A claim's place in a fact-check."""

    fact_check = models.ForeignKey(FactCheck, on_delete=models.CASCADE)
    claim = models.ForeignKey("articles.Claim", on_delete=models.CASCADE)
    position = models.PositiveIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["fact_check", "position", "pk"]
        verbose_name = _("claim in fact-check")
        verbose_name_plural = _("claims in fact-check")
        constraints = [
            models.UniqueConstraint(
                fields=["fact_check", "claim"], name="factcheckclaim_unique_claim"
            )
        ]

    def __str__(self):
        return f"{self.position}. {self.claim}"


class PublishedVersionQuerySet(models.QuerySet):
    def current(self):
        """The snapshots readers see: one per published fact-check."""
        return self.filter(is_current=True)


class PublishedVersion(models.Model):
    """An immutable snapshot of a fact-check taken when it was published."""

    fact_check = models.ForeignKey(
        FactCheck, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version number"))
    is_current = models.BooleanField(
        _("current"),
        default=False,
        help_text=_(
            "The version readers see; none while the fact-check is unpublished."
        ),
    )
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200)
    summary = models.TextField(_("summary"))
    snapshot = models.JSONField(
        _("snapshot"),
        help_text=_("Everything the public page shows, frozen at publication."),
    )
    article_html = models.TextField(
        _("article with highlights"), blank=True, help_text=_("Rendered once.")
    )
    search_text = models.TextField(_("search text"), blank=True)
    search_vector = SearchVectorField(
        null=True,
        editable=False,
        help_text=_("The weighted document search reads (PostgreSQL only)."),
    )
    entities = models.ManyToManyField(
        "entities.Entity",
        through="PublishedEntity",
        related_name="published_versions",
        blank=True,
    )

    objects = PublishedVersionQuerySet.as_manager()

    class Meta:
        ordering = ["fact_check", "-number"]
        verbose_name = _("published version")
        verbose_name_plural = _("published versions")
        get_latest_by = "published_at"
        constraints = [
            models.UniqueConstraint(
                fields=["fact_check", "number"], name="publishedversion_unique_number"
            ),
            models.UniqueConstraint(
                fields=["fact_check"],
                condition=models.Q(is_current=True),
                name="publishedversion_one_current",
            ),
        ]
        indexes = [
            models.Index(fields=["slug", "is_current"], name="pubversion_slug_idx"),
            models.Index(
                fields=["is_current", "-published_at"], name="pubversion_latest_idx"
            ),
        ]

    def __str__(self):
        return f"{self.title} (v{self.number})"

    def get_absolute_url(self):
        return reverse("articles:factcheck_detail", kwargs={"slug": self.slug})

    def protection_note(self) -> str:
        """Why a row this version shows cannot be deleted, for the admin's refusal."""
        return _("published fact-check “%(title)s” (version %(number)d)") % {
            "title": self.title,
            "number": self.number,
        }


class PublishedEntityQuerySet(models.QuerySet):
    def current(self):
        return self.filter(version__is_current=True)

    def latest_per_entity(self):
        """Keep, of each entity, only its card in the latest published version (the
        stored ``is_latest``, set at publication by articles.listing)."""
        return self.filter(is_latest=True)


class PublishedEntity(models.Model):
    """An entity as one published version shows it: its public page reads this row.

    Taken with the rest of the snapshot, so renaming an entity or rewriting its
    description reaches readers only when a publisher publishes again. The entity
    cannot be deleted while any version (current or past) shows it.
    """

    version = models.ForeignKey(
        PublishedVersion, on_delete=models.CASCADE, related_name="entity_cards"
    )
    entity = models.ForeignKey(
        "entities.Entity", on_delete=models.PROTECT, related_name="published_cards"
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=EntityKind.choices)
    description = models.CharField(_("description"), max_length=300, blank=True)
    wikidata_id = models.CharField(_("Wikidata id"), max_length=20, blank=True)
    same_as = models.TextField(_("same-as addresses"), blank=True)
    aliases = models.JSONField(
        _("aliases"), default=list, blank=True, help_text=_("Alias names, frozen.")
    )
    is_listed = models.BooleanField(
        _("listed on its page"),
        default=True,
        help_text=_(
            "Whether the entity's page lists this fact-check: the text names it or "
            "it published the article. A claimant only is listed with its claims."
        ),
    )
    is_latest = models.BooleanField(
        _("latest"),
        default=False,
        editable=False,
        help_text=_(
            "Current, and the entity's card in its latest current version: the one "
            "that gives the entity's address and name. Set at publication."
        ),
    )

    objects = PublishedEntityQuerySet.as_manager()

    class Meta:
        ordering = ["version", "name"]
        verbose_name = _("published entity")
        verbose_name_plural = _("published entities")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "entity"], name="publishedentity_unique_entity"
            )
        ]
        indexes = [
            models.Index(fields=["slug"], name="pubentity_slug_idx"),
            models.Index(fields=["slug", "entity"], name="pubentity_slug_entity_idx"),
            models.Index(
                fields=["slug", "id"],
                condition=models.Q(is_latest=True),
                name="pubentity_latest_idx",
            ),
        ]

    def __str__(self):
        return f"{self.name} in {self.version.protection_note()}"

    def get_absolute_url(self):
        return reverse("articles:entity_detail", kwargs={"slug": self.slug})

    def protection_note(self) -> str:
        return self.version.protection_note()

    @property
    def same_as_urls(self) -> list[str]:
        return [line.strip() for line in self.same_as.splitlines() if line.strip()]

    @property
    def wikidata_url(self) -> str:
        if not self.wikidata_id:
            return ""
        return f"https://www.wikidata.org/wiki/{self.wikidata_id}"


class PublishedPage(models.Model):
    """A fact-check page's HTML for one language, rendered once at publication.

    Everything on the page but the corrections (added later) and the site frame
    (base.html) comes from the immutable snapshot, so it is rendered when the version
    is taken, in every language of settings.LANGUAGES, and the public page only pastes
    it in. ``manage.py render_published_pages`` renders them again after a template
    change; a version without one is rendered from its snapshot on each request.
    """

    version = models.ForeignKey(
        PublishedVersion, on_delete=models.CASCADE, related_name="pages"
    )
    language = models.CharField(_("language"), max_length=16)
    head_html = models.TextField(
        _("head"), help_text=_("Meta tags and JSON-LD of the page's <head>.")
    )
    header_html = models.TextField(
        _("header"), help_text=_("Title, dates, summary and verdict counts.")
    )
    main_html = models.TextField(
        _("main"), help_text=_("The claim cards and the highlighted article.")
    )

    class Meta:
        ordering = ["version", "language"]
        verbose_name = _("rendered fact-check page")
        verbose_name_plural = _("rendered fact-check pages")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "language"], name="publishedpage_unique_language"
            )
        ]

    def __str__(self):
        return f"{self.version} [{self.language}]"


def _retraction_of_version():
    """A retraction note on the fact-check of the outer row's version."""
    return Correction.objects.filter(
        fact_check_id=models.OuterRef("version__fact_check_id"),
        kind=CorrectionKind.RETRACTION,
    )


class PublishedClaimQuerySet(models.QuerySet):
    def with_version_heading(self):
        """With each row's version (title, slug, dates) and ``is_retracted`` in the
        same query, leaving out its snapshot, HTML and search columns: a list needs
        only the heading."""
        return (
            self.select_related("version")
            .defer(
                "version__snapshot",
                "version__article_html",
                "version__search_text",
                "version__search_vector",
                "search_vector",
            )
            .with_retraction()
        )

    def with_retraction(self):
        """Annotated with ``is_retracted``: its fact-check carries a retraction."""
        return self.annotate(is_retracted=models.Exists(_retraction_of_version()))

    def not_retracted(self):
        """Without the claims of retracted fact-checks: a retracted verdict is no
        longer the desk's rating, so no ClaimReview carries it."""
        return self.exclude(models.Exists(_retraction_of_version()))

    def current(self):
        return self.filter(version__is_current=True)

    def listed(self):
        """One row per claim readers see: current, and its claim's latest row."""
        return self.filter(is_listed=True)


class PublishedClaim(models.Model):
    """A claim as published in one version, for the claims index and claim pages."""

    version = models.ForeignKey(
        PublishedVersion, on_delete=models.CASCADE, related_name="claims"
    )
    claim_ref = models.PositiveBigIntegerField(
        _("claim id"), help_text=_("The editorial claim's id: stable across versions.")
    )
    position = models.PositiveIntegerField(_("position"))
    slug = models.SlugField(_("slug"), max_length=80)
    statement = models.TextField(_("claim"))
    verdict = models.CharField(_("verdict"), max_length=16, choices=Verdict.choices)
    verdict_summary = models.CharField(_("verdict summary"), max_length=300)
    claim = models.ForeignKey(
        "articles.Claim",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="published_rows",
        help_text=_("The editorial claim, which cannot be deleted while published."),
    )
    claimant = models.ForeignKey(
        "entities.Entity",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="published_claims",
    )
    claimant_name = models.CharField(_("claimant"), max_length=200, blank=True)
    data = models.JSONField(_("card data"), help_text=_("The claim card, frozen."))
    entities = models.ManyToManyField(
        "entities.Entity", related_name="published_claim_mentions", blank=True
    )
    citations = models.ManyToManyField(
        "articles.Citation",
        through="PublishedCitation",
        related_name="published_claims",
        blank=True,
    )
    published_at = models.DateTimeField(_("published at"))
    search_vector = SearchVectorField(
        null=True,
        editable=False,
        help_text=_("The weighted document search reads (PostgreSQL only)."),
    )
    is_listed = models.BooleanField(
        _("listed"),
        default=False,
        editable=False,
        help_text=_(
            "Current, and the latest current row of its claim: the one row the "
            "claims index and entity pages show. Set at publication."
        ),
    )

    objects = PublishedClaimQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "position"]
        verbose_name = _("published claim")
        verbose_name_plural = _("published claims")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "claim_ref"], name="publishedclaim_unique_claim"
            )
        ]
        indexes = [
            models.Index(fields=["claim_ref"], name="pubclaim_ref_idx"),
            models.Index(fields=["verdict"], name="pubclaim_verdict_idx"),
            # The claims index and entity pages, newest first, a page at a time.
            models.Index(
                fields=["-published_at", "position", "id"],
                condition=models.Q(is_listed=True),
                name="pubclaim_latest_idx",
            ),
            models.Index(
                fields=["verdict", "-published_at", "position", "id"],
                condition=models.Q(is_listed=True),
                name="pubclaim_verdict_latest_idx",
            ),
            models.Index(
                fields=["claimant", "-published_at", "position", "-id"],
                condition=models.Q(is_listed=True),
                name="pubclaim_claimant_latest_idx",
            ),
        ]

    def __str__(self):
        return self.statement[:80]

    def get_absolute_url(self):
        return reverse(
            "articles:claim_detail", kwargs={"pk": self.claim_ref, "slug": self.slug}
        )

    def protection_note(self) -> str:
        return self.version.protection_note()


class PublishedCitation(models.Model):
    """A citation a published claim card shows: it cannot be deleted while shown."""

    published_claim = models.ForeignKey(
        PublishedClaim, on_delete=models.CASCADE, related_name="+"
    )
    citation = models.ForeignKey(
        "articles.Citation", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["published_claim", "pk"]
        verbose_name = _("published citation")
        verbose_name_plural = _("published citations")
        constraints = [
            models.UniqueConstraint(
                fields=["published_claim", "citation"],
                name="publishedcitation_unique_citation",
            )
        ]

    def __str__(self):
        return f"{self.citation} in {self.protection_note()}"

    def protection_note(self) -> str:
        return self.published_claim.version.protection_note()


class Correction(VersionedModel, TimestampedModel):
    """A dated public note on a published fact-check."""

    fact_check = models.ForeignKey(
        FactCheck,
        verbose_name=_("fact-check"),
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=CorrectionKind.choices,
        default=CorrectionKind.CORRECTION,
        help_text=_(
            "A correction fixes an error; a clarification adds context; an update "
            "records new facts; a retraction withdraws the fact-check."
        ),
    )
    text = models.TextField(
        _("correction"),
        help_text=_("What was wrong and what was changed, for readers."),
    )
    published_at = models.DateTimeField(
        _("published at"), help_text=_("The date shown to readers.")
    )
    recheck = models.ForeignKey(
        "articles.ClaimRecheck",
        verbose_name=_("from re-check"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="corrections",
        help_text=_("The claim re-check whose update this note publishes."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["fact_check", "-published_at"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self):
        return f"{self.fact_check} — {self.published_at:%Y-%m-%d}"
