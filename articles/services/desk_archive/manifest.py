"""The archive's table of contents: format, provenance, and per-file counts and sums."""

from __future__ import annotations

import tomllib
from pathlib import Path

import django
from django.conf import settings
from django.db.migrations.recorder import MigrationRecorder

FORMAT_NAME = "newsroom-desk-archive"
# Raise on any change an older importer could misread; importers refuse newer ones.
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"


class ArchiveError(Exception):
    """The archive or the target database was refused; nothing was changed."""


def app_version() -> str:
    """Newsroom's version from pyproject.toml ("unknown" if it cannot be read)."""
    try:
        with (Path(settings.BASE_DIR) / "pyproject.toml").open("rb") as handle:
            return tomllib.load(handle)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def applied_migrations(connection, app_labels) -> dict[str, list[str]]:
    """The migrations applied in ``connection``'s database, per app, sorted."""
    applied = MigrationRecorder(connection).applied_migrations()
    return {
        label: sorted(name for app, name in applied if app == label)
        for label in app_labels
    }


def provenance() -> dict[str, str]:
    return {"app_version": app_version(), "django_version": django.get_version()}
