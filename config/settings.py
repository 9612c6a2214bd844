"""One settings module for every environment.

With no environment at all it runs embedded: SQLite file, local-memory cache, Celery tasks run
eagerly. Production is configured through environment variables (see README.md); with
``DEBUG=False`` the secrets have no defaults and a missing one stops the start.
"""

import sys
from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env")

# Off unless asked for: `make run`, manage.py's development commands and the test suite turn it on
# (a production process never imports pytest).
DEBUG = env.bool("DEBUG", default="pytest" in sys.modules)
if DEBUG:
    SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-never-used-in-production-0123456789")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
else:  # fail fast: no defaults in production
    for _name in ("SECRET_KEY", "ALLOWED_HOSTS"):
        if not env(_name, default=""):
            raise ImproperlyConfigured(
                f"Set the {_name} environment variable. DEBUG is off (the default, as in production), so "
                "SECRET_KEY and ALLOWED_HOSTS have no defaults. For local development use `make run` or DEBUG=True."
            )
    SECRET_KEY = env("SECRET_KEY")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "accounts.apps.OfficerAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_filters",
    "template_partials",
    "simple_history",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # recovery codes
    "django_otp.plugins.otp_email",  # the emailed code that lets a person set up an authenticator
]
# The project's own apps, lowest first: a lower app never imports a higher one.
LOCAL_APPS = [
    "accounts",
    "hubs",
    "coordination",
    "reintegration",
    "rss",
    "referrals",
    "grants",
    "surveys",
    "community",
    "dashboard",
]
INSTALLED_APPS += LOCAL_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "accounts.middleware.RequestBodyLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.principal.PrincipalMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.SessionLifetimeMiddleware",
    "accounts.two_factor.TwoFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

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
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.navigation",
            ],
        },
    }
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if env("CACHE_URL", default=""):
    CACHES = {"default": env.cache("CACHE_URL")}
elif REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery: a Redis broker when REDIS_URL is set, otherwise tasks run eagerly in-process.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
# Reliability (see accounts/jobs.py and README "Background jobs"): a message is acknowledged once its
# task has finished and given back when the worker dies, so every task is written to run twice with
# one effect; a task past its soft limit is stopped and its job marked failed; the hard limit kills it.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=25 * 60)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=30 * 60)
# A message taken by a worker that died unseen comes back after this many seconds: longer than the
# hard limit (a slow task must not run twice at once) and than any retry countdown.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=2 * 60 * 60),
    "unacked_restore_interval": env.int("CELERY_UNACKED_RESTORE_INTERVAL", default=10),
    "unacked_restore_throttle": env.int("CELERY_UNACKED_RESTORE_THROTTLE", default=10),
}
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Asia/Tbilisi"
CELERY_BEAT_SCHEDULE: dict = {
    "reintegration-overdue-follow-up-reminders": {
        "task": "reintegration.tasks.send_overdue_follow_up_reminders",
        "schedule": crontab(hour=8, minute=30),
    },
    "referrals-remind-unanswered": {
        "task": "referrals.tasks.remind_unanswered_referrals",
        "schedule": crontab(hour=9, minute=0),
    },
    "coordination-overdue-action-items": {
        "task": "coordination.tasks.send_overdue_action_reminders",
        "schedule": crontab(hour=9, minute=15),
    },
    "dashboard-refresh-indicators": {
        "task": "dashboard.tasks.refresh_stale_indicators",
        "schedule": crontab(minute="*/5"),
    },
    "dashboard-expire-exports": {
        "task": "dashboard.tasks.expire_exports",
        "schedule": crontab(minute=15),
    },
    "reintegration-retention-anonymise": {
        "task": "reintegration.tasks.anonymise_expired_records",
        "schedule": crontab(hour=2, minute=45),
    },
}
REFERRAL_REMINDER_DAYS = env.int("REFERRAL_REMINDER_DAYS", default=7)
REFERRAL_LINK_MAX_AGE_DAYS = env.int("REFERRAL_LINK_MAX_AGE_DAYS", default=30)
# Indicator values older than this are recomputed in the background (shown meanwhile with their time).
DASHBOARD_MAX_AGE_MINUTES = env.int("DASHBOARD_MAX_AGE_MINUTES", default=15)
# How long an export's download link works.
DASHBOARD_EXPORT_HOURS = env.int("DASHBOARD_EXPORT_HOURS", default=24)

# Retention: days after a record's purpose ends before the nightly task anonymises it
# (reintegration.anonymisation; officers see them at /cases/retention/).
# A person and everything held on them: after their last case closed (or was transferred).
RETENTION_CASE_DAYS = env.int("RETENTION_CASE_DAYS", default=5 * 365)
# A person registered at intake for whom no case was ever opened: after registration.
RETENTION_NO_CASE_DAYS = env.int("RETENTION_NO_CASE_DAYS", default=365)
# Grant team members not registered as beneficiaries: after their application's cycle ends.
RETENTION_GRANT_TEAM_DAYS = env.int("RETENTION_GRANT_TEAM_DAYS", default=5 * 365)
# Uploaded Kobo/ODK survey exports (they hold respondents' raw answers): after the import finished.
RETENTION_SURVEY_IMPORT_DAYS = env.int("RETENTION_SURVEY_IMPORT_DAYS", default=90)
# Contact details given with a community idea: after the idea is closed.
RETENTION_COMMUNITY_CONTACT_DAYS = env.int("RETENTION_COMMUNITY_CONTACT_DAYS", default=5 * 365)

# Accounts, login and sessions
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sessions are read from the cache and written through to the database: a page view reads no
# session row (a cache miss, or a cleared cache, falls back to the table). The cache must be one
# every worker shares (Redis) so that a sign-out reaches them all: accounts.checks warns otherwise.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_AGE = 60 * 60  # 60 idle minutes: the expiry moves on at most once a minute
SESSION_SAVE_EVERY_REQUEST = False  # accounts.middleware.SessionLifetimeMiddleware renews it:
# at most once per interval, so a page view costs no session write (and no query) when the last
# renewal is younger; the idle limit stays between 59 and 60 minutes.
SESSION_RENEWAL_INTERVAL = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ABSOLUTE_LIFETIME = 12 * 60 * 60  # and 12 hours at most after login
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

# Officers and committee members confirm each sign-in with a TOTP code (an authenticator app).
TWO_FACTOR_REQUIRED = env.bool("TWO_FACTOR_REQUIRED", default=True)
OTP_TOTP_ISSUER = "IOM Georgia reintegration hubs"

AXES_FAILURE_LIMIT = 6
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_FORM_FIELD = "username"  # the login form field (it holds the email address)
AXES_USERNAME_CALLABLE = "accounts.forms.normalised_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_VERBOSE = False
# The rule is per username. Several hub staff share one office address behind NAT: locking by
# IP would lock a whole hub out after six typos by different people, so that check is silenced.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# Language and time
LANGUAGE_CODE = "ka"
LANGUAGES = [("ka", _("Georgian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]
# django-filter's empty choice reads as a word, not "---------" (model forms: accounts/typography.py).
FILTERS_EMPTY_CHOICE_LABEL = _("— all —")
TIME_ZONE = "Asia/Tbilisi"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Static files: our own in static/, third-party assets from node_modules (installed by npm ci).
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", NODE_MODULES / "bootstrap-icons" / "font"),
    ("vendor/chart.js", NODE_MODULES / "chart.js" / "dist"),
    ("vendor/noto-sans-georgian", NODE_MODULES / "@fontsource" / "noto-sans-georgian"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "media/"

# Uploads: each file field checks type by content and size (accounts.uploads.UploadValidator);
# a request body larger than REQUEST_BODY_MAX_SIZE is refused (413) before it is read.
UPLOAD_MAX_SIZE = env.int("UPLOAD_MAX_SIZE", default=10 * 1024 * 1024)
SURVEY_IMPORT_MAX_SIZE = env.int("SURVEY_IMPORT_MAX_SIZE", default=25 * 1024 * 1024)
REQUEST_BODY_MAX_SIZE = env.int("REQUEST_BODY_MAX_SIZE", default=30 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # form fields other than files (Django's default, said once)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
DATA_UPLOAD_MAX_NUMBER_FILES = 10
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger files go to a temporary file, not memory
FILE_UPLOAD_PERMISSIONS = 0o640

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="hubs@reintegration.local")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security headers. Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = 0 if DEBUG else 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # Request logs carry URLs only; personal data never goes into a log message.
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
