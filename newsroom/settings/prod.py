"""Production: every secret from the environment; refuses to start without them.

It also refuses unsafe values (see newsroom/env.py): DEBUG on, a blank, short or
repetitive SECRET_KEY, a ``*`` in ALLOWED_HOSTS, or SOURCE_FETCH_ALLOW_PRIVATE on.
"""

from django.core.exceptions import ImproperlyConfigured

from newsroom import env
from newsroom.settings.base import *  # noqa: F403

DEBUG = env.get_false(
    "DEBUG",
    "it shows settings, SQL and tracebacks to anyone who reaches an error page.",
)
SECRET_KEY = env.get_secret_key("SECRET_KEY")
ALLOWED_HOSTS = env.get_hosts("ALLOWED_HOSTS")
SOURCE_FETCH_ALLOW_PRIVATE = env.get_false(
    "SOURCE_FETCH_ALLOW_PRIVATE",
    "the source fetcher would reach private, loopback and link-local addresses "
    "(the cloud metadata service at 169.254.169.254 among them) for anyone who "
    "cites a link.",
)
env.get_mandatory("DATABASE_URL")
# The filesystem broker is a folder on one host: web hosts and workers elsewhere would
# never see each other's jobs. Production names a shared Redis or RabbitMQ broker.
CELERY_BROKER_URL = env.get_mandatory("CELERY_BROKER_URL")
if not CELERY_BROKER_URL.startswith(("redis://", "rediss://", "amqp://", "amqps://")):
    raise ImproperlyConfigured(
        "CELERY_BROKER_URL must name a Redis (redis://) or RabbitMQ (amqp://) broker."
    )

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

# Behind a reverse proxy: the header it sets to the client's address (e.g.
# X-Forwarded-For or X-Real-IP), for login throttling. Empty: REMOTE_ADDR.
CLIENT_IP_HEADER = env.get("CLIENT_IP_HEADER", "")

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

# Mail (the desk's notifications): an SMTP server named in the environment.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = env.get("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env.get("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env.get_bool("EMAIL_USE_TLS", True)
SERVER_EMAIL = DEFAULT_FROM_EMAIL  # noqa: F405
