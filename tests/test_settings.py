"""Production settings: refuse to start without secrets; the deploy check is clean."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


# What a deployment sets itself. The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE is no
# part of one.
DEPLOYMENT_VARIABLES = {
    "DJANGO_SETTINGS_MODULE",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "DEBUG",
    "CELERY_BROKER_URL",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def run_python(*args, extra_env, settings_module: str | None):
    """Python in a fresh process, with only ``extra_env`` of a deployment's variables
    (and ``settings_module``, unless None: then the entry point picks its own)."""
    env = {k: v for k, v in os.environ.items() if k not in DEPLOYMENT_VARIABLES}
    env.update(extra_env)
    if settings_module is not None:
        env["DJANGO_SETTINGS_MODULE"] = settings_module
    return subprocess.run(  # noqa: S603 - fixed arguments, our own modules
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def run_manage(*args, extra_env):
    return run_python(
        str(ROOT / "manage.py"),
        *args,
        extra_env=extra_env,
        settings_module="newsroom.settings.prod",
    )


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = run_manage("check", extra_env={})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


GOOD = {
    "SECRET_KEY": "a-long-random-production-secret-" + "x7Q2" * 10,
    "ALLOWED_HOSTS": "factcheck.example.org",
    "DATABASE_URL": "sqlite:///unused.sqlite3",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/5",
}


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"DEBUG": "1"}, "DEBUG must be off in production"),
        ({"DEBUG": "true"}, "DEBUG must be off in production"),
        ({"SECRET_KEY": ""}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "   \t  "}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "short-but-not-blank"}, "use at least 50 random characters"),
        ({"SECRET_KEY": "ab" * 40}, "SECRET_KEY is too weak"),
        ({"ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS must name this site's hosts"),
        ({"ALLOWED_HOSTS": "factcheck.example.org, *"}, "not '*'"),
        ({"ALLOWED_HOSTS": " , "}, "ALLOWED_HOSTS must be set"),
        # The source fetcher would reach the private network and 169.254.169.254.
        (
            {"SOURCE_FETCH_ALLOW_PRIVATE": "1"},
            "SOURCE_FETCH_ALLOW_PRIVATE must be off in production",
        ),
    ],
)
def test_production_settings_refuse_unsafe_values(override, message):
    result = run_manage("check", extra_env={**GOOD, **override})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_production_settings_check_database_connections_before_reuse():
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; "
        "print(settings.DATABASES['default']['CONN_HEALTH_CHECKS'], settings.DEBUG)",
        extra_env={**GOOD, "DB_CONN_MAX_AGE": "60"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["True", "False"]


def test_deploy_check_is_clean_under_production_settings(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        extra_env={
            "SECRET_KEY": "a-long-random-production-secret-" + "x7Q2" * 10,
            "ALLOWED_HOSTS": "factcheck.example.org",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
            "CELERY_BROKER_URL": "redis://127.0.0.1:6379/5",
        },
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


PROD_ENV = {
    "SECRET_KEY": "a-long-random-production-secret-" + "x7Q2" * 10,
    "ALLOWED_HOSTS": "factcheck.example.org",
    "DATABASE_URL": "sqlite:///unused.sqlite3",
}


def test_production_refuses_to_start_without_a_broker():
    result = run_manage("check", extra_env=PROD_ENV)
    assert result.returncode != 0
    assert "CELERY_BROKER_URL must be set" in result.stderr


def test_production_refuses_the_per_host_filesystem_broker():
    result = run_manage(
        "check", extra_env={**PROD_ENV, "CELERY_BROKER_URL": "filesystem://"}
    )
    assert result.returncode != 0
    assert "must name a Redis (redis://) or RabbitMQ (amqp://) broker" in result.stderr


def test_production_settings_refuse_a_per_process_cache(tmp_path):
    """Two workers with a cache each serve a page one of them was told to forget."""
    result = run_manage(
        "check",
        extra_env={
            **PROD_ENV,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
            "CELERY_BROKER_URL": "redis://127.0.0.1:6379/9",
            "CACHE_URL": "locmem://",
        },
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "not shared between processes" in result.stderr


@pytest.mark.parametrize(
    "entry_point",
    [
        "import newsroom.wsgi",
        "import newsroom.asgi",
        # What `celery -A newsroom worker` and `beat` import first.
        "import newsroom; import django; django.setup()",
    ],
)
def test_production_entry_points_default_to_the_production_settings(entry_point):
    """gunicorn, an ASGI server and the Celery worker and beat, started with no
    DJANGO_SETTINGS_MODULE, run the production settings (never DEBUG's)."""
    result = run_python(
        "-c",
        f"{entry_point}; from django.conf import settings; "
        "print(settings.SETTINGS_MODULE, settings.DEBUG)",
        extra_env=GOOD,
        settings_module=None,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["newsroom.settings.prod", "False"]
