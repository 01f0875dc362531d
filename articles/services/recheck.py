"""Re-checking time-sensitive claims: confirm the verdict still holds, or open an
update.

An update sets the claim back to open: the fact-checks showing it cannot be
republished until an editor has revised it and marked it checked again (the publish
gate says so), and their next republication carries the update's dated public note
(``workflow.publish`` writes it, as a Correction of kind "update").
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.desk.text import check_text
from articles.models import Claim, ClaimRecheck, ClaimState, RecheckOutcome
from articles.services.errors import WorkflowError

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser as User

RECHECK = "articles.change_claim"
NOTE_LIMIT = 2000


def _require(user: User | None) -> None:
    if user is None or not user.is_active or not user.has_perm(RECHECK):
        raise PermissionDenied(_("You are not allowed to re-check claims."))


def _locked_time_sensitive(claim: Claim, seen_due_on: date | None) -> Claim:
    """The claim's row, locked; refused when it is not time-sensitive, or when its
    re-check date is no longer ``seen_due_on`` (the one the page was read at)."""
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    if seen_due_on is not None and locked.recheck_on != seen_due_on:
        raise WorkflowError(
            _(
                "This claim was re-checked meanwhile (see its re-checks below): "
                "nothing was changed. Reload the page to decide again."
            )
        )
    if locked.recheck_on is None:
        raise WorkflowError(
            _("This claim has no re-check date: it is not time-sensitive.")
        )
    return locked


def _save(claim: Claim, *, user: User, reason: str) -> None:
    claim.version += 1
    claim._history_user = user
    claim._change_reason = reason
    claim.save()


def confirm_still_holds(
    *,
    claim: Claim,
    user: User,
    next_recheck_on: date,
    note: str = "",
    today: date | None = None,
    seen_due_on: date | None = None,
) -> ClaimRecheck:
    """Record that the verdict still holds and set the next re-check date."""
    _require(user)
    today = today or timezone.localdate()
    if next_recheck_on is None or next_recheck_on <= today:
        raise WorkflowError(_("Give a next re-check date after today."))
    note = check_text(note, required=False, limit=NOTE_LIMIT)
    with transaction.atomic():
        locked = _locked_time_sensitive(claim, seen_due_on)
        recheck = ClaimRecheck.objects.create(
            claim=locked,
            outcome=RecheckOutcome.CONFIRMED,
            note=note,
            was_due_on=locked.recheck_on,
            next_recheck_on=next_recheck_on,
            checked_by=user,
            checked_at=timezone.now(),
        )
        locked.recheck_on = next_recheck_on
        _save(
            locked,
            user=user,
            reason=_("Re-checked: still holds; next re-check %(date)s")
            % {"date": next_recheck_on.isoformat()},
        )
    claim.refresh_from_db()
    return recheck


def open_update(
    *, claim: Claim, user: User, note: str, seen_due_on: date | None = None
) -> ClaimRecheck:
    """Record that the claim needs an update: it goes back to open, off the re-check
    queue, and ``note`` becomes the public "update" note of its next republication."""
    _require(user)
    note = note.strip()
    if not note:
        raise WorkflowError(
            _("Write the update's note: readers see it, dated, when it is published.")
        )
    note = check_text(note, limit=NOTE_LIMIT)  # readers see it: no control characters
    with transaction.atomic():
        locked = _locked_time_sensitive(claim, seen_due_on)
        recheck = ClaimRecheck.objects.create(
            claim=locked,
            outcome=RecheckOutcome.UPDATE,
            note=note,
            was_due_on=locked.recheck_on,
            checked_by=user,
            checked_at=timezone.now(),
        )
        locked.state = ClaimState.OPEN
        locked.recheck_on = None
        _save(locked, user=user, reason=_("Re-checked: update opened"))
    claim.refresh_from_db()
    return recheck


def latest_rechecks(claim: Claim, limit: int = 10):
    """The claim's re-checks, newest first."""
    return claim.rechecks.select_related("checked_by")[:limit]
