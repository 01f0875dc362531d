"""Scheduled publication: the ``publish_due`` service, run every minute by Celery beat
(``articles.publish_due``) and by hand with ``manage.py publish_scheduled``."""

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command

from articles.models import FactCheckState, PublishedVersion
from articles.services import workflow
from tests.articles.workflow_helpers import ready_fact_check

pytestmark = pytest.mark.django_db

MORNING = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)
GO_LIVE = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)


def run():
    out, err = StringIO(), StringIO()
    call_command("publish_scheduled", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def scheduled(editor, publisher):
    with time_machine.travel(MORNING, tick=False):
        fact_check = ready_fact_check(claims=2)
        workflow.submit_for_review(fact_check=fact_check, user=editor)
        workflow.approve(fact_check=fact_check, user=publisher)
        workflow.schedule(fact_check=fact_check, user=publisher, at=GO_LIVE)
    return fact_check


def test_nothing_happens_before_the_go_live_time(scheduled):
    with time_machine.travel(GO_LIVE - dt.timedelta(minutes=1), tick=False):
        out, err = run()
    assert "Nothing is due" in out and err == ""
    scheduled.refresh_from_db()
    assert scheduled.state == FactCheckState.APPROVED


def test_a_due_fact_check_is_published_as_its_scheduler(scheduled, publisher):
    with time_machine.travel(GO_LIVE + dt.timedelta(seconds=20), tick=False):
        out, err = run()

    assert f"Published: {scheduled.title}" in out
    assert "1 published, 0 refused." in out
    assert err == ""
    scheduled.refresh_from_db()
    assert scheduled.state == FactCheckState.PUBLISHED
    assert scheduled.scheduled_at is None
    version = PublishedVersion.objects.get(fact_check=scheduled, is_current=True)
    assert version.published_by == publisher
    assert version.published_at == GO_LIVE + dt.timedelta(seconds=20)
    assert scheduled.history.first().history_user == publisher

    with time_machine.travel(GO_LIVE + dt.timedelta(minutes=1), tick=False):
        out, _ = run()
    assert "Nothing is due" in out
    assert PublishedVersion.objects.filter(fact_check=scheduled).count() == 1


def test_the_gate_is_checked_again_at_go_live(scheduled):
    claim = scheduled.ordered_claims()[1]
    claim.citations.all().delete()

    with time_machine.travel(GO_LIVE + dt.timedelta(minutes=1), tick=False):
        out, err = run()

    assert f"Refused: {scheduled.title}" in err
    assert f"Claim 2 “{claim.statement}”: no citation" in err
    assert "0 published, 1 refused." in out
    scheduled.refresh_from_db()
    assert scheduled.state == FactCheckState.APPROVED
    assert scheduled.scheduled_at is None
    assert not PublishedVersion.objects.exists()
    assert "no citation" in scheduled.history.first().history_change_reason


def test_a_scheduler_who_lost_the_right_to_publish_is_refused(scheduled, publisher):
    publisher.groups.clear()
    with time_machine.travel(GO_LIVE + dt.timedelta(minutes=1), tick=False):
        out, err = run()
    assert "pub may no longer publish" in err
    assert not PublishedVersion.objects.exists()


def test_the_help_says_beat_runs_it(capsys):
    with pytest.raises(SystemExit):
        call_command("publish_scheduled", "--help")
    assert "Celery beat" in " ".join(capsys.readouterr().out.split())


def test_beat_runs_the_publication_task_every_minute():
    from django.conf import settings

    from newsroom.celery import app

    app.loader.import_default_modules()  # what a worker does when it starts
    entry = settings.CELERY_BEAT_SCHEDULE["publish-due"]
    assert entry["task"] == "articles.publish_due"
    assert entry["schedule"] == 60
    assert "articles.publish_due" in app.tasks


def test_the_beat_task_publishes_what_is_due(scheduled, publisher):
    from articles.tasks import publish_due

    with time_machine.travel(GO_LIVE + dt.timedelta(seconds=5), tick=False):
        counts = publish_due.delay().get()
    assert counts == {"due": 1, "published": 1, "refused": 0, "failed": 0}
    scheduled.refresh_from_db()
    assert scheduled.state == FactCheckState.PUBLISHED


def test_two_runs_at_once_publish_once(scheduled, monkeypatch):
    """A run that found the fact-check due but reached it after another run
    published it leaves it alone (no version 2)."""
    from articles.services import scheduling

    with time_machine.travel(GO_LIVE + dt.timedelta(seconds=5), tick=False):
        seen = scheduling.due_fact_checks(GO_LIVE + dt.timedelta(seconds=5))
        first = scheduling.publish_due()
        monkeypatch.setattr(scheduling, "due_fact_checks", lambda now: seen)
        second = scheduling.publish_due()
    assert len(first.published) == 1
    assert second.counts() == {"due": 1, "published": 0, "refused": 0, "failed": 0}
    assert PublishedVersion.objects.filter(fact_check=scheduled).count() == 1


def test_an_unexpected_failure_keeps_the_schedule_and_fails_the_run(
    scheduled, monkeypatch
):
    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("articles.services.workflow.take_snapshot", broken)
    err = StringIO()
    with (
        time_machine.travel(GO_LIVE + dt.timedelta(minutes=1), tick=False),
        pytest.raises(CommandError, match="1 scheduled publication"),
    ):
        call_command("publish_scheduled", stdout=StringIO(), stderr=err)
    assert "disk full" in err.getvalue() and "stays scheduled" in err.getvalue()
    scheduled.refresh_from_db()
    assert scheduled.scheduled_at == GO_LIVE
    assert scheduled.state == FactCheckState.APPROVED
