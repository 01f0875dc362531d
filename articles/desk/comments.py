"""Staff discussion on a fact-check, a claim or a quote: threads of comments.

A thread is a top-level comment and its replies (a reply to a reply joins the same
thread). ``@username`` tells that person, when it names an active staff user;
any other handle stays plain text. Only a comment's author may edit or delete it;
anyone who may discuss the item may resolve or reopen a thread. Every change is in
the comment's history; a deleted comment keeps its place, blanked.
"""

from __future__ import annotations

import re
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.desk import events
from articles.desk.targets import lock_item, may_discuss, target_fields
from articles.desk.text import check_text
from articles.models import Comment

# The same text from the same author in the same place within this time is the
# same comment sent twice (a double click, a resent form), not a new one.
RESUBMIT_WINDOW = timedelta(seconds=30)
MENTION = re.compile(r"(?<![\w@])@([\w.+-]+)")


def mentioned_users(text: str):
    """Active staff users named as ``@username`` in ``text``."""
    handles = {m.group(1).rstrip(".") for m in MENTION.finditer(text)}
    if not handles:
        return get_user_model().objects.none()
    return get_user_model().objects.filter(
        username__in=handles, is_active=True, is_staff=True
    )


def _require_discussion(user, item) -> None:
    if not may_discuss(user, item):
        raise PermissionDenied(_("You may not take part in this discussion."))


def _save(comment: Comment, user, reason: str) -> None:
    comment._history_user = user
    comment._change_reason = reason
    comment.save()


def post_comment(*, item, user, text: str, parent: Comment | None = None) -> Comment:
    """Add a comment on ``item`` (a reply when ``parent`` is given)."""
    _require_discussion(user, item)
    text = check_text(text)
    if parent is not None:
        if parent.target != item:
            raise ValidationError(
                _("That comment is on another item."), code="wrong_thread"
            )
        parent = parent.parent or parent
    mentioned = [u.pk for u in mentioned_users(text) if u.pk != user.pk]
    with transaction.atomic():
        lock_item(item)  # also makes two posts of one form take turns
        same = (
            Comment.objects.on(item)
            .filter(
                parent=parent,
                author=user,
                text=text,
                is_deleted=False,
                created_at__gte=timezone.now() - RESUBMIT_WINDOW,
            )
            .first()
        )
        if same is not None:  # a double click: the comment is already there
            return same
        comment = Comment(**target_fields(item), parent=parent, author=user, text=text)
        _save(comment, user, _("Posted"))
        if parent is not None:
            thread = Comment.objects.select_for_update().get(pk=parent.pk)
            if thread.is_resolved:  # a new reply reopens a resolved thread
                _set_resolved(thread, user, resolved=False)
        events.commented_after_commit(comment, user, mentioned)
    return comment


def _require_author(comment: Comment, user) -> None:
    if comment.author_id is None or comment.author_id != user.pk:
        raise PermissionDenied(_("Only its author may change a comment."))
    if comment.is_deleted:
        raise ValidationError(_("This comment was deleted."), code="deleted")


def edit_comment(*, comment: Comment, user, text: str) -> Comment:
    _require_author(comment, user)
    text = check_text(text)
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        _require_author(comment, user)
        # Anyone named in any earlier version was told already: taking a mention
        # out and putting it back tells no one twice.
        earlier = "\n".join(comment.history.values_list("text", flat=True))
        before = {u.pk for u in mentioned_users(earlier)}
        comment.text = text
        comment.edited_at = timezone.now()
        _save(comment, user, _("Edited"))
        added = [
            u.pk
            for u in mentioned_users(text)
            if u.pk not in before and u.pk != user.pk
        ]
        if added:
            events.commented_after_commit(comment, user, added)
    return comment


def delete_comment(*, comment: Comment, user) -> Comment:
    """Blank the comment (its text stays in the history; replies stay in place)."""
    _require_author(comment, user)
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        _require_author(comment, user)
        comment.text = ""
        comment.is_deleted = True
        comment.edited_at = timezone.now()
        _save(comment, user, _("Deleted"))
    return comment


def _set_resolved(thread: Comment, user, *, resolved: bool) -> Comment:
    thread.is_resolved = resolved
    thread.resolved_by = user if resolved else None
    _save(thread, user, _("Resolved") if resolved else _("Reopened"))
    return thread


def resolve_thread(*, comment: Comment, user) -> Comment:
    return _resolve(comment, user, resolved=True)


def reopen_thread(*, comment: Comment, user) -> Comment:
    return _resolve(comment, user, resolved=False)


def _resolve(comment: Comment, user, *, resolved: bool) -> Comment:
    _require_discussion(user, comment.target)
    with transaction.atomic():
        thread = Comment.objects.select_for_update().get(
            pk=comment.parent_id or comment.pk
        )
        if thread.is_resolved == resolved:
            return thread
        return _set_resolved(thread, user, resolved=resolved)
