"""Who is told of what. The services call the ``*_after_commit`` hooks inside their
transaction; the notification is made only once that transaction has committed.

Recipients, by event:

- submitted: everyone who may approve (publishers), and the fact-check's assignee;
- returned: the editor who submitted it, with the reason;
- approved: everyone who may publish;
- published: the editor who submitted it and the fact-check's authors;
- disputed: whoever tagged the attribution (created it, accepted it, set who is
  credited), with the reviewer's note;
- schedule_failed: the publisher who scheduled it, with the gate's reasons;
- recheck_due (daily): the claim's assignee, else its checker, else its creator;
- source_broken: the same people, when a cited page is first found dead, moved or
  changed;
- assigned: the assignee, and whoever loses the item to a reassignment or an
  unassignment (not when a workflow step closes it); mentioned: each person
  @mentioned; replied: the authors of the thread's earlier comments;
- error_reported: everyone who may handle readers' error reports
  (``articles.change_errorreport``: publishers), naming the fact-check;
- claim_suggested: everyone who may moderate readers' claim suggestions
  (``articles.change_claimsuggestion``: editors).

The two readers' events never quote what the reader wrote (nor their address or
link): that text is untrusted and is not mailed to staff; the link opens it in the
admin. Readers may post many, so these two default to the daily digest
(``articles.models.desk.DEFAULT_DELIVERY``).

Superusers are told only of what names them (assignments, mentions, their own
submissions), not of every submission or approval, report or suggestion.
"""

from __future__ import annotations

from functools import partial

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from articles.desk.notify import notify
from articles.desk.targets import PERMISSION_BACKEND, item_label, item_url
from articles.models import (
    Assignment,
    AssignmentTask,
    Claim,
    ClaimSuggestion,
    DeskEvent,
    ErrorReport,
    FactCheck,
)

# Who may act on what readers send in (the permissions their admin requires).
HANDLE_ERROR_REPORTS = "articles.change_errorreport"
MODERATE_SUGGESTIONS = "articles.change_claimsuggestion"


def _after_commit(function, *args) -> None:
    transaction.on_commit(partial(function, *args), robust=True)


def _user(pk):
    if pk is None:
        return None
    return get_user_model().objects.filter(pk=pk).first()


def _holders(permission: str) -> list[int]:
    User = get_user_model()
    return list(
        User.objects.with_perm(
            permission,
            is_active=True,
            include_superusers=False,
            backend=PERMISSION_BACKEND,
        )
        .filter(is_staff=True)
        .values_list("pk", flat=True)
    )


def _assignee_ids(item) -> list[int]:
    field = "fact_check" if isinstance(item, FactCheck) else "claim"
    return list(
        Assignment.objects.filter(
            **{field: item}, task=AssignmentTask.WORK
        ).values_list("assignee_id", flat=True)
    )


def _name(user) -> str:
    if user is None:
        return _("The system")
    return user.get_full_name() or user.get_username()


# Fact-check workflow --------------------------------------------------------------


def submitted_after_commit(fact_check: FactCheck, actor) -> None:
    # Its assignee now, before the submission closes the assignment.
    _after_commit(_submitted, fact_check.pk, actor.pk, _assignee_ids(fact_check))


def _submitted(fact_check_id: int, actor_id: int, assignee_ids: list[int]) -> None:
    fact_check = FactCheck.objects.get(pk=fact_check_id)
    actor = _user(actor_id)
    notify(
        recipients=[*_holders("articles.approve_factcheck"), *assignee_ids],
        event=DeskEvent.SUBMITTED,
        text=_("%(who)s submitted %(item)s for review.")
        % {"who": _name(actor), "item": item_label(fact_check)},
        url=item_url(fact_check),
        actor=actor,
        item=fact_check,
    )


def returned_after_commit(fact_check: FactCheck, actor, note: str) -> None:
    _after_commit(_returned, fact_check.pk, actor.pk, note)


def _returned(fact_check_id: int, actor_id: int, note: str) -> None:
    fact_check = FactCheck.objects.get(pk=fact_check_id)
    actor = _user(actor_id)
    text = _("%(who)s sent %(item)s back to draft.") % {
        "who": _name(actor),
        "item": item_label(fact_check),
    }
    if note:
        text += " " + _("Reason: %(note)s") % {"note": note}
    notify(
        recipients=[fact_check.submitted_by_id],
        event=DeskEvent.RETURNED,
        text=text,
        url=item_url(fact_check),
        actor=actor,
        item=fact_check,
    )


def approved_after_commit(fact_check: FactCheck, actor) -> None:
    _after_commit(_approved, fact_check.pk, actor.pk)


def _approved(fact_check_id: int, actor_id: int) -> None:
    fact_check = FactCheck.objects.get(pk=fact_check_id)
    actor = _user(actor_id)
    notify(
        recipients=_holders("articles.publish_factcheck"),
        event=DeskEvent.APPROVED,
        text=_("%(who)s approved %(item)s: it waits to be published.")
        % {"who": _name(actor), "item": item_label(fact_check)},
        url=item_url(fact_check),
        actor=actor,
        item=fact_check,
    )


def published_after_commit(fact_check: FactCheck, actor) -> None:
    _after_commit(_published, fact_check.pk, actor.pk)


def _published(fact_check_id: int, actor_id: int) -> None:
    fact_check = FactCheck.objects.get(pk=fact_check_id)
    actor = _user(actor_id)
    authors = list(fact_check.authors.values_list("pk", flat=True))
    notify(
        recipients=[fact_check.submitted_by_id, *authors],
        event=DeskEvent.PUBLISHED,
        text=_("%(who)s published %(item)s.")
        % {"who": _name(actor), "item": item_label(fact_check)},
        url=item_url(fact_check),
        actor=actor,
        item=fact_check,
    )


def schedule_failed_after_commit(fact_check: FactCheck, user_id, reason: str) -> None:
    _after_commit(_schedule_failed, fact_check.pk, user_id, reason)


def _schedule_failed(fact_check_id: int, user_id, reason: str) -> None:
    fact_check = FactCheck.objects.get(pk=fact_check_id)
    notify(
        recipients=[user_id],
        event=DeskEvent.SCHEDULE_FAILED,
        text=_("The scheduled publication of %(item)s did not happen. %(reason)s")
        % {"item": item_label(fact_check), "reason": reason},
        url=item_url(fact_check),
        item=fact_check,
    )


# Attribution review ----------------------------------------------------------------


def disputed_after_commit(item, actor, note: str) -> None:
    _after_commit(_disputed, type(item), item.pk, actor.pk, note)


def _disputed(model, item_id: int, actor_id: int, note: str) -> None:
    from articles.contributions import tagged_by

    item = model.objects.get(pk=item_id)
    actor = _user(actor_id)
    notify(
        recipients=[item.created_by_id, *tagged_by(item)],
        event=DeskEvent.DISPUTED,
        text=_("%(who)s disputed the attribution of %(item)s: %(note)s")
        % {"who": _name(actor), "item": item_label(item), "note": note},
        url=item_url(item, task=AssignmentTask.REVIEW),
        actor=actor,
        item=item,
    )


# Assignments and comments --------------------------------------------------------


def assigned_after_commit(assignment: Assignment, actor) -> None:
    _after_commit(_assigned, assignment.pk, actor.pk)


def _assigned(assignment_id: int, actor_id: int) -> None:
    assignment = (
        Assignment.objects.select_related("fact_check", "claim", "quote")
        .filter(pk=assignment_id)
        .first()
    )
    if assignment is None:  # unassigned in the meantime
        return
    actor = _user(actor_id)
    text = _("%(who)s assigned you %(item)s.") % {
        "who": _name(actor),
        "item": item_label(assignment.target),
    }
    if assignment.task == AssignmentTask.REVIEW:
        text = _("%(who)s asked you to review the attribution of %(item)s.") % {
            "who": _name(actor),
            "item": item_label(assignment.target),
        }
    if assignment.due_on:
        text += " " + _("Due %(date)s.") % {"date": assignment.due_on.isoformat()}
    if assignment.note:
        text += " " + _("Note: %(note)s") % {"note": assignment.note}
    notify(
        recipients=[assignment.assignee_id],
        event=DeskEvent.ASSIGNED,
        text=text,
        url=item_url(assignment.target, task=assignment.task),
        actor=actor,
        item=assignment.target,
    )


def unassigned_after_commit(item, task: str, lost_id: int, actor, new_id=None) -> None:
    """Tell ``lost_id`` that the item is no longer theirs (reassigned to ``new_id``,
    or unassigned), so no one goes on working on it."""
    _after_commit(_unassigned, type(item), item.pk, task, lost_id, actor.pk, new_id)


def _unassigned(model, item_id, task, lost_id, actor_id, new_id) -> None:
    item = model.objects.filter(pk=item_id).first()
    if item is None:
        return
    actor = _user(actor_id)
    new = _user(new_id)
    if new is not None:
        text = _(
            "%(who)s gave %(item)s to %(new)s: it is no longer assigned to you."
        ) % {"who": _name(actor), "item": item_label(item), "new": new.get_username()}
    else:
        text = _("%(who)s unassigned you from %(item)s.") % {
            "who": _name(actor),
            "item": item_label(item),
        }
    notify(
        recipients=[lost_id],
        event=DeskEvent.ASSIGNED,
        text=text,
        url=item_url(item, task=task),
        actor=actor,
        item=item,
    )


def commented_after_commit(comment, actor, mentioned_ids: list[int]) -> None:
    _after_commit(_commented, comment.pk, actor.pk, mentioned_ids)


def _commented(comment_id: int, actor_id: int, mentioned_ids: list[int]) -> None:
    from articles.models import Comment

    comment = Comment.objects.filter(pk=comment_id).first()
    if comment is None:
        return
    actor = _user(actor_id)
    item = comment.target
    url = item_url(item) + f"#comment-{comment.pk}"
    excerpt = comment.text if len(comment.text) <= 200 else comment.text[:199] + "…"
    told = notify(
        recipients=mentioned_ids,
        event=DeskEvent.MENTIONED,
        text=_("%(who)s mentioned you on %(item)s: %(text)s")
        % {"who": _name(actor), "item": item_label(item), "text": excerpt},
        url=url,
        actor=actor,
        item=item,
    )
    if comment.parent_id is None:
        return
    told_ids = {n.recipient_id for n in told} | set(mentioned_ids)
    thread = Comment.objects.filter(pk=comment.parent_id) | Comment.objects.filter(
        parent_id=comment.parent_id
    )
    earlier = set(thread.exclude(author=None).values_list("author_id", flat=True))
    notify(
        recipients=earlier - told_ids,
        event=DeskEvent.REPLIED,
        text=_("%(who)s replied on %(item)s: %(text)s")
        % {"who": _name(actor), "item": item_label(item), "text": excerpt},
        url=url,
        actor=actor,
        item=item,
    )


# Re-check ---------------------------------------------------------------------------


def recheck_due(*, today) -> int:
    """Tell who answers for each claim due for re-check; how many were told."""
    claims = Claim.objects.due_for_recheck(today).select_related("article")
    assignees = dict(
        Assignment.objects.filter(
            claim__in=claims, task=AssignmentTask.WORK
        ).values_list("claim_id", "assignee_id")
    )
    told = 0
    for claim in claims:
        who = assignees.get(claim.pk) or claim.checked_by_id or claim.created_by_id
        if who is None:
            continue
        told += len(
            notify(
                recipients=[who],
                event=DeskEvent.RECHECK_DUE,
                text=_("%(item)s was due for re-check on %(date)s.")
                % {"item": item_label(claim), "date": claim.recheck_on.isoformat()},
                url=item_url(claim),
                item=claim,
                dedupe_key=f"recheck:{claim.pk}:{claim.recheck_on.isoformat()}",
            )
        )
    return told


# Sources ----------------------------------------------------------------------------


def source_broken_after_commit(citation, check) -> None:
    _after_commit(_source_broken, citation.pk, check.pk)


def _source_broken(citation_id: int, check_id: int) -> None:
    from articles.models import Citation, SourceCheck

    citation = Citation.objects.select_related("claim").filter(pk=citation_id).first()
    check = SourceCheck.objects.filter(pk=check_id).first()
    if citation is None or check is None:
        return
    claim = citation.claim
    who = _assignee_ids(claim) or [claim.checked_by_id or claim.created_by_id]
    notify(
        recipients=who,
        event=DeskEvent.SOURCE_BROKEN,
        text=_("A source of %(item)s is %(health)s: “%(title)s” (%(reason)s).")
        % {
            "item": item_label(claim),
            "health": check.get_health_display().lower(),
            "title": citation.title,
            "reason": check.error or check.final_url,
        },
        url=item_url(claim),
        item=claim,
        dedupe_key=f"source:{citation.pk}:{check.pk}",
    )


# Readers --------------------------------------------------------------------------


def tell_error_reported(report_id: int) -> None:
    """Tell who may handle it of a reader's error report (run as a job: the
    reader's request does not wait; told once, should the job run twice)."""
    report = (
        ErrorReport.objects.select_related("fact_check").filter(pk=report_id).first()
    )
    if report is None:  # deleted in the meantime
        return
    notify(
        recipients=_holders(HANDLE_ERROR_REPORTS),
        event=DeskEvent.ERROR_REPORTED,
        text=_("A reader reported an error on %(item)s (version %(number)d).")
        % {"item": item_label(report.fact_check), "number": report.version_number},
        url=reverse("admin:articles_errorreport_change", args=[report.pk]),
        item=report.fact_check,
        dedupe_key=f"error-report:{report.pk}",
    )


def tell_claim_suggested(suggestion_id: int) -> None:
    """Tell the editors of a reader's claim suggestion (a job, like the above)."""
    if not ClaimSuggestion.objects.filter(pk=suggestion_id).exists():
        return
    notify(
        recipients=_holders(MODERATE_SUGGESTIONS),
        event=DeskEvent.CLAIM_SUGGESTED,
        text=_("A reader suggested a claim to check: it waits for moderation."),
        url=reverse("admin:articles_claimsuggestion_change", args=[suggestion_id]),
        dedupe_key=f"claim-suggestion:{suggestion_id}",
    )
