"""Desk pages (notifications, preferences) and the POST endpoints for assigning and
commenting. Each POST: check, one service call, a message, a redirect back."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from articles.desk import assignments, comments
from articles.desk.forms import AssignForm, CommentForm, PreferencesForm
from articles.desk.notify import mark_read
from articles.desk.preferences import current_preferences, set_preferences
from articles.desk.sections import assigned_to_me, build_desk
from articles.desk.selectors import notifications_for
from articles.desk.targets import (
    get_item,
    item_label,
    item_url,
    may_discuss,
    target_fields,
)
from articles.models import Assignment, Comment, Notification
from entities.ids import parse_id

PAGE_SIZE = 30


def staff_required(view):
    """Signed-in staff only: others are sent to log in, non-staff get a 403."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not (request.user.is_active and request.user.is_staff):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _back(request, fallback: str):
    """To the page the form came from (``next``: a path on this site), else to
    ``fallback``. The reader's ``next`` goes out as it is, never through
    ``redirect()``, which would take a word for a URL name (a 500 when none)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return redirect(fallback)


def _problems(error) -> str:
    return " ".join(getattr(error, "messages", None) or [str(error)])


# My desk ---------------------------------------------------------------------------


@staff_required
def desk_home(request):
    """What waits for the signed-in user, section by section (see ``sections``)."""
    return render(
        request,
        "articles/desk/desk_home.html",
        {"sections": build_desk(request.user), "today": timezone.localdate()},
    )


@staff_required
def assignment_list(request):
    """All the user's assignments (the desk shows the first ten), or the overdue."""
    today = timezone.localdate()
    rows = assigned_to_me(request.user, today)
    show = "overdue" if request.GET.get("show") == "overdue" else ""
    if show:
        rows = rows.overdue(today)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "articles/desk/assignment_list.html",
        {
            "page_obj": page,
            "show": show,
            "today": today,
            "query": urlencode({"show": show}) if show else "",
        },
    )


# Notifications --------------------------------------------------------------------


@staff_required
def notification_list(request):
    rows = notifications_for(request.user)
    show = request.GET.get("show", "")
    if show == "unread":
        rows = rows.unread()
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "articles/desk/notification_list.html",
        {"page_obj": page, "show": show},
    )


@staff_required
@require_POST
def notification_open(request, pk):
    """Mark the notification read and go to its item."""
    notification = get_object_or_404(
        Notification.objects.for_recipient(request.user), pk=pk
    )
    mark_read(user=request.user, notification_id=notification.pk)
    return redirect(notification.url)


@staff_required
@require_POST
def notification_read(request, pk):
    get_object_or_404(Notification.objects.for_recipient(request.user), pk=pk)
    mark_read(user=request.user, notification_id=pk)
    return _back(request, "articles:desk_notifications")


@staff_required
@require_POST
def notification_read_all(request):
    count = mark_read(user=request.user)
    messages.success(
        request, _("%(count)d notification(s) marked as read.") % {"count": count}
    )
    return _back(request, "articles:desk_notifications")


@staff_required
def preferences(request):
    current = current_preferences(request.user)
    form = PreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        set_preferences(user=request.user, choices=form.cleaned_data)
        messages.success(request, _("Your notification preferences are saved."))
        return redirect("articles:desk_preferences")
    return render(request, "articles/desk/preferences.html", {"form": form})


# Assignments ------------------------------------------------------------------------


@staff_required
@require_POST
def assign(request, kind, pk):
    item = get_item(kind, pk)
    task = request.POST.get("task", "")
    form = AssignForm(request.POST, assignees=None)
    if not form.is_valid():
        messages.error(
            request,
            _("Not assigned: %(problems)s")
            % {"problems": "; ".join(e for errs in form.errors.values() for e in errs)},
        )
        return _back(request, item_url(item))
    data = form.cleaned_data
    try:
        assignment = assignments.assign(
            item=item,
            assignee=data["assignee"],
            user=request.user,
            task=task,
            due_on=data["due_on"],
            note=data["note"],
        )
    except ValidationError as error:  # PermissionDenied becomes a 403
        messages.error(request, _("Not assigned: %(p)s") % {"p": _problems(error)})
        return _back(request, item_url(item))
    messages.success(
        request,
        _("Assigned to %(user)s.") % {"user": assignment.assignee.get_username()},
    )
    return _back(request, item_url(item, task=assignment.task))


@staff_required
def assignment_history(request, kind, pk):
    """Every step of the item's assignments (given, changed, ended), newest first,
    for staff who may see the item."""
    item = get_item(kind, pk)
    if not may_discuss(request.user, item):
        raise PermissionDenied
    rows = (
        Assignment.history.filter(**target_fields(item))
        .select_related("assignee", "history_user")
        .order_by("-history_date", "-history_id")
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "articles/desk/assignment_history.html",
        {
            "item": item,
            "item_label": item_label(item),
            "item_url": item_url(item),
            "page_obj": page,
        },
    )


@staff_required
@require_POST
def unassign(request, kind, pk):
    item = get_item(kind, pk)
    try:
        done = assignments.unassign(
            item=item, user=request.user, task=request.POST.get("task", "")
        )
    except ValidationError as error:
        messages.error(request, _problems(error))
        return _back(request, item_url(item))
    if done:
        messages.success(request, _("Unassigned."))
    return _back(request, item_url(item))


# Comments ---------------------------------------------------------------------------


@staff_required
@require_POST
def comment_post(request, kind, pk):
    item = get_item(kind, pk)
    form = CommentForm(request.POST)
    parent = None
    if request.POST.get("parent"):
        parent = get_object_or_404(
            Comment.objects.on(item), pk=parse_id(request.POST["parent"])
        )
    if not form.is_valid():
        messages.error(
            request,
            _("Comment not posted: %(p)s")
            % {"p": "; ".join(form.errors.get("text", []))},
        )
        return _back(request, item_url(item))
    try:
        comment = comments.post_comment(
            item=item, user=request.user, text=form.cleaned_data["text"], parent=parent
        )
    except ValidationError as error:
        messages.error(
            request, _("Comment not posted: %(p)s") % {"p": _problems(error)}
        )
        return _back(request, item_url(item))
    messages.success(request, _("Comment posted."))
    response = _back(request, item_url(item))
    response["Location"] += f"#comment-{comment.pk}"
    return response


@staff_required
def comment_history(request, pk):
    """What a comment said before each edit, newest first, for staff who may see its
    item. A deleted comment's history stays out of sight (a 404)."""
    comment = get_object_or_404(
        Comment.objects.select_related("fact_check", "claim", "quote"),
        pk=pk,
        is_deleted=False,
    )
    item = comment.target
    if not may_discuss(request.user, item):
        raise PermissionDenied
    versions = (
        Comment.history.filter(id=comment.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )
    return render(
        request,
        "articles/desk/comment_history.html",
        {
            "comment": comment,
            "versions": versions,
            "item_label": item_label(item),
            "item_url": item_url(item) + f"#comment-{comment.pk}",
        },
    )


def _comment_action(request, pk, action):
    comment = get_object_or_404(
        Comment.objects.select_related("fact_check", "claim", "quote"), pk=pk
    )
    item = comment.target
    try:
        action(comment)
    except ValidationError as error:
        messages.error(request, _problems(error))
    return _back(request, item_url(item))


@staff_required
@require_POST
def comment_edit(request, pk):
    # The service checks the text (empty, too long, control characters) and says
    # which; the form would have hidden each behind "write something".
    text = request.POST.get("text", "")

    def action(comment):
        comments.edit_comment(comment=comment, user=request.user, text=text)
        messages.success(request, _("Comment edited."))

    return _comment_action(request, pk, action)


@staff_required
@require_POST
def comment_delete(request, pk):
    def action(comment):
        comments.delete_comment(comment=comment, user=request.user)
        messages.success(request, _("Comment deleted."))

    return _comment_action(request, pk, action)


@staff_required
@require_POST
def comment_resolve(request, pk):
    def action(comment):
        comments.resolve_thread(comment=comment, user=request.user)
        messages.success(request, _("Thread resolved."))

    return _comment_action(request, pk, action)


@staff_required
@require_POST
def comment_reopen(request, pk):
    def action(comment):
        comments.reopen_thread(comment=comment, user=request.user)
        messages.success(request, _("Thread reopened."))

    return _comment_action(request, pk, action)
