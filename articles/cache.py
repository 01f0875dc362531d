"""Whole-page cache for anonymous readers of the public pages.

Keys carry a generation number kept in the cache itself: ``clear_public_cache()``
bumps it, so every page cached before is ignored at once. This works on any cache
backend (no key scans or wildcard deletes) and across several web hosts sharing one
cache; the stale entries simply expire.
"""

from __future__ import annotations

import hashlib
from functools import wraps

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


def _cacheable_request(request) -> bool:
    return (
        request.method in {"GET", "HEAD"}
        and not request.user.is_authenticated
        and not _has_messages(request)
    )


def cache_public_page(view):
    """Serve ``view`` from the cache to anonymous readers, keyed on the full path.

    Only 200 responses are stored, with the headers the view set (Content-Type, the
    sitemap's X-Robots-Tag...); signed-in users (staff previewing, editors) always get
    a fresh page.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        key = page_key(request.get_full_path())
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
