"""Background jobs: the import job, crash and re-run, stale jobs, retries, who sees
which job. Jobs run eagerly here (settings/test.py); test_worker.py runs a real one."""

import datetime as dt
import json

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone

from articles.models import (
    Article,
    Job,
    JobItem,
    JobItemOutcome,
    JobKind,
    JobState,
    Mention,
)
from articles.services import jobs
from articles.tasks import run_job
from entities.models import EntityKind
from tests.articles import engine_fakes
from tests.factories import ArticleFactory, EntityFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fake_engine(monkeypatch):
    place = EntityFactory(name="Northbridge", kind=EntityKind.PLACE)
    engine_fakes.install(monkeypatch, entities={"Northbridge": place})


def jsonl(count: int, *, start: int = 1) -> str:
    return "\n".join(
        json.dumps(
            {
                "headline": f"Story {n}",
                "body": f"Story number {n} happened in Northbridge on Monday.",
                "url": f"https://news.example.org/story-{n}",
            }
        )
        for n in range(start, start + count)
    )


def queue_import(user, text: str, capture) -> Job:
    """Start an import job without running it (its enqueue callback is dropped)."""
    with capture(execute=False):
        return jobs.start_import(user=user, file_name="batch.jsonl", file_text=text)


class WorkerCrash(Exception):
    """Stands for anything that stops a job half-way (the database went away…)."""


class WorkerKilled(BaseException):
    """Stands for SIGKILL: no except clause in the job sees it."""


def fail_on_line(monkeypatch, line: int, error: BaseException):
    """Make the suggestions of the ``line``-th imported article raise: the article
    is saved by then, so only the transaction keeps it from being half-imported."""
    from articles.services import suggestions

    real = suggestions.suggest_for_article
    calls = {"n": 0}

    def flaky(**kwargs):
        calls["n"] += 1
        if calls["n"] == line:
            raise error
        return real(**kwargs)

    monkeypatch.setattr(suggestions, "suggest_for_article", flaky)
    return lambda: monkeypatch.setattr(suggestions, "suggest_for_article", real)


def assert_imported_once(count: int, job: Job):
    """Exactly ``count`` articles, each once, each with its suggestions and report."""
    headlines = list(Article.objects.values_list("headline", flat=True))
    assert sorted(headlines) == sorted(f"Story {n}" for n in range(1, count + 1))
    for article in Article.objects.all():
        assert Mention.objects.filter(article=article).count() == 1
    items = list(job.items.order_by("position"))
    assert [item.position for item in items] == list(range(1, count + 1))
    assert {item.outcome for item in items} == {JobItemOutcome.IMPORTED}
    assert {item.article_id for item in items} == set(
        Article.objects.values_list("pk", flat=True)
    )


# --- The import job -----------------------------------------------------------------


def test_the_import_request_only_queues_the_job(
    client, editor, django_capture_on_commit_callbacks
):
    """Finding: a 1,200-line import ran in the request and died at the 30 s timeout
    with 302 articles committed and no report. Now the request stores the file and
    answers at once; nothing is imported until a worker runs the job."""
    client.force_login(editor)
    upload = SimpleUploadedFile("batch.jsonl", jsonl(1200).encode())
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post(
            reverse("admin:articles_article_import"), {"file": upload}
        )
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_job_change", args=[job.pk])
    assert not Article.objects.exists()
    assert job.kind == JobKind.IMPORT and job.state == JobState.QUEUED
    assert job.started_by == editor and job.task_id
    assert job.input.file_name == "batch.jsonl"
    assert len(job.input.file_text.splitlines()) == 1200
    assert len(queued) == 1  # handed to Celery once the request's data is committed


def test_an_import_job_reports_every_line(editor, django_capture_on_commit_callbacks):
    ArticleFactory(original_url="https://news.example.org/story-2")
    text = jsonl(3) + "\n{broken\n" + json.dumps({"headline": "No body"})
    job = queue_import(editor, text, django_capture_on_commit_callbacks)

    run_job.delay(job.pk)

    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED
    assert (job.done, job.total) == (5, 5)
    assert job.started_at and job.finished_at and job.attempts == 1
    report = [(i.source, i.outcome) for i in job.items.order_by("position")]
    assert report == [
        ("batch.jsonl:1", "imported"),
        ("batch.jsonl:2", "duplicate"),
        ("batch.jsonl:3", "imported"),
        ("batch.jsonl:4", "refused"),
        ("batch.jsonl:5", "refused"),
    ]
    assert job.result == {"imported": 2, "duplicate": 1, "refused": 2}
    assert "no body" in job.items.get(position=5).message
    assert Article.objects.get(headline="Story 3").created_by == editor


def test_a_crash_mid_import_then_a_rerun_imports_each_line_once(
    editor, monkeypatch, django_capture_on_commit_callbacks
):
    job = queue_import(editor, jsonl(5), django_capture_on_commit_callbacks)
    restore = fail_on_line(monkeypatch, 3, WorkerCrash("database went away"))

    with pytest.raises(WorkerCrash):
        run_job.delay(job.pk)

    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert "database went away" in job.error
    # Lines 1 and 2 are in; line 3's article, saved before the crash, is not.
    assert set(Article.objects.values_list("headline", flat=True)) == {
        "Story 1",
        "Story 2",
    }
    assert job.items.count() == 2 and job.done == 2

    restore()
    with django_capture_on_commit_callbacks(execute=True):
        jobs.run_again(job=job, user=editor)

    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED and job.error == ""
    assert (job.done, job.total) == (5, 5)
    assert_imported_once(5, job)


def test_a_killed_worker_job_is_requeued_by_beat_and_finished_once(
    editor, monkeypatch, django_capture_on_commit_callbacks
):
    job = queue_import(editor, jsonl(4), django_capture_on_commit_callbacks)
    restore = fail_on_line(monkeypatch, 2, WorkerKilled())
    with pytest.raises(WorkerKilled):
        run_job.delay(job.pk)
    restore()
    job.refresh_from_db()
    assert job.state == JobState.RUNNING  # nobody was left to say otherwise
    assert Article.objects.count() == 1

    assert jobs.requeue_stale() == []  # still within its grace period
    later = timezone.now() + jobs.STALE_AFTER + dt.timedelta(minutes=1)
    with time_machine.travel(later, tick=False):
        assert jobs.requeue_stale() == [job.pk]

    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED and job.attempts == 2
    assert_imported_once(4, job)


def test_a_redelivered_message_changes_nothing(
    editor, django_capture_on_commit_callbacks
):
    job = queue_import(editor, jsonl(3), django_capture_on_commit_callbacks)
    run_job.delay(job.pk)
    run_job.delay(job.pk)  # finished: the second delivery is ignored
    Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING)
    run_job.delay(job.pk)  # even a job thought running skips the lines it did
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED
    assert_imported_once(3, job)


def test_a_line_reported_by_another_run_meanwhile_is_not_imported_twice(
    editor, monkeypatch, django_capture_on_commit_callbacks
):
    """Two workers on one job: the unique (job, position) report refuses the second
    and takes back the article it wrote with it."""
    job = queue_import(editor, jsonl(2), django_capture_on_commit_callbacks)
    # The other worker committed line 1 after this one read which lines were done.
    JobItem.objects.create(
        job=job, position=1, source="batch.jsonl:1", outcome="imported"
    )
    monkeypatch.setattr(jobs, "reported_positions", lambda job: set())

    run_job.delay(job.pk)

    assert list(Article.objects.values_list("headline", flat=True)) == ["Story 2"]
    assert job.items.count() == 2


def test_a_transient_database_error_is_retried(
    editor, monkeypatch, django_capture_on_commit_callbacks
):
    job = queue_import(editor, jsonl(2), django_capture_on_commit_callbacks)
    fail_on_line(monkeypatch, 2, OperationalError("server closed the connection"))
    # Eagerly, a retry is run at once by apply() when errors are not propagated.
    run_job.apply(args=[job.pk], throw=False)
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED
    assert job.attempts == 2
    assert_imported_once(2, job)


def test_a_job_tried_too_often_is_failed_not_requeued(editor):
    job = Job.objects.create(
        kind=JobKind.IMPORT,
        started_by=editor,
        state=JobState.RUNNING,
        attempts=jobs.MAX_ATTEMPTS,
    )
    later = timezone.now() + jobs.STALE_AFTER + dt.timedelta(minutes=1)
    with time_machine.travel(later, tick=False):
        assert jobs.requeue_stale() == []
    job.refresh_from_db()
    assert job.state == JobState.FAILED and "lost 5 times" in job.error


def test_an_importer_who_lost_the_permission_gets_a_failed_job(
    editor, django_capture_on_commit_callbacks
):
    job = queue_import(editor, jsonl(1), django_capture_on_commit_callbacks)
    editor.groups.clear()
    with pytest.raises(Exception, match="may no longer import"):
        run_job.delay(job.pk)
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert not Article.objects.exists()


def test_only_an_importer_may_queue_an_import(reviewer):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        jobs.start_import(user=reviewer, file_name="a.jsonl", file_text=jsonl(1))
    assert not Job.objects.exists()


def test_the_command_still_imports_inline(tmp_path):
    from io import StringIO

    from django.core.management import call_command

    path = tmp_path / "batch.jsonl"
    path.write_text(jsonl(2))
    out = StringIO()
    call_command("import_articles", str(path), "--no-progress", stdout=out)
    assert "2 imported, 0 refused." in out.getvalue()
    assert not Job.objects.exists()


# --- Suggestions after a save -------------------------------------------------------


def test_one_waiting_suggestion_job_per_article(editor):
    article = ArticleFactory()
    first = jobs.request_suggestions(article=article, user=editor)
    second = jobs.request_suggestions(article=article, user=editor)
    assert first == second and Job.objects.count() == 1


def test_an_admin_save_queues_suggestions_instead_of_running_them(
    client, superuser, django_capture_on_commit_callbacks
):
    """Finding: suggestions ran synchronously on every admin save."""
    article = ArticleFactory()
    client.force_login(superuser)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = {
        key: value
        for key, value in client.get(url).context["adminform"].form.initial.items()
        if value is not None
    }
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post(
            url,
            {
                **data,
                "body": article.body + "\n\nMore from Northbridge.",
                "mentions-TOTAL_FORMS": 0,
                "mentions-INITIAL_FORMS": 0,
                "quotes-TOTAL_FORMS": 0,
                "quotes-INITIAL_FORMS": 0,
                "claims-TOTAL_FORMS": 0,
                "claims-INITIAL_FORMS": 0,
            },
            follow=True,
        )
    assert "Suggestions are being computed" in response.content.decode()
    assert not Mention.objects.filter(article=article).exists()
    job = Job.objects.get(kind=JobKind.SUGGEST, article=article)
    assert job.state == JobState.QUEUED and job.started_by == superuser
    for callback in queued:
        callback()
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED
    assert Mention.objects.filter(article=article).exists()


# --- Who sees which job ------------------------------------------------------------


@pytest.fixture
def two_jobs(editor):
    other = UserFactory(username="ed2", groups=["Editor"])
    mine = Job.objects.create(kind=JobKind.IMPORT, started_by=editor)
    theirs = Job.objects.create(kind=JobKind.IMPORT, started_by=other)
    return mine, theirs


def test_editors_see_their_jobs_and_superusers_all(client, editor, superuser, two_jobs):
    mine, theirs = two_jobs
    changelist = reverse("admin:articles_job_changelist")
    client.force_login(editor)
    response = client.get(changelist)
    assert list(response.context["cl"].queryset) == [mine]
    assert client.get(mine.get_absolute_url()).status_code == 200
    assert client.get(theirs.get_absolute_url()).status_code == 302  # not found
    status = reverse("admin:articles_job_status", args=[theirs.pk])
    assert client.get(status).status_code == 404

    client.force_login(superuser)
    response = client.get(changelist)
    assert set(response.context["cl"].queryset) == {mine, theirs}
    assert client.get(theirs.get_absolute_url()).status_code == 200


def test_nobody_edits_or_deletes_a_job(client, superuser, two_jobs):
    mine, _ = two_jobs
    client.force_login(superuser)
    assert client.get(reverse("admin:articles_job_add")).status_code == 403
    delete = reverse("admin:articles_job_delete", args=[mine.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Job.objects.filter(pk=mine.pk).exists()


def test_the_job_page_follows_the_job_without_inline_script(
    client, editor, django_capture_on_commit_callbacks
):
    job = queue_import(editor, jsonl(2), django_capture_on_commit_callbacks)
    client.force_login(editor)
    page = client.get(job.get_absolute_url()).content.decode()
    assert "js/job_status.js" in page
    assert reverse("admin:articles_job_status", args=[job.pk]) in page
    assert "Waiting for a worker" in page
    assert "<script>" not in page  # CSP: script-src 'self' allows no inline script

    status = client.get(reverse("admin:articles_job_status", args=[job.pk])).json()
    assert status["state"] == "queued" and status["finished"] is False
    assert "items" not in status

    run_job.delay(job.pk)
    status = client.get(
        reverse("admin:articles_job_status", args=[job.pk]), {"items": "1"}
    ).json()
    assert status["finished"] is True and status["percent"] == 100
    assert [item["outcome"] for item in status["items"]] == ["imported", "imported"]
    page = client.get(job.get_absolute_url()).content.decode()
    assert "js/job_status.js" not in page  # finished: nothing to follow
    assert "Story 1" in page and "batch.jsonl:2" in page


def test_run_again_is_for_failed_jobs_of_ones_own(client, editor, two_jobs):
    mine, theirs = two_jobs
    Job.objects.filter(pk__in=[mine.pk, theirs.pk]).update(state=JobState.FAILED)
    from django.core.exceptions import PermissionDenied

    theirs.refresh_from_db()
    with pytest.raises(PermissionDenied):
        jobs.run_again(job=theirs, user=editor)
    theirs.refresh_from_db()
    assert theirs.state == JobState.FAILED


def test_suggestions_for_a_body_edited_meanwhile_are_not_stored(
    editor, monkeypatch, django_capture_on_commit_callbacks
):
    """Queued suggestions run later: offsets computed on the old text must not be
    stored against the new one (they would be misplaced spans)."""
    from articles.services import engine

    article = ArticleFactory()
    with django_capture_on_commit_callbacks(execute=False):
        job = jobs.request_suggestions(article=article, user=editor)
    real = engine.find_claims

    def edit_meanwhile(text, **kwargs):
        Article.objects.filter(pk=article.pk).update(body="Edited. " + article.body)
        return real(text, **kwargs)

    monkeypatch.setattr(engine, "find_claims", edit_meanwhile)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        run_job.delay(job.pk)

    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED
    assert "edited while suggestions were computed" in job.items.get().message
    assert not Mention.objects.filter(article=article).exists()
    again = Job.objects.get(kind=JobKind.SUGGEST, state=JobState.QUEUED)
    assert again.article == article and len(queued) == 1


def test_a_finished_import_drops_its_stored_file(
    editor, django_capture_on_commit_callbacks
):
    job = queue_import(editor, jsonl(2), django_capture_on_commit_callbacks)
    run_job.delay(job.pk)
    job.input.refresh_from_db()
    assert job.input.file_text == "" and job.input.file_name == "batch.jsonl"
    assert job.items.count() == 2  # the report stays
