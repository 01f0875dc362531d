"""Test runs: fast hashing, in-memory cache, DATABASE_URL still honoured.

The in-memory cache keeps query counts about the pages themselves; the tests whose
claim is about sharing (tests/articles/test_public_cache.py, the two-process test)
switch to the database cache (or Redis) themselves.
"""

from newsroom.settings.base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "newsroom-tests",
    }
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Jobs run inside the test, at once (one test starts a real worker process).
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True

# Tests never reach the internet: nothing fetches a cited page on save unless a
# test asks for it (with a local server and SOURCE_FETCH_ALLOW_PRIVATE).
SOURCE_CHECK_ON_SAVE = False
