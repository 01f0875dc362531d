"""Whole-page cache for anonymous readers of the public pages, with cache tags.

Every cached page carries tags named after what it shows (``factcheck:<slug>``,
``claim:<id>``, ``entity:<slug>``, ``home``, ``claims-index``, ``search``, ``feeds``,
``sitemap``, ``policies``, ``team``, and ``public`` on every page). Each tag has a
generation token in the shared cache; a stored page records the tokens its tags had
*before* it was rendered, and a read fetches the page and its tags' tokens in one
``get_many``: a page whose tokens changed since is ignored. Invalidating a tag is
one ``set_many`` of new tokens (``invalidate_tags``) — no key scans, any backend,
every host at once — and only the pages showing what changed are re-rendered.

A page's tags come from its address (the slug or id in the URL), so they are known
before the view reads the database: a publish that commits while a page is being
rendered changes a token the page already recorded, and the page is never stored as
current.

Responses for anonymous readers also carry HTTP caching headers (``Cache-Control:
public``, a weak ``ETag`` answered with 304, ``Surrogate-Key`` with the tags for a CDN
purge) and are gzip-compressed once, when stored. Signed-in users get never-cache
headers and a fresh page.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import secrets
from collections.abc import Callable, Iterable
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)

# Every public page carries this tag: bumping it empties the whole page cache.
SITE_TAG = "public"
TAG_PREFIX = "public-tag:"
PAGE_PREFIX = "public-page:"
# The generation of a tag that was never invalidated (or whose token was evicted).
UNSET = "0"
# Smaller bodies are not worth a gzip header.
MIN_COMPRESS_LENGTH = 200
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")


# Tags of pages showing several fact-checks: every publication changes them.
LISTING_TAGS = ("home", "claims-index", "search", "feeds", "sitemap", "team")


def factcheck_tag(slug: str) -> str:
    return f"factcheck:{slug}"


def claim_tag(ref: int | str) -> str:
    return f"claim:{ref}"


def entity_tag(slug: str) -> str:
    return f"entity:{slug}"


def tag_key(tag: str) -> str:
    return f"{TAG_PREFIX}{tag}"


def invalidate_tags_now(tags: Iterable[str]) -> None:
    """Give each tag a new generation token: pages stored with the old one are stale.

    A random token rather than a counter: ``set`` is atomic on every backend, and two
    hosts invalidating at once cannot end on the same value.
    """
    tokens = {tag_key(tag): secrets.token_hex(8) for tag in set(tags)}
    if tokens:
        cache.set_many(tokens, timeout=None)


def invalidate_tags(tags: Iterable[str]) -> None:
    """After the current transaction commits: invalidate ``tags`` in the shared cache
    at once, and ask the CDN (settings.CACHE_PURGE_URL) to purge them in a job."""
    tags = sorted(set(tags))
    if not tags:
        return

    def run() -> None:
        invalidate_tags_now(tags)
        if settings.CACHE_PURGE_URL:
            from articles.purge import purge_cdn_tags

            purge_cdn_tags.delay(tags)

    transaction.on_commit(run)


def clear_public_cache() -> None:
    """Invalidate every cached public page now (e.g. after a template change)."""
    invalidate_tags_now([SITE_TAG])


def _has_messages(request) -> bool:
    """Whether a flash message waits for this reader (base.html shows it).

    Such a page is the reader's own: it must not be stored for everyone, and a stored
    page would swallow the message.
    """
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0


# Query strings the cache stores: short values, page numbers of a few digits.
MAX_PARAM_LENGTH = 100
_PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,3}")
PAGE_PARAMS = frozenset({"page", "p"})


def canonical_query(request, params) -> str | None:
    """The query string as the cache keys it, or None when it should not be cached.

    Only the parameters the view reads are allowed, once each, short, and page numbers
    as plain small numbers: otherwise every made-up query string (``?x=<random>``)
    would fill the shared cache with copies of the same page.
    """
    pairs = []
    for name, values in request.GET.lists():
        if name not in params or len(values) != 1:
            return None
        value = values[0]
        if len(value) > MAX_PARAM_LENGTH:
            return None
        if name in PAGE_PARAMS and not _PAGE_NUMBER.fullmatch(value):
            return None
        pairs.append((name, value))
    return urlencode(sorted(pairs))


def page_key(path: str, language: str | None = None) -> str:
    """The cache key of ``path`` as rendered in ``language`` (the active one).

    The language is part of the key: LocaleMiddleware picks it per reader (from
    Accept-Language), and it changes the page (``<html lang>``, Django's own messages).
    """
    language = language or translation.get_language() or ""
    digest = hashlib.sha256(f"{language}\n{path}".encode()).hexdigest()
    return f"{PAGE_PREFIX}{digest}"


def _etag(content: bytes) -> str:
    # Weak: the gzip and identity encodings of a page are the same representation.
    return f'W/"{hashlib.sha256(content).hexdigest()[:32]}"'


def _public_headers(response, tags: list[str], etag: str) -> None:
    patch_cache_control(
        response,
        public=True,
        max_age=settings.PUBLIC_PAGE_MAX_AGE,
        s_maxage=settings.PUBLIC_PAGE_S_MAXAGE,
    )
    patch_vary_headers(response, ("Accept-Encoding",))
    response["ETag"] = etag
    response["Surrogate-Key"] = " ".join(tags)


def _build(request, entry: dict, tags: list[str], state: str) -> HttpResponse:
    """The response for a stored entry: 304, gzip or identity."""
    packed = entry["gzip"]
    if packed is not None and _ACCEPTS_GZIP.search(
        request.headers.get("Accept-Encoding", "")
    ):
        response = HttpResponse(packed)
        response["Content-Encoding"] = "gzip"
    else:
        # Rare (browsers, crawlers and CDNs ask for gzip): unpack the stored bytes.
        content = entry["content"] if packed is None else gzip.decompress(packed)
        response = HttpResponse(content)
    for name, value in entry["headers"]:
        response[name] = value
    response["Content-Length"] = str(len(response.content))
    _public_headers(response, tags, entry["etag"])
    response["X-Public-Cache"] = state
    return get_conditional_response(request, etag=entry["etag"], response=response)


def _entry(response, *, compress: bool = True) -> dict:
    content = response.content
    headers = [
        (name, value)
        for name, value in response.headers.items()
        if name.lower() not in {"content-length", "vary", "cache-control"}
    ]
    compressed = None
    if compress and len(content) >= MIN_COMPRESS_LENGTH:
        compressed = gzip.compress(content, compresslevel=6, mtime=0)
    return {
        # Only one of the two is kept: a small entry is quick to fetch and unpickle.
        "content": None if compressed is not None else content,
        "gzip": compressed,
        "headers": headers,
        "etag": _etag(content),
    }


def _fresh(request, response, tags: list[str]):
    """A public page rendered for this request only (the page cache is off)."""
    if hasattr(response, "render") and callable(response.render):
        response = response.render()
    if response.status_code != 200 or response.streaming:
        return response
    accepts = _ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", ""))
    return _build(request, _entry(response, compress=bool(accepts)), tags, "off")


TagsFor = Callable[[dict], Iterable[str]]


def cache_public_page(view=None, *, params=(), tags: Iterable[str] | TagsFor = ()):
    """Serve ``view`` from the shared cache to anonymous readers.

    ``params`` names the query parameters the view reads; a request with any other
    (or an odd value, see canonical_query) is served fresh and not stored. ``tags``
    names what the page shows: a list, or a function of the URL's keyword arguments
    (``lambda kw: [f"claim:{kw['pk']}"]``). Only 200 responses are stored, with the
    headers the view set (Content-Type, the sitemap's X-Robots-Tag...); signed-in
    users (staff previewing, editors) always get a fresh, never-cached page.
    """
    if view is None:
        return lambda function: cache_public_page(function, params=params, tags=tags)
    allowed = frozenset(params)

    def tags_for(kwargs) -> list[str]:
        named = tags(kwargs) if callable(tags) else tags
        return [SITE_TAG, *named]

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in {"GET", "HEAD"}:
            return view(request, *args, **kwargs)
        if request.user.is_authenticated or _has_messages(request):
            response = view(request, *args, **kwargs)
            add_never_cache_headers(response)
            return response
        query = canonical_query(request, allowed)
        if query is None:
            return view(request, *args, **kwargs)
        page_tags = tags_for(kwargs)
        if not settings.PUBLIC_PAGE_CACHE_ENABLED:
            return _fresh(request, view(request, *args, **kwargs), page_tags)
        key = page_key(f"{request.path}?{query}" if query else request.path)
        tag_keys = [tag_key(tag) for tag in page_tags]
        found = cache.get_many([key, *tag_keys])
        generations = {tag: found.get(tag_key(tag), UNSET) for tag in page_tags}
        stored = found.get(key)
        if isinstance(stored, dict) and stored.get("tags") == generations:
            return _build(request, stored, page_tags, "hit")
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if response.status_code != 200 or response.streaming:
            return response
        entry = _entry(response)
        # The generations read before rendering: an invalidation during the render
        # leaves this entry stale, never wrongly current.
        entry["tags"] = generations
        cache.set(key, entry, settings.PUBLIC_PAGE_CACHE_SECONDS)
        return _build(request, entry, page_tags, "miss")

    return wrapped
