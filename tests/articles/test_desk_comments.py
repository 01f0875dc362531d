"""Discussion: threads, @mentions, resolve/reopen, author-only edits, history."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from articles.desk.comments import (
    delete_comment,
    edit_comment,
    post_comment,
    reopen_thread,
    resolve_thread,
)
from articles.desk.selectors import threads_on
from articles.models import Comment, DeskEvent
from tests.articles.desk_helpers import mails_to, notes_for
from tests.factories import ClaimFactory, FactCheckFactory, QuoteFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_mention_tells_the_person_and_unknown_handles_stay_text(
    editor, publisher, django_capture_on_commit_callbacks
):
    UserFactory(username="gone", groups=["Editor"], is_active=False)
    fact_check = FactCheckFactory()
    with django_capture_on_commit_callbacks(execute=True):
        comment = post_comment(
            item=fact_check,
            user=editor,
            text="@pub can you look? cc @nobody and @gone, and me @ed",
        )
    [note] = notes_for(publisher, DeskEvent.MENTIONED)
    assert "ed mentioned you" in note.text
    assert note.url.endswith(f"#comment-{comment.pk}")
    assert mails_to(publisher)
    assert notes_for(editor) == []  # not told of their own mention
    assert Comment.objects.get().text.startswith("@pub can you look?")


def test_replies_join_the_thread_and_tell_earlier_authors(
    editor, reviewer, django_capture_on_commit_callbacks
):
    quote = QuoteFactory()
    thread = post_comment(item=quote, user=editor, text="Is this the mayor?")
    with django_capture_on_commit_callbacks(execute=True):
        reply = post_comment(item=quote, user=reviewer, text="Yes", parent=thread)
        again = post_comment(item=quote, user=editor, text="Thanks", parent=reply)
    assert again.parent == thread  # a reply to a reply joins the thread
    assert len(notes_for(editor, DeskEvent.REPLIED)) == 1
    assert len(notes_for(reviewer, DeskEvent.REPLIED)) == 1
    assert any("replied" in m.body and "Thanks" in m.body for m in mails_to(reviewer))
    [loaded] = threads_on(quote)
    assert [c.text for c in loaded.replies.all()] == ["Yes", "Thanks"]


def test_a_reply_must_be_on_the_same_item(editor):
    thread = post_comment(item=ClaimFactory(), user=editor, text="one")
    with pytest.raises(ValidationError):
        post_comment(item=ClaimFactory(), user=editor, text="two", parent=thread)


def test_resolve_and_reopen(editor, reviewer):
    claim = ClaimFactory()
    thread = post_comment(item=claim, user=editor, text="Source?")
    reply = post_comment(item=claim, user=editor, text="Found it", parent=thread)
    resolve_thread(comment=reply, user=reviewer)  # resolving a reply: its thread
    thread.refresh_from_db()
    assert thread.is_resolved and thread.resolved_by == reviewer
    reopen_thread(comment=thread, user=editor)
    thread.refresh_from_db()
    assert not thread.is_resolved and thread.resolved_by is None
    resolve_thread(comment=thread, user=editor)
    post_comment(item=claim, user=reviewer, text="Not quite", parent=thread)
    thread.refresh_from_db()
    assert not thread.is_resolved  # a new reply reopens it


def test_only_the_author_edits_or_deletes_and_history_keeps_it(editor, reviewer):
    comment = post_comment(item=ClaimFactory(), user=editor, text="Frist")
    with pytest.raises(PermissionDenied):
        edit_comment(comment=comment, user=reviewer, text="hijacked")
    with pytest.raises(PermissionDenied):
        delete_comment(comment=comment, user=reviewer)
    edit_comment(comment=comment, user=editor, text="First")
    delete_comment(comment=comment, user=editor)
    comment.refresh_from_db()
    assert comment.is_deleted and comment.text == ""
    history = Comment.history.filter(id=comment.pk).order_by("history_date")
    assert [(h.text, h.history_change_reason, h.history_user_id) for h in history] == [
        ("Frist", "Posted", editor.pk),
        ("First", "Edited", editor.pk),
        ("", "Deleted", editor.pk),
    ]
    with pytest.raises(ValidationError):
        edit_comment(comment=comment, user=editor, text="back")


def test_control_characters_and_empty_comments_are_refused(editor):
    claim = ClaimFactory()
    for text in ["", "   ", "bell\x07", "esc\x1b[31m"]:
        with pytest.raises(ValidationError):
            post_comment(item=claim, user=editor, text=text)
    assert not Comment.objects.exists()
    post_comment(item=claim, user=editor, text="line one\nline two\ttab")


def test_non_staff_may_not_comment(editor):
    outsider = UserFactory(username="reader", is_staff=False)
    with pytest.raises(PermissionDenied):
        post_comment(item=ClaimFactory(), user=outsider, text="hello")


def test_a_mention_tells_no_one_who_may_not_see_the_item(
    editor, django_capture_on_commit_callbacks
):
    """Staff with no role on fact-checks are not sent the comment's words."""
    outsider = UserFactory(username="outsider")  # staff, in no group
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(item=FactCheckFactory(), user=editor, text="@outsider secret")
    assert notes_for(outsider) == [] and mails_to(outsider) == []


def test_a_reply_tells_no_earlier_author_who_is_no_longer_staff(
    editor, publisher, django_capture_on_commit_callbacks
):
    fact_check = FactCheckFactory()
    thread = post_comment(item=fact_check, user=publisher, text="first")
    publisher.is_staff = False
    publisher.save()
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(item=fact_check, user=editor, text="reply", parent=thread)
    assert notes_for(publisher) == [] and mails_to(publisher) == []


def test_editing_a_mention_out_and_back_in_tells_the_person_once(
    editor, publisher, django_capture_on_commit_callbacks
):
    comment = post_comment(item=FactCheckFactory(), user=editor, text="Draft")
    with django_capture_on_commit_callbacks(execute=True):
        for text in ("Draft, @pub?", "Draft", "Draft, @pub?", "Draft, @pub!"):
            edit_comment(comment=comment, user=editor, text=text)
    assert len(notes_for(publisher, DeskEvent.MENTIONED)) == 1
    assert len(mails_to(publisher)) == 1
