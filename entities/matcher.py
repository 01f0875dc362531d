"""The registry matcher: every Entity name and Alias, loaded into the engine's matcher.

The matcher is built once per process and rebuilt only when the registry changes:
``entities.signals`` replaces a version token in the shared cache whenever an Entity
or Alias is saved or deleted, and ``get_registry_matcher()`` compares that token
(one cache read) with the one its matcher was built from.
"""

from __future__ import annotations

import threading
import uuid

from suggest.matcher import MentionCandidate, RegistryMatcher

__all__ = ["MentionCandidate", "RegistryMatcher", "get_registry_matcher"]

REGISTRY_VERSION_KEY = "entities:registry-version"


def registry_matcher(*, version: str = "") -> RegistryMatcher:
    """A matcher built from every Entity name and Alias in the database."""
    from entities.models import Alias, Entity

    names = list(Entity.objects.order_by("pk").values_list("name", "pk"))
    names += Alias.objects.order_by("entity_id", "pk").values_list("name", "entity_id")
    return RegistryMatcher(names, version=version)


_lock = threading.Lock()
_current: RegistryMatcher | None = None
builds = 0  # how many registry matchers this process has built (tests read it)


def registry_version() -> str:
    """The shared registry version token, created when the cache has none."""
    from django.core.cache import cache

    version = cache.get(REGISTRY_VERSION_KEY)
    if version is None:
        cache.add(REGISTRY_VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(REGISTRY_VERSION_KEY)
    return version


def bump_registry_version() -> None:
    """Mark the registry changed: every process rebuilds its matcher on next use."""
    from django.core.cache import cache

    cache.set(REGISTRY_VERSION_KEY, uuid.uuid4().hex, None)


def get_registry_matcher() -> RegistryMatcher:
    """The process-wide matcher for the registry, rebuilt if the registry changed."""
    global _current, builds
    version = registry_version()
    matcher = _current
    if matcher is not None and matcher.version == version:
        return matcher
    with _lock:
        if _current is None or _current.version != version:
            # The version is read before the rows, so a change made while building
            # leaves this matcher outdated and the next call builds again.
            _current = registry_matcher(version=version)
            builds += 1
        return _current
