"""Local development: debug on, the SQLite default, no HTTPS."""

from newsroom import env
from newsroom.settings.base import *  # noqa: F403

DEBUG = env.get_bool("DEBUG", True)

# Mail is printed to the console (the worker's, when a worker sends it).
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
