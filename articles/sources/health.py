"""The verdict on one check of a cited page: ok, moved, changed, dead, unreachable,
or blocked (robots.txt).

Dead or merely unreachable? An HTTP error status is the site's own answer: dead.
A failure below HTTP (no DNS answer, the host unknown, the connection refused) is
dead only when we are demonstrably online — the check resolves a well-known name
(``SOURCE_FETCH_ONLINE_PROBE``) — and otherwise unreachable, so a worker that lost
its network does not declare every source dead. Timeouts are always unreachable:
slowness is not proof of absence.

Changed: the text is compared with the first good snapshot of the same address
(the copy the desk cited), word by word, as rapidfuzz's Indel similarity
(2 × the longest common word sequence ÷ the two lengths). The extraction already
drops scripts, navigation, headers and footers; what is left on a news page still
moves a little between visits (a date line, a "most read" block, a cookie notice),
which costs a few hundredths of similarity, while rewriting a paragraph of a
600-word story, or the story being replaced, costs well over a tenth. Below
``SOURCE_CHANGED_BELOW`` (0.85 by default) the page is judged changed in
substance. Pages with no text we can read (PDFs, images) are changed when their
SHA-256 differs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from rapidfuzz.distance import Indel

from articles.models import SourceHealth
from articles.sources.fetcher import FetchError, FetchErrorKind

# Words compared at most (bounded time: the comparison is quadratic / 64).
MAX_WORDS = 30_000
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Judgement:
    health: SourceHealth
    similarity: float | None = None
    reason: str = ""


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())[:MAX_WORDS]


def similarity(old_text: str, new_text: str) -> float:
    """1.0 for the same words in the same order, 0.0 for nothing in common."""
    return Indel.normalized_similarity(words(old_text), words(new_text))


def _place(url: str) -> tuple[str, str, str]:
    """Host (without ``www.``), path (without a final slash) and query: a move from
    http to https, or to the same page with ``www.``, is not a move."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    return host, parts.path.rstrip("/") or "/", parts.query


def is_moved(url: str, final_url: str) -> bool:
    return _place(url) != _place(final_url)


def judge_failure(error: FetchError, *, is_online: bool) -> Judgement:
    kind = error.kind
    if kind == FetchErrorKind.ROBOTS:
        return Judgement(SourceHealth.BLOCKED, reason=str(error))
    if kind in {FetchErrorKind.REFUSED, FetchErrorKind.PROTOCOL}:
        return Judgement(SourceHealth.DEAD, reason=str(error))
    if is_online and kind in {
        FetchErrorKind.NAME_NOT_FOUND,
        FetchErrorKind.CONNECTION,
    }:
        return Judgement(SourceHealth.DEAD, reason=str(error))
    return Judgement(SourceHealth.UNREACHABLE, reason=str(error))


@dataclass(frozen=True)
class Snapshot:
    """What a fetch found, as far as the verdict needs it."""

    status: int
    url: str
    final_url: str
    sha256: str
    text: str


def judge_page(
    page: Snapshot, *, baseline: Snapshot | None, changed_below: float
) -> Judgement:
    """The verdict on a page that answered; ``baseline`` is the first good snapshot
    of the same address (None when this is the first)."""
    if page.status == 429:
        return Judgement(SourceHealth.UNREACHABLE, reason="HTTP 429: too many requests")
    if page.status >= 400:
        return Judgement(SourceHealth.DEAD, reason=f"HTTP {page.status}")
    if not 200 <= page.status < 300:
        return Judgement(SourceHealth.DEAD, reason=f"HTTP {page.status}: no page")
    score = None
    if baseline is not None:
        if baseline.sha256 == page.sha256:
            score = 1.0
        elif baseline.text and page.text:
            score = similarity(baseline.text, page.text)
        else:
            score = 0.0
    if is_moved(page.url, page.final_url):
        return Judgement(
            SourceHealth.MOVED, score, reason=f"redirected to {page.final_url}"
        )
    if score is not None and score < changed_below:
        return Judgement(
            SourceHealth.CHANGED,
            score,
            reason=f"{score:.0%} like the first snapshot",
        )
    return Judgement(SourceHealth.OK, score)
