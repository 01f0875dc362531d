"""Helpers for the desk tests: run a block and its after-commit hooks, read the
notifications and mails it produced."""

from contextlib import contextmanager

from django.core import mail

from articles.models import Notification


def notes_for(user, event=None):
    rows = Notification.objects.filter(recipient=user)
    if event:
        rows = rows.filter(event=event)
    return list(rows)


def mails_to(user):
    return [m for m in mail.outbox if user.email in m.to]


@contextmanager
def committed(capture):
    """Run the block, then its on_commit callbacks (as a real commit would)."""
    with capture(execute=True):
        yield
