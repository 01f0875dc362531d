"""export_desk / import_desk: a desk survives the round trip, damaged archives do not
get in, and bad paths are refused cleanly."""

from __future__ import annotations

import datetime
import hashlib
import json
import zipfile
from importlib import import_module
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse

from articles.cache import SITE_TAG, tag_key
from articles.models import (
    Article,
    FactCheck,
    PublishedClaim,
    PublishedEntity,
    PublishedVersion,
)
from articles.services import workflow
from articles.services.desk_archive import FORMAT_VERSION
from articles.services.desk_archive.registry import archived_models
from entities.models import Entity
from tests.publishing import (
    NOW,
    SEED_SLUG,
    desk_publisher,
    make_fact_check,
    publish,
    publish_seed,
    simple_fact_check,
    unpublish,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_content_type_cache():
    """flush() makes new content types that the test's rollback removes again: keep
    their ids out of the process-wide cache the next tests read."""
    yield
    ContentType.objects.clear_cache()


PAGE_TIME = datetime.datetime(2026, 1, 15, 12, 0, tzinfo=datetime.UTC)


def export(path, *args):
    call_command("export_desk", str(path), *args, stdout=StringIO())


def restore(path):
    call_command("import_desk", str(path), stdout=StringIO())


def flush():
    """Empty the database as ``manage.py flush`` does, inside the test's transaction.

    PostgreSQL refuses to TRUNCATE a table with foreign-key checks still deferred to
    the commit that never comes in a test: run them first.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    cache.clear()


def table_rows() -> dict[str, list[tuple]]:
    """Every archived table's rows, in id order, with permissions (which ``migrate``
    numbers anew) given by their natural keys."""
    tables = {}
    for entry in archived_models():
        columns = [
            f"{column[:-3]}__codename" if column in entry.natural_keys else column
            for column in entry.columns
        ]
        tables[entry.label] = list(
            entry.model._base_manager.order_by("pk").values_list(*columns)
        )
    return tables


def row_counts() -> dict[str, int]:
    return {
        entry.label: entry.model._base_manager.count() for entry in archived_models()
    }


def build_desk():
    """The seed fact-check plus fact-checks with corrections, several versions, an
    unpublished one and a draft."""
    publish_seed(now=NOW - datetime.timedelta(days=3))
    budget = make_fact_check()
    publish(budget, now=NOW - datetime.timedelta(days=2))
    workflow.add_correction(
        fact_check=budget, user=desk_publisher(), text="The vote was 12 to 3, not 11."
    )
    budget.summary = "The budget figure holds up; the library promise does not (v2)."
    budget.save()
    publish(budget, now=NOW - datetime.timedelta(days=1))
    publish(simple_fact_check(1), now=NOW)
    withdrawn = simple_fact_check(2)
    publish(withdrawn, now=NOW)
    unpublish(withdrawn)
    simple_fact_check(3)  # a draft


def public_urls() -> list[str]:
    urls = [
        reverse("articles:home"),
        reverse("articles:claim_list"),
        reverse("articles:claim_list") + "?verdict=false",
        reverse("articles:search") + "?q=astronaut",
        reverse("articles:search") + "?q=budget",
        reverse("articles:feed_rss"),
        reverse("articles:feed_atom"),
        reverse("articles:sitemap"),
        *(
            reverse("articles:sitemap_section", kwargs={"section": section})
            for section in ("home", "fact-checks", "claims", "entities")
        ),
        reverse("articles:claimreview_feed"),
        reverse("articles:robots_txt"),
    ]
    urls += [fc.get_absolute_url() for fc in FactCheck.objects.order_by("pk")]
    urls += [
        claim.get_absolute_url()
        for claim in PublishedClaim.objects.current().order_by("pk")
    ]
    urls += [
        reverse("articles:claim_short", args=[claim.claim_ref])
        for claim in PublishedClaim.objects.current().order_by("pk")
    ]
    urls += [entity.get_absolute_url() for entity in Entity.objects.order_by("pk")]
    return urls


def render(client, urls) -> dict[str, tuple[int, bytes]]:
    cache.clear()
    with time_machine.travel(PAGE_TIME, tick=False):
        return {url: _fetch(client, url) for url in urls}


def _fetch(client, url):
    response = client.get(url)
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    return response.status_code, body


def test_every_public_page_is_byte_identical_after_export_flush_import(
    client, tmp_path
):
    build_desk()
    urls = public_urls()
    before = render(client, urls)
    assert sum(status == 200 for status, _ in before.values()) > 30
    assert before == render(client, urls)  # the pages are deterministic

    seed_page = FactCheck.objects.get(slug=SEED_SLUG).get_absolute_url()
    export(tmp_path / "desk.zip")
    flush()
    assert before[seed_page][0] == 200
    emptied = render(client, [seed_page, urls[0]])  # the test can tell a lost desk
    assert emptied[seed_page][0] == 404
    assert emptied[urls[0]] != before[urls[0]]

    restore(tmp_path / "desk.zip")
    after = render(client, urls)
    changed = [url for url in urls if after[url] != before[url]]
    assert changed == []


def test_round_trip_keeps_every_row_and_column_of_every_table(tmp_path):
    build_desk()
    before = table_rows()
    assert len(before["articles.historicalfactcheck"]) > 5
    assert len(before["articles.publishedversion"]) == 5
    assert before["articles.correction"]

    export(tmp_path / "desk.zip")
    flush()
    restore(tmp_path / "desk.zip")

    after = table_rows()
    # Password hashes are not exported by default: compare everything else.
    user_table = get_user_model()._meta.label_lower
    password_column = [e for e in archived_models() if e.label == user_table][
        0
    ].columns.index("password")
    for rows in (before, after):
        rows[user_table] = [
            row[:password_column] + row[password_column + 1 :]
            for row in rows[user_table]
        ]
    assert after == before


def test_archive_holds_every_model_of_the_editorial_apps_with_history(tmp_path):
    export(tmp_path / "desk.zip")
    with zipfile.ZipFile(tmp_path / "desk.zip") as archive:
        manifest = json.loads(archive.read("manifest.json"))
        names = set(archive.namelist())
    models = {item["model"] for item in manifest["files"]}
    for label in ("entities", "articles"):
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            assert model._meta.label_lower in models
    assert {
        "articles.historicalarticle",
        "articles.historicalmention",
        "articles.factcheck_authors",
        "auth.user",
        "auth.group",
        "auth.user_groups",
    } <= models
    assert "auth.permission" not in models
    assert {item["name"] for item in manifest["files"]} | {"manifest.json"} == names


def test_manifest_records_version_time_migrations_counts_and_checksums(tmp_path):
    make_fact_check()
    with time_machine.travel(PAGE_TIME, tick=False):
        export(tmp_path / "desk.zip")
    with zipfile.ZipFile(tmp_path / "desk.zip") as archive:
        manifest = json.loads(archive.read("manifest.json"))
        for item in manifest["files"]:
            data = archive.read(item["name"])
            assert hashlib.sha256(data).hexdigest() == item["sha256"]
            assert data.count(b"\n") == item["rows"]
    assert manifest["format_version"] == FORMAT_VERSION
    assert manifest["created_at"] == PAGE_TIME.isoformat()
    assert manifest["app_version"] == "0.1.0"
    assert "0003_create_role_groups" in manifest["migrations"]["articles"]
    rows = {item["model"]: item["rows"] for item in manifest["files"]}
    assert rows["articles.article"] == 1
    assert rows["articles.claim"] == 2


def test_new_rows_get_fresh_ids_after_a_restore(tmp_path):
    publish(make_fact_check(), now=NOW)
    highest = Entity.objects.order_by("-pk").first().pk
    export(tmp_path / "desk.zip")
    flush()
    restore(tmp_path / "desk.zip")
    assert Entity.objects.create(name="New entity", kind="person").pk > highest


def test_password_hashes_stay_out_unless_asked_for(tmp_path):
    user = get_user_model().objects.create_user("ana", password="a-long-password-1")
    export(tmp_path / "plain.zip")
    export(tmp_path / "secret.zip", "--include-password-hashes")
    with zipfile.ZipFile(tmp_path / "plain.zip") as archive:
        assert user.password.encode() not in archive.read("data/auth.user.jsonl")

    flush()
    restore(tmp_path / "plain.zip")
    assert not get_user_model().objects.get(username="ana").has_usable_password()

    flush()
    restore(tmp_path / "secret.zip")
    assert (
        get_user_model().objects.get(username="ana").check_password("a-long-password-1")
    )


def permission_names(group) -> set[tuple[str, str]]:
    return set(group.permissions.values_list("content_type__app_label", "codename"))


def test_restore_brings_back_group_memberships_and_permissions(tmp_path):
    publish(make_fact_check(), now=NOW)
    editors = permission_names(Group.objects.get(name="Editor"))
    export(tmp_path / "desk.zip")
    flush()
    assert not Group.objects.exists()
    restore(tmp_path / "desk.zip")
    assert permission_names(Group.objects.get(name="Editor")) == editors
    publisher = get_user_model().objects.get(username="desk-publisher")
    assert publisher.has_perm("articles.publish_factcheck")


def test_restore_clears_the_public_page_cache(
    tmp_path, django_capture_on_commit_callbacks
):
    make_fact_check()
    export(tmp_path / "desk.zip")
    flush()
    cache.set(tag_key(SITE_TAG), "before-restore", timeout=None)
    with django_capture_on_commit_callbacks(execute=True):
        restore(tmp_path / "desk.zip")
    assert cache.get(tag_key(SITE_TAG)) not in (None, "before-restore")


# --- refusals: nothing changes ------------------------------------------------


@pytest.fixture
def archive(tmp_path):
    """An archive of a published fact-check, and an emptied (flushed) database with
    the role groups ``migrate`` creates."""
    publish(make_fact_check(), now=NOW)
    path = tmp_path / "desk.zip"
    export(path)
    flush()
    # flush() re-created the permissions; the groups come from a data migration.
    import_module(
        "articles.migrations.0003_create_role_groups"
    ).assign_group_permissions(apps)
    import_module(
        "articles.migrations.0032_mention_content_types_follow"
    ).grant_mention_rights(apps)
    return path


def rewrite(source: Path, target: Path, *, drop=(), change=None, manifest=None):
    """Copy an archive, leaving out ``drop``, changing members with ``change``
    ({name: function(bytes) -> bytes}) and the manifest with ``manifest``."""
    change = change or {}
    with (
        zipfile.ZipFile(source) as old,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new,
    ):
        data = json.loads(old.read("manifest.json"))
        for name in old.namelist():
            if name in drop or name == "manifest.json":
                continue
            new.writestr(name, change.get(name, lambda b: b)(old.read(name)))
        if manifest:
            manifest(data)
        new.writestr("manifest.json", json.dumps(data))
    return target


def resum(name):
    """A manifest change that recomputes ``name``'s checksum from ``data``."""

    def update(data, content):
        for item in data["files"]:
            if item["name"] == name:
                item["sha256"] = hashlib.sha256(content).hexdigest()

    return update


def refused(path, match):
    counts = row_counts()
    with pytest.raises(CommandError, match=match):
        restore(path)
    assert row_counts() == counts


def test_a_database_that_already_holds_a_desk_is_refused(archive, tmp_path):
    make_fact_check(slug="another")
    refused(archive, r"not empty: .*articles\.article \(1\)")


def test_a_file_with_a_wrong_checksum_is_refused(archive, tmp_path):
    bad = rewrite(
        archive,
        tmp_path / "bad.zip",
        change={
            "data/articles.claim.jsonl": lambda b: b.replace(
                b"Northbridge", b"Southbridge"
            )
        },
    )
    refused(bad, "articles.claim.jsonl is damaged: its checksum does not match")
    assert not Article.objects.exists()


def test_a_broken_json_line_is_refused_and_the_restore_rolled_back(archive, tmp_path):
    """The checksum was made to match, so the break is only found while inserting:
    the tables written before it are rolled back."""
    name = "data/articles.claim.jsonl"
    broken = None

    def corrupt(content):
        nonlocal broken
        lines = content.split(b"\n")
        lines[1] = lines[1][:-5]
        broken = b"\n".join(lines)
        return broken

    with zipfile.ZipFile(archive) as original:
        content = original.read(name)
    corrupt(content)
    bad = rewrite(
        archive,
        tmp_path / "bad.zip",
        change={name: corrupt},
        manifest=lambda data: resum(name)(data, broken),
    )
    groups = list(Group.objects.values_list("pk", "name"))
    refused(bad, rf"{name}, line 2: not JSON")
    assert list(Group.objects.values_list("pk", "name")) == groups
    assert not Entity.objects.exists()


def test_a_missing_file_is_refused(archive, tmp_path):
    bad = rewrite(archive, tmp_path / "bad.zip", drop={"data/articles.quote.jsonl"})
    refused(bad, "incomplete: missing data/articles.quote.jsonl")


def test_a_row_count_that_differs_from_the_manifest_is_refused(archive, tmp_path):
    def fewer(data):
        for item in data["files"]:
            if item["model"] == "articles.claim":
                item["rows"] -= 1

    bad = rewrite(archive, tmp_path / "bad.zip", manifest=fewer)
    refused(bad, "articles.claim.jsonl has 2 rows; the manifest says 1")


def test_an_archive_of_a_newer_format_is_refused(archive, tmp_path):
    def newer(data):
        data["format_version"] = FORMAT_VERSION + 1

    bad = rewrite(archive, tmp_path / "bad.zip", manifest=newer)
    refused(bad, f"format version {FORMAT_VERSION + 1}.*newer Newsroom")


def test_an_archive_made_after_migrations_not_applied_here_is_refused(
    archive, tmp_path
):
    def migrated(data):
        data["migrations"]["articles"].append("9999_from_the_future")

    bad = rewrite(archive, tmp_path / "bad.zip", manifest=migrated)
    refused(bad, "articles.9999_from_the_future.*run migrate first")


def test_an_archive_with_an_unknown_column_is_refused(archive, tmp_path):
    def extra(data):
        for item in data["files"]:
            if item["model"] == "articles.article":
                item["columns"].append("mood")

    bad = rewrite(archive, tmp_path / "bad.zip", manifest=extra)
    refused(bad, "articles.article.jsonl has columns this database lacks: mood")


def test_an_older_archive_gets_the_defaults_of_columns_added_since(archive, tmp_path):
    """An archive made before a migration added a column with a default restores,
    the column taking its default (here: Article.version)."""
    name = "data/articles.article.jsonl"
    content = b""

    def without_version(raw):
        nonlocal content
        rows = [json.loads(line) for line in raw.splitlines()]
        for row in rows:
            row.pop("version")
        content = b"".join(json.dumps(row).encode() + b"\n" for row in rows)
        return content

    def older(data):
        data["migrations"]["articles"].remove("0007_factcheck_slug_help_text")
        for item in data["files"]:
            if item["name"] == name:
                item["columns"].remove("version")
        resum(name)(data, content)

    with zipfile.ZipFile(archive) as original:
        without_version(original.read(name))
    old = rewrite(
        archive, tmp_path / "old.zip", change={name: without_version}, manifest=older
    )
    restore(old)
    assert Article.objects.get().version == 1
    assert PublishedVersion.objects.count() == 1


def without_column(column: str):
    """A member change dropping ``column`` from every row; returns the new bytes."""

    def change(raw: bytes) -> bytes:
        rows = [json.loads(line) for line in raw.splitlines()]
        for row in rows:
            row.pop(column)
        return b"".join(json.dumps(row).encode() + b"\n" for row in rows)

    return change


def test_an_archive_from_before_the_stored_derivations_gets_them_on_restore(
    archive, tmp_path
):
    """An archive made before articles 0028–0029 (or on SQLite) has no body vectors
    and no latest entity cards: the restore writes them, so the admin's body search
    and the entity sitemap work at once."""
    dropped = {
        "data/articles.article.jsonl": without_column("search_vector"),
        "data/articles.publishedentity.jsonl": without_column("is_latest"),
    }
    contents = {}
    with zipfile.ZipFile(archive) as original:
        for name, change in dropped.items():
            contents[name] = change(original.read(name))

    def older(data):
        for migration in (
            "0028_article_body_search_vector",
            "0029_published_entity_is_latest",
            "0030_published_claim_sitemap_index",
        ):
            data["migrations"]["articles"].remove(migration)
        for item in data["files"]:
            if item["name"] in dropped:
                item["columns"] = [
                    c
                    for c in item["columns"]
                    if c not in {"search_vector", "is_latest"}
                ]
                resum(item["name"])(data, contents[item["name"]])

    old = rewrite(archive, tmp_path / "old.zip", change=dropped, manifest=older)
    restore(old)
    latest = PublishedEntity.objects.filter(is_latest=True)
    assert (
        latest.count() == Entity.objects.filter(published_cards__isnull=False).count()
    )
    assert latest.count() > 0
    if connection.vendor == "postgresql":
        assert not Article.objects.filter(search_vector__isnull=True).exists()


@pytest.mark.parametrize(
    ("make", "match"),
    [
        (lambda tmp: tmp / "nowhere.zip", "nowhere.zip does not exist"),
        (lambda tmp: tmp, "is not a file"),
        (
            lambda tmp: (tmp / "notes.zip").write_text("hello") and tmp / "notes.zip",
            "not a desk archive",
        ),
    ],
)
def test_import_of_a_bad_path_is_a_clear_error(tmp_path, make, match):
    with pytest.raises(CommandError, match=match):
        restore(make(tmp_path))


def test_an_archive_without_a_manifest_is_refused(archive, tmp_path):
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as new:
        new.writestr("data/articles.article.jsonl", "")
    refused(bad, "manifest.json is missing")


def test_check_verifies_an_archive_without_writing(archive, tmp_path):
    out = StringIO()
    call_command("import_desk", str(archive), "--check", stdout=out)
    assert "is sound" in out.getvalue()
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("make", "match"),
    [
        (lambda tmp: tmp / "missing" / "desk.zip", "missing is not a directory"),
        (
            lambda tmp: (tmp / "file").write_text("x") and tmp / "file" / "desk.zip",
            "file is not a directory",
        ),
        (
            lambda tmp: (tmp / "desk.zip").write_text("x") and tmp / "desk.zip",
            "already exists",
        ),
    ],
)
def test_export_to_a_bad_path_is_a_clear_error_and_writes_nothing(
    tmp_path, make, match
):
    path = make(tmp_path)
    existing = sorted(tmp_path.rglob("*"))
    with pytest.raises(CommandError, match=match):
        export(path)
    assert sorted(tmp_path.rglob("*")) == existing


def test_export_into_a_directory_that_cannot_be_written_is_a_clear_error(
    tmp_path, monkeypatch
):
    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(
        "articles.services.desk_archive.export.tempfile.NamedTemporaryFile", denied
    )
    with pytest.raises(CommandError, match="Cannot write in .*Permission denied"):
        export(tmp_path / "desk.zip")
