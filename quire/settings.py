"""Quire's one settings module: every value comes from the environment, with embedded defaults.

Production is the mode where the operator supplies SECRET_KEY; without it Quire runs as the embedded
demo/development archive on SQLite under ``var/`` and `quire serve` refuses to start unless QUIRE_DEMO=1.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
import dj_email_url


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def _default_data_dir() -> Path:
    # The archive must not depend on the directory a command is run from (running .venv/bin/quire elsewhere
    # once made a new, empty archive there): a checkout keeps it in its own var/, an installed package in
    # the user's data folder.
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / "pyproject.toml").is_file():
        return checkout / "var"
    return Path(env("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "quire"


DATA_DIR = Path(env("QUIRE_DATA_DIR") or _default_data_dir()).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)
(DATA_DIR / "static").mkdir(exist_ok=True)

DEBUG = env_bool("DEBUG", False)
DEMO_MODE = env_bool("QUIRE_DEMO", False)
SECRET_KEY_FROM_ENV = bool(env("SECRET_KEY"))
PRODUCTION = SECRET_KEY_FROM_ENV and not DEBUG and not DEMO_MODE


def _embedded_secret_key() -> str:
    # Demo and development keep one random key on disk so sessions survive restarts.
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env("SECRET_KEY") or _embedded_secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
PORT = int(env("PORT", "8000"))
WEB_CONCURRENCY = int(env("WEB_CONCURRENCY", "2"))
SITE_NAME = env("SITE_NAME", "Quire")
# A sentence or two on the home page saying what this archive is, for guests.
SITE_DESCRIPTION = env(
    "SITE_DESCRIPTION",
    "A fan fiction archive run by fans: read stories in the fandoms you love, leave kudos and reviews, "
    "and post your own.",
)
# The archive's public address, for links in emails, feeds, the catalog and downloads (quire/core/site.py).
# Unset, pages link to the address each reader used, and the worker to the one `quire serve` listens on.
SITE_URL_SET = bool(env("SITE_URL"))
SITE_URL = env("SITE_URL") or env("QUIRE_SERVED_AT") or f"http://127.0.0.1:{PORT}"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "quire.core",
    "quire.accounts",
    "quire.tags",
    "quire.works",
    "quire.creators",
    "quire.discovery",
    "quire.feedback",
    "quire.follows",
    "quire.insights",
    "quire.moderation",
    "quire.exports",
    "quire.feeds",
    "quire.beta",
    "quire.series",
    "quire.related",
    "quire.shelf",
    "quire.api",
    "quire.privacy",
    "quire.sitepages",
    "quire.news",
    "quire.gifts",
    "quire.collections",
    "quire.exchanges",
    "quire.prompts",
    "quire.imports",
    "ninja",  # after quire.api, whose templates/ninja/ override the docs page; serves Swagger UI's static files
    "django.forms",  # last, so Quire's form templates override Django's own
]

MIDDLEWARE = [
    # Outermost: turns every error page answering an /api/ address into JSON, whichever layer made it.
    "quire.api.middleware.JsonErrorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "quire.core.middleware.ContentSecurityPolicyMiddleware",
    # Before anything reads the query string.
    "quire.core.middleware.RequestLineLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CsrfViewMiddleware, whose check reads request.POST and so parses (and spools) any upload.
    "quire.core.uploads.FilesOnlyWhereTakenMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "quire.accounts.middleware.UserTimeZoneMiddleware",
    # After the session and account are known (neither reads the body), before anything that reads it.
    "quire.core.middleware.RequestSizeLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After the session and account are known: a member sent to agree to changed terms (quire/sitepages).
    "quire.sitepages.middleware.TermsAgreementMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "quire.urls"
WSGI_APPLICATION = "quire.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "quire.core.context_processors.site",
                "quire.sitepages.context_processors.site_pages",
            ],
        },
    },
]

# Lets quire/core/templates/django/forms/ refine Django's form markup for every form.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# --- Database: SQLite (WAL) embedded, PostgreSQL at scale -------------------------------------------
DATABASE_URL = env("DATABASE_URL", f"sqlite:///{DATA_DIR / 'quire.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers continue while a writer commits; IMMEDIATE takes the write lock up front so
        # concurrent writers wait (busy timeout) instead of failing with "database is locked" mid-transaction.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["TEST"] = {"NAME": env("TEST_SQLITE_NAME", "") or None}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Page queries are short; JIT compilation costs them more than it saves (measured on the 1M bench).
    # A listing's grouping and sorting of tens of thousands of ids spilled to disk in the default 4 MB.
    # The default random_page_cost (4) prices pages as if read from spinning disks, and made PostgreSQL
    # hash all 38,000 tags to join a page's 250 tag links; 1.1 is the usual value for SSDs and caches.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c jit=off -c work_mem={env('DATABASE_WORK_MEM', '32MB')}"
        f" -c random_page_cost={env('DATABASE_RANDOM_PAGE_COST', '1.1')}"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, background tasks: local by default, Redis when REDIS_URL is set --------------------------
REDIS_URL = env("REDIS_URL")
# Entries the file cache keeps before it culls (expired ones first); each is one small file.
CACHE_MAX_ENTRIES = int(env("CACHE_MAX_ENTRIES", "10000"))
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    RQ_QUEUES = {"default": {"URL": REDIS_URL}}
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    _TASK_BACKEND = "django_tasks_rq.RQBackend"
else:
    # Files under the data folder, shared by all of `quire serve`'s processes: a per-process cache let each
    # process count its own rate-limit hits, doubling every limit (quire/core/cache.py).
    CACHES = {
        "default": {
            "BACKEND": "quire.core.cache.SharedFileCache",
            "LOCATION": str(DATA_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": CACHE_MAX_ENTRIES},
        }
    }
    _TASK_BACKEND = "django_tasks_db.DatabaseBackend"
if env("TASKS_BACKEND") == "immediate":
    _TASK_BACKEND = "django_tasks.backends.immediate.ImmediateBackend"
TASKS = {"default": {"BACKEND": _TASK_BACKEND}}

# --- Accounts -----------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# Ours loads a member with what every page asks of them (quire/accounts/backends.py); Django's stays for the
# sessions started before it.
AUTHENTICATION_BACKENDS = [
    "quire.accounts.backends.MemberBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "discovery:home"
LOGOUT_REDIRECT_URL = "discovery:home"
# Once the archive publishes Terms of Service (quire/sitepages), sign-up asks new members to confirm they are
# at least this old (13, as AO3).
MINIMUM_AGE = int(env("MINIMUM_AGE", "13"))

# --- Email: a file per message under var/mail unless EMAIL_URL says otherwise -------------------------
EMAIL_URL = env("EMAIL_URL", f"file://{DATA_DIR / 'mail'}")
_email = dj_email_url.parse(EMAIL_URL)
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
# dj-email-url drops the leading slash of file:///abs/path, so file paths are read here.
EMAIL_FILE_PATH = str(Path(EMAIL_URL.removeprefix("file://") or DATA_DIR / "mail").resolve())
EMAIL_HOST = _email["EMAIL_HOST"]
EMAIL_PORT = _email["EMAIL_PORT"]
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Quire <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Internationalisation -----------------------------------------------------------------------------
LANGUAGE_CODE = "en"
TIME_ZONE = env("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# --- Static files, served by WhiteNoise in every mode -------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# --- Uploads ------------------------------------------------------------------------------------------
DATA_UPLOAD_MAX_MEMORY_SIZE = 8 * 1024 * 1024  # a 510,000-character chapter in a form, with room to spare
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
IMPORT_MAX_BYTES = int(env("IMPORT_MAX_BYTES", str(10 * 1024 * 1024)))
# A back catalogue at once (/works/import): AO3's EPUBs run 50-500 KB, so 50 files fit in far less than this.
IMPORT_BATCH_MAX_FILES = int(env("IMPORT_BATCH_MAX_FILES", "50"))
IMPORT_BATCH_MAX_BYTES = int(env("IMPORT_BATCH_MAX_BYTES", str(40 * 1024 * 1024)))
# Django refuses more files than this with a bare 400; past our own limit the page says so instead.
DATA_UPLOAD_MAX_NUMBER_FILES = 10 * IMPORT_BATCH_MAX_FILES
# Autosave (works/services.py): characters kept per form (a 510,000-character chapter, its notes and the work's
# fields fit) and forms kept per member, oldest dropped; without caps one member could fill the disk.
AUTOSAVE_MAX_CHARS = int(env("AUTOSAVE_MAX_CHARS", "600000"))
AUTOSAVE_MAX_DRAFTS = int(env("AUTOSAVE_MAX_DRAFTS", "20"))
# Built downloads (EPUB, HTML, TXT, PDF); private: restricted works are among them, so never under MEDIA.
EXPORTS_DIR = Path(env("QUIRE_EXPORTS_DIR") or DATA_DIR / "exports").resolve()
# Mature and Explicit works download for guests too (AO3 gates no download behind the adult notice); 0 refuses
# guests those files with a clear 403, for archives whose rules keep adult works from logged-out readers.
ADULT_DOWNLOADS_FOR_GUESTS = env_bool("ADULT_DOWNLOADS_FOR_GUESTS", True)
# Members' "download my data" archives (quire/privacy): private, deleted once downloaded or after a day.
DATA_EXPORTS_DIR = Path(env("QUIRE_DATA_EXPORTS_DIR") or DATA_DIR / "data-exports").resolve()
# Folders under MEDIA_ROOT that `quire backup` leaves out: caches that are built again (downloads).
BACKUP_SKIP_MEDIA = env_list("BACKUP_SKIP_MEDIA", "downloads,cache")
# Any request larger than this (an import plus the form around it) is refused before it is read.
MAX_REQUEST_BYTES = int(
    env("MAX_REQUEST_BYTES", str(max(IMPORT_MAX_BYTES, IMPORT_BATCH_MAX_BYTES) + DATA_UPLOAD_MAX_MEMORY_SIZE))
)

# --- Security -----------------------------------------------------------------------------------------
HTTPS = env_bool("HTTPS", PRODUCTION)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS and env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
# Addresses of reverse proxies whose X-Forwarded-For header is believed (rate limits, guest kudos).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "")
# --- Rate limits (quire/core/ratelimit.py): "count/period", period in s, m, h or d, e.g. "10/15m". --------
# Each is overridable as RATE_<NAME> with dashes as underscores (RATE_LOGIN_ACCOUNT=5/15m).
RATE_LIMITS_ENABLED = env_bool("RATE_LIMITS_ENABLED", True)
_DEFAULT_RATES = {
    "login-account": "10/15m",  # failed logins for one username, from any address
    "login-address": "30/15m",  # failed logins from one address, for any usernames
    "signup": "5/h",
    "reviews": "30/h",
    "reviews-new-account": "10/h",  # accounts younger than NEW_ACCOUNT_DAYS
    "reviews-guest": "5/h",
    "kudos": "60/h",
    "imports": "30/h",
    "searches": "60/m",
    "downloads": "30/m",
    "exports": "3/d",  # "download my data" archives prepared per account
    "beta-reads": "30/h",  # new beta reads per account (reopening a stored report is not counted)
    # Password-reset emails: per account asked for (25 requests once sent 25 emails to one member), and
    # requests per address, whether or not the address names an account. Past either, the same page, no email.
    "password-resets-account": "3/h",
    "password-resets-address": "10/h",
    "reports": "20/h",  # per member
    "reports-guest": "5/h",  # guests, per address: 40 of 40 were accepted
}
RATE_LIMITS = {
    name: env(f"RATE_{name.upper().replace('-', '_')}", rate) for name, rate in _DEFAULT_RATES.items()
}
NEW_ACCOUNT_DAYS = int(env("NEW_ACCOUNT_DAYS", "7"))
# Chapters with more characters of HTML than this are beta read by the worker, behind a progress page.
BETA_READ_INLINE_CHARS = int(env("BETA_READ_INLINE_CHARS", "50000"))
# Guest forms: a bot fills them faster than this, or fills the hidden honeypot field.
GUEST_FORM_MIN_SECONDS = int(env("GUEST_FORM_MIN_SECONDS", "3"))
# Guest reviews with more links than this wait for the writer's approval.
GUEST_REVIEW_MAX_LINKS = int(env("GUEST_REVIEW_MAX_LINKS", "2"))
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https:; "
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

# --- JSON API (quire/api) --------------------------------------------------------------------------------
# Requests per period: "anon" per address, "token" per user, "write" per user for creating and changing works.
API_RATE_LIMITS = {
    "anon": env("API_RATE_ANON", "120/min"),
    "token": env("API_RATE_TOKEN", "600/min"),
    "write": env("API_RATE_WRITE", "120/hour"),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
