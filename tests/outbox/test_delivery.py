"""The outbox in one process: a message exists exactly when the change that caused it committed,
the same key is recorded once, failures are retried with back-off and end dead (visible to and
retried by an administrator), and a claimed message is not handed to a second worker until its
lease runs out."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from watchkeeper import outbox
from watchkeeper.outbox import delivery
from watchkeeper.outbox.models import Message
from watchkeeper.outbox.registry import HANDLERS
from watchkeeper.outbox.rules import RetryPolicy

pytestmark = [pytest.mark.django_db, pytest.mark.factories]
KIND = "test.partner-notice"


@pytest.fixture
def received():
    """A handler for KIND that records what it was given, and fails while `failures` is positive."""
    calls: list = []
    state = {"failures": 0}

    def handler(payload, key):
        if state["failures"] > 0:
            state["failures"] -= 1
            raise ConnectionError("partner endpoint down")
        calls.append((payload, key))

    HANDLERS[KIND] = handler
    yield calls, state
    HANDLERS.pop(KIND, None)


def test_a_rolled_back_change_leaves_no_message(received):
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.enqueue(KIND, {"n": 1}, key="notice-1")
        raise RuntimeError("the change failed after enqueueing")
    assert not Message.objects.filter(key="notice-1").exists()


def test_the_same_key_is_recorded_and_delivered_once(received):
    calls, _ = received
    with transaction.atomic():
        outbox.enqueue(KIND, {"n": 1}, key="notice-2")
        outbox.enqueue(KIND, {"n": 1}, key="notice-2")
    assert Message.objects.filter(key="notice-2").count() == 1
    assert delivery.run(_never_stopped(), once=True) == 1
    assert calls == [({"n": 1}, "notice-2")]
    message = Message.objects.get(key="notice-2")
    assert message.status == "delivered" and message.attempts == 1 and message.delivered_at is not None


def test_an_unknown_kind_is_refused_at_enqueue():
    with pytest.raises(ValueError, match="no outbox handler"):
        outbox.enqueue("no.such.kind", {}, key="x")


def test_failures_back_off_then_the_message_is_dead_and_an_administrator_retries_it(received):
    calls, state = received
    state["failures"] = 3
    policy = RetryPolicy(first=30, cap=3600, max_attempts=3)
    outbox.enqueue(KIND, {"n": 3}, key="notice-3")
    before = timezone.now()
    assert delivery.deliver_next(policy)
    message = Message.objects.get(key="notice-3")
    assert message.status == "pending" and message.attempts == 1 and "partner endpoint down" in message.last_error
    assert before + timedelta(seconds=29) < message.available_at < timezone.now() + timedelta(seconds=31)
    assert not delivery.deliver_next(policy), "not due again before its back-off has passed"
    for attempt, wait in ((2, 60), (3, None)):
        Message.objects.filter(pk=message.pk).update(available_at=timezone.now())
        assert delivery.deliver_next(policy)
        message.refresh_from_db()
        assert message.attempts == attempt
        if wait:
            assert message.available_at > timezone.now() + timedelta(seconds=wait - 2)
    assert message.status == "dead" and calls == []
    assert delivery.retry_dead([message.pk]) == 1
    assert delivery.deliver_next(policy)
    message.refresh_from_db()
    assert message.status == "delivered" and calls == [({"n": 3}, "notice-3")]


def test_a_claimed_message_waits_for_its_lease_before_another_worker_takes_it(received, settings):
    settings.OUTBOX_LEASE_SECONDS = 60
    outbox.enqueue(KIND, {"n": 4}, key="notice-4")
    first = delivery.claim()
    assert first is not None and first.attempts == 1
    assert delivery.claim() is None, "held by the first worker"
    later = timezone.now() + timedelta(seconds=61)  # the first worker died and its lease ran out
    second = delivery.claim(now=later)
    assert second.pk == first.pk and second.attempts == 2


def test_a_worker_dying_on_every_attempt_ends_dead(received, settings):
    calls, _ = received
    outbox.enqueue(KIND, {"n": 5}, key="notice-5")
    Message.objects.filter(key="notice-5").update(attempts=3)  # three workers died holding it
    assert delivery.deliver_next(RetryPolicy(max_attempts=3))
    message = Message.objects.get(key="notice-5")
    assert message.status == "dead" and "stopped during every attempt" in message.last_error and calls == []


def test_administrators_see_dead_messages_and_retry_them_in_the_admin(client, received):
    from tests import factories
    from watchkeeper.core.models import AuditEntry
    from watchkeeper.core.roles import Role

    outbox.enqueue(KIND, {"n": 6}, key="notice-6")
    Message.objects.filter(key="notice-6").update(status="dead", last_error="ConnectionError: down")
    dead = Message.objects.get(key="notice-6")
    client.force_login(factories.user(Role.CALL_HANDLER))
    assert client.get("/admin/outbox/message/", follow=True).status_code == 403
    client.force_login(factories.user(Role.ADMINISTRATOR))
    page = client.get("/admin/outbox/message/", {"status__exact": "dead"})
    assert page.status_code == 200 and b"notice-6" in page.content and b"ConnectionError: down" in page.content
    answer = client.post("/admin/outbox/message/", {"action": "retry", "_selected_action": [dead.pk]})
    assert answer.status_code == 302
    dead.refresh_from_db()
    assert dead.status == "pending" and dead.attempts == 0
    assert AuditEntry.objects.filter(object_type="outbox.message", object_id=str(dead.pk), kind="update").exists()


def _never_stopped():
    import threading

    return threading.Event()
