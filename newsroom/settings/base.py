"""Settings shared by every environment; dev.py, test.py and prod.py build on them."""

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from newsroom import env

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env.get("SECRET_KEY", "insecure-local-development-key-not-for-production")
DEBUG = env.get_bool("DEBUG", False)
ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env.get_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "simple_history",
    "entities",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"
ASGI_APPLICATION = "newsroom.asgi.application"

# An SQLite file in the project folder unless DATABASE_URL names another database
# (postgres://… uses PostgreSQL through psycopg 3).
DATABASES = {
    "default": dj_database_url.parse(
        env.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env.get("DB_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHE_URL = env.get("CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": env.get("CACHE_KEY_PREFIX", "newsroom"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "newsroom",
        }
    }
# Seconds a public page stays in the cache; publishing clears it sooner.
PUBLIC_PAGE_CACHE_SECONDS = int(env.get("PUBLIC_PAGE_CACHE_SECONDS", "600"))

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("de", _("German")),
    ("es", _("Spanish")),
    ("ur", _("Urdu")),
    ("hi", _("Hindi")),
    ("zh-hans", _("Simplified Chinese")),
]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Content Security Policy: everything from our own origin; JSON-LD is data, not script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# The organisation that signs fact-checks (ClaimReview author, feeds, page titles).
NEWSROOM_ORGANIZATION = {
    "name": env.get("NEWSROOM_ORG_NAME", "Newsroom Fact Check Desk"),
    "url": env.get("NEWSROOM_ORG_URL", "http://127.0.0.1:8000/"),
}
# Base address for absolute links in feeds, JSON-LD and the sitemap.
SITE_URL = env.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Name of an installed statistical spaCy pipeline (e.g. "en_core_web_sm"); empty means
# the blank English tokeniser with rules only, which needs no model download.
SPACY_MODEL = env.get("SPACY_MODEL", "")

# Background jobs (Celery). Production names a Redis or RabbitMQ broker in
# CELERY_BROKER_URL; the embedded default is kombu's filesystem transport, a folder that
# the web process and a local worker share, so the demo needs no broker server.
CELERY_BROKER_URL = env.get("CELERY_BROKER_URL", "filesystem://")
CELERY_QUEUE_FOLDER = Path(
    env.get("CELERY_QUEUE_FOLDER", str(BASE_DIR / "var" / "celery"))
)
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_QUEUE_FOLDER / "queue"),
        "data_folder_out": str(CELERY_QUEUE_FOLDER / "queue"),
        "processed_folder": str(CELERY_QUEUE_FOLDER / "processed"),
        "store_processed": False,
    }
# A job is acknowledged only once it has finished, and given back to the queue when its
# worker dies, so a killed worker's job runs again elsewhere: every task is idempotent.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# Periodic jobs (celery beat), one entry per job so that branches merge cleanly.
CELERY_BEAT_SCHEDULE = {
    # The desk: tell whoever answers for claims whose re-check date has come.
    "desk-recheck-due": {
        "task": "articles.desk.notify_recheck_due",
        "schedule": crontab(hour=6, minute=0),
    },
    # The desk: the daily digest of notifications, for those who chose it.
    "desk-daily-digest": {
        "task": "articles.desk.send_digests",
        "schedule": crontab(hour=7, minute=0),
    },
}

# Mail (notifications). The sender; dev.py prints mail to the console, prod.py
# reads the SMTP server from the environment.
DEFAULT_FROM_EMAIL = env.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.get("LOG_LEVEL", "WARNING")},
}
