"""The fact-check workflow: draft → in review → approved → published → unpublished.

Every state change goes through one of these functions, whoever asks (admin buttons,
admin actions, the ``publish_scheduled`` command, tests). Each checks the acting user's
permission first, locks the FactCheck row, records who did it in the history, bumps
the row's ``version`` (optimistic locking) and, after commit, invalidates the cached
public pages showing what changed (articles.invalidation).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Exists, F, Max, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.contributions import claim_records
from articles.desk import assignments as desk_assignments
from articles.desk import events as desk_events
from articles.invalidation import invalidate_versions
from articles.listing import refresh_latest_cards, refresh_listed_claims
from articles.models import (
    Citation,
    Claim,
    ClaimRecheck,
    ClaimState,
    Correction,
    CorrectionKind,
    FactCheck,
    FactCheckClaim,
    FactCheckState,
    PublishedClaim,
    PublishedEntity,
    PublishedVersion,
    SourceHealth,
)
from articles.rendering import render_pages
from articles.services.errors import WorkflowError
from articles.snapshot import take_snapshot
from common.text import shorten

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser as User

UNKNOWN_CORRECTION_KIND = gettext_lazy(
    "Choose the kind of note: correction, clarification, update or retraction."
)

SUBMIT = "articles.submit_factcheck"
APPROVE = "articles.approve_factcheck"
PUBLISH = "articles.publish_factcheck"
CORRECT = "articles.add_correction"

# Where each transition may start from.
SUBMITTABLE = {FactCheckState.DRAFT}
APPROVABLE = {FactCheckState.IN_REVIEW}
RETURNABLE = {FactCheckState.IN_REVIEW, FactCheckState.APPROVED}
PUBLISHABLE = {
    FactCheckState.APPROVED,
    FactCheckState.PUBLISHED,
    FactCheckState.UNPUBLISHED,
}
UNPUBLISHABLE = {FactCheckState.PUBLISHED}
SCHEDULABLE = {FactCheckState.APPROVED}


def _require(user: User | None, permission: str) -> None:
    if user is None or not user.is_active or not user.has_perm(permission):
        raise PermissionDenied(_("You are not allowed to do this."))


def _require_state(fact_check: FactCheck, allowed: set, action: str) -> None:
    if fact_check.state not in allowed:
        raise WorkflowError(
            _("A fact-check that is %(state)s cannot be %(action)s.")
            % {"state": fact_check.get_state_display().lower(), "action": action}
        )


def _locked(fact_check: FactCheck) -> FactCheck:
    """The fact-check's row, locked until the surrounding transaction ends."""
    return FactCheck.objects.select_for_update().get(pk=fact_check.pk)


def _save(fact_check: FactCheck, *, user: User | None, reason: str) -> None:
    """Save a locked row with a new version and an audit record of who and why."""
    fact_check.version += 1
    fact_check._history_user = user
    fact_check._change_reason = reason
    fact_check.save()


def publish_problems(fact_check: FactCheck, *, approver: User | None) -> list[str]:
    """Why the fact-check may not be approved or published: one message per problem.

    Empty when every claim has a verdict, a verdict summary, at least one citation and
    an attribution confirmed or corrected by a reviewer, and (four eyes) the approver
    wrote no verdict, verdict summary, analysis or citation of any claim, confirmed
    none of their attributions (as the history records it) and opened none of the
    re-check updates whose notes it would publish. Three queries, whatever the
    number of claims.
    """
    rows = _gate_rows(fact_check, approver=approver)
    records = (
        claim_records(row.claim_id for row in rows) if approver is not None else {}
    )
    problems: list[str] = []
    for number, row in enumerate(rows, start=1):
        claim = row.claim
        label = _("Claim %(number)d “%(text)s”") % {
            "number": number,
            "text": shorten(claim.statement),
        }
        found = _claim_problems(row)
        deeds = records[claim.pk].deeds(approver.pk) if approver is not None else ""
        if row.approver_opened_update:
            opened = _("opened its re-check update (the note readers will see)")
            deeds = _(", and ").join([deeds, opened]) if deeds else opened
        if deeds:
            found.append(
                _(
                    "%(user)s %(deeds)s, so may not also approve or publish it; "
                    "another publisher must (four eyes)"
                )
                % {"user": approver.get_username(), "deeds": deeds}
            )
        problems.extend(f"{label}: {message}" for message in found)
    if not problems and not rows:
        problems.append(_("The fact-check has no claims: add at least one."))
    return problems


def _gate_rows(
    fact_check: FactCheck, *, approver: User | None = None
) -> list[FactCheckClaim]:
    """The fact-check's claims in order, with what the gate counts (one query).

    ``approver_opened_update``: ``approver`` opened a re-check update whose note
    this publication would publish (four eyes, like writing the verdict)."""
    opened_by_approver = (
        ClaimRecheck.objects.notes_to_publish(fact_check).filter(
            claim_id=OuterRef("claim_id"), checked_by=approver
        )
        if approver is not None
        else ClaimRecheck.objects.none()
    )
    return list(
        FactCheckClaim.objects.filter(fact_check=fact_check)
        .select_related("claim")
        .annotate(
            citation_count=Count("claim__citations"),
            publication_id=F("claim__article__publication_id"),
            has_open_update=Exists(
                ClaimRecheck.objects.pending_updates(fact_check).filter(
                    claim_id=OuterRef("claim_id")
                )
            ),
            approver_opened_update=Exists(opened_by_approver),
        )
        .order_by("position", "pk")
    )


def _claim_problems(row: FactCheckClaim) -> list[str]:
    """What one claim (a ``_gate_rows`` row) lacks before publication."""
    claim = row.claim
    problems = []
    if not claim.verdict:
        problems.append(_("no verdict"))
    if not claim.verdict_summary.strip():
        problems.append(_("no verdict summary"))
    if not row.citation_count:
        problems.append(_("no citation"))
    if claim.speaker_id is None and row.publication_id is None:
        problems.append(
            _(
                "no one is credited with it (no claimant, and the article has no "
                "publication): an editor must set either, then a reviewer confirm "
                "it"
            )
        )
    elif not claim.is_attribution_settled:
        problems.append(
            _("attribution %(state)s (a reviewer must confirm or correct it)")
            % {"state": claim.get_review_state_display().lower()}
        )
    if row.has_open_update and claim.state != ClaimState.CHECKED:
        problems.append(
            _("an update was opened on re-check: revise the claim and mark it checked")
        )
    return problems


def publish_warnings(fact_check: FactCheck) -> list[str]:
    """What the desk should look at before publishing, without blocking it: cited
    pages last found dead, moved or changed (articles.services.sources), then bylines
    that will not be a Person with a url. Two queries.
    """
    return [*_source_warnings(fact_check), *_author_warnings(fact_check)]


def _author_warnings(fact_check: FactCheck) -> list[str]:
    """Authors the published byline cannot link: the JSON-LD names an author as a
    Person with the url of their team page, which needs an author profile, and the
    byline leaves out an account without a name (articles.snapshot)."""
    warnings = []
    authors = fact_check.authors.select_related("author_profile").order_by("pk")
    for user in authors:
        name = user.get_full_name()
        if not name:
            warnings.append(
                _(
                    "Author “%(user)s” has no name on their account: they will be "
                    "left out of the byline."
                )
                % {"user": user.get_username()}
            )
        elif getattr(user, "author_profile", None) is None:
            warnings.append(
                _(
                    "Author “%(name)s” has no author profile: the byline will not "
                    "link to a team page, and the structured data will name them "
                    "without a url."
                )
                % {"name": name}
            )
    return warnings


def _source_warnings(fact_check: FactCheck) -> list[str]:
    citations = (
        Citation.objects.with_broken_source()
        .filter(claim__factcheckclaim__fact_check=fact_check)
        .annotate(claim_position=F("claim__factcheckclaim__position"))
        .select_related("claim")
        .order_by("claim_position", "claim_id", "position", "pk")
    )
    notes = {
        SourceHealth.DEAD: _(
            "the page is gone; readers are offered the archived copy if there is one"
        ),
        SourceHealth.MOVED: _("the page now redirects elsewhere"),
        SourceHealth.CHANGED: _("the page's text has changed since it was cited"),
    }
    return [
        _(
            "Claim “%(claim)s”: source “%(title)s” is %(health)s (checked %(at)s): "
            "%(note)s."
        )
        % {
            "claim": shorten(citation.claim.statement),
            "title": shorten(citation.title),
            "health": citation.get_source_health_display().lower(),
            "at": timezone.localtime(citation.source_checked_at).strftime("%Y-%m-%d"),
            "note": notes[citation.source_health],
        }
        for citation in citations
    ]


def _publish_update_notes(fact_check: FactCheck, *, user: User, now) -> None:
    """Give a republished fact-check the dated "update" note of each re-check update
    opened since it was first published."""
    notes = ClaimRecheck.objects.notes_to_publish(fact_check)
    for recheck in notes.order_by("checked_at", "pk"):
        _record_correction(
            fact_check,
            user=user,
            kind=CorrectionKind.UPDATE,
            text=recheck.note,
            at=now,
            recheck=recheck,
        )


def submit_for_review(*, fact_check: FactCheck, user: User) -> FactCheck:
    """Draft → in review; records who submitted it and when."""
    _require(user, SUBMIT)
    with transaction.atomic():
        locked = _locked(fact_check)
        _require_state(locked, SUBMITTABLE, _("submitted for review"))
        locked.state = FactCheckState.IN_REVIEW
        locked.submitted_by = user
        locked.submitted_at = timezone.now()
        _save(locked, user=user, reason=_("Submitted for review"))
        desk_events.submitted_after_commit(locked, user)
        desk_assignments.close(item=locked, user=user, done=_("submitted for review"))
    fact_check.refresh_from_db()
    return fact_check


def request_changes(*, fact_check: FactCheck, user: User, note: str = "") -> FactCheck:
    """In review (or approved) → draft, for the editors to rework."""
    _require(user, APPROVE)
    with transaction.atomic():
        locked = _locked(fact_check)
        _require_state(locked, RETURNABLE, _("sent back to draft"))
        locked.state = FactCheckState.DRAFT
        locked.approved_by = None
        locked.approved_at = None
        locked.scheduled_at = None
        locked.scheduled_by = None
        reason = _("Changes requested")
        _save(locked, user=user, reason=f"{reason}: {note}" if note else reason)
        desk_events.returned_after_commit(locked, user, note)
        desk_assignments.close(item=locked, user=user, done=_("sent back to draft"))
    fact_check.refresh_from_db()
    return fact_check


def approve(*, fact_check: FactCheck, user: User) -> FactCheck:
    """In review → approved, once the publish gate passes with ``user`` as approver."""
    _require(user, APPROVE)
    with transaction.atomic():
        locked = _locked(fact_check)
        _require_state(locked, APPROVABLE, _("approved"))
        problems = publish_problems(locked, approver=user)
        if problems:
            raise WorkflowError(problems)
        locked.state = FactCheckState.APPROVED
        locked.approved_by = user
        locked.approved_at = timezone.now()
        _save(locked, user=user, reason=_("Approved"))
        desk_events.approved_after_commit(locked, user)
        desk_assignments.close(item=locked, user=user, done=_("approved"))
    fact_check.refresh_from_db()
    return fact_check


def publish(
    *, fact_check: FactCheck, user: User, now: datetime | None = None
) -> PublishedVersion:
    """Snapshot the fact-check as a new current PublishedVersion; all or nothing.

    Works from approved (first publication), published (republish after edits) and
    unpublished. The gate is checked again here, with ``user`` as the approver.
    """
    _require(user, PUBLISH)
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(fact_check)
        _require_state(locked, PUBLISHABLE, _("published"))
        problems = publish_problems(locked, approver=user)
        if problems:
            raise WorkflowError(problems)
        last = locked.versions.aggregate(last=Max("number"))["last"] or 0
        retired = list(locked.versions.filter(is_current=True))
        version = take_snapshot(
            fact_check=locked, number=last + 1, published_at=now, published_by=user
        )
        # Only one current version per fact-check (a constraint): retire the old first.
        locked.versions.filter(is_current=True).update(is_current=False)
        version.is_current = True
        version.save(update_fields=["is_current"])
        refresh_listed_claims(_claim_refs([*retired, version]))
        refresh_latest_cards(_entity_ids([*retired, version]))
        render_pages(version)
        was_published = locked.first_published_at is not None
        if was_published:
            _publish_update_notes(locked, user=user, now=now)
        else:
            locked.first_published_at = now
        locked.state = FactCheckState.PUBLISHED
        locked.scheduled_at = None
        locked.scheduled_by = None
        reason = _("Republished as version %(n)d") if was_published else None
        reason = (reason or _("Published as version %(n)d")) % {"n": version.number}
        _save(locked, user=user, reason=reason)
        invalidate_versions([*retired, version])
        desk_events.published_after_commit(locked, user)
        desk_assignments.close(item=locked, user=user, done=_("published"))
    fact_check.refresh_from_db()
    return version


def _claim_refs(versions) -> list[int]:
    return list(
        PublishedClaim.objects.filter(version__in=versions).values_list(
            "claim_ref", flat=True
        )
    )


def _entity_ids(versions) -> list[int]:
    return list(
        PublishedEntity.objects.filter(version__in=versions).values_list(
            "entity_id", flat=True
        )
    )


def unpublish(*, fact_check: FactCheck, user: User) -> FactCheck:
    """Published → unpublished: readers get a 404; every version stays stored."""
    _require(user, PUBLISH)
    with transaction.atomic():
        locked = _locked(fact_check)
        _require_state(locked, UNPUBLISHABLE, _("unpublished"))
        retired = list(locked.versions.filter(is_current=True))
        locked.versions.filter(is_current=True).update(is_current=False)
        refresh_listed_claims(_claim_refs(retired))
        refresh_latest_cards(_entity_ids(retired))
        locked.state = FactCheckState.UNPUBLISHED
        _save(locked, user=user, reason=_("Unpublished"))
        invalidate_versions(retired)
    fact_check.refresh_from_db()
    return fact_check


def schedule(*, fact_check: FactCheck, user: User, at: datetime | None) -> FactCheck:
    """Set (or, with ``at=None``, cancel) when an approved fact-check goes live.

    ``publish_scheduled`` publishes it then, as ``user``, checking the gate again.
    """
    _require(user, PUBLISH)
    if at is not None:
        if timezone.is_naive(at):
            raise WorkflowError(_("Give the go-live time with its time zone."))
        if at <= timezone.now():
            raise WorkflowError(_("The go-live time must be in the future."))
    with transaction.atomic():
        locked = _locked(fact_check)
        if at is not None:
            _require_state(locked, SCHEDULABLE, _("scheduled"))
            problems = publish_problems(locked, approver=user)
            if problems:
                raise WorkflowError(problems)
        locked.scheduled_at = at
        locked.scheduled_by = user if at is not None else None
        reason = (
            _("Scheduled to go live at %(at)s") % {"at": at.isoformat()}
            if at is not None
            else _("Schedule cancelled")
        )
        _save(locked, user=user, reason=reason)
    fact_check.refresh_from_db()
    return fact_check


def drop_schedule(*, fact_check: FactCheck, reason: str) -> None:
    """Clear a schedule that could not be carried out, recording why (no user acts)."""
    with transaction.atomic():
        locked = _locked(fact_check)
        user = locked.scheduled_by
        locked.scheduled_at = None
        locked.scheduled_by = None
        _save(locked, user=user, reason=shorten(reason, 100))
        if user is not None:
            desk_events.schedule_failed_after_commit(locked, user.pk, reason)


def add_correction(
    *,
    fact_check: FactCheck,
    user: User,
    text: str,
    kind: str = CorrectionKind.CORRECTION,
) -> Correction:
    """Add a dated public note of ``kind`` to a fact-check that has been published.

    A retraction keeps the page public with a notice on top, and withdraws its
    ClaimReview markup; unpublishing, by contrast, takes the page down (a 404). The
    page's JSON-LD is rendered again by the Correction signal (articles.signals).
    """
    _require(user, CORRECT)
    text = text.strip()
    if not text:
        raise WorkflowError(_("Write the correction's text."))
    if kind not in CorrectionKind.values:
        raise WorkflowError(str(UNKNOWN_CORRECTION_KIND))
    with transaction.atomic():
        locked = _locked(fact_check)
        if locked.first_published_at is None:
            raise WorkflowError(
                _("Only a fact-check that has been published can be corrected.")
            )
        if (
            kind == CorrectionKind.RETRACTION
            and locked.state != FactCheckState.PUBLISHED
        ):
            # A retraction is a public notice on a page that stays up; an
            # unpublished fact-check has no page to carry it.
            raise WorkflowError(
                _(
                    "Only a published fact-check can be retracted: this one is "
                    "not public. Republish it to retract it in public, or leave it "
                    "unpublished."
                )
            )
        correction = _record_correction(
            locked, user=user, kind=kind, text=text, at=timezone.now()
        )
    return correction


def _record_correction(
    fact_check: FactCheck,
    *,
    user: User,
    kind: str,
    text: str,
    at: datetime,
    recheck: ClaimRecheck | None = None,
) -> Correction:
    """Write one public note on a locked fact-check (the only place that does)."""
    correction = Correction(
        fact_check=fact_check,
        kind=kind,
        text=text,
        published_at=at,
        created_by=user,
        recheck=recheck,
    )
    correction._history_user = user
    correction.save()  # the Correction signal renders and refreshes the page
    return correction


def current_version(fact_check: FactCheck) -> PublishedVersion | None:
    return fact_check.versions.filter(is_current=True).first()


def changed_since_published(fact_check: FactCheck, version: PublishedVersion) -> bool:
    """Whether the fact-check, its claims or citations were edited after ``version``.

    Workflow steps are left out: they carry a change reason, form edits do not.
    """
    since = version.published_at
    if fact_check.history.filter(
        history_date__gt=since, history_change_reason__isnull=True
    ).exists():
        return True
    claims = Claim.objects.filter(fact_checks=fact_check)
    return (
        claims.filter(updated_at__gt=since).exists()
        or Citation.objects.filter(claim__in=claims, updated_at__gt=since).exists()
        or FactCheckClaim.history.filter(
            fact_check_id=fact_check.pk, history_date__gt=since
        ).exists()
    )
