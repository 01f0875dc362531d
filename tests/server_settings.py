"""Production settings for servers that tests start: plain static file storage, so
that no ``collectstatic`` manifest is needed. Everything else (the shared cache, and
the refusal of a per-process one) is production's."""

from newsroom.settings.prod import *  # noqa: F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
