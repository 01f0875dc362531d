"""Whole-page cache for anonymous readers of the public pages.

Keys carry a generation number kept in the cache itself: ``clear_public_cache()``
bumps it, so every page cached before is ignored at once. This works on any cache
backend (no key scans or wildcard deletes) and across several web hosts sharing one
cache; the stale entries simply expire.
"""

from __future__ import annotations

import hashlib
import re
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import translation

GENERATION_KEY = "public-pages:generation"


def _generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY, 1)
    return generation


def clear_public_cache() -> None:
    """Invalidate every cached public page (call after publish, unpublish, correct)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def page_key(path: str, language: str | None = None) -> str:
    """The cache key of ``path`` as rendered in ``language`` (the active one).

    The language is part of the key: LocaleMiddleware picks it per reader (from
    Accept-Language), and it changes the page (``<html lang>``, Django's own messages).
    """
    language = language or translation.get_language() or ""
    digest = hashlib.sha256(f"{language}\n{path}".encode()).hexdigest()
    return f"public-pages:{_generation()}:{digest}"


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


def _cacheable_request(request) -> bool:
    return (
        request.method in {"GET", "HEAD"}
        and not request.user.is_authenticated
        and not _has_messages(request)
    )


def cache_public_page(view=None, *, params=()):
    """Serve ``view`` from the cache to anonymous readers, keyed on path and query.

    ``params`` names the query parameters the view reads; a request with any other
    (or an odd value, see canonical_query) is served fresh and not stored. Only 200
    responses are stored, with the headers the view set (Content-Type, the sitemap's
    X-Robots-Tag...); signed-in users (staff previewing, editors) always get a fresh
    page.
    """
    if view is None:
        return lambda function: cache_public_page(function, params=params)
    allowed = frozenset(params)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        query = canonical_query(request, allowed)
        if query is None or not _cacheable_request(request):
            return view(request, *args, **kwargs)
        key = page_key(f"{request.path}?{query}" if query else request.path)
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response["X-Public-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if response.status_code == 200 and not response.streaming:
            cache.set(
                key,
                (response.content, list(response.headers.items())),
                settings.PUBLIC_PAGE_CACHE_SECONDS,
            )
            response["X-Public-Cache"] = "miss"
        return response

    return wrapped
