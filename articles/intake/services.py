"""State changes for what comes in: feed imports, readers' submissions, moderation."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.desk import events as desk_events
from articles.desk import tasks as desk_tasks
from articles.intake.claimreview import FeedRefused, parse_feed
from articles.models import (
    Claim,
    ClaimReviewImport,
    ClaimSuggestion,
    ErrorReport,
    KnownFactCheck,
    SubmissionState,
)
from common.bases import SuggestionOrigin, SuggestionState

IMPORT_PERMISSION = "articles.add_knownfactcheck"
MODERATE_SUGGESTIONS = desk_events.MODERATE_SUGGESTIONS
HANDLE_ERROR_REPORTS = desk_events.HANDLE_ERROR_REPORTS
_STORED_FIELDS = (
    "claim_reviewed",
    "claimant_name",
    "rating_text",
    "rating_value",
    "publisher_name",
    "publisher_url",
    "published_on",
    "language",
)


def _require(user, permission: str) -> None:
    if user is None or not user.is_active or not user.has_perm(permission):
        raise PermissionDenied(_("You are not allowed to do this."))


@dataclass(frozen=True)
class ImportResult:
    batch: ClaimReviewImport
    created: int
    updated: int


def import_claimreviews(
    *, data: bytes, source_name: str, user=None, trusted: bool = False
) -> ImportResult:
    """Store every ClaimReview of a feed file as a known fact-check, or none.

    FeedRefused (with a reason per refused item) if any item is malformed: nothing
    is written then. A review address already known is updated, not duplicated.
    ``trusted`` is for the management command, run by whoever holds the server.
    """
    if not trusted:
        _require(user, IMPORT_PERMISSION)
    parsed = parse_feed(data)
    if parsed.problems:
        raise FeedRefused(parsed.problems)
    try:
        return _store(parsed.items, source_name=source_name, user=user)
    except IntegrityError as error:
        # Another import stored one of these addresses after this one looked.
        raise FeedRefused(
            [
                _(
                    "Another import stored some of these review addresses at the "
                    "same time; nothing was imported. Import the file again."
                )
            ]
        ) from error


def _store(items, *, source_name: str, user) -> ImportResult:
    with transaction.atomic():
        batch = ClaimReviewImport.objects.create(
            source_name=source_name[:255], imported_by=user
        )
        urls = [item.review_url for item in items]
        existing = {
            row.review_url: row
            for row in KnownFactCheck.objects.select_for_update().filter(
                review_url__in=urls
            )
        }
        new_rows, changed = [], []
        for item in items:
            values = {name: getattr(item, name) for name in _STORED_FIELDS}
            row = existing.get(item.review_url)
            if row is None:
                new_rows.append(
                    KnownFactCheck(review_url=item.review_url, source=batch, **values)
                )
                continue
            for name, value in values.items():
                setattr(row, name, value)
            row.source = batch
            changed.append(row)
        KnownFactCheck.objects.bulk_create(new_rows, batch_size=500)
        KnownFactCheck.objects.bulk_update(
            changed, [*_STORED_FIELDS, "source"], batch_size=500
        )
        batch.created_count = len(new_rows)
        batch.updated_count = len(changed)
        batch.save(update_fields=["created_count", "updated_count"])
    return ImportResult(batch=batch, created=len(new_rows), updated=len(changed))


# --- Readers ----------------------------------------------------------------------


def suggest_claim(
    *, message: str, source_url: str = "", contact_email: str = ""
) -> ClaimSuggestion:
    """Queue a reader's claim for the editors (text already validated by the form);
    the editors are told once it is committed (at once, outside a transaction)."""
    suggestion = ClaimSuggestion.objects.create(
        message=message, source_url=source_url, contact_email=contact_email
    )
    transaction.on_commit(
        partial(desk_tasks.tell_claim_suggested.delay, suggestion.pk), robust=True
    )
    return suggestion


def report_error(
    *,
    fact_check_id: int,
    version_number: int,
    message: str,
    contact_email: str = "",
) -> ErrorReport:
    """Record a reader's error report against a published fact-check; whoever may
    handle it is told once it is committed."""
    report = ErrorReport.objects.create(
        fact_check_id=fact_check_id,
        version_number=version_number,
        message=message,
        contact_email=contact_email,
    )
    transaction.on_commit(
        partial(desk_tasks.tell_error_reported.delay, report.pk), robust=True
    )
    return report


# --- Moderation -------------------------------------------------------------------


def _settle(submission, *, state: str, user) -> bool:
    """Move a new submission to ``state``; False if it was handled already."""
    if submission.state == state:
        return False
    submission.state = state
    submission.handled_by = user
    submission.handled_at = timezone.now()
    submission.save(update_fields=["state", "handled_by", "handled_at"])
    return True


def moderate_suggestion(*, suggestion: ClaimSuggestion, state: str, user) -> bool:
    """Accept or reject a reader's suggestion; False when nothing changed."""
    _require(user, MODERATE_SUGGESTIONS)
    if state not in (SubmissionState.ACCEPTED, SubmissionState.REJECTED):
        raise ValidationError(_("A suggestion is accepted or rejected."))
    if suggestion.claim_id and state == SubmissionState.REJECTED:
        raise ValidationError(
            _("“%(text)s” already has a draft claim: it stays accepted.")
            % {"text": suggestion}
        )
    return _settle(suggestion, state=state, user=user)


def draft_claim_from(*, suggestion: ClaimSuggestion, user) -> Claim:
    """Turn an accepted suggestion into a suggested claim on its article.

    The claim waits on the article's Tag page like the engine's suggestions, for an
    editor to place its span, accept it and check it.
    """
    _require(user, MODERATE_SUGGESTIONS)
    _require(user, "articles.add_claim")
    with transaction.atomic():
        locked = ClaimSuggestion.objects.select_for_update().get(pk=suggestion.pk)
        if locked.state != SubmissionState.ACCEPTED:
            raise ValidationError(
                _("Accept “%(text)s” before drafting a claim from it.")
                % {"text": locked}
            )
        if locked.claim_id:
            raise ValidationError(
                _("“%(text)s” already has a draft claim.") % {"text": locked}
            )
        if locked.article_id is None:
            raise ValidationError(
                _(
                    "Choose the stored article that makes “%(text)s” (edit the "
                    "suggestion) before drafting a claim."
                )
                % {"text": locked}
            )
        claim = Claim(
            article_id=locked.article_id,
            statement=locked.message,
            origin=SuggestionOrigin.SUGGESTED,
            suggestion_state=SuggestionState.SUGGESTED,
            created_by=user,
        )
        claim._history_user = user
        claim.save()
        locked.claim = claim
        locked.save(update_fields=["claim"])
    suggestion.claim = claim
    return claim


def settle_error_report(*, report: ErrorReport, state: str, user) -> bool:
    """Mark a reader's error report accepted (acted on) or rejected."""
    _require(user, HANDLE_ERROR_REPORTS)
    if state not in (SubmissionState.ACCEPTED, SubmissionState.REJECTED):
        raise ValidationError(_("A report is accepted or rejected."))
    return _settle(report, state=state, user=user)
