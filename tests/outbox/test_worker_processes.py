"""`kill -9` of a real `watchkeeper worker` in the middle of delivering loses nothing.

Real processes: a throwaway SQLite data dir, emails enqueued by a committed transaction in one
process, a worker in another delivering to a real SMTP server (aiosmtpd, started here) that
answers slowly, so the kill lands mid-run. After a restart every message has arrived. Delivery
is at-least-once: the message in flight when the worker died can arrive twice, always with the
same Message-ID (the idempotency key), and no message arrives under two ids."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from email import message_from_bytes

import pytest

from tests.support.servers import free_port
from watchkeeper.outbox.email import message_id

pytestmark = pytest.mark.server
COUNT = 12


class SlowMailbox:
    """An aiosmtpd handler that keeps every message, then takes its time to say 250."""

    def __init__(self):
        self.ids: list[str] = []

    async def handle_DATA(self, server, session, envelope):
        self.ids.append(message_from_bytes(envelope.content)["Message-ID"])
        await asyncio.sleep(0.3)
        return "250 Message accepted for delivery"


def _wait_for(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def test_kill_9_between_commit_and_delivery_loses_nothing(tmp_path):
    from aiosmtpd.controller import Controller

    mailbox = SlowMailbox()
    smtp = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    smtp.start()
    env = {
        **os.environ,
        "WATCHKEEPER_DATA_DIR": str(tmp_path),
        "WATCHKEEPER_SMTP_HOST": "127.0.0.1",
        "WATCHKEEPER_SMTP_PORT": str(smtp.port),
        "WATCHKEEPER_OUTBOX_LEASE_SECONDS": "2",  # the dead worker's claim lapses quickly
    }
    env.pop("DATABASE_URL", None)

    def watchkeeper(*args):
        return subprocess.run(
            [sys.executable, "-m", "watchkeeper", *args], env=env, capture_output=True, text=True, check=True
        )

    def worker():
        log = open(tmp_path / "worker.log", "a")  # noqa: SIM115 (closed with the process)
        return subprocess.Popen(
            [sys.executable, "-m", "watchkeeper", "worker", "--poll", "0.1"], env=env, stdout=log, stderr=log
        )

    try:
        watchkeeper("migrate", "--verbosity", "0")
        watchkeeper(
            "shell",
            "-c",
            "from django.db import transaction\n"
            "from watchkeeper import outbox\n"
            "with transaction.atomic():\n"
            f"    for n in range({COUNT}):\n"
            "        outbox.enqueue('email', {'to': ['duty@example.org'], 'subject': f'Notice {n}', 'body': 'x'},"
            " key=f'notice:{n}')\n",
        )
        first = worker()
        _wait_for(lambda: len(mailbox.ids) >= 3, 60, "the first deliveries")
        os.kill(first.pid, signal.SIGKILL)  # mid-run: the worker is inside an SMTP exchange
        first.wait(10)
        delivered_before = _statuses(tmp_path)["delivered"]
        assert delivered_before < COUNT, "the kill must land before the worker finished"
        second = worker()
        try:
            _wait_for(lambda: _statuses(tmp_path)["delivered"] == COUNT, 90, "every message delivered")
        finally:
            second.send_signal(signal.SIGTERM)
            assert second.wait(15) == 0, (tmp_path / "worker.log").read_text()
    finally:
        smtp.stop()
    expected = {message_id(f"notice:{n}") for n in range(COUNT)}
    arrived = Counter(mailbox.ids)
    assert set(arrived) == expected, "every message arrived, under its own Message-ID"
    assert sum(arrived.values()) - COUNT <= 1, "only the message in flight at the kill may arrive twice"
    assert _statuses(tmp_path) == Counter({"delivered": COUNT})


def _statuses(data_dir) -> Counter:
    with sqlite3.connect(data_dir / "watchkeeper.sqlite3") as db:
        return Counter(dict(db.execute("SELECT status, count(*) FROM outbox_message GROUP BY status").fetchall()))
