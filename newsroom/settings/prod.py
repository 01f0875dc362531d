"""Production: every secret from the environment; refuses to start without them."""

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

# Mail (the desk's notifications): an SMTP server named in the environment.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = env.get("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env.get("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env.get_bool("EMAIL_USE_TLS", True)
SERVER_EMAIL = DEFAULT_FROM_EMAIL  # noqa: F405
