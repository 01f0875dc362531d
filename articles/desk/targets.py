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

from articles.models import (
    AssignmentTask,
    Claim,
    FactCheck,
    FactCheckState,
    Quote,
    TargetKind,
)

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


# Permissions are granted through groups, which Django's model backend answers for;
# with_perm() needs the backend named once django-axes adds its own.
PERMISSION_BACKEND = "django.contrib.auth.backends.ModelBackend"


def eligible_assignees(item, task: str):
    """Active staff users who may be given this item for this task."""
    User = get_user_model()
    return (
        User.objects.with_perm(
            assignee_permission(item, task),
            is_active=True,
            include_superusers=True,
            backend=PERMISSION_BACKEND,
        )
        .filter(is_staff=True)
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
