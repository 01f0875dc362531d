"""Production: every secret from the environment; refuses to start without them."""

from django.core.exceptions import ImproperlyConfigured

from newsroom import env
from newsroom.settings.base import *  # noqa: F403

DEBUG = env.get_bool("DEBUG", False)
SECRET_KEY = env.get_mandatory("SECRET_KEY")
ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS") or env.get_mandatory("ALLOWED_HOSTS")
env.get_mandatory("DATABASE_URL")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.get_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(env.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

# Caching: no per-process cache anywhere. Every worker and host must see a publication
# within a second, which a cache living in one process (or on one host's disk) cannot
# give: refuse to start with one.
PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
    "django.core.cache.backends.filebased.FileBasedCache",
}
for _alias, _cache in CACHES.items():  # noqa: F405
    if _cache["BACKEND"] in PER_PROCESS_CACHES:
        raise ImproperlyConfigured(
            f"The cache {_alias!r} ({_cache['BACKEND']}) is not shared between "
            "processes and hosts: set CACHE_URL=redis://… or leave it unset for the "
            "database cache."
        )
