"""Background jobs of the desk: mail, the daily re-check notices and digests.

Every job is idempotent (a killed worker's job runs again): a notification's mail
state moves from pending to sent once, and a re-check notice is told once per
claim and re-check date.
"""

from __future__ import annotations

from collections import defaultdict

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from articles.desk import events, mail
from articles.models import MailState, Notification


def may_be_mailed(user) -> bool:
    """Still on the desk, with an address: someone deactivated (or no longer staff)
    since the notification was made is not mailed what it says."""
    return bool(user.email) and user.is_active and user.is_staff


@shared_task(name="articles.desk.send_notification_mail")
def send_notification_mail(notification_id: int) -> bool:
    """Mail one notification if it still waits to be mailed; True when sent."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .select_related("recipient")
            .filter(pk=notification_id, mail_state=MailState.PENDING)
            .first()
        )
        if notification is None:
            return False
        if not may_be_mailed(notification.recipient):
            notification.mail_state = MailState.NONE
            notification.save(update_fields=["mail_state"])
            return False
        mail.send_one(notification)
        notification.mail_state = MailState.SENT
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["mail_state", "emailed_at"])
    return True


@shared_task(name="articles.desk.send_digests")
def send_digests() -> int:
    """One mail per person with notifications waiting for the digest; how many sent."""
    waiting = defaultdict(list)
    for notification in (
        Notification.objects.filter(mail_state=MailState.DIGEST)
        .select_related("recipient")
        .order_by("recipient_id", "created_at", "pk")
    ):
        waiting[notification.recipient].append(notification)
    sent = 0
    for user, notifications in waiting.items():
        with transaction.atomic():
            ids = [n.pk for n in notifications]
            rows = Notification.objects.select_for_update().filter(
                pk__in=ids, mail_state=MailState.DIGEST
            )
            waiting_ids = set(rows.values_list("pk", flat=True))
            still = [n for n in notifications if n.pk in waiting_ids]
            if not still:
                continue
            if may_be_mailed(user):
                mail.send_digest(user, still)
                sent += 1
                rows.update(mail_state=MailState.SENT, emailed_at=timezone.now())
            else:
                rows.update(mail_state=MailState.NONE)
    return sent


@shared_task(name="articles.desk.notify_recheck_due")
def notify_recheck_due() -> int:
    """Tell whoever answers for each claim whose re-check date has come; how many."""
    return events.recheck_due(today=timezone.localdate())


@shared_task(name="articles.desk.tell_error_reported")
def tell_error_reported(report_id: int) -> None:
    events.tell_error_reported(report_id)


@shared_task(name="articles.desk.tell_claim_suggested")
def tell_claim_suggested(suggestion_id: int) -> None:
    events.tell_claim_suggested(suggestion_id)
