"""Notifications of the desk: who is told of what, in the app and by mail, after
commit, never the actor, as each person prefers."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from articles.desk import tasks
from articles.desk.notify import deliveries, mark_read
from articles.desk.preferences import set_preferences
from articles.desk.selectors import unread_count
from articles.models import (
    ClaimSuggestion,
    Delivery,
    DeskEvent,
    ErrorReport,
    MailState,
    Notification,
)
from articles.services import workflow
from articles.services.review import dispute_attribution
from tests.articles.desk_helpers import committed, mails_to, notes_for
from tests.articles.workflow_helpers import ready_fact_check
from tests.factories import ClaimFactory, QuoteFactory, UserFactory
from tests.history import acting_as

pytestmark = pytest.mark.django_db


@pytest.fixture
def fact_check():
    return ready_fact_check(claims=1)


def submit(fact_check, editor, capture):
    with capture(execute=True):
        workflow.submit_for_review(fact_check=fact_check, user=editor)


def test_submission_tells_publishers_in_app_and_by_mail(
    fact_check, editor, publisher, reviewer, django_capture_on_commit_callbacks
):
    submit(fact_check, editor, django_capture_on_commit_callbacks)
    [note] = notes_for(publisher, DeskEvent.SUBMITTED)
    assert fact_check.title in note.text and "ed submitted" in note.text
    assert note.url == f"/admin/articles/factcheck/{fact_check.pk}/change/"
    assert note.mail_state == MailState.SENT
    [message] = mails_to(publisher)
    assert "submitted for review" in message.subject.lower()
    assert fact_check.title in message.body
    assert f"http://testserver/admin/articles/factcheck/{fact_check.pk}/change/" in (
        message.body.replace("http://127.0.0.1:8000", "http://testserver")
    )
    # neither the actor nor a reviewer hears of it
    assert notes_for(editor) == [] and notes_for(reviewer) == []
    assert mails_to(editor) == []


def test_nothing_is_told_inside_the_transaction(
    fact_check, editor, publisher, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        workflow.submit_for_review(fact_check=fact_check, user=editor)
    assert callbacks, "the notification waits for the commit"
    assert Notification.objects.count() == 0 and mail.outbox == []


def test_return_tells_the_submitter_with_the_reason(
    fact_check, editor, publisher, django_capture_on_commit_callbacks
):
    submit(fact_check, editor, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.request_changes(
            fact_check=fact_check, user=publisher, note="Claim 2 needs a source"
        )
    [note] = notes_for(editor, DeskEvent.RETURNED)
    assert "Reason: Claim 2 needs a source" in note.text
    [message] = mails_to(editor)
    assert "Claim 2 needs a source" in message.body
    assert notes_for(publisher, DeskEvent.RETURNED) == []


def test_approval_tells_who_may_publish_and_publication_tells_the_submitter(
    fact_check, editor, publisher, django_capture_on_commit_callbacks
):
    other_publisher = UserFactory(username="pub2", groups=["Publisher"])
    submit(fact_check, editor, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve(fact_check=fact_check, user=publisher)
    assert len(notes_for(other_publisher, DeskEvent.APPROVED)) == 1
    [approved_mail] = mails_to(other_publisher)[-1:]
    assert "waits to be published" in approved_mail.body
    assert notes_for(publisher, DeskEvent.APPROVED) == []  # the actor
    assert notes_for(editor, DeskEvent.APPROVED) == []  # may not publish
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(fact_check=fact_check, user=other_publisher)
    [note] = notes_for(editor, DeskEvent.PUBLISHED)
    assert "pub2 published" in note.text
    assert any("published" in m.subject.lower() for m in mails_to(editor))


def test_dispute_tells_the_tagger(reviewer, django_capture_on_commit_callbacks):
    tagger = UserFactory(username="tagger", groups=["Editor"])
    with acting_as(tagger):
        quote = QuoteFactory(created_by=tagger)
    with django_capture_on_commit_callbacks(execute=True):
        dispute_attribution(item=quote, user=reviewer, note="Not in the recording")
    [note] = notes_for(tagger, DeskEvent.DISPUTED)
    assert "Not in the recording" in note.text
    assert note.url == f"/review/quote/{quote.pk}/"
    assert "Not in the recording" in mails_to(tagger)[0].body


def test_a_refused_scheduled_publication_tells_who_scheduled_it(
    fact_check, editor, publisher, django_capture_on_commit_callbacks
):
    submit(fact_check, editor, django_capture_on_commit_callbacks)
    workflow.approve(fact_check=fact_check, user=publisher)
    workflow.schedule(
        fact_check=fact_check,
        user=publisher,
        at=dt.datetime.now(dt.UTC) + dt.timedelta(hours=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        workflow.drop_schedule(
            fact_check=fact_check,
            reason="Scheduled publication refused: claim 1 no citation",
        )
    [note] = notes_for(publisher, DeskEvent.SCHEDULE_FAILED)
    assert "claim 1 no citation" in note.text
    assert "did not happen" in mails_to(publisher)[-1].body


def test_recheck_due_is_told_once_per_date(editor, django_capture_on_commit_callbacks):
    today = dt.datetime.now(dt.UTC).date()
    claim = ClaimFactory(checked_by=editor, recheck_on=today - dt.timedelta(days=1))
    ClaimFactory(checked_by=editor, recheck_on=today + dt.timedelta(days=3))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.notify_recheck_due.delay().get() == 1
        assert tasks.notify_recheck_due.delay().get() == 0  # told once only
    [note] = notes_for(editor, DeskEvent.RECHECK_DUE)
    assert claim.statement[:40] in note.text
    assert len(mails_to(editor)) == 1


def test_turned_off_means_neither_app_nor_mail(
    fact_check, editor, publisher, django_capture_on_commit_callbacks
):
    set_preferences(user=publisher, choices={DeskEvent.SUBMITTED: Delivery.OFF})
    submit(fact_check, editor, django_capture_on_commit_callbacks)
    assert notes_for(publisher) == [] and mails_to(publisher) == []


def test_in_app_only_sends_no_mail(
    fact_check, editor, publisher, django_capture_on_commit_callbacks
):
    set_preferences(user=publisher, choices={DeskEvent.SUBMITTED: Delivery.IN_APP})
    submit(fact_check, editor, django_capture_on_commit_callbacks)
    assert len(notes_for(publisher)) == 1 and mails_to(publisher) == []


def test_digest_waits_for_the_daily_mail_and_sends_it_once(
    fact_check, editor, publisher, django_capture_on_commit_callbacks
):
    set_preferences(user=publisher, choices={DeskEvent.SUBMITTED: Delivery.DIGEST})
    submit(fact_check, editor, django_capture_on_commit_callbacks)
    [note] = notes_for(publisher)
    assert note.mail_state == MailState.DIGEST and mails_to(publisher) == []
    assert tasks.send_digests.delay().get() == 1
    [digest] = mails_to(publisher)
    assert "1 notification" in digest.subject and fact_check.title in digest.body
    assert tasks.send_digests.delay().get() == 0
    assert len(mails_to(publisher)) == 1


def test_the_mail_task_is_idempotent(
    fact_check, editor, publisher, django_capture_on_commit_callbacks
):
    submit(fact_check, editor, django_capture_on_commit_callbacks)
    [note] = notes_for(publisher)
    assert tasks.send_notification_mail.delay(note.pk).get() is False
    assert len(mails_to(publisher)) == 1


def test_unread_count_and_mark_read(
    fact_check, editor, publisher, django_capture_on_commit_callbacks
):
    submit(fact_check, editor, django_capture_on_commit_callbacks)
    assert unread_count(publisher) == 1
    [note] = notes_for(publisher)
    assert mark_read(user=editor, notification_id=note.pk) == 0  # not theirs
    assert unread_count(publisher) == 1
    assert mark_read(user=publisher, notification_id=note.pk) == 1
    assert unread_count(publisher) == 0


def _deactivate(user):
    user.is_active = False
    user.save()


def test_no_digest_goes_to_someone_deactivated_since(
    fact_check, editor, publisher, django_capture_on_commit_callbacks
):
    set_preferences(user=publisher, choices={DeskEvent.SUBMITTED: Delivery.DIGEST})
    submit(fact_check, editor, django_capture_on_commit_callbacks)
    _deactivate(publisher)  # left the desk before the day's digest
    assert tasks.send_digests.delay().get() == 0
    assert mails_to(publisher) == []
    assert notes_for(publisher)[0].mail_state == MailState.NONE


def test_no_mail_goes_to_someone_deactivated_before_the_worker_sends_it(
    fact_check, editor, publisher, django_capture_on_commit_callbacks, monkeypatch
):
    from articles.desk import notify as notify_module

    queued = []
    monkeypatch.setattr(notify_module, "_queue_mail", queued.append)
    submit(fact_check, editor, django_capture_on_commit_callbacks)
    _deactivate(publisher)
    assert [tasks.send_notification_mail(pk) for pk in queued] == [False]
    assert mails_to(publisher) == []
    assert notes_for(publisher)[0].mail_state == MailState.NONE


# Readers' submissions ------------------------------------------------------------

READER_CLAIM = "Reader-text-claim: the bridge opens in 2026, says the mayor."
READER_REPORT = "Reader-text-report: the vote was 12 to 2, not 12 to 3."
READER_EMAIL = "reader-contact@example.net"
READER_SOURCE = "https://news.example.org/reader-source"


def suggest(client, **overrides):
    return client.post(
        reverse("articles:suggest_claim"),
        {
            "message": READER_CLAIM,
            "source_url": READER_SOURCE,
            "contact_email": READER_EMAIL,
            "website": "",
            **overrides,
        },
    )


def report(client, fact_check, **overrides):
    return client.post(
        reverse("articles:report_error", kwargs={"slug": fact_check.slug}),
        {
            "message": READER_REPORT,
            "contact_email": READER_EMAIL,
            "website": "",
            **overrides,
        },
    )


def assert_no_reader_text(*texts):
    for text in texts:
        for reader_text in (READER_CLAIM, READER_REPORT, READER_EMAIL, READER_SOURCE):
            assert reader_text not in text
        assert "Reader-text" not in text


def test_the_readers_jobs_run_twice_tell_once(
    client, published, publisher, editor, django_capture_on_commit_callbacks
):
    """The notices are jobs; a worker killed after telling runs the job again,
    which must not tell anyone a second time."""
    with committed(django_capture_on_commit_callbacks):
        assert report(client, published).status_code == 302
        assert suggest(client).status_code == 302
    tasks.tell_error_reported.delay(ErrorReport.objects.get().pk).get()
    tasks.tell_claim_suggested.delay(ClaimSuggestion.objects.get().pk).get()
    assert len(notes_for(publisher)) == 1
    assert len(notes_for(editor)) == 1


def test_a_readers_error_report_tells_who_handles_reports_in_the_digest(
    client,
    published,
    publisher,
    editor,
    reviewer,
    superuser,
    django_capture_on_commit_callbacks,
):
    with committed(django_capture_on_commit_callbacks):
        assert report(client, published).status_code == 302
    error_report = ErrorReport.objects.get()
    [note] = notes_for(publisher)
    assert note.event == DeskEvent.ERROR_REPORTED
    assert published.title in note.text
    assert note.url == f"/admin/articles/errorreport/{error_report.pk}/change/"
    assert note.actor is None
    assert_no_reader_text(note.text, note.url)
    # editors see the queue but may not settle a report: not told; nor others
    assert notes_for(editor) == [] and notes_for(reviewer) == []
    assert notes_for(superuser) == []
    # the digest by default: no mail at once, then one in the daily digest
    assert note.mail_state == MailState.DIGEST and mails_to(publisher) == []
    assert unread_count(publisher) == 1
    tasks.send_digests.delay().get()
    [digest] = mails_to(publisher)
    assert published.title in digest.body
    assert f"/admin/articles/errorreport/{error_report.pk}/change/" in digest.body
    assert_no_reader_text(digest.subject, digest.body)


def test_a_readers_suggestion_tells_the_editors_not_reviewers(
    client, editor, reviewer, publisher, superuser, django_capture_on_commit_callbacks
):
    with committed(django_capture_on_commit_callbacks):
        assert suggest(client).status_code == 302
    suggestion = ClaimSuggestion.objects.get()
    [note] = notes_for(editor)
    assert note.event == DeskEvent.CLAIM_SUGGESTED
    assert "suggested a claim" in note.text
    assert note.url == f"/admin/articles/claimsuggestion/{suggestion.pk}/change/"
    assert_no_reader_text(note.text, note.url)
    assert notes_for(reviewer) == [] and notes_for(publisher) == []
    assert notes_for(superuser) == []
    assert note.mail_state == MailState.DIGEST and mails_to(editor) == []
    tasks.send_digests.delay().get()
    [digest] = mails_to(editor)
    assert f"/admin/articles/claimsuggestion/{suggestion.pk}/change/" in digest.body
    assert_no_reader_text(digest.subject, digest.body)


def test_whoever_chose_mail_at_once_is_mailed_at_once_without_reader_text(
    client, editor, django_capture_on_commit_callbacks
):
    set_preferences(
        user=editor, choices={DeskEvent.CLAIM_SUGGESTED: Delivery.IMMEDIATE}
    )
    with committed(django_capture_on_commit_callbacks):
        suggest(client)
    [message] = mails_to(editor)
    assert "a reader suggested a claim" in message.subject.lower()
    assert_no_reader_text(message.subject, message.body)


def test_turned_off_reader_events_tell_no_one(
    client, published, publisher, django_capture_on_commit_callbacks
):
    set_preferences(user=publisher, choices={DeskEvent.ERROR_REPORTED: Delivery.OFF})
    with committed(django_capture_on_commit_callbacks):
        report(client, published)
    assert ErrorReport.objects.count() == 1
    assert notes_for(publisher) == []


@pytest.mark.parametrize(
    "overrides",
    [{"website": "https://spam.example.org"}, {"message": "short"}],
    ids=["honeypot", "invalid"],
)
def test_a_bot_or_refused_post_tells_no_one(
    client, published, editor, publisher, overrides, django_capture_on_commit_callbacks
):
    with committed(django_capture_on_commit_callbacks):
        suggest(client, **overrides)
        report(client, published, **overrides)
    assert not ClaimSuggestion.objects.exists() and not ErrorReport.objects.exists()
    assert not Notification.objects.exists() and mail.outbox == []


def test_a_post_over_the_limit_tells_no_one(
    client, published, editor, publisher, settings, django_capture_on_commit_callbacks
):
    settings.READER_FORM_LIMIT = 1
    suggest(client)
    report(client, published)
    Notification.objects.all().delete()
    with committed(django_capture_on_commit_callbacks):
        assert suggest(client).status_code == 429
        assert report(client, published).status_code == 429
    assert not Notification.objects.exists()


def test_reader_events_default_to_the_digest_and_others_to_mail_at_once(editor):
    assert deliveries([editor.pk], DeskEvent.CLAIM_SUGGESTED) == {
        editor.pk: Delivery.DIGEST
    }
    assert deliveries([editor.pk], DeskEvent.ERROR_REPORTED) == {
        editor.pk: Delivery.DIGEST
    }
    assert deliveries([editor.pk], DeskEvent.SUBMITTED) == {
        editor.pk: Delivery.IMMEDIATE
    }


def test_the_preferences_page_offers_reader_events_with_their_default(client, editor):
    client.force_login(editor)
    body = client.get(reverse("articles:desk_preferences")).content.decode()
    assert "A reader suggested a claim" in body
    assert "A reader reported an error on a published fact-check" in body
    assert "Default: In the app, and by email in a daily digest" in body
    assert "Default: In the app and by email at once" in body
    # the default is the choice shown until one is saved
    assert (
        f'<option value="{Delivery.DIGEST}" selected>'
        in body.split(f'name="{DeskEvent.CLAIM_SUGGESTED}"')[1].split("</select>")[0]
    )
