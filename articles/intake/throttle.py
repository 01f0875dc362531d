"""Per-address limits on the public forms, counted in the shared cache.

Every host sees the same counters, so a limit holds behind a load balancer. The
address comes from newsroom.client_ip (REMOTE_ADDR, or the proxy's header when
configured; an IPv6 client is its /64), and only its hash is used as a key: no
address is stored.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from newsroom.client_ip import client_network


def _key(scope: str, request) -> str:
    address = client_network(request) or "unknown"
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"reader-form:{scope}:{digest}"


def allow_post(request, scope: str) -> bool:
    """Count one post from this client to ``scope``; False once over the limit."""
    key = _key(scope, request)
    window = settings.READER_FORM_WINDOW_SECONDS
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # the counter expired between add and incr
        cache.set(key, 1, window)
        count = 1
    return count <= settings.READER_FORM_LIMIT
