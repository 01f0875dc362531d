"""The Tag page, its JSON endpoints and the Import page, through the admin."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article, Claim, Job, JobKind, JobState, Mention, Quote
from articles.services.article_body import update_article_body
from articles.services.suggestions import suggest_for_article
from common.bases import SuggestionState
from common.spans import AnchorState
from entities.models import Entity, EntityKind
from tests.articles import engine_fakes
from tests.articles.engine_fakes import span
from tests.factories import ArticleFactory, EntityFactory, MentionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry():
    return {
        "Northbridge": EntityFactory(name="Northbridge", kind=EntityKind.PLACE),
        "Ana Lopez": EntityFactory(name="Ana Lopez", kind=EntityKind.PERSON),
    }


@pytest.fixture(autouse=True)
def fake_engine(monkeypatch, registry):
    engine_fakes.install(monkeypatch, entities=registry)


@pytest.fixture
def article():
    return ArticleFactory()


def tag_url(article):
    return reverse("admin:articles_article_tag", args=[article.pk])


def action_url(article, action):
    return reverse("admin:articles_article_tag_action", args=[article.pk, action])


def post(client, article, action, **data):
    return client.post(action_url(article, action), data)


# --- The page -------------------------------------------------------------------


def test_tag_page_needs_login(client, article):
    response = client.get(tag_url(article))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize("role", ["reviewer", "publisher"])
def test_tag_page_is_refused_to_other_roles(client, article, role, request):
    client.force_login(request.getfixturevalue(role))
    assert client.get(tag_url(article)).status_code == 403


def test_tag_page_shows_highlights_suggestions_and_flags(
    client, article, editor, django_assert_max_num_queries
):
    suggest_for_article(article=article)
    article.body += "\nThe mayor was alos there."
    article.save()
    client.force_login(editor)
    with django_assert_max_num_queries(25):
        response = client.get(tag_url(article))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="tg-seg tg-mention tg-mention-suggested tg-kind-place"' in page
    assert "tg-quote-suggested" in page and "tg-claim-suggested" in page
    assert "tg-flag" in page and "Spelling? “alos” → “also”" in page
    assert "Accept all 2 mentions" in page
    assert "Create entity “Northbridge Gazette”" in page
    assert 'src="/static/js/tagging.js"' in page
    assert "<script>" not in page.replace('<script src="', "")  # no inline scripts


def test_the_page_text_equals_the_body(client, article, editor):
    """Selections are measured on the page's text: it must be the body, exactly."""
    import re
    from html import unescape

    suggest_for_article(article=article)
    client.force_login(editor)
    page = client.get(tag_url(article)).content.decode()
    inner = re.search(r'<div id="tag-body"[^>]*>(.*?)</div>', page, re.S).group(1)
    assert unescape(re.sub(r"<[^>]+>", "", inner)) == article.body


def test_orphaned_and_moved_spans_are_listed(client, article, editor):
    mention = MentionFactory(article=article, text="Northbridge Gazette")
    update_article_body(
        article=article,
        body=article.body.replace("According to the Northbridge Gazette, ", ""),
        user=editor,
    )
    mention.refresh_from_db()
    assert mention.anchor_state == AnchorState.ORPHANED
    client.force_login(editor)
    page = client.get(tag_url(article)).content.decode()
    assert "Orphaned (not found in the text)" in page
    assert "“Northbridge Gazette”" in page
    change = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert "1 span to check" in change.content.decode()


def test_change_form_links_to_the_tag_page(client, article, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert tag_url(article) in response.content.decode()


# --- The endpoints ----------------------------------------------------------------


def test_endpoints_need_login(client, article):
    response = post(client, article, "suggest")
    assert response.status_code == 302
    assert not Mention.objects.exists()


@pytest.mark.parametrize("role", ["reviewer", "publisher"])
def test_endpoints_refuse_other_roles_with_json(client, article, role, request):
    suggest_for_article(article=article)
    mention = Mention.objects.first()
    client.force_login(request.getfixturevalue(role))
    for action, data in [
        ("accept", {"type": "mention", "id": mention.pk}),
        ("suggest", {}),
        ("selection", {"kind": "claim", "start": 0, "end": 8}),
    ]:
        response = post(client, article, action, **data)
        assert response.status_code == 403
        assert response.json()["ok"] is False
    assert (
        Mention.objects.get(pk=mention.pk).suggestion_state == SuggestionState.SUGGESTED
    )


def test_editor_runs_suggestions_on_demand_as_a_job(
    client, article, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = post(client, article, "suggest")
    assert response.status_code == 200
    assert "Suggestions are being computed" in response.json()["message"]
    assert not Mention.objects.exists()  # nothing ran inside the request
    job = Job.objects.get(kind=JobKind.SUGGEST, article=article)
    assert job.started_by == editor and job.state == JobState.QUEUED
    page = client.get(tag_url(article)).content.decode()
    assert "Suggestions are being computed (queued)" in page
    assert job.get_absolute_url() in page

    for callback in queued:  # the commit hands the job to the (eager) worker
        callback()
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED
    assert (
        "3 mention(s), 2 quote(s) and 2 claim(s) suggested" in job.items.get().message
    )
    assert Mention.objects.pending().count() == 3
    assert (
        "Suggestions are being computed"
        not in client.get(tag_url(article)).content.decode()
    )


def test_accept_reject_and_accept_all_through_the_endpoints(
    client, article, editor, registry
):
    suggest_for_article(article=article)
    client.force_login(editor)
    quote = Quote.objects.get(kind="direct")
    assert post(client, article, "accept", type="quote", id=quote.pk, version=1).json()[
        "ok"
    ]
    claim = Claim.objects.first()
    response = post(client, article, "reject", type="claim", id=claim.pk, version=1)
    assert "will not be suggested again" in response.json()["message"]
    place = registry["Northbridge"]
    response = post(client, article, "accept-all", entity=f"Northbridge #{place.pk}")
    assert response.json()["message"] == "Accepted 2 mention(s) of Northbridge."
    assert Quote.objects.get(pk=quote.pk).suggestion_state == SuggestionState.CONFIRMED
    assert Claim.objects.get(pk=claim.pk).suggestion_state == SuggestionState.REJECTED
    # Deciding twice (after a reload) is a clear 400, not a 500.
    again = post(client, article, "accept", type="quote", id=quote.pk, version=2)
    assert again.status_code == 400 and "already decided" in again.json()["error"]


@pytest.mark.parametrize("action", ["accept", "reject"])
def test_a_button_on_a_stale_tag_page_is_refused(client, article, editor, action):
    """The page was opened before someone else changed the mention: nothing is done."""
    suggest_for_article(article=article)
    client.force_login(editor)
    mention = Mention.objects.pending().first()
    page = client.get(tag_url(article))
    assert f'data-id="{mention.pk}" data-version="1"' in page.text
    # Meanwhile, in the mention admin: someone points it at another entity.
    Mention.objects.filter(pk=mention.pk).update(version=2)

    response = post(client, article, action, type="mention", id=mention.pk, version=1)

    assert response.status_code == 409
    assert "Someone else changed this mention" in response.json()["error"]
    assert (
        Mention.objects.get(pk=mention.pk).suggestion_state == SuggestionState.SUGGESTED
    )


def test_a_button_without_a_version_is_refused(client, article, editor):
    suggest_for_article(article=article)
    client.force_login(editor)
    mention = Mention.objects.pending().first()
    response = post(client, article, "accept", type="mention", id=mention.pk)
    assert response.status_code == 409
    assert (
        Mention.objects.get(pk=mention.pk).suggestion_state == SuggestionState.SUGGESTED
    )


def test_tag_a_selection_as_an_entity(client, article, editor, registry):
    client.force_login(editor)
    start, end = span(article.body, "Ana Lopez")
    response = post(
        client,
        article,
        "selection",
        kind="entity",
        start=start,
        end=end,
        text="Ana Lopez",
        entity="Ana Lopez",
    )
    assert response.status_code == 200, response.content
    mention = Mention.objects.get()
    assert mention.entity == registry["Ana Lopez"]
    assert mention.suggestion_state == SuggestionState.CONFIRMED


def test_tag_a_selection_as_a_new_entity(client, article, editor):
    client.force_login(editor)
    start, end = span(article.body, "Northbridge Gazette")
    response = post(
        client,
        article,
        "selection",
        kind="entity",
        start=start,
        end=end,
        new_entity_name="Northbridge Gazette",
        new_entity_kind="publication",
    )
    assert response.status_code == 200
    assert Entity.objects.get(name="Northbridge Gazette").kind == "publication"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "entity", "start": 0, "end": 3, "entity": "Nobody"}, "No single"),
        ({"kind": "claim", "start": 5, "end": 2}, "not inside"),
        ({"kind": "claim", "start": "", "end": ""}, "Select some text"),
        ({"kind": "song", "start": 0, "end": 3}, "Choose entity, quote or claim"),
        ({"kind": "claim", "start": 0, "end": 3, "text": "Dog"}, "changed since"),
        (
            {
                "kind": "entity",
                "start": 0,
                "end": 3,
                "new_entity_name": "X",
                "new_entity_kind": "planet",
            },
            "Choose what kind",
        ),
    ],
)
def test_bad_input_is_a_400_with_the_message(client, article, editor, data, message):
    client.force_login(editor)
    response = post(client, article, "selection", **data)
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert not Mention.objects.exists() and not Claim.objects.exists()


def test_items_of_another_article_are_refused(client, article, editor):
    other = ArticleFactory()
    suggest_for_article(article=other)
    client.force_login(editor)
    response = post(
        client, article, "accept", type="mention", id=Mention.objects.first().pk
    )
    assert response.status_code == 400


HUGE = "9" * 5000
TOO_BIG = "99999999999999999999"


@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("accept", {"type": "mention", "id": HUGE}),
        ("reject", {"type": "quote", "id": TOO_BIG}),
        ("anchor-ok", {"type": "claim", "id": "\u00b2"}),
        ("accept-all", {"entity": f"Somebody #{HUGE}"}),
        ("selection", {"kind": "entity", "start": 0, "end": 3, "entity": f"X #{HUGE}"}),
        ("link-repeat", {"claim": HUGE, "original": "1"}),
        ("reuse-verdict", {"claim": "1", "original": TOO_BIG}),
    ],
)
def test_absurd_ids_are_a_400_not_a_crash(client, article, editor, action, data):
    client.force_login(editor)
    response = post(client, article, action, **data)
    assert response.status_code == 400
    assert response.json()["ok"] is False
    assert not Mention.objects.exists() and not Claim.objects.exists()


def test_change_page_with_an_out_of_range_id_is_not_a_crash(client, superuser):
    client.force_login(superuser)
    url = reverse("admin:articles_article_change", args=[TOO_BIG])
    assert client.get(url).status_code in (302, 404)


def test_wrong_method_and_unknown_action_are_json(client, article, editor):
    client.force_login(editor)
    assert client.get(action_url(article, "accept")).status_code == 405
    assert post(client, article, "explode").status_code == 404


def test_entity_autocomplete(client, article, editor, registry):
    client.force_login(editor)
    url = reverse("admin:articles_article_tag_entities", args=[article.pk])
    results = client.get(url, {"q": "lop"}).json()["results"]
    assert [r["label"] for r in results] == [
        f"Ana Lopez (Person) #{registry['Ana Lopez'].pk}"
    ]


# --- Saving in the admin re-anchors and suggests ------------------------------------


def inline_management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_admin_save_reanchors_and_runs_suggestions(
    client, article, superuser, django_capture_on_commit_callbacks
):
    """The change form posts the mentions back unchanged, as a browser does."""
    gazette = MentionFactory(article=article, text="Northbridge Gazette")
    mayor = MentionFactory(article=article, text="Mayor Ana Lopez")
    client.force_login(superuser)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = {
        "headline": article.headline,
        "slug": article.slug,
        "body": "Late update: the vote was recounted.\n"
        + article.body.replace("According to the Northbridge Gazette, t", "T"),
        "publication": article.publication_id,
        "byline": "",
        "original_url": article.original_url,
        "published_on": "",
        "language": "en",
        "lock_version": article.version,  # optimistic locking (pub-workflow)
        **inline_management("mentions", total=2, initial=2),
        **inline_management("quotes"),
        **inline_management("claims"),
    }
    for number, mention in enumerate([gazette, mayor]):
        data.update(
            {
                f"mentions-{number}-id": mention.pk,
                f"mentions-{number}-article": article.pk,
                f"mentions-{number}-entity": mention.entity_id,
                f"mentions-{number}-exact": mention.exact,
                f"mentions-{number}-occurrence": "1",
                f"mentions-{number}-suggestion_state": mention.suggestion_state,
                f"mentions-{number}-origin": mention.origin,
            }
        )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    mayor.refresh_from_db()
    gazette.refresh_from_db()
    article.refresh_from_db()
    assert article.body[mayor.start : mayor.end] == "Mayor Ana Lopez"
    assert mayor.anchor_state == AnchorState.ANCHORED
    assert gazette.anchor_state == AnchorState.ORPHANED
    assert Mention.objects.pending().count() == 2  # suggestions ran after the save


# --- The Import page -------------------------------------------------------------


def import_url():
    return reverse("admin:articles_article_import")


def test_import_page_three_ways(client, editor, reviewer):
    assert client.get(import_url()).status_code == 302
    client.force_login(reviewer)
    assert client.get(import_url()).status_code == 403
    client.force_login(editor)
    assert client.get(import_url()).status_code == 200
    changelist = client.get(reverse("admin:articles_article_changelist"))
    assert import_url() in changelist.content.decode()


def import_and_follow(client, data, capture):
    """Post the Import page, run the queued job, and open the job page."""
    with capture(execute=True):
        response = client.post(import_url(), data)
    assert response.status_code == 302
    job = Job.objects.latest("pk")
    assert response["Location"] == job.get_absolute_url()
    return client.get(response["Location"]).content.decode()


def test_import_pasted_text(client, editor, django_capture_on_commit_callbacks):
    client.force_login(editor)
    page = import_and_follow(
        client,
        {
            "text": "Harbour reopens\n\nThe harbour of Northbridge reopened on Monday.",
            "url": "https://news.example.org/harbour",
            "publication": "Northbridge Gazette",
        },
        django_capture_on_commit_callbacks,
    )
    article = Article.objects.get(headline="Harbour reopens")
    assert article.publication.kind == EntityKind.PUBLICATION
    assert article.created_by == editor
    assert "1 imported" in page and "Succeeded" in page
    assert Mention.objects.filter(article=article).count() == 1  # suggestions ran


def test_import_an_uploaded_file_reports_refusals(
    client, editor, article, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    lines = [
        json.dumps({"headline": "One", "body": "First body."}),
        "{not json",
        json.dumps(
            {"headline": "Two", "body": "Second body.", "url": article.original_url}
        ),
    ]
    upload = SimpleUploadedFile("batch.jsonl", "\n".join(lines).encode())
    page = import_and_follow(
        client, {"file": upload}, django_capture_on_commit_callbacks
    )
    assert "1 imported, 1 duplicate, 1 refused" in page
    assert "batch.jsonl:2" in page and "malformed JSON on line 2" in page
    assert "duplicate URL" in page
    assert Article.objects.filter(headline="Two").count() == 0


def test_import_an_uploaded_binary_or_nested_file_is_refused(
    client, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    nested = SimpleUploadedFile("deep.jsonl", b"[" * 100_000)
    page = import_and_follow(
        client, {"file": nested}, django_capture_on_commit_callbacks
    )
    assert "nested too deeply" in page
    assert not Article.objects.exists()


def test_a_binary_upload_is_refused_on_the_form(client, editor):
    """Found on PostgreSQL: storing a file with NUL bytes for its job was a 500."""
    client.force_login(editor)
    binary = SimpleUploadedFile("blob.txt", b"Title\nBody\x00\x00")
    response = client.post(import_url(), {"file": binary})
    assert response.status_code == 200
    assert "NUL character (is it a binary file?)" in response.content.decode()
    assert not Job.objects.exists() and not Article.objects.exists()


def test_import_form_needs_something(client, editor):
    client.force_login(editor)
    response = client.post(import_url(), {})
    assert "Paste an article or choose a file." in response.content.decode()


def test_seed_tag_page_query_count(client, editor, django_assert_max_num_queries):
    from io import StringIO

    from django.core.management import call_command

    call_command("load_seed", stdout=StringIO())
    seed = Article.objects.get()
    suggest_for_article(article=seed)
    client.force_login(editor)
    with django_assert_max_num_queries(40):
        response = client.get(tag_url(seed))
    assert response.status_code == 200
    confirmed = (
        f"Confirmed: {seed.mentions.confirmed().count()} mentions, "
        f"{seed.quotes.confirmed().count()} quotes, "
        f"{seed.claims.filter(suggestion_state='confirmed').count()} claims."
    )
    assert confirmed in response.content.decode()
