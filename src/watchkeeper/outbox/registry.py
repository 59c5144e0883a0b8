"""enqueue() for the modules that cause side effects, and the handler registered for each kind."""

from __future__ import annotations

from collections.abc import Callable

from django.utils import timezone

HANDLERS: dict[str, Callable] = {}


def handles(kind: str):
    """Register the function that delivers messages of `kind`: called as handler(payload, key).
    It raises to fail the attempt (retried with back-off); it must tolerate a repeat of the same
    key, because a worker killed after delivering and before marking the message delivers again."""

    def register(function: Callable) -> Callable:
        if HANDLERS.get(kind, function) is not function:
            raise ValueError(f"outbox kind {kind!r} already has a handler")
        HANDLERS[kind] = function
        return function

    return register


def enqueue(kind: str, payload: dict, *, key: str) -> None:
    """Record a side effect to deliver after commit. Call it inside the transaction of the change
    that causes it, so the message exists exactly when the change does. A key already recorded is
    ignored (the same referral enqueued twice is delivered once)."""
    enqueue_many(kind, [(payload, key)])


def enqueue_many(kind: str, messages: list[tuple[dict, str]]) -> None:
    """enqueue() for many messages of one kind, (payload, key) each, in one statement (an import
    that queues thousands of letters pays one round trip, not one per letter)."""
    from watchkeeper.outbox.models import Message

    if kind not in HANDLERS:
        raise ValueError(f"no outbox handler for {kind!r}")
    if any(not key or len(key) > 200 for _, key in messages):
        raise ValueError("an outbox key is 1-200 characters")
    now = timezone.now()
    Message.objects.bulk_create(
        [Message(kind=kind, key=key, payload=payload, available_at=now, created_at=now) for payload, key in messages],
        ignore_conflicts=True,
        batch_size=2000,
    )
