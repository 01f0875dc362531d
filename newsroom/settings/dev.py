"""Local development: debug on, the SQLite default, no HTTPS."""

from newsroom import env
from newsroom.settings.base import *  # noqa: F403

DEBUG = env.get_bool("DEBUG", True)

# ``create_demo_users`` makes accounts whose passwords the README publishes: only here.
DEMO_ACCOUNTS_ALLOWED = True

# Mail is printed to the console (the worker's, when a worker sends it).
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
