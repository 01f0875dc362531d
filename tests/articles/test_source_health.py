"""Reading a page's text and judging a check (no network, no database)."""

from __future__ import annotations

import time

import pytest

from articles.models import SourceHealth
from articles.sources import extract, health
from articles.sources.fetcher import FetchError, FetchErrorKind

PAGE = (
    "<html><head><meta charset='iso-8859-1'><title>Caf\xe9 &amp; bar</title>"
    "<style>p{color:red}</style></head><body><header>Site menu</header>"
    "<p>First\xa0paragraph.</p><p>Second<br>line.</p>"
    "<aside>Most read</aside><footer>Contact</footer></body></html>"
)


def test_the_text_leaves_out_scripts_styles_and_page_furniture():
    title, text = extract.extract(
        PAGE.encode("iso-8859-1"),
        content_type="text/html",
        charset=None,
        max_chars=1000,
    )
    assert title == "Café & bar"
    assert text == "First paragraph.\n\nSecond\nline."


def test_the_text_is_bounded_and_other_types_are_not_read():
    _, text = extract.extract(
        b"word " * 1000, content_type="text/plain", charset="utf-8", max_chars=50
    )
    assert len(text) == 50
    assert extract.extract(
        b"%PDF-1.7", content_type="application/pdf", charset=None, max_chars=50
    ) == ("", "")


@pytest.mark.parametrize(
    ("url", "final", "moved"),
    [
        ("http://news.example/a", "https://news.example/a", False),
        ("https://news.example/a", "https://www.news.example/a/", False),
        ("https://news.example/a", "https://news.example/b", True),
        ("https://news.example/a", "https://elsewhere.example/a", True),
        ("https://news.example/a?id=1", "https://news.example/a?id=2", True),
    ],
)
def test_what_counts_as_moved(url, final, moved):
    assert health.is_moved(url, final) is moved


def snapshot(text, *, status=200, sha="a", url="https://n.example/a", final=None):
    return health.Snapshot(
        status=status, url=url, final_url=final or url, sha256=sha, text=text
    )


def test_changed_means_below_the_threshold_against_the_first_snapshot():
    story = " ".join(f"word{n}" for n in range(200))
    edited = story.replace("word10 ", "changed ")
    first = snapshot(story)
    judged = health.judge_page(
        snapshot(edited, sha="b"), baseline=first, changed_below=0.85
    )
    assert judged.health == SourceHealth.OK and judged.similarity > 0.99
    replaced = " ".join(f"other{n}" for n in range(200))
    judged = health.judge_page(
        snapshot(replaced, sha="c"), baseline=first, changed_below=0.85
    )
    assert judged.health == SourceHealth.CHANGED and judged.similarity == 0.0
    same = health.judge_page(snapshot(story), baseline=first, changed_below=0.85)
    assert same.similarity == 1.0


def test_without_text_a_different_hash_is_a_change():
    judged = health.judge_page(
        snapshot("", sha="b"), baseline=snapshot("", sha="a"), changed_below=0.85
    )
    assert judged.health == SourceHealth.CHANGED


@pytest.mark.parametrize(
    ("kind", "online", "verdict"),
    [
        (FetchErrorKind.NAME_NOT_FOUND, True, SourceHealth.DEAD),
        (FetchErrorKind.NAME_NOT_FOUND, False, SourceHealth.UNREACHABLE),
        (FetchErrorKind.CONNECTION, True, SourceHealth.DEAD),
        (FetchErrorKind.CONNECTION, False, SourceHealth.UNREACHABLE),
        (FetchErrorKind.DNS, True, SourceHealth.UNREACHABLE),
        (FetchErrorKind.TIMEOUT, True, SourceHealth.UNREACHABLE),
        (FetchErrorKind.REFUSED, False, SourceHealth.DEAD),
        (FetchErrorKind.ROBOTS, True, SourceHealth.BLOCKED),
    ],
)
def test_failures_below_http(kind, online, verdict):
    judged = health.judge_failure(FetchError(kind, "x"), is_online=online)
    assert judged.health == verdict


def test_too_many_requests_is_not_dead():
    judged = health.judge_page(snapshot("", status=429), baseline=None, changed_below=1)
    assert judged.health == SourceHealth.UNREACHABLE


@pytest.mark.parametrize("charset", ["undefined", "idna", "punycode", "no-such-one"])
def test_a_charset_that_cannot_decode_a_page_falls_back_to_utf8(charset):
    """A page may name any codec Python has, including ones that cannot decode text
    (``undefined`` always fails; ``idna`` refuses "replace"): the text is still read."""
    body = "<title>Caf\xe9</title><p>Still here \xff.</p>".encode("latin-1")
    for header, page in (
        (charset, body),
        (None, f'<meta charset="{charset}">'.encode() + body),
    ):
        title, text = extract.extract(
            page, content_type="text/html", charset=header, max_chars=100
        )
        assert title.startswith("Caf") and text.startswith("Still here")


@pytest.mark.parametrize("junk", ["</", "<?", "<a"])
def test_malformed_markup_is_read_in_bounded_time(junk):
    """Python 3.11's HTMLParser takes quadratic time over a run of tags that never
    close when asked to finish (11 s for 200 KB of "</"; hours for the 2 MB a
    fetch keeps): a hostile page must not hold the worker."""
    page = ("<title>Kept</title><p>Before the junk.</p>" + junk * 100_000).encode()
    started = time.monotonic()
    title, text = extract.extract(
        page, content_type="text/html", charset="utf-8", max_chars=1000
    )
    assert time.monotonic() - started < 2
    assert (title, text) == ("Kept", "Before the junk.")


def test_a_marked_section_the_parser_rejects_ends_the_text_not_the_check():
    """``<![`` not followed by a name makes HTMLParser raise AssertionError."""
    title, text = extract.extract(
        b"<title>Kept</title><p>Before.</p><![<![ after",
        content_type="text/html",
        charset="utf-8",
        max_chars=1000,
    )
    assert (title, text) == ("Kept", "Before.")
