"""The words of the desk's emails: one notification, or a day's digest (plain text)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from articles.desk.notify import absolute


def _prefix() -> str:
    return settings.NEWSROOM_ORGANIZATION["name"]


def send_one(notification) -> None:
    subject = f"[{_prefix()}] {notification.get_event_display()}"
    body = "\n\n".join(
        [
            notification.text,
            _("Open it: %(url)s") % {"url": absolute(notification.url)},
            _("Change what you receive: %(url)s")
            % {"url": absolute(reverse("articles:desk_preferences"))},
        ]
    )
    send_mail(subject, body, None, [notification.recipient.email])


def send_digest(user, notifications) -> None:
    subject = f"[{_prefix()}] " + _("Your desk today: %(count)d notification(s)") % {
        "count": len(notifications)
    }
    lines = [f"- {n.text}\n  {absolute(n.url)}" for n in notifications]
    body = (
        "\n".join(lines)
        + "\n\n"
        + _("Change what you receive: %(url)s")
        % {"url": absolute(reverse("articles:desk_preferences"))}
    )
    send_mail(subject, body, None, [user.email])
