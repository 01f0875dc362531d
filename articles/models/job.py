"""Background jobs as users see them: what runs, for whom, how far it got, and what
happened to each line or item.

A Job row is written in the request that asks for the work and handed to Celery after
commit (``articles.services.jobs``); the worker moves it through the states and writes
one ``JobItem`` per line or item in the same transaction as that item's work, so a
worker killed mid-job and the job run again skip exactly what was already committed
(the unique constraint on (job, position) makes that hold even if two workers ever
run the same job at once).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class JobKind(models.TextChoices):
    IMPORT = "import", _("article import")
    SUGGEST = "suggest", _("suggestions for an article")


class JobState(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    SUCCEEDED = "succeeded", _("succeeded")
    FAILED = "failed", _("failed")


class JobItemOutcome(models.TextChoices):
    IMPORTED = "imported", _("imported")
    DUPLICATE = "duplicate", _("duplicate")
    REFUSED = "refused", _("refused")
    DONE = "done", _("done")


class JobQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Every job for a superuser; the jobs they started for anyone else."""
        if user.is_superuser:
            return self
        return self.filter(started_by=user)

    def unfinished(self):
        return self.filter(state__in=[JobState.QUEUED, JobState.RUNNING])

    def stale(self, before):
        """Unfinished jobs nobody has touched since ``before`` (a lost worker's)."""
        return self.unfinished().filter(updated_at__lt=before)


class Job(models.Model):
    """One background job and its progress."""

    kind = models.CharField(_("kind"), max_length=16, choices=JobKind.choices)
    state = models.CharField(
        _("state"),
        max_length=16,
        choices=JobState.choices,
        default=JobState.QUEUED,
        db_index=True,
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="jobs",
        help_text=_("Who asked for it; empty for jobs the system starts."),
    )
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="jobs",
        help_text=_("The article a suggestion job works on."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(
        _("last activity"),
        auto_now=True,
        help_text=_("Moves on every line done; a job left quiet is run again."),
    )
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(
        _("total"), default=0, help_text=_("Lines or items to do; 0 until known.")
    )
    attempts = models.PositiveSmallIntegerField(
        _("attempts"), default=0, help_text=_("How many times a worker started it.")
    )
    result = models.JSONField(
        _("result"),
        default=dict,
        blank=True,
        help_text=_("What the job did, in figures (the lines are its items)."),
    )
    error = models.TextField(_("error"), blank=True)
    task_id = models.CharField(_("Celery task id"), max_length=64, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(done__lte=models.F("total")) | models.Q(total=0),
                name="job_done_within_total",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk} ({self.get_state_display()})"

    def get_absolute_url(self) -> str:
        return reverse("admin:articles_job_change", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.state in (JobState.SUCCEEDED, JobState.FAILED)

    @property
    def percent(self) -> int:
        if not self.total:
            return 100 if self.state == JobState.SUCCEEDED else 0
        return min(100, round(100 * self.done / self.total))


class JobInput(models.Model):
    """What a job works on, kept in the database (web hosts keep no local files)."""

    job = models.OneToOneField(
        Job, on_delete=models.CASCADE, primary_key=True, related_name="input"
    )
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    file_text = models.TextField(_("file text"), blank=True)
    items = models.JSONField(
        _("items"),
        default=list,
        blank=True,
        help_text=_("Items given directly (a pasted article with its fields)."),
    )

    class Meta:
        verbose_name = _("job input")
        verbose_name_plural = _("job inputs")

    def __str__(self) -> str:
        return f"input of job #{self.job_id}"


class JobItem(models.Model):
    """What became of one line or item of a job."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(
        _("position"), help_text=_("Order in the job's input, from 1.")
    )
    source = models.CharField(_("source"), max_length=300)
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=JobItemOutcome.choices
    )
    message = models.TextField(_("message"), blank=True)
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["job", "position"]
        verbose_name = _("job item")
        verbose_name_plural = _("job items")
        constraints = [
            models.UniqueConstraint(
                fields=["job", "position"], name="job_item_once_per_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.get_outcome_display()}"
