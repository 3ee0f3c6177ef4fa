"""Settings for hoinghi, read from the environment with safe production defaults.

Development: ``DEBUG=true`` (``make run`` sets it). Production: set ``SECRET_KEY``,
``DATABASE_URL`` (PostgreSQL) and ``ALLOWED_HOSTS``; see README "Operator notes".
"""

import os
import secrets
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url

from hoinghi.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("HOINGHI_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)


def _stored_secret_key(path: Path) -> str:
    """A random key kept in the var directory, created on first use (as pretix does).

    Production sets SECRET_KEY (or SECRET_KEY_FILE); without it an install still gets its
    own unguessable key instead of a shared default, and management commands just work.
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(64), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = env_str("SECRET_KEY") or _stored_secret_key(VAR_DIR / "secret_key")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
CSRF_FAILURE_VIEW = "hoinghi.views.csrf_failure"  # a Vietnamese page with a way back (docs/security.md)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "simple_history",
    "django_tasks",
    # Third-party apps with Vietnamese names (hoinghi/thirdparty_apps.py, docs/i18n.md).
    "hoinghi.thirdparty_apps.TasksDbConfig",
    "csp",
    "hoinghi.thirdparty_apps.AxesConfig",
    "hoinghi.thirdparty_apps.OtpConfig",
    "hoinghi.thirdparty_apps.OtpTotpConfig",
    "hoinghi.thirdparty_apps.OtpStaticConfig",
    "rest_framework",
    "drf_spectacular",
    "hoinghi",
    "jobs",
    "outbox",
    "reference",
    "nominations",
    "movements",
    "registry",
    "awards",
    "conference",
    "api",
    "accounts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "hoinghi.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "hoinghi.middleware.RequestSizeLimitMiddleware",  # before anything reads a multipart body
    "accounts.middleware.IdleTimeoutMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that it sees the login view's failed attempt and answers with the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hoinghi.urls"
WSGI_APPLICATION = "hoinghi.wsgi.application"

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
                "hoinghi.context_processors.roles",
            ],
        },
    },
]

# Database: PostgreSQL in production through DATABASE_URL; an embedded SQLite file when
# nothing is configured, so that the first run needs no server.
_default_sqlite = f"sqlite:///{VAR_DIR / 'hoinghi.sqlite3'}"
# gunicorn's workers keep a connection for a minute, checked before reuse. The development server
# (runserver, or anything with DEBUG) starts a thread per browser connection and would keep one
# database connection per thread until PostgreSQL runs out: there, each request closes its own
# (docs/deploy.md, "Database connections").
_SERVING_WITH_RUNSERVER = len(sys.argv) > 1 and sys.argv[1] == "runserver"
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", _default_sqlite) or _default_sqlite,
        conn_max_age=0 if DEBUG or _SERVING_WITH_RUNSERVER else env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("PASSWORD_MIN_LENGTH", 10)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "accounts.validators.NotDemoPasswordValidator"},
]
# Login throttling (django-axes, docs/security.md): the backend checks the lock-out first.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend reading the user's roles in the same query as the user (accounts/backends.py).
    "accounts.backends.RolesModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.lockout_response"
AXES_VERBOSE = False
# How many proxies in front append to X-Forwarded-For; only then is the header believed
# (hoinghi/client_ip.py). Behind the one nginx of deploy/ (BEHIND_TLS_PROXY=true) that is 1.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if env_bool("BEHIND_TLS_PROXY", False) else 0)
AXES_CLIENT_IP_CALLABLE = "hoinghi.client_ip.client_ip_address"
# Two-factor login (django-otp TOTP): required for these roles ("administrator" also covers
# superusers). Off by default under DEBUG so that the demo can be tried without a phone.
TWO_FACTOR_REQUIRED_ROLES = env_list(
    "TWO_FACTOR_REQUIRED_ROLES", [] if DEBUG else ["administrator", "director", "council_member", "council_secretary"]
)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Hoinghi")
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# Language and time: Vietnamese first, dates shown dd/mm/yyyy (hoinghi/formats/).
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# The project's catalog first; then the Vietnamese that Django and the third-party packages lack
# (kept apart so that makemessages, which rewrites locale/, never drops it: docs/i18n.md).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_thirdparty"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["hoinghi.formats"]

# Static files: our own in static/, Bootstrap and htmx from node_modules (installed by
# `npm ci` during set-up, never committed), served by WhiteNoise.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
_manifest = env_bool("STATIC_MANIFEST", not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if _manifest
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"  # never served directly: attachments go through a scoped view

# The one audit trail (docs/architecture.md): a move's reason carries its whole note.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Uploads
ATTACHMENT_MAX_BYTES = env_int("ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 5 * 1024 * 1024)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 5000)
# Lists count exactly up to this many rows and say "more than 1,000" beyond (hoinghi.paging).
LIST_COUNT_LIMIT = env_int("LIST_COUNT_LIMIT", 1000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Security: safe by default, relaxable for a closed HTTP-only network by environment.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# The health check is polled over plain HTTP on the loopback by the proxy or a monitor.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Submitting a department's host to the browsers' HSTS preload list is the operator's
# decision (most run on an internal name); the header itself is on by default.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Django's database sessions, read without the ORM's query compilation (accounts/sessions.py).
SESSION_ENGINE = "accounts.sessions"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", True)
# Logged out after this many seconds without a request (accounts.middleware); 0 turns it off.
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 30 * 60)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Content-Security-Policy (django-csp): our own files only, no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# The read API (docs/api.md): Django REST framework, bearer tokens the administrator issues, JSON
# only, read-only, cursor pages; limits per token and per client address (api/throttles.py).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.BearerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttles.AddressRateThrottle", "api.throttles.TokenRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.StableCursorPagination",
    "DEFAULT_METADATA_CLASS": "api.metadata.ApiMetadata",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
API_RATES = {
    "per_token": env_str("API_RATE_PER_TOKEN", "120/minute"),
    "per_address": env_str("API_RATE_PER_ADDRESS", "300/minute"),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "hoinghi API",
    "VERSION": "1",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {},
}


# E-mail (docs/outbox.md): SMTP when EMAIL_HOST is set; otherwise the demo keeps mail in the
# application under DEBUG (read at /outbox/mailbox/) and prints it to the log in production.
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
if EMAIL_HOST:
    _default_email_backend = "django.core.mail.backends.smtp.EmailBackend"
elif DEBUG:
    _default_email_backend = "outbox.backends.StoredEmailBackend"
else:
    _default_email_backend = "django.core.mail.backends.console.EmailBackend"
EMAIL_BACKEND = env_str("EMAIL_BACKEND", _default_email_backend)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "hoinghi@localhost")
# Units that have proposed nothing are reminded this many days before the nomination deadline.
NOMINATION_REMINDER_DAYS = [int(d) for d in env_list("NOMINATION_REMINDER_DAYS", ["7", "2"])]
PUBLIC_BASE_URL = env_str("PUBLIC_BASE_URL", "http://127.0.0.1:8000")

# Background jobs (docs/background-jobs.md): the Tasks API with the database backend; workers run
# `manage.py db_worker` (make run starts one; systemd units in deploy/systemd/). Tests use the
# immediate backend. A generated file (print batch, export) is deleted after GENERATED_FILE_TTL_HOURS.
TASKS = {
    "default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")},
}
GENERATED_FILE_TTL_HOURS = env_int("GENERATED_FILE_TTL_HOURS", 72)
# Print batches (certificates, invitations, the honour book) render their chunks in this many
# processes at once (hoinghi.pdf.render_pdf_in_chunks; docs/performance.md): one per core by default.
PDF_PROCESSES = env_int("PDF_PROCESSES", os.cpu_count() or 1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# The register of outgoing documents (docs/document-register.md): "per_kind" numbers each kind of
# document in its own series (01/QĐ, 01/GM, 01/BC …); "common" keeps one series for all the
# agency's documents, as many văn thư do. The council's documents always have their own series.
DOCUMENT_REGISTER_SERIES = env_str("DOCUMENT_REGISTER_SERIES", "per_kind")

# Digital signature of issued documents (docs/digital-signature.md): the agency's key in a PKCS#12
# file (path + passphrase; each also as <NAME>_FILE) or on a PKCS#11 token (module, token label,
# key label, PIN; needs the optional python-pkcs11 package). Nothing secret is committed; the demo
# makes a throw-away CA with `manage.py make_demo_ca`. DOCUMENT_SIGNING_TRUST_ROOTS: the CA
# certificates (PEM/DER files, comma-separated) a signature must chain to on the verify page.
DOCUMENT_SIGNING_PKCS12 = env_str("DOCUMENT_SIGNING_PKCS12", "")
DOCUMENT_SIGNING_PASSPHRASE = env_str("DOCUMENT_SIGNING_PASSPHRASE", "")
DOCUMENT_SIGNING_PKCS11_MODULE = env_str("DOCUMENT_SIGNING_PKCS11_MODULE", "")
DOCUMENT_SIGNING_PKCS11_TOKEN_LABEL = env_str("DOCUMENT_SIGNING_PKCS11_TOKEN_LABEL", "")
DOCUMENT_SIGNING_PKCS11_KEY_LABEL = env_str("DOCUMENT_SIGNING_PKCS11_KEY_LABEL", "")
DOCUMENT_SIGNING_PKCS11_CERT_LABEL = env_str("DOCUMENT_SIGNING_PKCS11_CERT_LABEL", "")
DOCUMENT_SIGNING_PKCS11_PIN = env_str("DOCUMENT_SIGNING_PKCS11_PIN", "")
DOCUMENT_SIGNING_TRUST_ROOTS = env_list("DOCUMENT_SIGNING_TRUST_ROOTS", [])
# The public verify page (/verify/): the largest PDF it reads (as an attachment by default; the
# request size limit follows the largest upload), and how many checks one client
# address may ask for per hour (counted in the default cache).
DOCUMENT_VERIFY_MAX_BYTES = env_int("DOCUMENT_VERIFY_MAX_BYTES", ATTACHMENT_MAX_BYTES)
DOCUMENT_VERIFY_PER_HOUR = env_int("DOCUMENT_VERIFY_PER_HOUR", 60)
