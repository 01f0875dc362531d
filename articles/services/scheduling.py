"""Scheduled publication: publish the approved fact-checks whose go-live time came.

Celery beat runs ``publish_due`` every minute (``articles.tasks.publish_due``);
``manage.py publish_scheduled`` runs it by hand. Running it twice is harmless: each
fact-check is published under a row lock and only while it is still approved and due.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from articles.models import FactCheck
from articles.services import workflow
from articles.services.errors import WorkflowError

logger = logging.getLogger(__name__)


@dataclass
class PublishDueReport:
    due: list[FactCheck] = field(default_factory=list)
    published: list[FactCheck] = field(default_factory=list)
    refused: list[tuple[FactCheck, list[str]]] = field(default_factory=list)
    failed: list[tuple[FactCheck, Exception]] = field(default_factory=list)

    def counts(self) -> dict:
        return {
            "due": len(self.due),
            "published": len(self.published),
            "refused": len(self.refused),
            "failed": len(self.failed),
        }


def due_fact_checks(now: datetime) -> list[FactCheck]:
    return list(
        FactCheck.objects.due_for_publication(now)
        .select_related("scheduled_by")
        .order_by("scheduled_at", "pk")
    )


def _publish_one(fact_check: FactCheck, now: datetime) -> list[str] | None:
    """Publish one fact-check as its scheduler; return why it was refused ([] when
    published, None when another run published or unscheduled it meanwhile)."""
    user = fact_check.scheduled_by
    if user is None:
        return ["nobody is recorded as having scheduled it"]
    with transaction.atomic():
        # Lock and look again: a second run must not publish it twice (as version 2).
        still_due = (  # the row, locked
            FactCheck.objects.select_for_update()
            .due_for_publication(now)
            .filter(pk=fact_check.pk, scheduled_by=user)
            .first()
        )
        if still_due is None:
            return None
        try:
            workflow.publish(fact_check=fact_check, user=user, now=now)
        except PermissionDenied:
            return [f"{user.get_username()} may no longer publish"]
        except WorkflowError as error:
            return error.messages
    return []


def publish_due(*, now: datetime | None = None, dry_run: bool = False):
    """Publish every due fact-check, checking the gate again now.

    A refusal drops the schedule with its reasons (the fact-check stays approved); an
    unexpected error keeps the schedule so the next run tries again.
    """
    now = now or timezone.now()
    report = PublishDueReport(due=due_fact_checks(now))
    if dry_run:
        return report
    for fact_check in report.due:
        try:
            reasons = _publish_one(fact_check, now)
        except Exception as error:  # report it and go on with the others
            logger.exception("Scheduled publication of #%s failed", fact_check.pk)
            report.failed.append((fact_check, error))
            continue
        if reasons is None:
            continue
        if reasons:
            report.refused.append((fact_check, reasons))
            workflow.drop_schedule(
                fact_check=fact_check,
                reason="Scheduled publication refused: " + "; ".join(reasons),
            )
        else:
            report.published.append(fact_check)
    return report
