"""The desk: who works on what (assignments), what waits for whom (notifications),
how each person wants to hear of it (preferences), and the staff discussion
(comments). Nothing here is ever shown to readers.

An assignment or a comment concerns exactly one item: a fact-check, a claim, or a
quote (a quote is only ever a review item). Each holds three nullable foreign keys
with a check constraint that exactly one is set, so that filters such as "fact-checks
assigned to me" are plain joins.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

ONE_TARGET = (
    models.Q(fact_check__isnull=False, claim__isnull=True, quote__isnull=True)
    | models.Q(fact_check__isnull=True, claim__isnull=False, quote__isnull=True)
    | models.Q(fact_check__isnull=True, claim__isnull=True, quote__isnull=False)
)


class TargetKind(models.TextChoices):
    FACT_CHECK = "factcheck", _("fact-check")
    CLAIM = "claim", _("claim")
    QUOTE = "quote", _("quote")


class AssignmentTask(models.TextChoices):
    """What the assignee is asked to do: edit or publish it, or review who said it."""

    WORK = "work", _("Work on it")
    REVIEW = "review", _("Review the attribution")


class DeskEvent(models.TextChoices):
    ASSIGNED = "assigned", _("Assigned to you")
    SUBMITTED = "submitted", _("Fact-check submitted for review")
    RETURNED = "returned", _("Fact-check sent back to draft")
    APPROVED = "approved", _("Fact-check approved, waiting to be published")
    PUBLISHED = "published", _("Fact-check published")
    DISPUTED = "disputed", _("Attribution disputed")
    SCHEDULE_FAILED = "schedule_failed", _("Scheduled publication refused")
    RECHECK_DUE = "recheck_due", _("Claim due for re-check")
    SOURCE_BROKEN = "source_broken", _("Cited page dead, moved or changed")
    MENTIONED = "mentioned", _("Mentioned in a comment")
    REPLIED = "replied", _("Reply to your comment")
    ERROR_REPORTED = (
        "error_reported",
        _("A reader reported an error on a published fact-check"),
    )
    CLAIM_SUGGESTED = "claim_suggested", _("A reader suggested a claim to check")


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("In the app and by email at once")
    DIGEST = "digest", _("In the app, and by email in a daily digest")
    IN_APP = "in_app", _("In the app only")
    OFF = "off", _("Not at all")


# How each event is delivered to someone who has not chosen (the one place this is
# kept). Readers may post many reports and suggestions (limited per address, not in
# all), so those wait for the daily digest; everything else is mailed at once.
DEFAULT_DELIVERY = {
    DeskEvent.ERROR_REPORTED: Delivery.DIGEST,
    DeskEvent.CLAIM_SUGGESTED: Delivery.DIGEST,
}


def default_delivery(event: str) -> str:
    """How ``event`` reaches whoever has not chosen (``DEFAULT_DELIVERY``)."""
    return DEFAULT_DELIVERY.get(event, Delivery.IMMEDIATE)


class MailState(models.TextChoices):
    NONE = "none", _("No email")
    PENDING = "pending", _("Email to send")
    DIGEST = "digest", _("Waiting for the daily digest")
    SENT = "sent", _("Email sent")


class DeskTarget(models.Model):
    """Exactly one of a fact-check, a claim or a quote (the fields are declared by
    each subclass, with its own related name)."""

    class Meta:
        abstract = True

    @property
    def target(self):
        return self.fact_check or self.claim or self.quote

    @property
    def target_kind(self) -> str:
        if self.fact_check_id:
            return TargetKind.FACT_CHECK
        if self.claim_id:
            return TargetKind.CLAIM
        return TargetKind.QUOTE

    def get_target_kind_display(self) -> str:
        return TargetKind(self.target_kind).label


class AssignmentQuerySet(models.QuerySet):
    def assigned_to(self, user):
        return self.filter(assignee=user)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(due_on__isnull=False, due_on__lt=today)


class Assignment(DeskTarget):
    """One person asked to do one thing with one item, by a date if given.

    At most one assignment per item and task: reassigning changes the assignee,
    unassigning deletes the row; the history keeps every step.
    """

    fact_check = models.ForeignKey(
        "articles.FactCheck",
        verbose_name=_("fact-check"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assignments",
    )
    claim = models.ForeignKey(
        "articles.Claim",
        verbose_name=_("claim"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assignments",
    )
    quote = models.ForeignKey(
        "articles.Quote",
        verbose_name=_("quote"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assignments",
    )
    task = models.CharField(
        _("task"),
        max_length=10,
        choices=AssignmentTask.choices,
        default=AssignmentTask.WORK,
        help_text=_("Work on the item, or review who it credits."),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.CASCADE,
        related_name="desk_assignments",
        help_text=_("Only people whose role may act on the item can be chosen."),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    due_on = models.DateField(
        _("due on"), null=True, blank=True, help_text=_("Optional: when it is due.")
    )
    note = models.TextField(
        _("note"),
        blank=True,
        max_length=2000,
        help_text=_("What is expected, for the assignee."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "created_at", "pk"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.CheckConstraint(
                condition=ONE_TARGET, name="assignment_exactly_one_target"
            ),
            models.UniqueConstraint(
                fields=["fact_check"],
                condition=models.Q(fact_check__isnull=False),
                name="assignment_one_per_fact_check",
            ),
            models.UniqueConstraint(
                fields=["claim", "task"],
                condition=models.Q(claim__isnull=False),
                name="assignment_one_per_claim_task",
            ),
            models.UniqueConstraint(
                fields=["quote"],
                condition=models.Q(quote__isnull=False),
                name="assignment_one_per_quote",
            ),
        ]
        indexes = [
            models.Index(fields=["assignee", "due_on"], name="assignment_assignee_idx")
        ]

    def __str__(self):
        return f"{self.target} → {self.assignee}"

    def is_overdue(self, today=None) -> bool:
        return self.due_on is not None and self.due_on < (today or timezone.localdate())


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def for_recipient(self, user):
        return self.filter(recipient=user)


class Notification(models.Model):
    """Something that waits for one person, shown in the app (and perhaps mailed)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="desk_notifications",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Who did what this tells of; empty for the system."),
    )
    event = models.CharField(_("event"), max_length=20, choices=DeskEvent.choices)
    text = models.CharField(_("text"), max_length=500)
    url = models.CharField(
        _("link"), max_length=300, help_text=_("Where the item is, in the desk.")
    )
    target_kind = models.CharField(
        _("item kind"), max_length=10, choices=TargetKind.choices, blank=True
    )
    target_id = models.PositiveBigIntegerField(_("item id"), null=True, blank=True)
    dedupe_key = models.CharField(
        _("once-only key"),
        max_length=100,
        blank=True,
        editable=False,
        help_text=_("Set for events told once only (a re-check date, say)."),
    )
    mail_state = models.CharField(
        _("email"), max_length=10, choices=MailState.choices, default=MailState.NONE
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"],
                condition=~models.Q(dedupe_key=""),
                name="notification_once_per_key",
            )
        ]
        indexes = [
            models.Index(
                fields=["recipient", "read_at"], name="notification_unread_idx"
            ),
            models.Index(fields=["mail_state"], name="notification_mail_idx"),
        ]

    def __str__(self):
        return self.text

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """How one person hears of one kind of event; no row means the event's default
    (``default_delivery``)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="desk_preferences",
    )
    event = models.CharField(_("event"), max_length=20, choices=DeskEvent.choices)
    delivery = models.CharField(
        _("delivery"),
        max_length=10,
        choices=Delivery.choices,
        default=Delivery.IMMEDIATE,
    )

    class Meta:
        ordering = ["user", "event"]
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "event"], name="preference_one_per_event"
            )
        ]

    def __str__(self):
        return f"{self.user}: {self.event} → {self.delivery}"


class CommentQuerySet(models.QuerySet):
    def on(self, item):
        """Comments on one fact-check, claim or quote."""
        from articles.models import Claim, FactCheck

        if isinstance(item, FactCheck):
            return self.filter(fact_check=item)
        if isinstance(item, Claim):
            return self.filter(claim=item)
        return self.filter(quote=item)

    def threads(self):
        return self.filter(parent__isnull=True)


class Comment(DeskTarget):
    """A staff note on an item, or a reply to one (a thread is a top-level comment
    with its replies). Deleting keeps the row, blanked, so replies stay in place."""

    fact_check = models.ForeignKey(
        "articles.FactCheck",
        verbose_name=_("fact-check"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="desk_comments",
    )
    claim = models.ForeignKey(
        "articles.Claim",
        verbose_name=_("claim"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="desk_comments",
    )
    quote = models.ForeignKey(
        "articles.Quote",
        verbose_name=_("quote"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="desk_comments",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="desk_comments",
    )
    text = models.TextField(
        _("comment"),
        max_length=5000,
        help_text=_("Plain text; @username tells that person."),
    )
    is_resolved = models.BooleanField(
        _("resolved"), default=False, help_text=_("Set on the thread's first comment.")
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_deleted = models.BooleanField(_("deleted"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    history = HistoricalRecords()

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            models.CheckConstraint(
                condition=ONE_TARGET, name="comment_exactly_one_target"
            )
        ]

    def __str__(self):
        return self.text[:60]
