"""Read configuration from environment variables, in one place."""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
# Django's deploy check asks for as much: 50 characters, at least 5 different ones.
MIN_SECRET_KEY_LENGTH = 50


def get(name: str, default: str = "") -> str:
    """Return the variable's value, or ``default`` when it is unset."""
    return os.environ.get(name, default)


def get_mandatory(name: str) -> str:
    """Return the variable's value; refuse to start when it is unset or blank."""
    value = os.environ.get(name, "")
    if not value.strip():
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


# --- Production refuses unsafe values --------------------------------------------


def get_false(name: str, why: str) -> bool:
    """Return False; refuse to start when the variable is set to a true value."""
    if get_bool(name, False):
        raise ImproperlyConfigured(f"{name} must be off in production: {why}")
    return False


def get_secret_key(name: str = "SECRET_KEY") -> str:
    """Return a mandatory secret key; refuse one short or repetitive enough to guess."""
    value = get_mandatory(name)
    if len(value) < MIN_SECRET_KEY_LENGTH or len(set(value)) < 5:
        raise ImproperlyConfigured(
            f"{name} is too weak ({len(value)} characters): use at least "
            f"{MIN_SECRET_KEY_LENGTH} random characters. It signs sessions, "
            "password-reset links and CSRF tokens, so a short key can be guessed and "
            "forged. Make one with `python -c 'from django.core.management.utils "
            "import get_random_secret_key; print(get_random_secret_key())'`."
        )
    return value


def get_hosts(name: str = "ALLOWED_HOSTS") -> list[str]:
    """Return a mandatory list of host names; refuse a ``*`` wildcard."""
    hosts = get_list(name)
    if not hosts:
        raise ImproperlyConfigured(f"The environment variable {name} must be set.")
    if any("*" in host for host in hosts):
        raise ImproperlyConfigured(
            f"{name} must name this site's hosts, not '*': any Host header would be "
            "accepted, and password-reset links and absolute addresses could point "
            "at an attacker's site. Use e.g. factcheck.example.org (or "
            ".example.org for every subdomain)."
        )
    return hosts
