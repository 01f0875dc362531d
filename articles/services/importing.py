"""Import articles from .txt and .jsonl files (the command and the admin page).

A ``.txt`` file is one article: its first non-blank line is the headline, the rest
the body. A ``.jsonl`` file holds one article a line: ``headline``, ``body`` and,
optionally, ``url``, ``published`` (YYYY-MM-DD) and ``publication`` (a name or
alias of a publication entity; created, of kind publication, if unknown).

Transactions: **one per article**. Each article is written with its publication and
its suggestions in one transaction, so a refused or failing article leaves nothing
behind, and the refusal of one article does not undo the others already imported
(from the same file or not). Refused: a duplicate original URL, a body identical to
a stored one (``body_fingerprint``), a missing headline or body, a malformed JSON
line (with its line number), a bad date or URL, a body longer than
``ARTICLE_BODY_MAX_CHARS``, a headline, URL or publication name longer than its field
(each refusal names the limit: nothing is cut to fit).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from articles.models import Article, body_fingerprint
from articles.validators import body_too_long_message, too_long_message
from entities.models import Entity, EntityKind
from entities.selectors import entities_named
from entities.validators import clean_text, validate_http_url

logger = logging.getLogger(__name__)

HEADLINE_MAX_LENGTH = Article._meta.get_field("headline").max_length
ENTITY_NAME_MAX_LENGTH = Entity._meta.get_field("name").max_length


@dataclass(frozen=True)
class ImportItem:
    """One article read from a source, not yet checked or stored."""

    source: str  # "file.jsonl:3", for messages
    headline: str = ""
    body: str = ""
    url: str = ""
    published: str = ""
    publication: str = ""
    error: str = ""  # set when the source could not be read (malformed line)


@dataclass
class ImportReport:
    imported: list[tuple[str, Article]] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)

    def extend(self, other: ImportReport) -> None:
        self.imported += other.imported
        self.refused += other.refused


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def read_txt(name: str, text: str) -> Iterator[ImportItem]:
    """A .txt file: first non-blank line the headline, the rest the body."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    headline = lines[0].strip() if lines else ""
    body = "\n".join(lines[1:]).strip("\n").strip()
    yield ImportItem(source=name, headline=headline, body=body)


def read_jsonl(name: str, text: str) -> Iterator[ImportItem]:
    """A .jsonl file: one JSON object a line; blank lines are skipped."""
    text = text.lstrip("\ufeff")
    for number, line in enumerate(text.splitlines(), start=1):
        source = f"{name}:{number}"
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except RecursionError:  # "[[[[…" nested deeper than the parser goes
            yield ImportItem(
                source=source,
                error=_("line %(line)d is nested too deeply to read")
                % {"line": number},
            )
            continue
        except json.JSONDecodeError as error:
            yield ImportItem(
                source=source,
                error=_("malformed JSON on line %(line)d (%(detail)s)")
                % {"line": number, "detail": error.msg},
            )
            continue
        except ValueError:  # a number longer than Python reads (4,300 digits)
            yield ImportItem(
                source=source,
                error=_("line %(line)d holds a number too long to read")
                % {"line": number},
            )
            continue
        if not isinstance(data, dict):
            yield ImportItem(
                source=source,
                error=_("line %(line)d is not a JSON object") % {"line": number},
            )
            continue
        published = data.get("published")
        yield ImportItem(
            source=source,
            headline=_text(data.get("headline")),
            body=_text(data.get("body")),
            url=_text(data.get("url")),
            published=_text(published) if published is not None else "",
            publication=_text(data.get("publication")),
        )


def read_source(name: str, text: str) -> Iterator[ImportItem]:
    suffix = Path(name).suffix.lower()
    if suffix == ".jsonl":
        return read_jsonl(name, text)
    if suffix == ".txt":
        return read_txt(name, text)
    return iter(
        [
            ImportItem(
                source=name,
                error=_("unsupported file type (use .txt or .jsonl)"),
            )
        ]
    )


def read_paths(paths: Iterable[str | Path]) -> Iterator[ImportItem]:
    """Items from files; an unreadable file is one item carrying the error."""
    for raw in paths:
        path = Path(raw)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            yield ImportItem(
                source=str(path), error=_("cannot read the file: %s") % error
            )
            continue
        yield from read_source(str(path), text)


def resolve_publication(name: str, *, user=None) -> Entity | None:
    """The publication entity called ``name`` (name or alias), created if unknown."""
    name = " ".join(name.split())
    if not name:
        return None
    # An import cannot ask which of two was meant: it takes the best-ranked one.
    known = entities_named(name, kind=EntityKind.PUBLICATION).first()
    if known:
        return known
    return Entity.objects.create(
        name=name, kind=EntityKind.PUBLICATION, created_by=user
    )


def import_refusal(item: ImportItem) -> str | None:
    """Why ``item`` cannot be imported as it is (checked before any write), or None."""
    if item.error:
        return item.error
    if any("\x00" in value for value in (item.headline, item.body, item.url)):
        # PostgreSQL text cannot hold NUL: refuse it here rather than fail on save.
        return _("the text holds a NUL character (is it a binary file?)")
    try:
        for value, multiline, limit, what in (
            (item.headline, False, HEADLINE_MAX_LENGTH, _("headline")),
            (item.body, True, None, _("body")),
            (item.url, False, None, _("URL")),
            (item.published, False, None, _("published date")),
            (item.publication, False, ENTITY_NAME_MAX_LENGTH, _("publication")),
        ):
            clean_text(value, max_length=limit, multiline=multiline, what=what)
    except ValidationError as error:
        return " ".join(error.messages)
    if not item.headline:
        return _("no headline")
    if not item.body:
        return _("no body")
    too_long = _too_long(item)
    if too_long:
        return too_long
    if item.url:
        try:
            validate_http_url(item.url)
        except ValidationError as error:
            return _("bad URL: %(url)s (%(why)s)") % {
                "url": item.url,
                "why": " ".join(error.messages),
            }
        if Article.objects.filter(original_url=item.url).exists():
            return _("duplicate URL: %(url)s is already stored") % {"url": item.url}
    fingerprint = body_fingerprint(item.body)
    same = Article.objects.filter(body_hash=fingerprint).first()
    if same:
        return _("identical body to the stored article “%(headline)s” (#%(id)d)") % {
            "headline": same.headline,
            "id": same.pk,
        }
    return None


def _too_long(item: ImportItem) -> str | None:
    """A field over its limit refuses the line; nothing is ever cut to fit."""
    body_message = body_too_long_message(len(item.body))
    if body_message:
        return body_message
    checks = (
        (_("headline"), item.headline, Article._meta.get_field("headline").max_length),
        (_("URL"), item.url, Article._meta.get_field("original_url").max_length),
        (
            _("publication name"),
            " ".join(item.publication.split()),
            Entity._meta.get_field("name").max_length,
        ),
    )
    for what, value, limit in checks:
        message = too_long_message(what, value, limit)
        if message:
            return message
    return None


def _published(value: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError as error:
        raise ValidationError(
            _("bad published date “%(value)s” (use YYYY-MM-DD)") % {"value": value}
        ) from error


def import_item(
    *, item: ImportItem, user=None, run_suggestions: bool = True
) -> tuple[Article | None, str | None]:
    """Store one article with its suggestions; return (article, None) or (None, why)."""
    reason = import_refusal(item)
    if reason:
        return None, reason
    try:
        with transaction.atomic():
            article = Article(
                headline=item.headline,
                body=item.body,
                original_url=item.url,
                published_on=_published(item.published),
                publication=resolve_publication(item.publication, user=user),
                created_by=user,
            )
            article.full_clean(exclude=["body_hash", "slug"])
            article.save()
            if run_suggestions:
                from articles.services.suggestions import suggest_for_article

                suggest_for_article(article=article)
    except ValidationError as error:
        return None, "; ".join(error.messages)
    except IntegrityError:
        # Another import stored the same URL meanwhile: the constraint said no.
        return None, _("duplicate URL: %(url)s is already stored") % {"url": item.url}
    return article, None


def import_articles(
    items: Iterable[ImportItem],
    *,
    user=None,
    run_suggestions: bool = True,
    progress=None,
) -> ImportReport:
    """Import each item in its own transaction; report imported and refused."""
    if user is not None and not user.has_perm("articles.add_article"):
        raise PermissionDenied
    report = ImportReport()
    for item in items:
        article, reason = import_item(
            item=item, user=user, run_suggestions=run_suggestions
        )
        if article is not None:
            report.imported.append((item.source, article))
        else:
            report.refused.append((item.source, reason))
        if progress is not None:
            progress(item)
    return report
