"""Settings shared by every environment; dev.py, test.py and prod.py build on them."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from newsroom import env

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env.get("SECRET_KEY", "insecure-local-development-key-not-for-production")
DEBUG = env.get_bool("DEBUG", False)

# Only the local demo settings may create the demo accounts (see create_demo_users).
DEMO_ACCOUNTS_ALLOWED = False
ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env.get_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "newsroom.admin_site.NewsroomAdminConfig",
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
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "entities",
    "articles",
    "policies",
    "api",
    "axes",
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
    # Last, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"


def entity_page_url(entity) -> str:
    """An entity's public page, which ``articles`` serves (its URL, its view).

    ``entities`` names no ``articles`` URL; the project, which wires both apps into
    one URLconf, gives Entity its ``get_absolute_url`` here (Django applies
    ABSOLUTE_URL_OVERRIDES when the model class is built), so the admin's "View on
    site", snapshots, the API and templates keep calling ``get_absolute_url()``.
    """
    from django.urls import reverse

    return reverse("articles:entity_detail", kwargs={"slug": entity.slug})


ABSOLUTE_URL_OVERRIDES = {"entities.entity": entity_page_url}

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
        # With persistent connections, a connection the server dropped (restart,
        # idle timeout, failover) is found dead before a request uses it, not by a 500.
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache is shared by every process and host (public pages, their tags): Redis when
# CACHE_URL names one, else a table in the database (created by a migration,
# articles/migrations/0008), so the embedded default needs no server and two gunicorn
# workers still agree. ``locmem://`` (one process only) is for experiments; production
# settings refuse it.
CACHE_URL = env.get("CACHE_URL", "")
DATABASE_CACHE_TABLE = "newsroom_cache"
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": env.get("CACHE_KEY_PREFIX", "newsroom"),
        }
    }
elif CACHE_URL == "locmem://":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "newsroom",
        }
    }
elif not CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": DATABASE_CACHE_TABLE,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
else:
    raise ImproperlyConfigured(
        "CACHE_URL must be redis://…, rediss://…, locmem:// or unset (database)."
    )
# Off (PUBLIC_PAGE_CACHE=0): every public page is rendered per request (benchmarks of
# the uncached pages, debugging); HTTP caching headers are still sent.
PUBLIC_PAGE_CACHE_ENABLED = env.get_bool("PUBLIC_PAGE_CACHE", True)
# Seconds a public page stays in the shared cache; a change invalidates it sooner.
PUBLIC_PAGE_CACHE_SECONDS = int(env.get("PUBLIC_PAGE_CACHE_SECONDS", "600"))
# HTTP caching of public pages for anonymous readers: browsers keep a page for
# max-age seconds, shared caches (CDN, Varnish, nginx) for s-maxage; both revalidate
# with the ETag. A CDN gets purged by tag (CACHE_PURGE_URL) on every change, so its
# s-maxage can be long; without a purge endpoint keep it short.
PUBLIC_PAGE_MAX_AGE = int(env.get("PUBLIC_PAGE_MAX_AGE", "60"))
PUBLIC_PAGE_S_MAXAGE = int(env.get("PUBLIC_PAGE_S_MAXAGE", "300"))
# Purge endpoint of the CDN or proxy (README "Caching and CDN"); empty: none.
CACHE_PURGE_URL = env.get("CACHE_PURGE_URL", "")
CACHE_PURGE_METHOD = env.get("CACHE_PURGE_METHOD", "POST")
CACHE_PURGE_TIMEOUT = float(env.get("CACHE_PURGE_TIMEOUT", "5"))

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
# Where a login lands when its ?next is missing or refused (another site, say).
LOGIN_REDIRECT_URL = "articles:desk_home"

# Login throttling (django-axes): every login form authenticates through the axes
# backend, which counts failures per username and address together and refuses that
# pair, even with the right password, for the cool-off. Unlock early by deleting the
# "access attempt" in the admin (Axes → Access attempts).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(env.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "newsroom.lockout.lockout_response"
AXES_USERNAME_CALLABLE = "newsroom.lockout.lockout_username"
# The client's address: REMOTE_ADDR, unless prod.py names the header that the
# reverse proxy sets (CLIENT_IP_HEADER); a header anyone can send is never trusted here.
AXES_CLIENT_IP_CALLABLE = "newsroom.client_ip.client_ip"
CLIENT_IP_HEADER = ""

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

# The longest article body accepted (characters), at every entry point: the admin, the
# Tag page, imports and the model itself. Longer bodies are refused, never cut.
ARTICLE_BODY_MAX_CHARS = int(env.get("ARTICLE_BODY_MAX_CHARS", "200000"))
# A form post must carry a body at that limit in any script: urlencoded, a character
# takes up to twelve bytes (four UTF-8 bytes as %XX), plus room for the other fields.
DATA_UPLOAD_MAX_MEMORY_SIZE = max(2_621_440, ARTICLE_BODY_MAX_CHARS * 12 + 1_048_576)

# Name of an installed statistical spaCy pipeline (e.g. "en_core_web_sm"); empty means
# the blank English tokeniser with rules only, which needs no model download.
SPACY_MODEL = env.get("SPACY_MODEL", "")

# The read-only JSON API (api/, Django REST framework). Nobody signs in there: every
# client is anonymous, throttled per address in the shared cache.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PageNumberPagination",
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.ClientAddressAnonThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": env.get("API_ANON_RATE", "120/minute")},
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Newsroom open data API",
    "DESCRIPTION": (
        "Published fact-checks, claims with their verdicts and citations, and the "
        "entities with a public page. Read-only; anonymous clients are throttled."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The choices are listed in each enum; descriptions stay the filters' own words.
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,
}

# Readers' forms (suggest a claim, report an error): posts per address per window.
READER_FORM_LIMIT = int(env.get("READER_FORM_LIMIT", "10"))
READER_FORM_WINDOW_SECONDS = int(env.get("READER_FORM_WINDOW_SECONDS", "3600"))
# The largest ClaimReview feed file the importer reads (bytes).
CLAIMREVIEW_IMPORT_MAX_BYTES = int(
    env.get("CLAIMREVIEW_IMPORT_MAX_BYTES", str(5 * 1024 * 1024))
)

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
        # Exchange tables (remote control); kombu's default is "control" in the cwd.
        "control_folder": str(CELERY_QUEUE_FOLDER / "control"),
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
# The Job row is a job's result: no result backend to run or clean up.
CELERY_TASK_IGNORE_RESULT = True
# Beat's schedule is this static table, kept in memory: nothing to store on the beat
# host (publish_due catches up on anything that came due while beat was down). Run
# exactly one beat. Each tick expires before the next, so a stopped worker does not
# find an hour of them piled up.
CELERY_BEAT_SCHEDULER = "celery.beat:Scheduler"
CELERY_BEAT_SCHEDULE = {
    "publish-due": {
        "task": "articles.publish_due",
        "schedule": 60.0,
        "options": {"expires": 55},
    },
    "requeue-stale-jobs": {
        "task": "articles.requeue_stale_jobs",
        "schedule": 60.0,
        "options": {"expires": 55},
    },
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
    # Evidence: queue a check of every source not checked for SOURCE_RECHECK_DAYS.
    "check-stale-sources": {
        "task": "articles.check_stale_sources",
        "schedule": crontab(hour=3, minute=30),
    },
}

# Evidence: fetching and checking cited pages (articles.sources). The user agent
# names us and where to read about the checks; robots.txt rules use its first word.
SOURCE_FETCH_USER_AGENT = env.get(
    "SOURCE_FETCH_USER_AGENT",
    f"NewsroomSourceCheck/1.0 (+{SITE_URL}/; checks pages cited in fact-checks)",
)
# Never True in production: it lets the fetcher reach private and loopback
# addresses (SSRF). Tests that run a local server turn it on for themselves.
SOURCE_FETCH_ALLOW_PRIVATE = env.get_bool("SOURCE_FETCH_ALLOW_PRIVATE", False)
SOURCE_FETCH_CONNECT_TIMEOUT = float(env.get("SOURCE_FETCH_CONNECT_TIMEOUT", "5"))
SOURCE_FETCH_READ_TIMEOUT = float(env.get("SOURCE_FETCH_READ_TIMEOUT", "10"))
# The whole fetch (robots.txt, redirects, body) ends by then.
SOURCE_FETCH_DEADLINE = float(env.get("SOURCE_FETCH_DEADLINE", "20"))
SOURCE_FETCH_MAX_BYTES = int(env.get("SOURCE_FETCH_MAX_BYTES", str(2 * 1024 * 1024)))
SOURCE_FETCH_MAX_REDIRECTS = 5
# A name that resolves whenever we are online: a network failure is "dead" only
# then, and "unreachable" otherwise (articles.sources.health).
SOURCE_FETCH_ONLINE_PROBE = env.get("SOURCE_FETCH_ONLINE_PROBE", "example.com")
SOURCE_TEXT_MAX_CHARS = 100_000
# Below this word similarity to the first snapshot a page has "changed".
SOURCE_CHANGED_BELOW = float(env.get("SOURCE_CHANGED_BELOW", "0.85"))
SOURCE_RECHECK_DAYS = int(env.get("SOURCE_RECHECK_DAYS", "7"))
# Check a citation's page once it is saved with a new address.
SOURCE_CHECK_ON_SAVE = env.get_bool("SOURCE_CHECK_ON_SAVE", True)

# Mail (notifications). The sender; dev.py prints mail to the console, prod.py
# reads the SMTP server from the environment.
DEFAULT_FROM_EMAIL = env.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.get("LOG_LEVEL", "WARNING")},
}
