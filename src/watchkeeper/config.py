"""Environment-driven configuration, validated once at start-up.

A malformed setting stops start-up with one line naming it: an IT officer reading a service log
should see "WATCHKEEPER_SESSION_MINUTES must be a whole number", not a traceback.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path
from urllib.parse import urlparse


class SettingError(Exception):
    """A setting that cannot be used as given."""


def data_dir() -> Path:
    raw = os.environ.get("WATCHKEEPER_DATA_DIR", "").strip()
    path = Path(raw) if raw else Path.cwd() / "var"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SettingError(f"WATCHKEEPER_DATA_DIR={path} cannot be created: {exc.strerror}") from exc
    return path.resolve()


def secret_key(folder: Path) -> str:
    """Use WATCHKEEPER_SECRET_KEY, else a key generated once into the data dir (mode 600)."""
    given = os.environ.get("WATCHKEEPER_SECRET_KEY", "").strip()
    if given:
        if len(given) < 32:
            raise SettingError("WATCHKEEPER_SECRET_KEY must be at least 32 characters long")
        return given
    key_file = folder / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def database_url(folder: Path) -> str:
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return f"sqlite:///{folder / 'watchkeeper.sqlite3'}"
    scheme = urlparse(url).scheme
    if scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise SettingError(f"DATABASE_URL must be a sqlite:// or postgres:// URL, not {scheme or url!r}")
    return url


def redis_url() -> str | None:
    url = os.environ.get("REDIS_URL", "").strip()
    if url and urlparse(url).scheme not in {"redis", "rediss", "unix"}:
        raise SettingError(f"REDIS_URL must be a redis:// URL, not {url!r}")
    return url or None


def integer(name: str, default: int, minimum: int = 0) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingError(f"{name} must be a whole number, not {raw!r}") from None
    if value < minimum:
        raise SettingError(f"{name} must be at least {minimum}, not {value}")
    return value


def flag(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise SettingError(f"{name} must be true or false, not {raw!r}")


def hosts() -> list[str]:
    raw = os.environ.get("WATCHKEEPER_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver,[::1]")
    return [h.strip() for h in raw.split(",") if h.strip()]


def fail(exc: SettingError) -> None:
    """Stop start-up with one line: the setting and what is wrong with it."""
    print(f"watchkeeper: configuration error: {exc}", file=sys.stderr)
    raise SystemExit(2)
