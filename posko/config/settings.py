"""Django settings for Posko, built from the validated Environment."""

from __future__ import annotations

import secrets
from pathlib import Path

import csp.constants
import dj_database_url

from posko.config.env import Environment

ENV = Environment.from_os()
BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = ENV.data_dir
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """Use POSKO_SECRET_KEY, else a random key kept in the data dir so sessions survive restarts."""
    if ENV.secret_key:
        return ENV.secret_key
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = ENV.debug
ALLOWED_HOSTS = list(ENV.allowed_hosts)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # serves Swagger UI at /api/docs from its own static files (no CDN)
    "posko.core",
    "posko.accounts",
    "posko.regions",
    "posko.candidates",
    "posko.neutrality",
    "posko.cases",
    "posko.reports",
    "posko.mapping",
    "posko.sitrep",
    "posko.watchlist",
    "posko.imports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "posko.core.locale.ChosenLanguageMiddleware",  # Indonesian unless English was chosen
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "posko.config.urls"
WSGI_APPLICATION = "posko.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "core" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(ENV.database_url, conn_max_age=60)
    if ENV.database_url
    else {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(DATA_DIR / "posko.sqlite3"),
        # WAL lets readers work while a writer commits; IMMEDIATE avoids lock upgrades failing.
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
        },
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

# Evidence files live outside the web root and outside STATIC_ROOT; only views that check
# permissions stream them.
EVIDENCE_DIR = DATA_DIR / "evidence"
POSKO_PUBLIC_RATE_LIMIT = ENV.public_rate_limit
# Reverse proxies whose X-Forwarded-For names the client (rate limits count clients, not nginx).
POSKO_TRUSTED_PROXIES = ENV.trusted_proxies
POSKO_MAX_UPLOAD_BYTES = ENV.max_upload_bytes
POSKO_MAX_UPLOADS_PER_REPORT = ENV.max_uploads_per_report
# Large enough for a 1,000-item API batch; files are limited separately per upload.
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

CACHES = {
    # Rate-limit counters; one process per server in the embedded setup. Production uses the
    # database cache (see docs) so that several workers share the counters.
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "posko"}
}

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "cases:queue"
LOGOUT_REDIRECT_URL = "core:home"

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# Serve app static files straight from the packages too, so a fresh checkout works before
# `collectstatic` (which `posko setup` runs for production).
WHITENOISE_USE_FINDERS = True

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# --- Security hardening (issue 5) ---
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp"]
# OTPMiddleware tells whether this session passed its second factor; the Posko middleware then
# treats an officer whose session did not as signed out everywhere except the 2FA pages.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django_otp.middleware.OTPMiddleware") + 1,
    "posko.accounts.middleware.TwoFactorMiddleware",
)
# Argon2 for new and changed passwords; PBKDF2 stays listed so older hashes still verify and
# are upgraded to Argon2 at the officer's next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]
OTP_TOTP_ISSUER = "Posko Pilkada"
# A shift's length: an officer signs in (with the second factor) at most once per shift.
SESSION_COOKIE_AGE = ENV.session_hours * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Behind TLS (POSKO_HTTPS=true) cookies never travel in clear and browsers remember HTTPS.
SESSION_COOKIE_SECURE = ENV.https
CSRF_COOKIE_SECURE = ENV.https
SECURE_SSL_REDIRECT = ENV.https
SECURE_HSTS_SECONDS = 31_536_000 if ENV.https else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = ENV.https
SECURE_HSTS_PRELOAD = ENV.https
# The reverse proxy terminates TLS and says so in this header (see docs/deploy/).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if ENV.https else None
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Any inline script must carry the per-request nonce (django-csp 4 adds it to script-src when a
# template uses `request.csp_nonce`); otherwise script-src stays 'self' only.
CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"].append(csp.constants.NONCE)  # type: ignore[arg-type]
POSKO_RETENTION_DAYS = ENV.retention_days

# --- Background work and database faults (issue 5) ---
INSTALLED_APPS += ["django_tasks", "django_tasks_db"]
# Tasks are rows in the database (django-tasks-db), run by `posko worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A task still RUNNING after this long is taken to have lost its worker and is run again.
POSKO_TASK_LEASE_SECONDS = 900
# A database outage answers 503 + Retry-After instead of a 500 with a traceback.
MIDDLEWARE += ["posko.core.middleware.DatabaseUnavailableMiddleware"]
# Several app servers: rate-limit counters live in the database cache so that all share them
# (create its table once with `posko manage createcachetable`).
if ENV.shared_cache:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "posko_cache",
        }
    }
