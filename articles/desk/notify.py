"""Notifications: one row per person told, in the app; mail by the worker.

``notify`` is called after the change it tells of has been committed (the workflow
and review services hand it to ``transaction.on_commit``), so nothing is told of a
change that was rolled back, and the mail itself is sent by a Celery task. The
actor is never told of their own action; each recipient's preference for the event
decides whether they hear of it in the app, by mail at once, or in the daily digest.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.desk.targets import discussants, kind_of
from articles.models import (
    Delivery,
    MailState,
    Notification,
    NotificationPreference,
    default_delivery,
)

UNREAD_CACHE_KEY = "desk:unread:{}"
MAIL_FOR = {
    Delivery.IMMEDIATE: MailState.PENDING,
    Delivery.DIGEST: MailState.DIGEST,
    Delivery.IN_APP: MailState.NONE,
}


def forget_unread_count(user_id: int) -> None:
    cache.delete(UNREAD_CACHE_KEY.format(user_id))


def deliveries(user_ids: Iterable[int], event: str) -> dict[int, str]:
    """Each user's chosen delivery for ``event`` (the event's default when not
    chosen: ``default_delivery``)."""
    user_ids = list(user_ids)
    chosen = dict(
        NotificationPreference.objects.filter(
            user_id__in=user_ids, event=event
        ).values_list("user_id", "delivery")
    )
    default = default_delivery(event)
    return {pk: chosen.get(pk, default) for pk in user_ids}


def notify(
    *,
    recipients: Iterable,
    event: str,
    text: str,
    url: str,
    actor=None,
    item=None,
    dedupe_key: str = "",
) -> list[Notification]:
    """Tell each recipient (users or ids) of ``event``; returns the rows made.

    Skips the actor, anyone no longer active staff, anyone who may not see the item
    (the text quotes it: a comment, a note) and anyone who turned the event off.
    With a ``dedupe_key`` a recipient is told at most once for that key (a re-run
    of a daily job tells no one twice).
    """
    ids = {getattr(r, "pk", r) for r in recipients if r is not None}
    if actor is not None:
        ids.discard(actor.pk)
    if not ids:
        return []
    User = get_user_model()
    allowed = (
        discussants(item)
        if item is not None
        else User.objects.filter(is_active=True, is_staff=True)
    )
    ids = set(allowed.filter(pk__in=ids).values_list("pk", flat=True))
    made = []
    for user_id, delivery in sorted(deliveries(ids, event).items()):
        if delivery == Delivery.OFF:
            continue
        notification = Notification(
            recipient_id=user_id,
            actor=actor,
            event=event,
            text=text[:500],
            url=url,
            target_kind=kind_of(item) if item is not None else "",
            target_id=item.pk if item is not None else None,
            dedupe_key=dedupe_key,
            mail_state=MAIL_FOR[delivery],
        )
        try:
            with transaction.atomic():
                notification.save()
        except IntegrityError:
            if dedupe_key:
                continue  # already told
            raise
        forget_unread_count(user_id)
        made.append(notification)
    for notification in made:
        if notification.mail_state == MailState.PENDING:
            transaction.on_commit(
                lambda pk=notification.pk: _queue_mail(pk), robust=True
            )
    return made


def _queue_mail(notification_id: int) -> None:
    from articles.desk.tasks import send_notification_mail

    send_notification_mail.delay(notification_id)


def absolute(url: str) -> str:
    return settings.SITE_URL + url


def mark_read(*, user, notification_id: int | None = None) -> int:
    """Mark one of the user's notifications (or, with no id, all) as read."""
    rows = Notification.objects.for_recipient(user).unread()
    if notification_id is not None:
        rows = rows.filter(pk=notification_id)
    count = rows.update(read_at=timezone.now())
    forget_unread_count(user.pk)
    return count
