"""A fetched page's title and readable text, for the archive and for comparison.

The stdlib HTML parser is enough here: we keep words, not structure. Scripts,
styles and the page furniture that changes on every visit (navigation, headers,
footers, asides, forms) are left out, so that comparing two fetches compares what
the page says.
"""

from __future__ import annotations

import re
import time
from html.parser import HTMLParser

SKIPPED = {
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "iframe",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "select",
    "button",
}
# Elements that end a line of text (so words on both sides are not glued together).
BLOCKS = {
    "p",
    "div",
    "br",
    "li",
    "tr",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "figcaption",
}
# Parsing bounds (see ``_parse``): chunk fed at a time, unread markup the parser may
# finish at the end, and the time a page may take.
PARSE_CHUNK = 64 * 1024
PARSE_TAIL = 16 * 1024
PARSE_SECONDS = 5.0
TEXT_TYPES = {"text/html", "application/xhtml+xml", "text/plain"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_.:-]+)""", re.I)
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


class _TextParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self.skip_depth = 0
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self.in_title = True
        elif tag in SKIPPED:
            self.skip_depth += 1
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        elif tag in SKIPPED and self.skip_depth:
            self.skip_depth -= 1
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.in_title:
            self.title_parts.append(data)
        elif not self.skip_depth:
            self.parts.append(data)


def _parse(source: str) -> _TextParser:
    """The page run through the parser within ``PARSE_SECONDS``.

    Python 3.11's HTMLParser finishes a run of tags that never close ("</</</…",
    "<a<a<a…") in quadratic time: hours for the 2 MB a fetch keeps. Fed in chunks,
    it waits at such a run instead, so the page is fed piece by piece, stopped when
    the time is up, and finished only when what it still holds is short. What it
    could not read is left out. Some malformed markup (``<![`` with no name) makes
    it raise AssertionError: the text read until then is kept.
    """
    parser = _TextParser()
    started = time.monotonic()
    try:
        for start in range(0, len(source), PARSE_CHUNK):
            parser.feed(source[start : start + PARSE_CHUNK])
            if time.monotonic() - started > PARSE_SECONDS:
                break
        if len(parser.rawdata) <= PARSE_TAIL:
            parser.close()
    except AssertionError:  # _markupbase's refusal of a malformed declaration
        pass
    return parser


def tidy(text: str) -> str:
    """Runs of spaces (no-break ones too) become one, blank lines one, control
    characters go."""
    text = "".join(
        c if c == "\n" or c.isprintable() else " " if c.isspace() else "" for c in text
    )
    text = _SPACES.sub(" ", text)
    lines = (line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def decode(body: bytes, charset: str | None) -> str:
    """The body as text: the header's charset, else a <meta charset>, else UTF-8."""
    if not charset:
        found = _META_CHARSET.search(body[:4096])
        charset = found.group(1).decode("ascii") if found else "utf-8"
    return decode_as(body, charset)


def decode_as(body: bytes, charset: str | None) -> str:
    """The body decoded as ``charset`` (UTF-8 when none), bad bytes replaced.

    The charset is the page's word: one Python does not know, or a codec that is
    not for text or refuses to replace (``undefined``, ``idna``, ``punycode``),
    falls back to UTF-8 rather than failing the check."""
    try:
        return body.decode(charset or "utf-8", errors="replace")
    except (LookupError, UnicodeError):
        return body.decode("utf-8", errors="replace")


def extract(
    body: bytes, *, content_type: str, charset: str | None, max_chars: int
) -> tuple[str, str]:
    """(title, text) of a page, each bounded; ("", "") for types we do not read."""
    if content_type not in TEXT_TYPES:
        return "", ""
    source = decode(body, charset)
    if content_type == "text/plain":
        return "", tidy(source)[:max_chars]
    parser = _parse(source)
    title = tidy(" ".join(parser.title_parts)).replace("\n", " ")
    return title[:400], tidy("".join(parser.parts))[:max_chars]
