"""The whole life of a 999 call, as the personas do it: call handler takes it, dispatcher sends a
unit, the officer arrives, the duty officer closes; the timeline and audit trail say so."""

from __future__ import annotations

import pytest

from tests.control.cad import CAMDEN_TOWN, api, events, grade, new_incident, post
from watchkeeper.control.models import Assignment, Incident, Unit, UnitStatusChange
from watchkeeper.core.models import AuditEntry, Person

pytestmark = pytest.mark.django_db


def test_handler_takes_a_999_call_dispatcher_sends_officer_arrives_duty_closes():
    created = new_incident()
    incident = Incident.objects.get(pk=created["id"])
    assert created["reference"] == incident.reference and len(incident.reference) == 10
    assert incident.ward is not None and incident.ward.name == "Camden Town"
    assert incident.caller_phone == "07700900555"
    assert Person.objects.get(pk=incident.caller_id).family_name == "Bloggs"
    assert created["suggested_grade"] == "I"

    assert grade(incident.pk).status_code == 200
    incident.refresh_from_db()
    assert incident.grade.code == "I"

    dispatcher = api("dispatcher")
    ranked = dispatcher.get(f"/api/incidents/{incident.pk}/recommendations").json()["items"]
    kinds = {item["kind"] for item in ranked}
    assert {"response", "foot_patrol", "hot_spot", "snt", "special"} <= kinds  # all resources shown
    first = next(item for item in ranked if item["available"] and item["suitable"] and not item["flags"])
    assert first["seconds"] is not None and first["method"] in ("road", "straight-line estimate")
    sent = post(dispatcher, f"/api/incidents/{incident.pk}/assignments", {"unit": first["unit_id"]})
    assert sent.status_code == 201, sent.content
    unit = Unit.objects.get(pk=first["unit_id"])
    assert unit.status == "en_route"

    arrived = post(dispatcher, f"/api/units/{unit.pk}/status", {"status": "at_scene"})
    assert arrived.status_code == 200, arrived.content
    assignment = Assignment.objects.get(incident=incident, unit=unit)
    assert assignment.arrived_at is not None and assignment.cleared_at is None

    closed = post(
        api("duty"), f"/api/incidents/{incident.pk}/close", {"closing_code": "resolved", "result": "Words of advice"}
    )
    assert closed.status_code == 200, closed.content
    incident.refresh_from_db()
    unit.refresh_from_db()
    assignment.refresh_from_db()
    assert incident.status == "closed" and incident.closing_code.code == "resolved"
    assert unit.status == "available" and assignment.cleared_at is not None  # cleared on close, logged
    assert events(incident.pk) == [
        "created",
        "graded",
        "thrive",
        "assigned",
        "unit_status",
        "unit_status",
        "closed",
    ]
    statuses = list(UnitStatusChange.objects.filter(unit=unit).values_list("status_to", flat=True))
    assert statuses[-3:] == ["en_route", "at_scene", "available"]
    kinds = list(
        AuditEntry.objects.filter(object_type="control.incident", object_id=str(incident.pk)).values_list(
            "kind", flat=True
        )
    )
    assert kinds == ["create", "update", "update", "update"]


def test_timeline_and_detail_read_caller_details_with_an_audit_entry():
    created = new_incident()
    before = AuditEntry.objects.filter(kind="read").count()
    detail = api("dispatcher").get(f"/api/incidents/{created['id']}").json()
    assert detail["caller"]["name"] == "Jo Bloggs"
    read = AuditEntry.objects.filter(kind="read").order_by("-seq").first()
    assert AuditEntry.objects.filter(kind="read").count() == before + 1
    assert read.object_type == "core.person" and "phone" in read.fields and read.actor_label == "dispatcher"
    timeline = api("dispatcher").get(f"/api/incidents/{created['id']}/timeline").json()
    assert [e["kind"] for e in timeline] == ["created"]


def test_same_phone_finds_the_same_caller_person():
    a = new_incident(caller_phone="+44 7700 900777")
    b = new_incident(caller_phone="07700900777")
    assert Incident.objects.get(pk=a["id"]).caller_id == Incident.objects.get(pk=b["id"]).caller_id


def test_unit_list_and_incident_list_paginate():
    new_incident(at=CAMDEN_TOWN)
    units = api("dispatcher").get("/api/units").json()
    assert units["count"] >= 20
    listed = api("dispatcher").get("/api/incidents", {"status": "open"}).json()
    assert listed["count"] >= 1 and listed["items"][0]["reference"]
