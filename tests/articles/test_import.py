"""import_articles: what is imported, what is refused and why, nothing half-written."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article, Mention, body_fingerprint
from articles.services import importing
from articles.services.importing import ImportItem, import_articles
from entities.models import Alias, Entity, EntityKind
from tests.articles import engine_fakes
from tests.factories import ArticleFactory, EntityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fake_engine(monkeypatch):
    place = EntityFactory(name="Northbridge", kind=EntityKind.PLACE)
    engine_fakes.install(monkeypatch, entities={"Northbridge": place})


def run(*paths, **options):
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("import_articles", *map(str, paths), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def jsonl(tmp_path, name, rows):
    path = tmp_path / name
    path.write_text(
        "\n".join(row if isinstance(row, str) else json.dumps(row) for row in rows)
        + "\n",
        encoding="utf-8",
    )
    return path


def test_a_txt_file_is_one_article_headline_first(tmp_path, capsys):
    path = tmp_path / "harbour.txt"
    path.write_text(
        "\nHarbour reopens\n\nThe harbour of Northbridge reopened.\n\nShips came in.\n"
    )
    out, _err = run(path)
    article = Article.objects.get()
    assert article.headline == "Harbour reopens"
    assert article.body == "The harbour of Northbridge reopened.\n\nShips came in."
    assert "1 imported, 0 refused." in out
    assert "Importing: 100%" in capsys.readouterr().err  # the bar is on stderr
    assert Mention.objects.filter(article=article).pending().count() == 1


def test_jsonl_fields_and_publication_resolved_by_alias(tmp_path):
    gazette = EntityFactory(name="Northbridge Gazette", kind=EntityKind.PUBLICATION)
    Alias.objects.create(entity=gazette, name="NG")
    path = jsonl(
        tmp_path,
        "batch.jsonl",
        [
            {
                "headline": "A",
                "body": "Body A.",
                "url": "https://ex.org/a",
                "published": "2025-02-28",
                "publication": "ng",
            },
            {"headline": "B", "body": "Body B.", "publication": "Harbour Weekly"},
        ],
    )
    out, _err = run(path)
    a, b = Article.objects.get(headline="A"), Article.objects.get(headline="B")
    assert a.publication == gazette and str(a.published_on) == "2025-02-28"
    assert a.original_url == "https://ex.org/a"
    assert b.publication.name == "Harbour Weekly"
    assert b.publication.kind == EntityKind.PUBLICATION
    assert "2 imported, 0 refused." in out


def test_refusals_name_the_reason_and_the_line(tmp_path):
    stored = ArticleFactory()
    path = jsonl(
        tmp_path,
        "batch.jsonl",
        [
            {"headline": "Fine", "body": "A fine new body."},
            '{"headline": "Broken", "body": ',
            {"headline": "Same URL", "body": "Other text.", "url": stored.original_url},
            {"headline": "Same body", "body": "  " + stored.body + "\n"},
            {"headline": "", "body": "No headline here."},
            {"headline": "No body"},
            {"headline": "Bad date", "body": "Dated text.", "published": "28/02/2025"},
            {"headline": "Bad URL", "body": "Linked text.", "url": "ftp://ex.org/x"},
            "[1, 2]",
        ],
    )
    out, _err = run(path)
    assert "1 imported, 8 refused." in out
    assert f"refused   {path}:2: malformed JSON on line 2" in out
    assert f"refused   {path}:3: duplicate URL: {stored.original_url}" in out
    assert f"refused   {path}:4: identical body to the stored article" in out
    assert f"refused   {path}:5: no headline" in out
    assert f"refused   {path}:6: no body" in out
    assert f"{path}:7: bad published date" in out
    assert f"{path}:8: bad URL" in out
    assert f"{path}:9: line 9 is not a JSON object" in out
    assert list(Article.objects.values_list("headline", flat=True).order_by("pk")) == [
        stored.headline,
        "Fine",
    ]


def test_duplicates_inside_one_file_are_refused_too(tmp_path):
    path = jsonl(
        tmp_path,
        "twice.jsonl",
        [
            {"headline": "One", "body": "Same words.", "url": "https://ex.org/1"},
            {"headline": "Two", "body": "Same words."},
            {"headline": "Three", "body": "Other words.", "url": "https://ex.org/1"},
        ],
    )
    out, _err = run(path)
    assert "1 imported, 2 refused." in out
    assert Article.objects.count() == 1


def test_nothing_half_written_when_suggestions_fail(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("engine broke")

    from articles.services import suggestions

    calls = {"n": 0}
    real = suggestions.suggest_for_article

    def flaky(*, article, user=None):
        calls["n"] += 1
        if calls["n"] == 2:
            real(article=article, user=user)  # rows written, then the failure
            broken()
        return real(article=article, user=user)

    monkeypatch.setattr(suggestions, "suggest_for_article", flaky)
    items = [
        ImportItem(
            source="a", headline="A", body="Northbridge A.", publication="New Paper"
        ),
        ImportItem(
            source="b", headline="B", body="Northbridge B.", publication="Another Paper"
        ),
        ImportItem(source="c", headline="C", body="Northbridge C."),
    ]
    with pytest.raises(RuntimeError):
        import_articles(items)
    # The failing article left nothing: no article, no publication, no mentions;
    # the one before it stays.
    assert list(Article.objects.values_list("headline", flat=True)) == ["A"]
    assert not Entity.objects.filter(name="Another Paper").exists()
    assert Mention.objects.count() == 1


def test_an_editor_imports_a_reviewer_may_not(editor, reviewer):
    from django.core.exceptions import PermissionDenied

    item = ImportItem(source="x", headline="X", body="Text of X.")
    with pytest.raises(PermissionDenied):
        import_articles([item], user=reviewer)
    report = import_articles([item], user=editor)
    assert report.imported[0][1].created_by == editor


def test_unreadable_and_unsupported_files_are_refused(tmp_path):
    other = tmp_path / "notes.md"
    other.write_text("# hello")
    out, _err = run(tmp_path / "missing.txt", other)
    assert "cannot read the file" in out
    assert "unsupported file type" in out
    assert "0 imported, 2 refused." in out


def test_deeply_nested_and_nul_lines_are_refused_the_others_kept(tmp_path):
    path = jsonl(
        tmp_path,
        "odd.jsonl",
        [
            "[" * 100_000,
            {"headline": "Nul\x00", "body": "Body with a NUL."},
            {"headline": "Fine", "body": "Body\x00 too."},
            {"headline": "Fine", "body": "A plain body."},
        ],
    )
    out, _err = run(path)
    assert f"{path}:1: line 1 is nested too deeply" in out
    assert f"{path}:2: the text holds a NUL character" in out
    assert f"{path}:3: the text holds a NUL character" in out
    assert "1 imported, 3 refused." in out


def test_a_number_too_long_to_read_is_refused_the_others_kept(tmp_path):
    path = jsonl(
        tmp_path,
        "long.jsonl",
        [
            '{"headline": "Long", "body": "B", "published": ' + "9" * 5000 + "}",
            {"headline": "Fine", "body": "A plain body."},
        ],
    )
    out, _err = run(path)
    assert f"{path}:1: line 1 holds a number too long to read" in out
    assert "1 imported, 1 refused." in out
    assert list(Article.objects.values_list("headline", flat=True)) == ["Fine"]


def test_a_txt_file_with_nul_bytes_is_refused(tmp_path):
    path = tmp_path / "binary.txt"
    path.write_bytes(b"Headline\nBody\x00\x01\x02 bytes")
    out, _err = run(path)
    assert "the text holds a NUL character" in out
    assert not Article.objects.exists()


def test_same_fingerprint_as_the_model():
    assert importing.body_fingerprint is body_fingerprint


def test_command_needs_a_path():
    with pytest.raises(CommandError):
        call_command("import_articles")
