"""Environment-driven configuration, validated once at start-up.

A malformed setting stops start-up with one line naming it: an IT officer reading a service log
should see "WATCHKEEPER_SESSION_MINUTES must be a whole number", not a traceback.
"""

from __future__ import annotations

import ipaddress
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
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        # The data dir holds the database, its keys and uploads: only the service account may enter.
        if path.stat().st_mode & 0o077:
            path.chmod(0o700)
    except OSError as exc:
        raise SettingError(f"WATCHKEEPER_DATA_DIR={path} cannot be created: {exc.strerror}") from exc
    return path.resolve()


def private_file(path: Path, make) -> str:
    """The contents of `path`, writing `make()` into it first if absent. Created with mode 600 in
    one step (no moment when another account could read it); O_EXCL lets concurrent first starts
    agree on one value."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w") as handle:
            handle.write(make())
    if path.stat().st_mode & 0o077:
        path.chmod(0o600)
    return path.read_text().strip()


def secret_key(folder: Path) -> str:
    """Use WATCHKEEPER_SECRET_KEY, else a key generated once into the data dir (mode 600)."""
    given = os.environ.get("WATCHKEEPER_SECRET_KEY", "").strip()
    if given:
        if len(given) < 32:
            raise SettingError("WATCHKEEPER_SECRET_KEY must be at least 32 characters long")
        return given
    return private_file(folder / "secret_key", lambda: secrets.token_urlsafe(50))


def audit_key_file(folder: Path) -> Path:
    """Where the audit trail's HMAC key lives: outside the database, so that someone who can write
    to the database alone cannot recompute the chain (see core/audit.py). WATCHKEEPER_AUDIT_KEY_FILE
    puts it elsewhere (another volume, a secrets mount); its checkpoint file sits beside it."""
    raw = os.environ.get("WATCHKEEPER_AUDIT_KEY_FILE", "").strip()
    return Path(raw).resolve() if raw else folder / "audit_key"


def audit_key(path: Path) -> bytes:
    try:
        text = private_file(path, lambda: secrets.token_hex(32))
    except OSError as exc:
        raise SettingError(f"WATCHKEEPER_AUDIT_KEY_FILE={path} cannot be read or created: {exc.strerror}") from exc
    if len(text) < 32:
        raise SettingError(f"WATCHKEEPER_AUDIT_KEY_FILE={path} holds a key shorter than 32 characters")
    return text.encode()


def trusted_proxies() -> list[str]:
    """Addresses (or networks) of reverse proxies whose X-Forwarded-For/-Proto headers are believed.
    Empty by default: then the headers are ignored and the connecting address is the client."""
    raw = os.environ.get("WATCHKEEPER_TRUSTED_PROXIES", "")
    found = []
    for item in (part.strip() for part in raw.split(",")):
        if not item:
            continue
        try:
            ipaddress.ip_network(item, strict=False)
        except ValueError:
            raise SettingError(
                f"WATCHKEEPER_TRUSTED_PROXIES must list IP addresses or networks, not {item!r}"
            ) from None
        found.append(item)
    return found


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
