"""Read configuration from environment variables, in one place."""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}


def get(name: str, default: str = "") -> str:
    """Return the variable's value, or ``default`` when it is unset."""
    return os.environ.get(name, default)


def get_mandatory(name: str) -> str:
    """Return the variable's value; refuse to start when it is unset or empty."""
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set.")
    return value


def get_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in _TRUE


def get_list(name: str, default: str = "") -> list[str]:
    """Split a comma-separated variable into a list, dropping empty items."""
    return [item.strip() for item in get(name, default).split(",") if item.strip()]
