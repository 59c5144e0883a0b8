"""The SQLite engine queues writers (core/sqlite/base.py): concurrent write transactions from
threads and from other processes all commit, none is lost or half-written, and a writer that
holds the lock too long makes the next one fail with a clear error instead of hanging."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import time

import pytest
from django.db import OperationalError

from watchkeeper.core.sqlite.base import DatabaseWrapper

pytestmark = pytest.mark.kernel


@pytest.fixture(autouse=True)
def own_database(django_db_blocker):
    """These tests open their own SQLite files, never the test database."""
    with django_db_blocker.unblock():
        yield


def wrapper_for(path, timeout: float = 20) -> DatabaseWrapper:
    settings = {
        "ENGINE": "watchkeeper.core.sqlite",
        "NAME": str(path),
        "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": timeout, "init_command": "PRAGMA journal_mode=WAL;"},
        "TIME_ZONE": None,
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
        "AUTOCOMMIT": True,
        "ATOMIC_REQUESTS": False,
        "USER": "",
        "PASSWORD": "",
        "HOST": "",
        "PORT": "",
        "TEST": {},
    }
    return DatabaseWrapper(settings, alias=f"writers-{threading.get_ident()}")


def begin(db: DatabaseWrapper) -> None:
    db.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)


def increment(path, times: int) -> None:
    """Read-modify-write in a transaction: a lost update would show as a short total."""
    db = wrapper_for(path)
    try:
        for _ in range(times):
            begin(db)
            with db.cursor() as cursor:
                cursor.execute("SELECT n FROM counter")
                (n,) = cursor.fetchone()
                cursor.execute("UPDATE counter SET n = %s", [n + 1])
            db.commit()
            db.set_autocommit(True)
    finally:
        db.close()


@pytest.fixture
def counter(tmp_path):
    path = tmp_path / "writers.sqlite3"
    db = wrapper_for(path)
    with db.cursor() as cursor:
        cursor.execute("CREATE TABLE counter (n integer)")
        cursor.execute("INSERT INTO counter VALUES (0)")
    db.close()
    return path


def total(path) -> int:
    db = wrapper_for(path)
    try:
        with db.cursor() as cursor:
            cursor.execute("SELECT n FROM counter")
            return cursor.fetchone()[0]
    finally:
        db.close()


def test_threads_and_processes_all_commit(counter):
    script = textwrap.dedent(
        f"""
        import sys
        sys.path[:0] = {sys.path!r}
        import django
        from django.conf import settings
        settings.configure(USE_TZ=True)
        django.setup()
        from tests.core.test_sqlite_writers import increment
        increment({str(counter)!r}, 100)
        """
    )
    other = subprocess.Popen([sys.executable, "-c", script])
    threads = [threading.Thread(target=increment, args=(counter, 100)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert other.wait(timeout=120) == 0
    assert total(counter) == 500


def test_rollback_and_close_release_the_lock(counter):
    first = wrapper_for(counter, timeout=2)
    begin(first)
    with first.cursor() as cursor:
        cursor.execute("UPDATE counter SET n = 99")
    first.rollback()
    first.set_autocommit(True)
    increment(counter, 1)  # would wait 2 s and fail if the rollback kept the lock
    begin(first)
    first.close()  # a connection closed mid-transaction (a dying request) frees the lock too
    increment(counter, 1)
    assert total(counter) == 2


def test_a_writer_held_too_long_gives_a_clear_error(counter):
    holder = wrapper_for(counter)
    begin(holder)
    failures = []

    def late_writer():
        db = wrapper_for(counter, timeout=0.3)
        started = time.monotonic()
        try:
            begin(db)
        except OperationalError as exc:
            failures.append((str(exc), time.monotonic() - started))
        finally:
            db.close()

    thread = threading.Thread(target=late_writer)
    thread.start()
    thread.join(timeout=10)
    holder.rollback()
    holder.close()
    assert failures and "database is locked" in failures[0][0]
    assert failures[0][1] < 5
