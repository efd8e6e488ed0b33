"""Settings for KPSS Portal, read from environment variables.

Every variable has a safe development default, so a fresh checkout runs on SQLite with
`make demo`. Production sets DEBUG=0, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL; the README
lists every variable and what it does.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def env_int(name, default):
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
# With DEBUG, a missing page still shows the portal's 404 page (kpss.middleware.NotFoundPageMiddleware)
# unless this asks for Django's technical one.
DEBUG_TECHNICAL_404 = env_bool("DEBUG_TECHNICAL_404", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-development-key-only-for-debug-mode"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

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
    "solo",
    "kpss.apps.AxesConfig",  # django-axes under a Czech name
    "django_tasks",
    "django_tasks_db",
    # Our apps come last: kpss's post_migrate handler must run after Django's own, which creates
    # the permissions it hands to coordinators (kpss.roles).
    "kpss",
    "planning",
    "groups",
    "catalogue",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kpss.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "kpss.middleware.IdleSessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Inside the ones above, which add their headers to the 404 page it makes.
    "kpss.middleware.NotFoundPageMiddleware",
    # Axes must come last: it turns a lockout raised during authentication into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kpss.urls"
WSGI_APPLICATION = "kpss.wsgi.application"

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
                "kpss.context_processors.site",
                "kpss.context_processors.roles",
            ],
        },
    },
]

# Database: one URL. PostgreSQL gets psycopg 3's connection pool (Django's built-in support),
# which needs persistent connections switched off: the pool keeps them instead.
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    options = DATABASES["default"].setdefault("OPTIONS", {})
    # With the database down, a request fails within seconds and shows the 503 page
    # (kpss.views.server_error) instead of hanging: libpq gives up a connection attempt after
    # connect_timeout (2 s at least), and the pool stops waiting for a connection after its timeout.
    # Sync gunicorn workers serve one request at a time, so a healthy pool never makes anyone wait.
    options.setdefault("connect_timeout", env_int("DB_CONNECT_TIMEOUT", 2))
    if env_bool("DB_POOL", True):
        options["pool"] = {
            "min_size": env_int("DB_POOL_MIN_SIZE", 1),
            "max_size": env_int("DB_POOL_MAX_SIZE", 10),
            "timeout": env_int("DB_POOL_TIMEOUT", 2),
        }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "kpss.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "planning:dashboard"
LOGOUT_REDIRECT_URL = "home"

# Language and formats: Czech first, with our own format overrides (kpss/formats/).
LANGUAGE_CODE = "cs"
LANGUAGES = [("cs", "Čeština"), ("sk", "Slovenčina"), ("en", "English")]
# locale/ is made from our code by `make messages`; locale_vendor/ holds by hand the Czech the libraries'
# own catalogues lack (Django's admin, django-axes and others), and gives way to locale/.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_vendor"]
FORMAT_MODULE_PATH = ["kpss.formats"]
TIME_ZONE = "Europe/Prague"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded and generated files. Nothing serves MEDIA_ROOT directly: views hand files out after
# checking access (kpss.files.serve_file), so it must not be served by the web server either.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# The largest file people may upload (kpss.files), in MB.
UPLOAD_MAX_MB = env_int("UPLOAD_MAX_MB", 20)
# The largest registry file (catalogue: RPSS open data, ~100 MB nationally) the coordinator may
# upload in admin, in MB; the web server's own limit on request bodies must allow it too.
REGISTRY_UPLOAD_MAX_MB = env_int("REGISTRY_UPLOAD_MAX_MB", 200)
# An import of the registry takes seconds (a minute at most for the whole country): one still
# "running" after this long was left by a worker that died, and is shown as failed.
REGISTRY_IMPORT_STALL_MINUTES = env_int("REGISTRY_IMPORT_STALL_MINUTES", 30)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Background work (PDF rendering, e-mail) is queued in the database and run by
# `manage.py db_worker` (see README). TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend
# runs tasks inside the request instead, for a machine without a worker.
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    },
}
# Archival PDFs: PDF/A-3a is tagged (accessible) and may carry the plan's data as an attachment.
PDF_VARIANT = "pdf/a-3a"
# A rendering that has written no progress for this long is taken for dead (its worker was killed
# or stopped) and queued again. The worker writes a sign of life at least every few seconds.
PDF_STALL_MINUTES = env_int("PDF_STALL_MINUTES", 10)

# Minutes still a draft this many days after their meeting are flagged to the coordinator.
MINUTES_APPROVAL_DAYS = env_int("MINUTES_APPROVAL_DAYS", 14)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail: printed to the console unless an SMTP host is configured.
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "kpss@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ADMINS = [("Admin", address) for address in env_list("ADMIN_EMAILS", [])]

# Sessions: staff are logged out after this much inactivity (kpss.middleware).
STAFF_IDLE_TIMEOUT = timedelta(minutes=env_int("STAFF_IDLE_TIMEOUT_MINUTES", 30))
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# The language switcher's cookie: no script reads it, and no other site needs to send it.
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Security headers on every response; the production part follows below.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The portal uses none of the browser's powerful features: no page, and nothing injected into one,
# may ask for them (django-permissions-policy). An empty list switches a feature off. Only names
# Chromium knows: it warns in the console about each one it does not.
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer", "autoplay", "browsing-topics", "camera", "display-capture", "encrypted-media",
        "geolocation", "gyroscope", "hid", "idle-detection", "local-fonts", "magnetometer", "microphone", "midi",
        "payment", "publickey-credentials-get", "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
    ]
}
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # Bootstrap draws its form and navbar icons as data: SVG images.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 60 * 60)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    # The __Host- prefix makes browsers refuse these cookies unless they are Secure, host-only
    # and set for path /: no subdomain can plant or read them.
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_SECURE = True
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    LANGUAGE_COOKIE_SECURE = True
    LANGUAGE_COOKIE_NAME = "__Host-language"
    if env_bool("BEHIND_TLS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# How many reverse proxies in front of gunicorn append to X-Forwarded-For (kpss.security).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Public forms (comments, suggestions): see kpss/antispam.py. Every rate limit: kpss/ratelimits.py.
PUBLIC_FORM_MIN_SECONDS = env_int("PUBLIC_FORM_MIN_SECONDS", 3)
PUBLIC_FORM_LIMIT_PER_HOUR = env_int("PUBLIC_FORM_LIMIT_PER_HOUR", 10)
PASSWORD_RESET_LIMIT_PER_HOUR = env_int("PASSWORD_RESET_LIMIT_PER_HOUR", 3)
# How long commenters' names and e-mails are kept after their round closes (manage.py anonymise_personal_data).
PERSONAL_DATA_RETENTION_DAYS = env_int("PERSONAL_DATA_RETENTION_DAYS", 3 * 365)

# Login throttling (django-axes): a username is locked out from one IP address after
# AXES_FAILURE_LIMIT failed attempts, for the cool-off time.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "kpss.security.client_ip"
AXES_VERBOSE = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # A line per page while a PDF renders: kpss.pdf reads it for the progress bar, the log needs none.
        "weasyprint.progress": {"propagate": False},
    },
}
