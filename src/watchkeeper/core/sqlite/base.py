"""Django's SQLite backend, with writers queued instead of sleeping.

SQLite allows one writer. When a BEGIN IMMEDIATE finds the database locked, SQLite's busy handler
sleeps (1, 2, 5, 10 ... 100 ms) and tries again, so under concurrent requests most of the time
goes to sleeping while the lock sits free, and server processes cannot be added usefully. Here a
write transaction first takes this process's lock (threads wake the moment it is free, in turn),
then an advisory lock on a file beside the database shared by every process (a second server
worker, a command-line import), polled every half millisecond, and holds both until COMMIT,
ROLLBACK or close. A process that dies loses its file lock with it. SQLite's own lock and timeout
stay in place underneath. In-memory test databases are left alone.
"""

from __future__ import annotations

import os
import threading
import time

from django.db import OperationalError
from django.db.backends.sqlite3 import base

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: processes fall back to SQLite's busy handler
    fcntl = None

_POLL_SECONDS = 0.0005


class _WriterLock:
    """One per database file per process."""

    def __init__(self, path: str):
        self.threads = threading.Lock()
        self.path = path + "-writer.lock"
        self.fd: int | None = None

    def acquire(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        if not self.threads.acquire(timeout=timeout):
            return False
        if fcntl is None:
            return True
        try:
            if self.fd is None:
                self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            while True:
                try:
                    fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    return True
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        self.threads.release()
                        return False
                    time.sleep(_POLL_SECONDS)
        except BaseException:
            self.threads.release()
            raise

    def release(self) -> None:
        try:
            if fcntl is not None and self.fd is not None:
                fcntl.flock(self.fd, fcntl.LOCK_UN)
        finally:
            self.threads.release()


_locks: dict[str, _WriterLock] = {}
_locks_guard = threading.Lock()


def _lock_for(name: str) -> _WriterLock:
    with _locks_guard:
        if name not in _locks:
            _locks[name] = _WriterLock(name)
        return _locks[name]


_PRIVATE_SUFFIXES = ("", "-wal", "-shm", "-journal", "-writer.lock")


def _keep_private(path: str) -> None:
    """The database holds password hashes, TOTP secrets and personal data: owner-only, like the data
    dir. SQLite gives its -wal and -shm files the main file's mode; older files are tightened here."""
    for suffix in _PRIVATE_SUFFIXES:
        try:
            if os.stat(path + suffix).st_mode & 0o077:
                os.chmod(path + suffix, 0o600)
        except FileNotFoundError:
            continue


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._writer_lock: _WriterLock | None = None

    def get_new_connection(self, conn_params):
        if self.is_in_memory_db():
            return super().get_new_connection(conn_params)
        # The umask makes a new database file 0600 from its first byte (connections are persistent,
        # so this runs once per thread; other threads creating files meanwhile get 0600 too).
        previous = os.umask(0o077)
        try:
            connection = super().get_new_connection(conn_params)
        finally:
            os.umask(previous)
        _keep_private(os.path.abspath(str(self.settings_dict["NAME"])))
        return connection

    def _start_transaction_under_autocommit(self):
        if self.is_in_memory_db():
            return super()._start_transaction_under_autocommit()
        lock = _lock_for(os.path.abspath(str(self.settings_dict["NAME"])))
        timeout = float(self.settings_dict.get("OPTIONS", {}).get("timeout", 5))
        if not lock.acquire(timeout):
            raise OperationalError("database is locked: another writer held it too long")
        self._writer_lock = lock
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._release_writer_lock()
            raise

    def _release_writer_lock(self):
        lock, self._writer_lock = self._writer_lock, None
        if lock is not None:
            lock.release()

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self._release_writer_lock()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._release_writer_lock()

    def _close(self):
        try:
            return super()._close()
        finally:
            self._release_writer_lock()
