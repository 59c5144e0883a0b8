"""Expiry alerts through the outbox, and the verify command on a rewritten log."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.patrol.world import build, grant
from watchkeeper.core.audit import Actor
from watchkeeper.outbox.models import Message
from watchkeeper.outbox.registry import HANDLERS
from watchkeeper.patrol.models import LogEntry, Shift
from watchkeeper.patrol.officers.services import scan_expiries
from watchkeeper.patrol.proof.services import append_log

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


def test_expiries_are_alerted_once_before_they_lapse(db):
    world = build()
    today = timezone.localdate()
    world.manager.email = "security@camden.example"
    world.manager.save()
    grant(world.officer, "fpn-litter", today + timedelta(days=10))  # within the 30-day window
    grant(world.officer, "fpn-graffiti", today + timedelta(days=200))  # not yet
    mine = Message.objects.filter(kind="patrol.expiry_alert", key__startswith=f"patrol-expiry:{world.officer.pk}:")
    scan_expiries(Actor(None, "test"), today)
    scan_expiries(Actor(None, "test"), today)  # due again, but the same key: one message
    message = mine.get()
    assert message.payload["name"] == "fpn-litter"
    HANDLERS["patrol.expiry_alert"](message.payload, message.key)
    assert mail.outbox[-1].to == ["security@camden.example"] and "fpn-litter" in mail.outbox[-1].body


def test_the_verify_command_finds_a_rewritten_log(db):
    world = build()
    night = timezone.localdate() - timedelta(days=1)
    shift = Shift.objects.create(
        contract=world.contract, service_date=night, starts_at=timezone.now(), ends_at=timezone.now(), seed=1
    )
    for n in range(4):
        append_log(Actor(world.manager), shift, "note", n=n)
    call_command("verify_patrol_log")
    LogEntry.objects.filter(shift=shift, seq=2).delete()
    with pytest.raises(CommandError):
        call_command("verify_patrol_log", "--shift", str(shift.pk))
