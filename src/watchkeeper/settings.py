"""Django settings, from the environment (see config.py for validation)."""

from pathlib import Path

import dj_database_url

from watchkeeper import config

try:
    DATA_DIR = config.data_dir()
    SECRET_KEY = config.secret_key(DATA_DIR)
    _db_url = config.database_url(DATA_DIR)
    REDIS_URL = config.redis_url()
    DEBUG = config.flag("WATCHKEEPER_DEBUG")
    ALLOWED_HOSTS = config.hosts()
    SESSION_IDLE_MINUTES = config.integer("WATCHKEEPER_SESSION_MINUTES", 30, minimum=1)
    LOCKOUT_FAILURES = config.integer("WATCHKEEPER_LOCKOUT_FAILURES", 5, minimum=1)
    LOCKOUT_MINUTES = config.integer("WATCHKEEPER_LOCKOUT_MINUTES", 15, minimum=1)
    SECURE_COOKIES = config.flag("WATCHKEEPER_SECURE_COOKIES")
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
    # SimpleAdminConfig: no autodiscovery, because django-leaflet's admin module imports GeoDjango (GDAL).
    "django.contrib.admin.apps.SimpleAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "leaflet",
    "channels",
    "watchkeeper.core",
    "watchkeeper.control",
    "watchkeeper.intel",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
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
STATICFILES_DIRS.append(("plotly", __import__("pathlib").Path(__import__("plotly").__file__).parent / "package_data"))
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
