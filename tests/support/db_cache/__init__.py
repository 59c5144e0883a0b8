"""The SQLite test database's migrated and demo-loaded states, kept between test runs.

Migrating an empty database and loading the demo borough are most of a short test run's time, and
give the same database every time for the same source tree on the same day (the demo history is
laid out backwards from today). So the first run saves each state with SQLite's backup API, and
later runs copy it into their in-memory test database instead of building it again. A state is
used only when its fingerprint matches: every file of the source tree, pyproject.toml, the Django,
SQLite and Python versions, the audit key (the demo's audit entries are chained under it), the
WATCHKEEPER_* environment, the password hashers and, for the demo state, the London date. Anything else builds afresh.

On PostgreSQL the states are databases on the server, `wkcache_<database>_<stage>-<fingerprint>`,
copied with CREATE DATABASE ... TEMPLATE (what Django's own parallel runner does to clone test
databases): the first pytest-xdist worker migrates and loads, the other copies, and the next run
with the same fingerprint copies both (older states of a stage are dropped when a new one is
saved). File-based SQLite test databases are left to Django as they are.
`WATCHKEEPER_TEST_DB_CACHE=0` turns the cache off; its SQLite files and locks live in
var/test-db-cache/.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import platform
import sqlite3
import tempfile
from pathlib import Path

from tests.support.db_cache import postgres

ROOT = Path(__file__).resolve().parents[3]
SOURCES = (ROOT / "src" / "watchkeeper", ROOT / "pyproject.toml")
CACHE_DIR = ROOT / "var" / "test-db-cache"


def enabled(connection) -> bool:
    if os.environ.get("WATCHKEEPER_TEST_DB_CACHE", "1") == "0":
        return False
    test = connection.settings_dict.get("TEST", {})
    if test.get("MIGRATE", True) is False:
        return False
    if connection.vendor == "postgresql":
        return True
    return connection.vendor == "sqlite" and not test.get("NAME")


def _files():
    for source in SOURCES:
        if source.is_file():
            yield source
            continue
        for path in sorted(source.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                yield path


def fingerprint(stage: str) -> str:
    import django
    from django.conf import settings
    from django.utils import timezone

    digest = hashlib.sha256()
    for path in _files():
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(f"{django.get_version()}|{sqlite3.sqlite_version}|{platform.python_version()}".encode())
    digest.update(hashlib.sha256(settings.AUDIT_KEY).digest())
    digest.update(repr(settings.PASSWORD_HASHERS).encode())  # the demo personas' stored hashes
    digest.update(settings.DATABASES["default"]["ENGINE"].encode())
    for name in sorted(os.environ):
        if name.startswith("WATCHKEEPER_") and name != "WATCHKEEPER_TEST_DB_CACHE":
            digest.update(f"{name}={os.environ[name]}\0".encode())
    if stage == "demo":
        digest.update(timezone.localdate().isoformat().encode())
    return f"{stage}-{digest.hexdigest()[:20]}"


@contextlib.contextmanager
def building(connection, stage: str):
    """Held while one process checks for a stage's state and builds it when there is none, so the
    second pytest-xdist worker of a cold run waits and copies the first one's state instead of
    building the same database again beside it."""
    if not enabled(connection):
        yield
        return
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    with open(CACHE_DIR / f"{stage}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def restore(connection, stage: str) -> bool:
    """Copy the saved state into the connection's database; False when there is none to use."""
    if not enabled(connection):
        return False
    if connection.vendor == "postgresql":
        return postgres.restore(connection, postgres.state_name(connection, fingerprint(stage)))
    path = CACHE_DIR / f"{fingerprint(stage)}.sqlite3"
    if not path.exists():
        return False
    connection.ensure_connection()
    source = sqlite3.connect(path)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
    return True


def save(connection, stage: str) -> None:
    """Keep the connection's database as this stage's state (replacing older ones of the stage)."""
    if not enabled(connection):
        return
    if connection.vendor == "postgresql":
        postgres.save(connection, postgres.state_name(connection, fingerprint(stage)))
        return
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    name = fingerprint(stage)
    handle, temporary = tempfile.mkstemp(dir=CACHE_DIR, suffix=".partial")
    os.close(handle)
    target = sqlite3.connect(temporary)
    try:
        connection.connection.backup(target)
    finally:
        target.close()
    os.replace(temporary, CACHE_DIR / f"{name}.sqlite3")  # whole or not at all, also with two runs at once
    for old in CACHE_DIR.glob(f"{stage}-*.sqlite3"):
        if old.name != f"{name}.sqlite3":
            old.unlink(missing_ok=True)


def migrated_file() -> Path | None:
    """This run's saved migrated SQLite state, when there is one: a real process's data dir may
    start from a copy of it (`watchkeeper migrate` then has nothing left to do)."""
    if os.environ.get("WATCHKEEPER_TEST_DB_CACHE", "1") == "0":
        return None
    path = CACHE_DIR / f"{fingerprint('migrated')}.sqlite3"
    return path if path.exists() else None


def install(connection) -> None:
    """Make the connection's create_test_db copy the migrated state when it has one, and save it
    after migrating when it has not (the rest of Django's test database set-up is unchanged)."""
    from django.core.management import call_command

    creation = connection.creation
    original = creation.create_test_db
    postgres.remember_database(connection)

    def create_test_db(verbosity=1, autoclobber=False, serialize=True, keepdb=False):
        if not enabled(connection) or keepdb:
            return original(verbosity, autoclobber, serialize, keepdb)
        name = creation._get_test_db_name()
        connection.close()
        with building(connection, "migrated"):
            if not _copied_in(connection, name):
                return _built(original, connection, verbosity, autoclobber, serialize, keepdb)
        if serialize:
            connection._test_serialized_contents = creation.serialize_db_to_string()
        call_command("createcachetable", database=connection.alias)
        return name

    creation.create_test_db = create_test_db


def _copied_in(connection, name: str) -> bool:
    """The migrated state as the test database `name`, now the connection's; False when none."""
    from django.conf import settings

    if connection.vendor == "postgresql":
        if not postgres.copy_in(connection, postgres.state_name(connection, fingerprint("migrated")), name):
            return False
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name
    return connection.vendor == "postgresql" or restore(connection, "migrated")


def _built(original, connection, *args):
    name = original(*args)
    save(connection, "migrated")
    return name
