"""The audit trail's anchor outside the database: a checkpoint file beside the audit key.

The chain inside the database proves each entry follows the one before, and the HMAC key (kept
outside the database) stops anyone who can only write to the database from recomputing it. What
the chain cannot prove alone is where it ends: deleting the newest entries together with the head
row, rewinding the head, or emptying both leaves a shorter chain that is perfectly consistent.
The checkpoint records the highest entry known to have been committed (sequence number and hash),
MAC'd with the same key; `verify_audit` then refuses a chain that ends before it or disagrees with
it. Every committed audit entry advances it (after commit, outside the database's write lock), and
`watchkeeper audit_checkpoint` advances it to the verified head on demand (cron).

A checkpoint only moves forward: processes race to write it, so it is rewritten under a file lock
and only by a higher sequence number.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: concurrent writers could step back a checkpoint
    fcntl = None


class CheckpointUnreadable(Exception):
    """The checkpoint file exists but is damaged or its MAC does not match the key."""


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    hash: str
    at: str = ""

    def line(self) -> str:
        """One line an operator can copy off the machine and give back to verify_audit --expect."""
        return f"{self.seq}:{self.hash}"

    @classmethod
    def parse(cls, text: str) -> Checkpoint:
        seq, _, digest = text.strip().partition(":")
        if not seq.isdigit() or len(digest) != 64:
            raise ValueError(f"a checkpoint is SEQ:HASH (64 hex digits), not {text!r}")
        return cls(int(seq), digest.lower())


def path() -> Path:
    return Path(settings.AUDIT_CHECKPOINT_FILE)


def _mac(seq: int, digest: str, at: str) -> str:
    message = f"watchkeeper-audit-checkpoint|{seq}|{digest}|{at}".encode()
    return hmac.new(settings.AUDIT_KEY, message, hashlib.sha256).hexdigest()


def _decode(raw: str) -> Checkpoint | None:
    if not raw.strip():
        return None
    try:
        data = json.loads(raw)
        found = Checkpoint(int(data["seq"]), str(data["hash"]), str(data["at"]))
        given = str(data["mac"])
    except (ValueError, KeyError, TypeError):
        raise CheckpointUnreadable(f"{path()} is not a checkpoint file") from None
    if not hmac.compare_digest(given, _mac(found.seq, found.hash, found.at)):
        raise CheckpointUnreadable(f"{path()} was altered or written with another audit key")
    return found


def read() -> Checkpoint | None:
    """The latest checkpoint, or None when none was ever written."""
    try:
        return _decode(path().read_text())
    except FileNotFoundError:
        return None


_RECORD_BYTES = 512  # written in place, padded, within one page: a crash cannot leave half of two
_open_files: dict[str, int] = {}
_threads = threading.Lock()


def _file() -> int:
    """This process's descriptor for the checkpoint file, opened once: advancing is on the write path
    (about 25 microseconds in place against 250+ for write-and-rename)."""
    name = os.fspath(settings.AUDIT_CHECKPOINT_FILE)
    fd = _open_files.get(name)
    if fd is not None:
        try:
            if os.stat(name).st_ino == os.fstat(fd).st_ino:
                return fd
        except FileNotFoundError:
            pass
        os.close(fd)  # moved aside or deleted: start a new file rather than write to a lost one
    _open_files[name] = os.open(name, os.O_RDWR | os.O_CREAT, 0o600)
    return _open_files[name]


def advance(seq: int, digest: str) -> Checkpoint | None:
    """Record that entry `seq` with `digest` was committed, unless a later one is recorded already
    (then None)."""
    with _threads:
        fd = _file()
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            raw = os.pread(fd, _RECORD_BYTES, 0)
            if raw.strip():
                # Only the position matters here; the verifier checks the MAC.
                try:
                    current = int(json.loads(raw)["seq"])
                except (ValueError, KeyError, TypeError):
                    return None  # keep the damaged file for the verifier to report; never overwrite it
                if current >= seq:
                    return None
            at = datetime.now(UTC).isoformat(timespec="seconds")
            body = json.dumps({"seq": seq, "hash": digest, "at": at, "mac": _mac(seq, digest, at)})
            os.pwrite(fd, body.encode().ljust(_RECORD_BYTES), 0)
            return Checkpoint(seq, digest, at)
        finally:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_UN)
