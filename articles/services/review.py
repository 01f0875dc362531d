"""Attribution review: a reviewer confirms, disputes or corrects who said what.

Every action locks the item, checks the reviewer's permission and the four-eyes rule
(no one reviews an attribution they tagged: created it, accepted it as a suggestion,
set its speaker (a claim's claimant), as its history records, or last changed), records
reviewer, time and note on the item and, through simple_history, in its history.

A claim with no speaker (its claimant) credits its article's publication and is
reviewed like any other; with no publication either, no one is credited, so it
cannot be confirmed (a reviewer may still dispute it or correct it to the entity
who made it).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.contributions import tagged_by
from articles.desk import assignments as desk_assignments
from articles.desk import events as desk_events
from articles.models import AssignmentTask, AttributionReview, Claim, Quote
from entities.models import Entity, EntityKind

REVIEW_PERMISSION = "articles.review_attribution"
ADD_ENTITY_PERMISSION = "entities.add_entity"
# simple_history's history_change_reason column holds 100 characters.
CHANGE_REASON_LENGTH = 100

ReviewItem = Quote | Claim


def credited(item: ReviewItem) -> Entity | None:
    """Who the item credits: its speaker (a claim's, else its publication)."""
    if isinstance(item, Claim):
        return item.effective_speaker
    return item.speaker


def nobody_credited(item: ReviewItem) -> bool:
    """A claim with neither a claimant nor an article publication credits no one."""
    return isinstance(item, Claim) and credited(item) is None


NOBODY_CREDITED = gettext_lazy(
    "No one is credited with this claim: it has no claimant and its article has no "
    "publication. Correct it to the entity who made the claim, or ask an editor to "
    "set the claimant or the article's publication; then it can be confirmed."
)


def review_refusal(item: ReviewItem, user) -> str | None:
    """Why ``user`` may not review ``item``, or None when they may."""
    if not user.has_perm(REVIEW_PERMISSION):
        return _("You do not have permission to review attributions.")
    if item.created_by_id is not None and item.created_by_id == user.pk:
        return _(
            "You added this attribution, so another reviewer has to check it "
            "(four eyes)."
        )
    if (
        item.attribution_changed_by_id is not None
        and item.attribution_changed_by_id == user.pk
    ):
        return _(
            "You last changed who said this or where it stands, so another "
            "reviewer has to check it (four eyes)."
        )
    if user.pk in tagged_by(item):
        return _(
            "You tagged this attribution (you added it, accepted it or set who is "
            "credited), so another reviewer has to check it (four eyes)."
        )
    return None


def can_review(item: ReviewItem, user) -> bool:
    """True when ``user`` holds the review permission and the four-eyes rule allows."""
    return review_refusal(item, user) is None


def _check_permission(user) -> None:
    if not user.has_perm(REVIEW_PERMISSION):
        raise PermissionDenied(_("You do not have permission to review attributions."))


def _require_note(note: str, message: str) -> str:
    note = (note or "").strip()
    if not note:
        raise ValidationError(message, code="note_required")
    return note


def _lock(item: ReviewItem, user) -> ReviewItem:
    """Reload ``item`` under a row lock and apply the four-eyes rule to that row."""
    locked = type(item).objects.select_for_update().get(pk=item.pk)
    refusal = review_refusal(locked, user)
    if refusal:
        raise ValidationError(refusal, code="four_eyes")
    return locked


def _record(locked: ReviewItem, *, user, state: str, note: str) -> ReviewItem:
    locked.review_state = state
    locked.reviewed_by = user
    locked.reviewed_at = timezone.now()
    locked.review_note = note
    locked.version += 1
    locked.is_review_action = True
    reason = AttributionReview(state).label
    if note:
        reason = f"{reason}: {note}"
    locked._history_user = user
    locked._change_reason = reason[:CHANGE_REASON_LENGTH]
    locked.save()
    desk_assignments.close(
        item=locked,
        user=user,
        done=_("attribution %(state)s")
        % {"state": str(AttributionReview(state).label).lower()},
        task=AssignmentTask.REVIEW,
    )
    return locked


def confirm_attribution(*, item: ReviewItem, user, note: str = "") -> ReviewItem:
    """Mark the attribution as checked and right; returns the updated item."""
    _check_permission(user)
    with transaction.atomic():
        locked = _lock(item, user)
        if nobody_credited(locked):
            raise ValidationError(str(NOBODY_CREDITED), code="nobody_credited")
        return _record(
            locked,
            user=user,
            state=AttributionReview.CONFIRMED,
            note=(note or "").strip(),
        )


def dispute_attribution(*, item: ReviewItem, user, note: str) -> ReviewItem:
    """Mark the attribution as doubtful, with the reviewer's reason."""
    _check_permission(user)
    note = _require_note(
        note, _("Say why you dispute this attribution: a note is required.")
    )
    with transaction.atomic():
        locked = _lock(item, user)
        desk_events.disputed_after_commit(locked, user, note)
        return _record(locked, user=user, state=AttributionReview.DISPUTED, note=note)


def correct_attribution(
    *, item: ReviewItem, user, speaker: Entity, note: str
) -> ReviewItem:
    """Credit the statement to ``speaker`` instead, with the reviewer's reason.

    The reviewer becomes the one who last changed the attribution, so a later
    re-review of the correction needs someone else.
    """
    _check_permission(user)
    note = _require_note(
        note, _("Say why you correct this attribution: a note is required.")
    )
    if speaker is None or speaker.pk is None:
        raise ValidationError(_("Choose who really said this."), code="no_speaker")
    with transaction.atomic():
        locked = _lock(item, user)
        current = credited(locked)
        if current is not None and current.pk == speaker.pk:
            raise ValidationError(
                _("%(name)s is already credited; choose another entity or confirm.")
                % {"name": speaker.name},
                code="same_speaker",
            )
        locked.speaker = speaker
        locked.credit_attribution(user)
        return _record(locked, user=user, state=AttributionReview.CORRECTED, note=note)


def correct_attribution_to_new_entity(
    *, item: ReviewItem, user, name: str, kind: str, note: str
) -> ReviewItem:
    """Create the entity ``name`` of ``kind`` and credit the statement to it."""
    _check_permission(user)
    if not user.has_perm(ADD_ENTITY_PERMISSION):
        raise PermissionDenied(_("You do not have permission to add entities."))
    note = _require_note(
        note, _("Say why you correct this attribution: a note is required.")
    )
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("Give the new entity's name."), code="no_name")
    if kind not in EntityKind.values:
        raise ValidationError(_("Choose what kind of entity it is."), code="no_kind")
    with transaction.atomic():
        speaker = Entity(name=name, kind=kind, created_by=user)
        speaker._history_user = user
        speaker.full_clean()
        speaker.save()
        return correct_attribution(item=item, user=user, speaker=speaker, note=note)
