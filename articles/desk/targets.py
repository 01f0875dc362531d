"""The items of the desk (a fact-check, a claim, a quote), their links, and who may
act on them.

The assignment rule (who may be given an item):

- a fact-check in draft (new, or sent back) goes to someone who may submit it
  (``articles.submit_factcheck``: editors); in review to someone who may approve it
  (``articles.approve_factcheck``); approved, published or unpublished to someone
  who may publish it (``articles.publish_factcheck``): publishers;
- a claim to work on goes to an editor (``articles.change_claim``);
- a review item (a quote, or a claim's attribution) goes to a reviewer
  (``articles.review_attribution``).

The four-eyes rules bar some holders of those roles from acting on one item, so
they may not be given it either (``barred_assignees``): a fact-check past the
draft is approved and published by someone who wrote no verdict, summary, analysis
or citation of its claims and confirmed none of their attributions
(``articles.services.workflow.publish_problems``); a review item is reviewed by
someone who did not tag it (``articles.services.review.review_refusal``).

Who may assign (or reassign, or unassign): anyone who may change the item
(``change_factcheck``/``change_claim``/``change_quote``) and, for a fact-check past
the draft, anyone who may approve or publish it; for a review item, reviewers too.
A reviewer therefore cannot assign a publication.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from articles.contributions import claim_records, tagged_by
from articles.models import (
    AssignmentTask,
    Claim,
    ClaimRecheck,
    FactCheck,
    FactCheckClaim,
    FactCheckState,
    Quote,
    TargetKind,
)
from common.text import shorten

REVIEW = "articles.review_attribution"
MODELS = {
    TargetKind.FACT_CHECK: FactCheck,
    TargetKind.CLAIM: Claim,
    TargetKind.QUOTE: Quote,
}
FACT_CHECK_ROLE = {
    FactCheckState.DRAFT: "articles.submit_factcheck",
    FactCheckState.IN_REVIEW: "articles.approve_factcheck",
    FactCheckState.APPROVED: "articles.publish_factcheck",
    FactCheckState.PUBLISHED: "articles.publish_factcheck",
    FactCheckState.UNPUBLISHED: "articles.publish_factcheck",
}


def kind_of(item) -> str:
    for kind, model in MODELS.items():
        if isinstance(item, model):
            return kind
    raise TypeError(f"not a desk item: {item!r}")


def get_item(kind: str, pk: int):
    """The fact-check, claim or quote, or a 404."""
    model = MODELS.get(kind)
    if model is None:
        raise Http404
    try:
        return model.objects.get(pk=pk)
    except model.DoesNotExist as error:
        raise Http404 from error


def lock_item(item):
    """The item's row, locked until the transaction ends (two people acting on one
    item take turns); a ValidationError when it was deleted since it was read."""
    locked = type(item).objects.select_for_update().filter(pk=item.pk).first()
    if locked is None:
        raise ValidationError(
            _("This %(kind)s was deleted meanwhile.")
            % {"kind": TargetKind(kind_of(item)).label},
            code="deleted",
        )
    return locked


FIELDS = {
    TargetKind.FACT_CHECK: "fact_check",
    TargetKind.CLAIM: "claim",
    TargetKind.QUOTE: "quote",
}


def target_fields(item) -> dict:
    """``{"fact_check": item}`` (or claim, quote): the keyword for a desk row."""
    return {FIELDS[kind_of(item)]: item}


def default_task(item) -> str:
    return AssignmentTask.REVIEW if isinstance(item, Quote) else AssignmentTask.WORK


def item_url(item, *, task: str = AssignmentTask.WORK) -> str:
    """Where staff work on the item: the admin change page, or the review page."""
    kind = kind_of(item)
    if kind == TargetKind.QUOTE or task == AssignmentTask.REVIEW:
        return reverse("articles:review_item", kwargs={"kind": kind, "pk": item.pk})
    return reverse(f"admin:articles_{item._meta.model_name}_change", args=[item.pk])


def item_label(item) -> str:
    kind = kind_of(item)
    text = str(item)
    if len(text) > 80:
        text = text[:79] + "…"
    return f"{TargetKind(kind).label} “{text}”"


def assignee_permission(item, task: str) -> str:
    """The permission the assignee must hold (see the module's docstring)."""
    if task == AssignmentTask.REVIEW:
        return REVIEW
    if isinstance(item, FactCheck):
        return FACT_CHECK_ROLE[item.state]
    return "articles.change_claim"


def _fact_check_bars(fact_check: FactCheck) -> dict[int, str]:
    """Who may not approve or publish ``fact_check`` (four eyes), with why."""
    rows = list(
        FactCheckClaim.objects.filter(fact_check=fact_check)
        .order_by("position", "pk")
        .values_list("claim_id", "claim__statement")
    )
    records = claim_records(claim_id for claim_id, _statement in rows)
    bars: dict[int, str] = {}
    for claim_id, statement in rows:
        record = records[claim_id]
        for user_id in sorted(record.user_ids()):
            deeds = record.deeds(user_id)
            if deeds and user_id not in bars:
                bars[user_id] = _(
                    "they %(deeds)s on the claim “%(claim)s”, so another publisher "
                    "must approve or publish it (four eyes)."
                ) % {"deeds": deeds, "claim": shorten(statement)}
    openers = ClaimRecheck.objects.notes_to_publish(fact_check).values_list(
        "checked_by_id", "claim__statement"
    )
    for user_id, statement in openers.order_by("checked_at", "pk"):
        if user_id is not None and user_id not in bars:
            bars[user_id] = _(
                "they opened the re-check update of the claim “%(claim)s” (the note "
                "readers will see), so another publisher must approve or publish it "
                "(four eyes)."
            ) % {"claim": shorten(statement)}
    return bars


def _review_bars(item) -> dict[int, str]:
    """Who may not review ``item``'s attribution (four eyes), with why."""
    reason = _(
        "they tagged this attribution (added it, accepted it, set who is credited "
        "or last changed it), so another reviewer must review it (four eyes)."
    )
    taggers = [item.created_by_id, item.attribution_changed_by_id, *tagged_by(item)]
    return {user_id: reason for user_id in taggers if user_id is not None}


def barred_assignees(item, task: str) -> dict[int, str]:
    """Users whose role fits but whom four eyes bars from acting on ``item`` for
    ``task``, by id, each with the reason ("they …")."""
    if task == AssignmentTask.REVIEW:
        return _review_bars(item)
    if isinstance(item, FactCheck) and item.state != FactCheckState.DRAFT:
        return _fact_check_bars(item)
    return {}


def assignee_refusal(item, task: str, assignee) -> str | None:
    """Why ``assignee`` may not be given ``item`` for ``task``, or None if they may."""
    if not (
        assignee.is_active
        and assignee.is_staff
        and assignee.has_perm(assignee_permission(item, task))
    ):
        return _("%(user)s's role may not act on this item now.") % {
            "user": assignee.get_username()
        }
    reason = barred_assignees(item, task).get(assignee.pk)
    if reason:
        return _("%(user)s may not be given this item: %(reason)s") % {
            "user": assignee.get_username(),
            "reason": reason,
        }
    return None


# Permissions are granted through groups, which Django's model backend answers for;
# with_perm() needs the backend named once django-axes adds its own.
PERMISSION_BACKEND = "django.contrib.auth.backends.ModelBackend"


def eligible_assignees(item, task: str):
    """Active staff users who may be given this item for this task (their role may
    act on it and four eyes does not bar them)."""
    User = get_user_model()
    barred = barred_assignees(item, task)
    return (
        User.objects.with_perm(
            assignee_permission(item, task),
            is_active=True,
            include_superusers=True,
            backend=PERMISSION_BACKEND,
        )
        .filter(is_staff=True)
        .exclude(pk__in=barred)
        .order_by("username")
    )


def may_assign(user, item, task: str) -> bool:
    if user is None or not user.is_active or not user.is_staff:
        return False
    model_name = item._meta.model_name
    if user.has_perm(f"articles.change_{model_name}"):
        return True
    if task == AssignmentTask.REVIEW and user.has_perm(REVIEW):
        return True
    if isinstance(item, FactCheck) and item.state != FactCheckState.DRAFT:
        return user.has_perm(FACT_CHECK_ROLE[item.state])
    return False


def discussants(item):
    """Active staff users who may see the item (``may_discuss``), as a QuerySet."""
    User = get_user_model()
    viewers = [
        User.objects.with_perm(
            permission,
            is_active=True,
            include_superusers=True,
            backend=PERMISSION_BACKEND,
        ).values("pk")
        for permission in (f"articles.view_{item._meta.model_name}", REVIEW)
    ]
    return User.objects.filter(
        Q(pk__in=viewers[0]) | Q(pk__in=viewers[1]), is_active=True, is_staff=True
    )


def may_discuss(user, item) -> bool:
    """Staff who may see the item may read and write its comments."""
    if user is None or not user.is_active or not user.is_staff:
        return False
    model_name = item._meta.model_name
    return user.has_perm(f"articles.view_{model_name}") or user.has_perm(REVIEW)
