"""Django settings, from the environment (see config.py for validation)."""

import importlib.util
from pathlib import Path
from urllib.parse import urlparse

import dj_database_url
from csp.constants import NONE, SELF

from watchkeeper import config

try:
    DATA_DIR = config.data_dir()
    SECRET_KEY = config.secret_key(DATA_DIR)
    # The audit trail's HMAC key and its checkpoint live outside the database (core/audit.py).
    AUDIT_KEY_FILE = config.audit_key_file(DATA_DIR)
    AUDIT_KEY = config.audit_key(AUDIT_KEY_FILE)
    AUDIT_CHECKPOINT_FILE = AUDIT_KEY_FILE.with_name("audit_checkpoint.json")
    _db_url = config.database_url(DATA_DIR)
    REDIS_URL = config.redis_url()
    # Whether district partners see records placed in no district (core.visibility): default not.
    WATCHKEEPER_UNDISTRICTED_VISIBLE = config.flag("WATCHKEEPER_UNDISTRICTED_VISIBLE")
    DEBUG = config.flag("WATCHKEEPER_DEBUG")
    ALLOWED_HOSTS = config.hosts()
    SESSION_IDLE_MINUTES = config.integer("WATCHKEEPER_SESSION_MINUTES", 30, minimum=1)
    LOCKOUT_FAILURES = config.integer("WATCHKEEPER_LOCKOUT_FAILURES", 5, minimum=1)
    LOCKOUT_MINUTES = config.integer("WATCHKEEPER_LOCKOUT_MINUTES", 15, minimum=1)
    SECURE_COOKIES = config.flag("WATCHKEEPER_SECURE_COOKIES")
    # Reverse proxies whose X-Forwarded-For/-Proto uvicorn believes (serve.py); from anyone else the
    # headers are ignored, so a client cannot choose the address the audit trail and sign-in
    # throttle see. Secure cookies mean HTTPS, which `serve` only gets from such a proxy.
    TRUSTED_PROXIES = config.trusted_proxies()
    if SECURE_COOKIES and not TRUSTED_PROXIES:
        raise config.SettingError(
            "WATCHKEEPER_SECURE_COOKIES needs WATCHKEEPER_TRUSTED_PROXIES (the address of the HTTPS proxy)"
        )
    HSTS_SECONDS = config.integer("WATCHKEEPER_HSTS_SECONDS", 365 * 24 * 3600 if SECURE_COOKIES else 0)
    PUBLIC_API_DOCS = config.flag("WATCHKEEPER_PUBLIC_API_DOCS")
    # How often an open live-board socket re-checks its session (sign-out and deactivation also
    # close it at once by a channel-layer event; this catches idle expiry and the rest).
    BOARD_RECHECK_SECONDS = config.integer("WATCHKEEPER_BOARD_RECHECK_SECONDS", 30, minimum=1)
    # Request threads per server process (asgi.py), each with one database connection. Two, so one
    # slow request (a PDF data pack) does not hold up the process; more threads only queue on the
    # GIL (views are CPU-bound) while one of them holds the write lock: add processes instead
    # (`serve --workers`). Measured in benchmarks/intake.py.
    HTTP_THREADS = config.integer("WATCHKEEPER_HTTP_THREADS", 2, minimum=1)
except config.SettingError as exc:
    config.fail(exc)

BASE_DIR = Path(__file__).resolve().parent
MAP_TILE_URL = __import__("os").environ.get("WATCHKEEPER_TILE_URL", "").strip()

INSTALLED_APPS = [
    "watchkeeper.core.admin_apps.AdminConfig",  # the admin signs in through /login/ (core/admin_site.py)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",  # serves Swagger UI's files itself (no CDN) for /api/docs
    "leaflet",
    "channels",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "watchkeeper.core",
    "watchkeeper.control",
    "watchkeeper.intel",
    "watchkeeper.sharing",
    "watchkeeper.planning",
    "watchkeeper.cctv",
    "watchkeeper.outbox",
    "watchkeeper.patrol",
    "watchkeeper.anpr",
    "watchkeeper.cases",
    "watchkeeper.live",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "watchkeeper.core.middleware.PolicyMiddleware",  # django-csp's, its policy built once
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "watchkeeper.core.middleware.BrowserSessionMiddleware",  # these three: not for bearer tokens
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "watchkeeper.core.middleware.BrowserAuthenticationMiddleware",
    "watchkeeper.core.middleware.BrowserMessageMiddleware",
    "watchkeeper.core.input.UnsafeInputMiddleware",  # NUL bytes and JSON NaN: 400 before any view
    "watchkeeper.core.middleware.IdleSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "watchkeeper.urls"
ASGI_APPLICATION = "watchkeeper.asgi.application"
WSGI_APPLICATION = None

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
                "watchkeeper.core.navigation.navigation",
            ],
        },
    },
]

# Connections persist per request thread (a fixed pool, see asgi.py), so a server process holds at
# most HTTP_THREADS of them; health checks replace one the database dropped.
DATABASES = {"default": dj_database_url.parse(_db_url, conn_max_age=300, conn_health_checks=True)}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # IMMEDIATE transactions take the write lock at BEGIN, so two concurrent writers queue instead
    # of one failing half-way with "database is locked"; WAL lets readers carry on meanwhile. The
    # engine is Django's with writers queued inside the process (core/sqlite/base.py).
    DATABASES["default"]["ENGINE"] = "watchkeeper.core.sqlite"
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Accounts (core/accounts.py): failed sign-ins are counted per username AND address (django-axes),
# so a stranger's guesses lock out only the stranger; the answer is the same for unknown, locked and
# wrong-password accounts. The second factor is a django-otp TOTP device (throttled, no replays).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "watchkeeper.core.accounts.AccountBackend"]
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = LOCKOUT_FAILURES
AXES_COOLOFF_TIME = __import__("datetime").timedelta(minutes=LOCKOUT_MINUTES)
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "watchkeeper.core.web.client_address"
AXES_DISABLE_ACCESS_LOG = True  # sign-ins are in the audit trail; no second log of addresses
AXES_VERBOSE = False
# No AxesMiddleware: the sign-in view itself answers a locked-out attempt, with the same page as
# a wrong password (the middleware would substitute a distinguishable lockout page).
SILENCED_SYSTEM_CHECKS = ["axes.W002"]
OTP_TOTP_ISSUER = "Watchkeeper"
OTP_TOTP_THROTTLE_FACTOR = 1  # 1, 2, 4, 8 ... seconds between wrong codes (django-otp's back-off)
SECOND_FACTOR_FAILURES = 5  # wrong codes after a right password lock the account (the password is known)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True  # sliding expiry: idle sessions lapse, active ones stay alive
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Sent by SecurityMiddleware on HTTPS requests only (X-Forwarded-Proto from a trusted proxy counts).
SECURE_HSTS_SECONDS = HSTS_SECONDS
SECURE_HSTS_INCLUDE_SUBDOMAINS = False  # the partnership's other hosts are not ours to pin

# Scripts, styles, images and connections from this server only, and no inline script or style:
# an injected <script> or on*= attribute does not run. Page behaviour lives in static/watchkeeper/.
_CSP_IMAGES = [SELF, "data:"]  # Leaflet's and Swagger UI's small icons are data: URIs
if MAP_TILE_URL:
    _tiles = urlparse(MAP_TILE_URL)
    _CSP_IMAGES.append(f"{_tiles.scheme}://{_tiles.netloc.replace('{s}', '*')}")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        # Plus the hash of an empty <style>: plotly.js adds one and fills it through the CSSOM
        # (insertRule, which CSP does not govern); any <style> with content is still refused.
        "style-src": [SELF, "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"],
        "img-src": _CSP_IMAGES,
        "font-src": [SELF],
        "connect-src": [SELF],  # 'self' covers the board's same-origin websocket
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Oversize bodies are refused with 400 (413 from the API) before anything is written.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    CHANNEL_LAYERS = {
        "default": {"BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer", "CONFIG": {"hosts": [REDIS_URL]}}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# plotly.min.js is served from the installed plotly package (never copied into the repository).
# Found without importing plotly (its package import is not needed by the web process).
STATICFILES_DIRS.append(("plotly", Path(importlib.util.find_spec("plotly").origin).parent / "package_data"))
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns on every start without it; finders serve the files
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = DATA_DIR / "media"

LEAFLET_CONFIG = {
    # No CDN and no default tile server: control rooms are often air-gapped.
    "TILES": [("Basemap", MAP_TILE_URL, {"attribution": "(c) OpenStreetMap contributors"})] if MAP_TILE_URL else [],
    "DEFAULT_CENTER": (51.545, -0.160),
    "DEFAULT_ZOOM": 13,
    "RESET_VIEW": False,
    "NO_GLOBALS": False,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"}},
}

# Outbox (watchkeeper.outbox): side effects delivered by `watchkeeper worker`. Email goes to the SMTP
# server named by WATCHKEEPER_SMTP_HOST, else to the worker's console (the demo).
try:
    OUTBOX_LEASE_SECONDS = config.integer("WATCHKEEPER_OUTBOX_LEASE_SECONDS", 60, minimum=1)
    OUTBOX_RETRY_FIRST_SECONDS = config.integer("WATCHKEEPER_OUTBOX_RETRY_SECONDS", 5, minimum=1)
    OUTBOX_RETRY_CAP_SECONDS = 3600
    OUTBOX_MAX_ATTEMPTS = config.integer("WATCHKEEPER_OUTBOX_MAX_ATTEMPTS", 8, minimum=1)
    EMAIL_HOST = __import__("os").environ.get("WATCHKEEPER_SMTP_HOST", "").strip()
    EMAIL_PORT = config.integer("WATCHKEEPER_SMTP_PORT", 25, minimum=1)
except config.SettingError as exc:
    config.fail(exc)
EMAIL_BACKEND = "django.core.mail.backends.%s.EmailBackend" % ("smtp" if EMAIL_HOST else "console")
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = __import__("os").environ.get("WATCHKEEPER_MAIL_FROM", "watchkeeper@localhost")
