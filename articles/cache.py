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


def page_key(path: str) -> str:
    digest = hashlib.sha256(path.encode()).hexdigest()
    return f"public-pages:{_generation()}:{digest}"


def _cacheable_request(request) -> bool:
    return request.method in {"GET", "HEAD"} and not request.user.is_authenticated


def cache_public_page(view):
    """Serve ``view`` from the cache to anonymous readers, keyed on the full path.

    Only 200 responses are stored; signed-in users (staff previewing, editors) always
    get a fresh page.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        key = page_key(request.get_full_path())
        stored = cache.get(key)
        if stored is not None:
            content, content_type = stored
            response = HttpResponse(content, content_type=content_type)
            response["X-Public-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if response.status_code == 200 and not response.streaming:
            cache.set(
                key,
                (response.content, response["Content-Type"]),
                settings.PUBLIC_PAGE_CACHE_SECONDS,
            )
            response["X-Public-Cache"] = "miss"
        return response

    return wrapped
