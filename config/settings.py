"""Settings for meeting-archive.

One module for every environment: each difference is an environment variable with a safe
default. Without DATABASE_URL the archive runs on an SQLite file in the project folder,
so a newcomer needs no server.
"""

import datetime
import ipaddress
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    return int(os.environ.get(name, default))


DEBUG = env_bool("DEBUG")
# The default key is only fit for a laptop; production sets SECRET_KEY.
SECRET_KEY = os.environ.get("SECRET_KEY", "insecure-development-key-set-SECRET_KEY-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.syndication",
    "django_filters",
    "simple_history",
    "easy_thumbnails",
    "axes",
    "csp",
    "django_prometheus",
    "people",
    "meetings",
    "indicators",
]

MIDDLEWARE = [
    # Outermost, so the latency it measures includes every other middleware and cached pages.
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    # Outside the page cache, so a cached page leaves with this request's id, not the id of the
    # request that stored it; and early, so that every log line of the request carries it.
    "people.request_id.RequestIdMiddleware",
    # Before anything that reads the request, so no body that is too large is read before it is
    # refused.
    "meetings.middleware.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # ETag from the content, and 304 for If-None-Match / If-Modified-Since, on every page.
    "django.middleware.http.ConditionalGetMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the session middleware, so that a session is always read from the primary.
    "people.replicas.ReplicaReadsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "meetings.middleware.VietnameseUnlessChosenMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "meetings.middleware.QueryStringLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Inside the middleware that add headers, so a cached page leaves with the same ones.
    "people.pagecache.PublicPageCacheMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Latency by view: the view is known only inside the page cache, so cached hits are counted
    # by PrometheusBeforeMiddleware alone. Before django-axes, so axes' 429 is counted as sent.
    "django_prometheus.middleware.PrometheusAfterMiddleware",
    # Last of those that touch authentication, as django-axes asks: it turns a lockout into the
    # cool-off response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out address is refused before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# An absurd query string is a 400 with a message (meetings.middleware): beyond this many
# parameters, or this many bytes as sent. Django refuses more than 1,000 fields by itself.
QUERY_STRING_MAX_PARAMETERS = env_int("QUERY_STRING_MAX_PARAMETERS", 100)
QUERY_STRING_MAX_BYTES = env_int("QUERY_STRING_MAX_BYTES", 16384)

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# Django's simplest widget templates written out in Python (people.form_renderer): the
# editors' meeting page draws about 900 widgets.
FORM_RENDERER = "people.form_renderer.DeskFormRenderer"


def database(url):
    """A DATABASES entry for `url`, with the options every connection of the archive has."""
    entry = dj_database_url.parse(
        url,
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    if entry["ENGINE"] == "django.db.backends.postgresql":
        # JIT compiles a plan when its estimated cost is high, which a page's subqueries over a
        # large archive often are: 0.5-0.7 s of compiling for queries that run in milliseconds.
        entry.setdefault("OPTIONS", {})["options"] = "-c jit=off"
        # django-prometheus' wrapper of the same engine counts queries, errors and their
        # durations by alias (`django_db_*` metrics), keeping the options above. Not SQLite's:
        # pytest-django knows an in-memory test database by the engine's own name, and the
        # embedded archive runs on one machine with nobody scraping it.
        entry["ENGINE"] = "django_prometheus.db.backends.postgresql"
    return entry


DATABASES = {
    "default": database(os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"))
}
# Streaming replicas of the default database, `replica_1`, `replica_2`…, which public pages read
# (people/replicas.py). The test runner points them at the test database: only
# tests/test_replicas.py reads a real replica.
DATABASE_REPLICAS = []
for _number, _url in enumerate(env_list("DATABASE_REPLICA_URLS"), start=1):
    try:
        _replica = database(_url)
    except ValueError as error:  # never the URL itself, which may hold a password
        raise ImproperlyConfigured(f"DATABASE_REPLICA_URLS: replica {_number}: {error}") from None
    if not all(
        entry["ENGINE"].endswith(".postgresql") for entry in (_replica, DATABASES["default"])
    ):
        raise ImproperlyConfigured(
            "DATABASE_REPLICA_URLS: replicas need PostgreSQL, and so does the primary."
        )
    # A replica that does not answer is given up on within 2 s, and its reads go to the primary.
    _replica["OPTIONS"]["connect_timeout"] = 2
    _replica["TEST"] = {"MIRROR": "default"}
    DATABASES[f"replica_{_number}"] = _replica
    DATABASE_REPLICAS.append(f"replica_{_number}")
if DATABASE_REPLICAS:
    DATABASE_ROUTERS = ["people.replicas.PrimaryReplicaRouter"]
# After a client's request writes, its requests read from the primary this long: at least the
# largest lag allowed plus the 2 s between two checks of a replica, so that a replica it
# reads afterwards has its change.
DATABASE_REPLICA_MAX_LAG_SECONDS = float(os.environ.get("DATABASE_REPLICA_MAX_LAG_SECONDS", "5"))
DATABASE_REPLICA_PIN_SECONDS = float(os.environ.get("DATABASE_REPLICA_PIN_SECONDS", "10"))
if os.environ.get("DATABASE_TEST_TEMPLATE"):
    # Lets CI create the test database from one made with a chosen UTF-8 locale.
    DATABASES["default"]["TEST"] = {"TEMPLATE": os.environ["DATABASE_TEST_TEMPLATE"]}
# The archive export's format: Django's JSON with times kept to the microsecond.
SERIALIZATION_MODULES = {"exactjson": "meetings.exact_json"}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Covering indexes (`Index(include=…)`) are PostgreSQL's; SQLite builds the same index without
# the included columns, which is all it needs, and says so with this warning.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Routed to the media view (`meetings.media`), which serves a file only to those who may see
# it; nothing else may serve MEDIA_ROOT or the bucket.
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if os.environ.get("MEDIA_S3_BUCKET"):
    # A private bucket of S3-compatible object storage (AWS, MinIO, Ceph, Cloudflare R2…) through
    # django-storages; the media view redirects to short-lived signed URLs of its objects.
    # Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, which boto3 reads itself.
    STORAGES["default"] = {
        "BACKEND": "people.storage.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["MEDIA_S3_BUCKET"],
            "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("MEDIA_S3_REGION") or None,
            "location": os.environ.get("MEDIA_S3_PREFIX", "media"),
            "file_overwrite": False,
        },
    }

# Photo renditions: made once by easy-thumbnails, recorded in its tables, reused ever after.
THUMBNAIL_ALIASES = {
    "": {
        "small": {"size": (480, 0), "quality": 82},
        "medium": {"size": (960, 0), "quality": 82},
        "large": {"size": (1600, 0), "quality": 85},
    }
}
THUMBNAIL_PRESERVE_EXTENSIONS = False
THUMBNAIL_EXTENSION = "jpg"
THUMBNAIL_SUBDIR = "renditions"

# History of every editorial change (django-simple-history).
SIMPLE_HISTORY_REVERT_DISABLED = False
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# The admin's import page previews articles up to this size while the editor waits (about 1 s
# per 100 KB on PostgreSQL); longer ones, up to 2 MB, are imported by a background job unseen.
ARTICLE_IMPORT_ADMIN_MAX_KB = env_int("ARTICLE_IMPORT_ADMIN_MAX_KB", 400)
# The admin's batch import (a zip or several files) takes at most this much text at once, each
# article at most 2 MB; the batch job's row holds it until the job is done.
ARTICLE_BATCH_MAX_MB = env_int("ARTICLE_BATCH_MAX_MB", 20)

# HTTPS. SECURE=1 in production, behind TLS: redirect to HTTPS, secure cookies, HSTS.
# Off by default so `make run` and the tests work over plain HTTP on a laptop.
SECURE = env_bool("SECURE")
SECURE_SSL_REDIRECT = SECURE
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 31536000 if SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", SECURE)
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", SECURE)
if env_bool("BEHIND_PROXY"):
    # The load balancer terminates TLS and says so in X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Safe on plain HTTP too, so always on.
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy (django-csp 4): no inline script or style anywhere, no framing.
_MEDIA_ORIGINS = env_list("CSP_MEDIA_ORIGINS")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_MEDIA_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Admin login throttling (django-axes): a client address is locked out after AXES_FAILURE_LIMIT
# failures, whatever usernames it tried, for AXES_COOLOFF_MINUTES. Axes has one limit for every
# combination of parameters and counts the largest, so adding ("username", "ip_address") to the
# list would change nothing: the address alone always counts at least as many failures.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_RESET_ON_SUCCESS = True
# Behind a load balancer every request comes from the balancer's address, and one attacker
# would lock everybody out. TRUSTED_PROXY_COUNT says how many proxies of ours stand in front of
# Django; each appends the address it saw to X-Forwarded-For, so the client's address is the
# TRUSTED_PROXY_COUNT-th from the right (anything further left may be forged by the client).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)


def axes_client_ip(request):
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [address for address in forwarded if address]
    if TRUSTED_PROXY_COUNT and len(forwarded) >= TRUSTED_PROXY_COUNT:
        return forwarded[-TRUSTED_PROXY_COUNT]
    return request.META.get("REMOTE_ADDR")


AXES_CLIENT_IP_CALLABLE = axes_client_ip

# Request bodies are bounded at the door (meetings.middleware.RequestSizeLimitMiddleware): one
# larger than MAX_REQUEST_MB, or of undeclared length, is refused before a byte of it is read.
# The default lets an editor save a meeting with four full-size (25 MB) photos at once.
MAX_REQUEST_BYTES = env_int("MAX_REQUEST_MB", 100) * 1024 * 1024
# Within that, the form fields other than files are bounded too, so none fills the memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Logs go to the standard error, one JSON object a line in production (python-json-logger) for
# the log collector to parse, plain text on a laptop. Every line carries the id of the request
# that wrote it (people.request_id), which the response echoes in X-Request-ID.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "people.request_id.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": "time",  # ISO 8601 in UTC
        },
        "text": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# The cache: Redis in production (`CACHE_URL=redis://127.0.0.1:6379/1`, django-redis), this
# process's memory otherwise (one process: `make run`). Several server processes need Redis,
# or a change made through one would not reach the others' cached pages.
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL:
    CACHES = {
        "default": {
            # django-redis, counting gets, hits and misses for /metrics (django-prometheus). Its
            # wrapper of the memory cache below is not used: it reads a stored 0 or "" as a miss.
            "BACKEND": "django_prometheus.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "meeting-archive",
            # A cache that is down costs speed, never a page: reads miss, writes are dropped,
            # and a Redis that does not answer is given up on within a second.
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# Anonymous readers' public pages are cached this long at most (people/pagecache.py); every
# change reaches them on the next request whatever it is. 0 turns the page cache off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 86400)
# A streamed download (an indicator's CSV) is stored only up to this size.
PAGE_CACHE_MAX_BYTES = env_int("PAGE_CACHE_MAX_MB", 16) * 1024 * 1024
# A stored page this large is also kept in a file of this machine's, sent by the server with
# sendfile (people/pagecache.py); an empty PAGE_CACHE_FILES_DIR turns that off.
PAGE_CACHE_FILES_DIR = os.environ.get("PAGE_CACHE_FILES_DIR", str(BASE_DIR / "var" / "pages"))
PAGE_CACHE_FILE_MIN_BYTES = env_int("PAGE_CACHE_FILE_MIN_KB", 256) * 1024
PAGE_CACHE_EXCLUDED_PREFIXES = (
    "/admin/",
    "/media/",
    "/language/",
    "/healthz",
    "/readyz",
    "/metrics",
)

# Background jobs (meetings/tasks.py, config/celery.py): Celery on CELERY_BROKER_URL
# (`redis://…` or `amqp://…`); /readyz checks that it answers. Without one, jobs run inline in
# the process that queues them, so `make run` needs no broker.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# Inline, a retry runs at once rather than being raised to the caller (the job records it).
CELERY_TASK_EAGER_PROPAGATES = False
# A job's message is acknowledged once it has run, so a worker killed mid-job leaves it to
# another; jobs are written to be run twice (`meetings.models.Job`).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True  # the Job row holds the outcome
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "meeting-archive")
# Redis hands an unacknowledged message (its worker died) to another worker after this many
# seconds: longer than the longest job, or a slow job runs twice at once. Workers look for such
# messages every 60th of it (RabbitMQ hands them on as soon as the worker's connection drops).
JOB_VISIBILITY_TIMEOUT = env_int("CELERY_VISIBILITY_TIMEOUT", 3600)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": JOB_VISIBILITY_TIMEOUT,
    "unacked_restore_interval": max(1, JOB_VISIBILITY_TIMEOUT // 60),
    "unacked_restore_throttle": 1,
    "socket_connect_timeout": 2,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Queuing to a broker that is down fails within a second or two, and the job says so.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False  # our LOGGING formats the worker's lines too
# A job whose work fails for a passing reason (the database or storage away) is tried again
# this many times, waiting longer each time, before it is marked failed.
JOB_MAX_RETRIES = env_int("JOB_MAX_RETRIES", 3)
# Where finished archive exports are kept (in the media storage, handed to superusers only).
JOB_EXPORTS_FOLDER = "exports/"

# Health and metrics (people/health.py, people/views.py).
# How long /readyz waits for its checks, which run side by side, before calling one down.
HEALTH_CHECK_TIMEOUT = float(os.environ.get("HEALTH_CHECK_TIMEOUT", "2"))
# Who may read /metrics: the operator's networks, matched against the client's address as for
# login throttling: REMOTE_ADDR, since anyone can write X-Forwarded-For, unless
# TRUSTED_PROXY_COUNT says which of its addresses our proxies wrote (README, "Health and metrics").
METRICS_ALLOWED_NETWORKS = [
    ipaddress.ip_network(network, strict=False)
    for network in env_list("METRICS_ALLOWED_NETWORKS", "127.0.0.1/32,::1/128")
]
# Monitors probe over plain HTTP from inside the network: no redirect to HTTPS for these.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
