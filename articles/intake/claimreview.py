"""Read other publishers' ClaimReview objects from a schema.org data feed file.

Two shapes are accepted: a ``DataFeed`` whose ``dataFeedElement`` entries are
``DataFeedItem`` objects carrying the ClaimReview(s) in ``item`` (the shape Google's
Fact Check Tools and Data Commons publish), and a bare JSON list of ClaimReview
objects. Every item is checked before anything is stored: ``parse_feed`` returns the
clean items and, per refused item, where it is and why.
"""

from __future__ import annotations

import datetime
import json
import math
import re
import reprlib
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError

from articles.models.intake import URL_MAX_LENGTH
from entities.validators import clean_text, validate_http_url

CLAIM_MAX_LENGTH = 5000
NAME_MAX_LENGTH = 300
RATING_VALUE_MAX_LENGTH = 20
LANGUAGE_MAX_LENGTH = 35
MAX_ITEMS = 20000


class FeedRefused(Exception):
    """The file cannot be imported; ``problems`` says why (per item when it can)."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class KnownItem:
    """One ClaimReview, checked and ready to store as a KnownFactCheck."""

    claim_reviewed: str
    claimant_name: str
    rating_text: str
    rating_value: str
    publisher_name: str
    publisher_url: str
    review_url: str
    published_on: datetime.date | None
    language: str


@dataclass
class ParsedFeed:
    items: list[KnownItem] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


class _Refused(Exception):
    pass


# A value a file gave, quoted in a reason: never the whole of a huge one.
_short = reprlib.Repr()
_short.maxstring = _short.maxother = 60
_short.maxlist = _short.maxdict = 4
_quoted = _short.repr

# The scheme and host of an address (after any user part): no case in either.
_SCHEME_AND_HOST = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*://)((?:[^/?#]*@)?)([^/?#]*)")


def _has_type(value: Any, name: str) -> bool:
    """JSON-LD's ``@type`` is one name or a list of them."""
    return value == name or (isinstance(value, list) and name in value)


def _normal_url(url: str) -> str:
    """The address with its scheme and host in lower case, so that one page spelt
    two ways is one known fact-check."""
    return _SCHEME_AND_HOST.sub(
        lambda m: m[1].lower() + m[2] + m[3].lower(), url, count=1
    )


def _text(value: Any, what: str, *, limit: int, required: bool) -> str:
    if value is None or value == "":
        if required:
            raise _Refused(f"{what} is missing")
        return ""
    if not isinstance(value, str):
        raise _Refused(f"{what} must be text")
    try:
        text = clean_text(value, max_length=limit, multiline=True, what=what)
    except ValidationError as error:
        raise _Refused(" ".join(error.messages)) from error
    if required and not text:
        raise _Refused(f"{what} is empty")
    return " ".join(text.split())


def _url(value: Any, what: str, *, required: bool) -> str:
    text = _text(value, what, limit=URL_MAX_LENGTH, required=required)
    if text:
        try:
            validate_http_url(text)
        except ValidationError as error:
            raise _Refused(f"{what}: not an http(s) address") from error
    return _normal_url(text)


def _first_object(value: Any, what: str, *, required: bool) -> dict:
    """A schema.org value that may be one object or a list of them: the first."""
    if isinstance(value, list):
        value = value[0] if value else None
    if value is None:
        if required:
            raise _Refused(f"{what} is missing")
        return {}
    if not isinstance(value, dict):
        raise _Refused(f"{what} must be an object")
    return value


def _date(value: Any) -> datetime.date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise _Refused("datePublished must be a date (YYYY-MM-DD)")
    text = value.strip()
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        # A full timestamp is accepted; its day (as written) is what is kept.
        return datetime.datetime.fromisoformat(text).date()
    except ValueError as error:
        raise _Refused(f"datePublished “{value[:40]}” is not a date") from error


def _rating_value(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _Refused("reviewRating.ratingValue must be a number or text")
    if isinstance(value, float) and not math.isfinite(value):
        # JSON has no NaN or Infinity; Python's reader accepts them (and 1e400).
        raise _Refused("reviewRating.ratingValue is not a finite number")
    return _text(
        str(value),
        "reviewRating.ratingValue",
        limit=RATING_VALUE_MAX_LENGTH,
        required=False,
    )


def _claim_review(raw: Any) -> KnownItem:
    if not isinstance(raw, dict):
        raise _Refused("not an object")
    kind = raw.get("@type")
    if not _has_type(kind, "ClaimReview"):
        raise _Refused(f"@type is {_quoted(kind)}, not ClaimReview")
    rating = _first_object(raw.get("reviewRating"), "reviewRating", required=True)
    author = _first_object(raw.get("author"), "author", required=True)
    reviewed = _first_object(raw.get("itemReviewed"), "itemReviewed", required=False)
    claimant = _first_object(
        reviewed.get("author"), "itemReviewed.author", required=False
    )
    return KnownItem(
        claim_reviewed=_text(
            raw.get("claimReviewed"),
            "claimReviewed",
            limit=CLAIM_MAX_LENGTH,
            required=True,
        ),
        claimant_name=_text(
            claimant.get("name"),
            "itemReviewed.author.name",
            limit=NAME_MAX_LENGTH,
            required=False,
        ),
        rating_text=_text(
            rating.get("alternateName"),
            "reviewRating.alternateName",
            limit=NAME_MAX_LENGTH,
            required=True,
        ),
        rating_value=_rating_value(rating.get("ratingValue")),
        publisher_name=_text(
            author.get("name"), "author.name", limit=NAME_MAX_LENGTH, required=True
        ),
        publisher_url=_url(author.get("url"), "author.url", required=False),
        review_url=_url(raw.get("url"), "url", required=True),
        published_on=_date(raw.get("datePublished")),
        language=_text(
            raw.get("inLanguage") if isinstance(raw.get("inLanguage"), str) else "",
            "inLanguage",
            limit=LANGUAGE_MAX_LENGTH,
            required=False,
        ),
    )


def _located_items(document: Any) -> list[tuple[str, Any]]:
    """Every ClaimReview candidate with where it sits in the file."""
    if isinstance(document, list):
        return [(f"item {n}", raw) for n, raw in enumerate(document, 1)]
    if not isinstance(document, dict):
        raise FeedRefused(["The file is neither a DataFeed nor a list of ClaimReview."])
    if _has_type(document.get("@type"), "ClaimReview"):
        return [("item 1", document)]
    if not _has_type(document.get("@type"), "DataFeed"):
        raise FeedRefused(
            [f"The file's @type is {_quoted(document.get('@type'))}, not DataFeed."]
        )
    elements = document.get("dataFeedElement")
    if not isinstance(elements, list):
        raise FeedRefused(["The DataFeed has no dataFeedElement list."])
    located = []
    for n, element in enumerate(elements, 1):
        where = f"dataFeedElement {n}"
        if isinstance(element, dict) and _has_type(element.get("@type"), "ClaimReview"):
            located.append((where, element))
            continue
        items = element.get("item") if isinstance(element, dict) else None
        if isinstance(items, dict):
            items = [items]
        if not isinstance(items, list) or not items:
            located.append((where, _NoItem()))
            continue
        located += [(f"{where}, item {m}", raw) for m, raw in enumerate(items, 1)]
    return located


class _NoItem:
    """Stands for a DataFeedItem that carries no ClaimReview."""


def parse_feed(data: bytes) -> ParsedFeed:
    """Check every ClaimReview of a feed file; FeedRefused if it is no feed at all."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise FeedRefused(["The file is not UTF-8 text."]) from error
    except json.JSONDecodeError as error:
        raise FeedRefused(
            [f"The file is not JSON (line {error.lineno}: {error.msg})."]
        ) from error
    except RecursionError as error:  # "[[[[…" nested deeper than the parser goes
        raise FeedRefused(["The file is nested too deeply to read."]) from error
    except ValueError as error:  # a number longer than Python reads (4,300 digits)
        raise FeedRefused(
            [f"The file holds a value that cannot be read: {error}"]
        ) from error
    located = _located_items(document)
    if not located:
        raise FeedRefused(["The file holds no ClaimReview."])
    if len(located) > MAX_ITEMS:
        raise FeedRefused([f"The file holds more than {MAX_ITEMS} items: split it."])
    parsed = ParsedFeed()
    seen: dict[str, str] = {}
    for where, raw in located:
        try:
            if isinstance(raw, _NoItem):
                raise _Refused("a DataFeedItem without a ClaimReview in item")
            item = _claim_review(raw)
        except _Refused as refused:
            parsed.problems.append(f"{where}: {refused}")
            continue
        if item.review_url in seen:
            parsed.problems.append(
                f"{where}: url repeats {seen[item.review_url]} ({item.review_url})"
            )
            continue
        seen[item.review_url] = where
        parsed.items.append(item)
    return parsed
