"""Delivering due messages: claim one with a lease (a conditional UPDATE, so concurrent workers
never take the same row), run its handler outside any transaction, then mark it delivered, or
schedule the next try with back-off, or declare it dead after the last attempt."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections
from django.db.models import F, Q
from django.utils import timezone

from watchkeeper.outbox.models import Message
from watchkeeper.outbox.registry import HANDLERS
from watchkeeper.outbox.rules import RetryPolicy

log = logging.getLogger(__name__)
S = Message.Status


def policy() -> RetryPolicy:
    return RetryPolicy(
        first=settings.OUTBOX_RETRY_FIRST_SECONDS,
        cap=settings.OUTBOX_RETRY_CAP_SECONDS,
        max_attempts=settings.OUTBOX_MAX_ATTEMPTS,
    )


def _unclaimed(now):
    return Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)


def claim(now=None) -> Message | None:
    """The next due message, leased to this worker for OUTBOX_LEASE_SECONDS; None when none is due.
    A lease that ran out (its worker died mid-delivery) makes the message due again."""
    now = now or timezone.now()
    due = Message.objects.filter(_unclaimed(now), status=S.PENDING, available_at__lte=now)
    for pk in due.order_by("available_at", "pk").values_list("pk", flat=True)[:20]:
        lease = now + timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
        won = Message.objects.filter(_unclaimed(now), pk=pk, status=S.PENDING).update(
            claimed_until=lease, attempts=F("attempts") + 1
        )
        if won:
            return Message.objects.get(pk=pk)
    return None


def deliver(message: Message, retry: RetryPolicy | None = None) -> str:
    """Run the handler for one claimed message and record the outcome; returns the new status."""
    retry = retry or policy()
    handler = HANDLERS.get(message.kind)
    try:
        if handler is None:
            raise LookupError(f"no outbox handler for {message.kind!r} in this process")
        handler(message.payload, message.key)
    except Exception as exc:  # noqa: BLE001 - any failure is retried, then kept as dead for an administrator
        log.warning("outbox %s %s attempt %s failed: %s", message.kind, message.key, message.attempts, exc)
        return _failed(message, f"{type(exc).__name__}: {exc}", retry)
    Message.objects.filter(pk=message.pk, status=S.PENDING).update(
        status=S.DELIVERED, delivered_at=timezone.now(), claimed_until=None, last_error=""
    )
    return S.DELIVERED


def _failed(message: Message, error: str, retry: RetryPolicy) -> str:
    now = timezone.now()
    if retry.gives_up(message.attempts):
        changes = {"status": S.DEAD}
    else:
        changes = {"available_at": now + timedelta(seconds=retry.delay(message.attempts))}
    Message.objects.filter(pk=message.pk, status=S.PENDING).update(
        claimed_until=None, last_error=error[:2000], **changes
    )
    return changes.get("status", S.PENDING)


def deliver_next(retry: RetryPolicy | None = None) -> bool:
    """Claim and deliver one due message; False when nothing is due. A message whose worker died
    during every allowed attempt is declared dead instead of being tried again."""
    retry = retry or policy()
    message = claim()
    if message is None:
        return False
    if message.attempts > retry.max_attempts:
        _failed(message, message.last_error or "the worker stopped during every attempt", retry)
        return True
    deliver(message, retry)
    return True


def run(stop: threading.Event, poll_seconds: float = 1.0, once: bool = False) -> int:
    """Deliver until `stop` is set (or, with once, until nothing is due). Returns messages handled."""
    handled = 0
    while not stop.is_set():
        if deliver_next():
            handled += 1
            continue
        if once:
            break
        close_old_connections()  # a long-lived worker replaces a connection the database dropped
        stop.wait(poll_seconds)
    return handled


def retry_dead(pks) -> int:
    """An administrator's retry: dead messages become due now with a fresh count of attempts."""
    return Message.objects.filter(pk__in=list(pks), status=S.DEAD).update(
        status=S.PENDING, attempts=0, available_at=timezone.now(), claimed_until=None
    )
