"""Jejak settings: one module, every value read from the environment.

Every variable is listed in `.env.example`. The defaults give a working development
setup with nothing installed but Python: an SQLite file under `var/`.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from jejak.lib.storage_url import s3_options

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("JEJAK_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ya"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def env_required(name: str, development_default: str) -> str:
    """A value production must set: without DEBUG, a missing one stops the server at start
    (a public default key would let anyone forge signed links)."""
    value = os.environ.get(name, "").strip()
    if value:
        return value
    if DEBUG:
        return development_default
    raise ImproperlyConfigured(
        f"{name} must be set when DJANGO_DEBUG is off (see .env.example, production settings)."
    )


# --- Production guard (deploy) ----------------------------------------------------------------
# Without DJANGO_DEBUG=1 the server refuses to start unless SECRET_KEY and ALLOWED_HOSTS are
# set; `make demo` sets DJANGO_DEBUG=1 and pytest sets test-only values (pyproject, pytest-env).
DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env_required("SECRET_KEY", "django-insecure-dev-only-never-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must be set when DJANGO_DEBUG is off (comma-separated host names)."
    )
# --- end production guard ---------------------------------------------------------------------
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "jejak.worker",  # before django_tasks_db: its db_worker command wraps the library's
    "csp",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "jejak.reference",
    "jejak.audit",
    "jejak.ratelimit",
    "jejak.organisations",
    "jejak.accounts",
    "jejak.alumni",
    "jejak.outcomes",
    "jejak.tracer",
    "jejak.companies",
    "jejak.jobs",
    "jejak.seekers",
    "jejak.matching",
    "jejak.profiles",
    "jejak.fairs",
    "jejak.coordination",
    "jejak.bkkreports",
    "jejak.tandadaftar",
    "jejak.indicators",
    "jejak.training",
    "jejak.privacy",
    "jejak.demo",
    "jejak.backups",
]

MIDDLEWARE = [
    "jejak.operations.requestid.RequestIdMiddleware",
    "jejak.operations.metrics.LatencyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "jejak.middleware.ChosenLanguageMiddleware",
    "jejak.middleware.RequestSizeLimitMiddleware",
    "jejak.middleware.RejectNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "jejak.replicas.ReplicaMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so it turns a lockout flagged during the login view into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "jejak.urls"
WSGI_APPLICATION = "jejak.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "jejak" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'jejak.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside the one writer; IMMEDIATE takes the write lock at BEGIN so
    # two writers queue on the busy timeout instead of failing with "database is locked".
    # Connections persist (CONN_MAX_AGE above): closing the last one to a WAL file checkpoints
    # it, which cost about 4 ms on every request when each request opened its own.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("JEJAK_TEST_SQLITE_NAME") or None}
# Behind PgBouncer in transaction mode a server-side cursor (iterator()) cannot outlive its
# transaction on one server connection: DISABLE_SERVER_SIDE_CURSORS=1 there.
_NO_SERVER_CURSORS = env_bool("DISABLE_SERVER_SIDE_CURSORS", False)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = _NO_SERVER_CURSORS
# Read replicas (PostgreSQL streaming replicas), comma-separated: aliases replica_1, replica_2…
# Only the views listed in jejak/replicas.py read from them; see that module.
for _number, _url in enumerate(env_list("DATABASE_REPLICA_URLS"), start=1):
    _replica = dj_database_url.parse(_url, conn_max_age=60, conn_health_checks=True)
    # A replica that is down must not hold a request for long before it falls back.
    _replica.setdefault("OPTIONS", {})["connect_timeout"] = env_int("REPLICA_CONNECT_TIMEOUT", 2)
    _replica["DISABLE_SERVER_SIDE_CURSORS"] = _NO_SERVER_CURSORS
    _replica["TEST"] = {"MIRROR": "default"}
    DATABASES[f"replica_{_number}"] = _replica
DATABASE_ROUTERS = ["jejak.replicas.ReplicaRouter"]
# After a write (any POST, PUT, PATCH, DELETE) a browser reads from the primary for this many
# seconds, so nobody misses their own change while the replicas catch up.
REPLICA_STICKY_SECONDS = env_int("REPLICA_STICKY_SECONDS", 10)
# A replica further behind than this is not used (and /healthz reports it as lagging).
REPLICA_MAX_LAG_SECONDS = env_int("REPLICA_MAX_LAG_SECONDS", 30)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses every attempt on a locked-out account or address before any password check.
    "axes.backends.AxesStandaloneBackend",
    "jejak.accounts.backends.EmailOrPhoneBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 14)
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 24 * 14)

# --- Language, time -------------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "jejak" / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Jakarta")
LANGUAGE_COOKIE_NAME = "jejak_lang"

# --- Static and uploaded files --------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "jejak" / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
# WhiteNoise serves collected static files with far-future caching and gzip/brotli copies
# made at collectstatic, so a phone on 3G downloads them once, compressed.
# Uploads live outside the web root and are only ever served through a view that checks access
# (jejak/files.py). STORAGE_URL (s3://KEY:SECRET@host:port/bucket, see jejak/lib/storage_url.py)
# puts them in an S3-compatible bucket every server shares; unset, in PRIVATE_MEDIA_ROOT.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
MEDIA_ROOT = PRIVATE_MEDIA_ROOT
STORAGE_URL = os.environ.get("STORAGE_URL", "").strip()
STORAGES = {
    "default": (
        {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": s3_options(STORAGE_URL)}
        if STORAGE_URL
        else {"BACKEND": "jejak.files.PrivateFileSystemStorage"}
    ),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG
MAX_UPLOAD_MB = env_int("MAX_UPLOAD_MB", 20)
# UU PDP: days an uploaded import file and its rejects file are kept when no office sets it.
IMPORT_RETENTION_DAYS = env_int("IMPORT_RETENTION_DAYS", 30)
# What an imported spreadsheet may hold (jejak.lib.sheet_guard); a file past any of these is
# refused with one line naming the limit. A school's Dapodik export has a few thousand rows of
# about 40-100 columns, a province's school list a few thousand rows: 50,000 x 200 is ten
# times the largest real file and still parses within the memory budget below.
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 50_000)
IMPORT_MAX_COLUMNS = env_int("IMPORT_MAX_COLUMNS", 200)
# Unpacked size of all parts of an XLSX/ODS (a 12,000-row export unpacks to 13 MB), the
# compression ratio a part over 1 MB may have (real sheets: 5-20x; a deflate bomb: 1000x)
# and the number of parts (a workbook has about ten).
IMPORT_MAX_UNPACKED_MB = env_int("IMPORT_MAX_UNPACKED_MB", 200)
IMPORT_MAX_ZIP_RATIO = env_int("IMPORT_MAX_ZIP_RATIO", 100)
IMPORT_MAX_ZIP_MEMBERS = env_int("IMPORT_MAX_ZIP_MEMBERS", 500)
# Budget of the child process that parses a workbook: wall-clock seconds and address space.
IMPORT_PARSE_SECONDS = env_int("IMPORT_PARSE_SECONDS", 120)
IMPORT_PARSE_MEMORY_MB = env_int("IMPORT_PARSE_MEMORY_MB", 2048)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "jejak.upload_handlers.CappedUploadHandler",  # stops a body far past MAX_UPLOAD_MB
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# --- Tracer survey links ----------------------------------------------------------------------
# Personal links are HMAC-derived from this key, which lives only in the environment: a
# database dump (which holds each link's seed) is not enough to recompute the links. Set it in
# production and keep it: changing it invalidates every survey link already sent. Unset, it is
# derived from SECRET_KEY under its own purpose string (so rotating SECRET_KEY then breaks links).
SURVEY_LINK_KEY = os.environ.get("SURVEY_LINK_KEY", "").strip() or ("survey:" + SECRET_KEY)
# Survey invitations and reminders, and job-alert digests, go out at most this many per
# minute per deployment.
SURVEY_EMAILS_PER_MINUTE = env_int("SURVEY_EMAILS_PER_MINUTE", 60)
# Survey link lookups allowed per client address per minute (guessing protection).
SURVEY_LOOKUPS_PER_MINUTE = env_int("SURVEY_LOOKUPS_PER_MINUTE", 120)
# Answers posted per survey link per minute (a person's whole survey is two or three): counted
# per link, not per address, so 72 alumni behind one school's NAT never share an allowance.
SURVEY_POSTS_PER_LINK_PER_MINUTE = env_int("SURVEY_POSTS_PER_LINK_PER_MINUTE", 20)

# --- Background tasks -----------------------------------------------------------------------
# The worker says it is alive this often; a worker on another host silent for the stale time
# is taken for dead and its running tasks are failed (on the same host the process table
# decides). See jejak.worker.recovery.
WORKER_HEARTBEAT_SECONDS = env_int("WORKER_HEARTBEAT_SECONDS", 15)
WORKER_STALE_SECONDS = env_int("WORKER_STALE_SECONDS", 120)
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# --- Email ----------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Jejak <noreply@jejak.local>")

# --- Security (deploy) ----------------------------------------------------------------------
# The production set in .env.example and the README makes `manage.py check --deploy` clean;
# .ci/run checks it with those values.
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Behind a TLS-terminating proxy (nginx, Caddy): the header it sets, e.g. X-Forwarded-Proto.
# Set it only when the proxy always overwrites that header, or clients could claim HTTPS.
_PROXY_SSL_HEADER = os.environ.get("SECURE_PROXY_SSL_HEADER", "").strip()
if _PROXY_SSL_HEADER:
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _PROXY_SSL_HEADER.upper().replace("-", "_"), "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp): only Jejak's own scripts and styles run. No inline
# script or style attribute anywhere; the few <style> blocks of standalone pages (survey,
# printouts, shared with the PDF renderer) carry the response's nonce. htmx's injected
# indicator style is switched off in base.html (its rules are in jejak.css).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
# --- end security ---------------------------------------------------------------------------

# === Auth hardening: login lockout, shared rate limits, second factor, messages ==============
# (Kept in one block for merging. Every variable is in .env.example.)

# Proxies (IPs or CIDR ranges) whose X-Forwarded-For is believed; see jejak/ratelimit/clientip.py.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

# redis://host:6379/0 gives every worker process one shared cache, and the rate limits count
# there. Unset: Django keeps a local cache for its own use and the limits count in the database.
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
RATELIMIT_STORE = "cache" if CACHE_URL else "database"
# Sessions live in the database every process shares; with a shared cache they are read from
# it first (cached_db: the database stays the record, so a cache restart logs nobody out).
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if CACHE_URL
    else "django.contrib.sessions.backends.db"
)

# Password reset requests: per target account and per client address, per hour.
PASSWORD_RESETS_PER_ACCOUNT_PER_HOUR = env_int("PASSWORD_RESETS_PER_ACCOUNT_PER_HOUR", 3)
PASSWORD_RESETS_PER_ADDRESS_PER_HOUR = env_int("PASSWORD_RESETS_PER_ADDRESS_PER_HOUR", 20)

# Failed logins (django-axes, counted in the database every process shares). Three limits
# within one cool-off period, see jejak/accounts/lockout.py: one account from one address
# (a person mistyping), one account from anywhere (guessing spread over addresses), and one
# address for every account (a password spray). The address limit is high because a school's
# computer lab or a phone operator's NAT puts a whole class behind one address.
LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS = env_int("LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS", 5)
LOGIN_FAILURES_PER_ACCOUNT = env_int("LOGIN_FAILURES_PER_ACCOUNT", 20)
LOGIN_FAILURES_PER_ADDRESS = env_int("LOGIN_FAILURES_PER_ADDRESS", 100)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 30)
AXES_HANDLER = "jejak.accounts.lockout.TieredDatabaseHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username", "ip_address"]
AXES_FAILURE_LIMIT = LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS
AXES_COOLOFF_TIME = LOGIN_LOCKOUT_MINUTES / 60  # hours
AXES_USERNAME_FORM_FIELD = "identifier"
AXES_USERNAME_CALLABLE = "jejak.accounts.lockout.lockout_username"
AXES_CLIENT_IP_CALLABLE = "jejak.ratelimit.clientip.axes_client_address"
AXES_LOCKOUT_CALLABLE = "jejak.accounts.lockout.lockout_response"
# Not axes's reset on success: it would also clear the address counter, so a sprayer could
# log into an own account now and then to keep spraying. See TieredDatabaseHandler.
AXES_RESET_ON_SUCCESS = False
AXES_ENABLE_ADMIN = False
# Successful logins are not kept (who did what is in the audit trail); failures are kept only
# through their cool-off, then deleted as new ones arrive.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

# Second factor (TOTP app, backup codes) for staff roles.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Jejak")

# Text messages (SMS or WhatsApp) for people without email: a dotted path to a class with
# send_messages(messages) like Django's email backends (jejak/messaging.py). Empty: none,
# and Jejak says so wherever it would have sent one.
SMS_BACKEND = os.environ.get("SMS_BACKEND", "jejak.messaging.ConsoleBackend" if DEBUG else "")
# === end of auth hardening ===================================================================

# --- Operations: logs, metrics, error reports (jejak/operations) ----------------------------
# LOG_FORMAT=json: one JSON object per line (python-json-logger) with the request id, for a
# log collector; text (default) for a person reading a terminal.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text").strip().lower()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "jejak.operations.requestid.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
# /metrics (Prometheus text format) answers only a bearer token or an address listed here;
# with neither set it answers 404. Under gunicorn set PROMETHEUS_MULTIPROC_DIR (an empty
# folder, emptied at each start) so the figures of every worker process add up.
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "").strip()
METRICS_ALLOWED_IPS = env_list("METRICS_ALLOWED_IPS")
# /healthz: a task queued longer than this, or no worker heartbeat, makes it answer 503.
HEALTH_MAX_QUEUE_AGE_SECONDS = env_int("HEALTH_MAX_QUEUE_AGE_SECONDS", 900)
# Error reports to Sentry (or a compatible server such as GlitchTip) only when a DSN is set;
# no personal data is sent (no user, no address, no request body).
SENTRY_DSN = os.environ.get("SENTRY_DSN", "").strip()
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        send_default_pii=False,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )
