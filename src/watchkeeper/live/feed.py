"""Live messages between processes without Redis: the embedded setup's shared layer is the database.

With the in-memory channel layer a message published in one process reaches only that process's
screens. So every publish there is also written to the change feed (`LiveEvent`), and every server
process with a board open polls the feed every POLL_SECONDS and hands the rows other processes
wrote to its own screens. A change made by `watchkeeper simulate`, an import, a management command
or a second server worker reaches every open board within about POLL_SECONDS plus a query.

Rows are read by id; rows committed out of id order (PostgreSQL sequences) are caught by re-reading
the last LATE_SECONDS and skipping ids already delivered.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
import uuid
from datetime import timedelta

from django.db import close_old_connections, connection
from django.db.models import Max, Q
from django.utils import timezone

from watchkeeper.core.prepared import Insert

POLL_SECONDS = 0.15
LATE_SECONDS = 3.0
FEED_KEEP_MINUTES = 10
PRUNE_EVERY = 200  # rows written between two prunes
GATHER_SECONDS = 0.005  # a server process's writer waits this long for more rows before inserting

log = logging.getLogger(__name__)
_origin: tuple[int, str] | None = None
_poller: threading.Thread | None = None
_start_lock = threading.Lock()


def origin() -> str:
    """This process's name in the feed (re-made after a fork, so workers never share one)."""
    global _origin
    pid = os.getpid()
    if _origin is None or _origin[0] != pid:
        _origin = (pid, f"{pid}-{uuid.uuid4().hex[:12]}")
    return _origin[1]


def record(group: str, payload: dict, batched: bool = False) -> None:
    """Write one message for the other processes (called after the change committed).

    `batched` (a server process): queued for this process's writer thread, which writes whatever
    has queued up in one transaction. The request does not wait for a write of its own, and on
    SQLite a burst of changes takes one turn at the write lock instead of one each. A message
    is on the feed within a few milliseconds plus the wait for that lock; a process killed in
    between loses its last few messages, which its own screens' reconnect makes good (as for a
    message lost to a crash just after commit before)."""
    from watchkeeper.live.models import LiveEvent

    row = LiveEvent(group=group, payload=payload, origin=origin())
    if batched:
        _writer.put(row)
        return
    _write([row])


def _write(rows: list) -> None:
    from watchkeeper.live.models import LiveEvent

    global _written, _insert
    if len(rows) == 1:  # one statement, no transaction around it (bulk_create would open one)
        _insert = _insert or Insert(LiveEvent)
        _insert.save(rows[0])
    else:
        LiveEvent.objects.bulk_create(rows)
    before, _written = _written, _written + len(rows)
    if before // PRUNE_EVERY != _written // PRUNE_EVERY:
        LiveEvent.objects.filter(created_at__lt=timezone.now() - timedelta(minutes=FEED_KEEP_MINUTES)).delete()


class _Writer:
    """The server process's feed writer: a daemon thread started by the first queued row (after a
    fork, so each worker has its own), writing every row queued meanwhile in one bulk insert."""

    def __init__(self):
        self.rows: list = []
        self.lock = threading.Lock()
        self.wake = threading.Event()
        self.thread: threading.Thread | None = None
        self.pid = 0

    def put(self, row) -> None:
        with self.lock:
            self.rows.append(row)
            if self.thread is None or self.pid != os.getpid() or not self.thread.is_alive():
                self.pid = os.getpid()
                self.thread = threading.Thread(target=self._run, name="live-feed-writer", daemon=True)
                self.thread.start()
        self.wake.set()

    def _run(self) -> None:
        while True:
            self.wake.wait()
            time.sleep(GATHER_SECONDS)  # under load, let the other requests' rows join this insert
            self.wake.clear()
            with self.lock:
                rows, self.rows = self.rows, []
            if not rows:
                continue
            try:
                _write(rows)
            except Exception as exc:  # noqa: BLE001 - a lost database connection must not end the writer
                log.warning("%d live updates not written to the feed: %s", len(rows), exc)
                connection.close()


_writer = _Writer()
_insert: Insert | None = None  # the INSERT built once (core/prepared.py), on first use (apps loaded)
_written = 0  # rows this process wrote: the feed is pruned every PRUNE_EVERY of them


def start(loop: asyncio.AbstractEventLoop, deliver) -> None:
    """Start this process's poller once (a daemon thread); `deliver(group, payload)` is a coroutine
    function run on `loop`, the event loop that owns the screens' channel layer."""
    global _poller
    with _start_lock:
        if _poller is not None and _poller.is_alive():
            return
        _poller = threading.Thread(target=_poll_forever, args=(loop, deliver), name="live-feed", daemon=True)
        _poller.start()


class Reader:
    """Which feed rows this process has still to deliver (pure bookkeeping around one query)."""

    def __init__(self, floor: int, me: str):
        self.floor = floor  # rows up to here were written before this process started listening
        self.last = floor
        self.me = me
        self.seen: dict[int, float] = {}

    def fresh(self, now: float | None = None) -> list[tuple[str, dict]]:
        from watchkeeper.live.models import LiveEvent

        now = time.monotonic() if now is None else now
        since = timezone.now() - timedelta(seconds=LATE_SECONDS)
        rows = (
            LiveEvent.objects.filter(id__gt=self.floor)
            .filter(Q(id__gt=self.last) | Q(created_at__gte=since))
            .order_by("id")
            .values_list("id", "group", "payload", "origin")
        )
        out = []
        for pk, group, payload, writer in rows:
            if pk in self.seen:
                continue
            self.seen[pk] = now
            self.last = max(self.last, pk)
            if writer != self.me:
                out.append((group, payload))
        horizon = now - 4 * LATE_SECONDS
        self.seen = {pk: at for pk, at in self.seen.items() if at >= horizon}
        return out


def _poll_forever(loop: asyncio.AbstractEventLoop, deliver) -> None:
    from watchkeeper.live.models import LiveEvent

    reader = None
    while loop.is_running():
        try:
            if reader is None:
                top = LiveEvent.objects.aggregate(top=Max("id"))["top"] or 0
                reader = Reader(top, origin())
            for group, payload in reader.fresh():
                asyncio.run_coroutine_threadsafe(deliver(group, payload), loop)
        except Exception as exc:  # noqa: BLE001 - a lost database connection must not end the poller
            log.warning("live feed not read: %s", exc)
            connection.close()
            close_old_connections()
        time.sleep(POLL_SECONDS)
    connection.close()
