"""The incident page as a dispatcher and a duty officer use it: the timeline in words, capability
(unsuitable units and cameras apart), the ungraded warning, the explicit close and post-redirect-get."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.control.cad import grade, new_incident
from watchkeeper.control.models import Incident, IncidentEvent, Unit
from watchkeeper.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_firearms_call_offers_the_firearms_unit_and_keeps_others_and_cameras_apart(as_user):
    created = new_incident(category="firearms", description="Man with a gun in the street")
    html = as_user("dispatcher").get(f"/control/incidents/{created['id']}/").content.decode()
    suitable, unsuitable = html.split('data-testid="suitable"')[1].split('data-testid="unsuitable"')
    armed = next(
        u for u in Unit.objects.filter(partnership__slug="safer-camden", status="available") if "firearms" in u.skills
    )
    assert f"Send {armed.call_sign}</button>" in suitable
    assert "Send RSP-1" not in suitable and "Send CCTV-1" not in suitable
    assert "RSP-1" in unsuitable and "Send RSP-1 anyway" in unsuitable
    assert "CCTV-1" in unsuitable and "Send CCTV-1" not in unsuitable  # a camera is watched, not sent
    assert 'data-testid="ungraded-warning"' in html


def test_sending_an_unsuitable_unit_needs_a_reason_and_records_it(as_user):
    created = new_incident(category="firearms")
    grade(created["id"], "I")
    client = as_user("dispatcher")
    page = f"/control/incidents/{created['id']}/"
    foot = Unit.objects.get(call_sign="RSP-1")
    refused = client.post(page + "assign/", {"unit": foot.pk}, follow=True)
    assert refused.redirect_chain == [(page, 302)] and b"lacks firearms" in refused.content
    sent = client.post(page + "assign/", {"unit": foot.pk, "override": "Only unit near; to contain and observe"})
    assert sent.status_code == 302
    notes = IncidentEvent.objects.filter(incident_id=created["id"], kind=IncidentEvent.Kind.NOTE)
    assert any("to contain and observe" in n.payload["text"] for n in notes)
    camera = Unit.objects.get(call_sign="CCTV-1")
    again = client.post(page + "assign/", {"unit": camera.pk, "override": "look"}, follow=True)
    assert b"viewing resource" in again.content


def test_despatching_an_ungraded_call_is_recorded(as_user):
    created = new_incident(category="asb-nuisance")
    unit = Unit.objects.filter(partnership__slug="safer-camden", kind="response", status="available").first()
    page = f"/control/incidents/{created['id']}/"
    assert as_user("dispatcher").post(page + "assign/", {"unit": unit.pk}).status_code == 302
    notes = IncidentEvent.objects.filter(incident_id=created["id"], kind=IncidentEvent.Kind.NOTE)
    assert any("before the call was graded" in n.payload["text"] for n in notes)


def test_close_needs_a_code_a_result_and_confirmation(as_user):
    created = new_incident(category="asb-nuisance")
    duty = as_user("duty")
    page = f"/control/incidents/{created['id']}/"
    html = duty.get(page).content.decode()
    assert '<option value="">Choose a closing code</option>' in html and "I confirm closing" in html
    for body in (
        {"result": "Advice given", "confirm": "yes"},
        {"closing_code": "advice-given", "confirm": "yes"},
        {"closing_code": "advice-given", "result": "Advice given"},
    ):
        refused = duty.post(page + "close/", body, follow=True)
        assert refused.redirect_chain == [(page, 302)], body
        assert Incident.objects.get(pk=created["id"]).status == "open"
    closed = duty.post(page + "close/", {"closing_code": "advice-given", "result": "Advice given", "confirm": "yes"})
    assert closed.status_code == 302 and Incident.objects.get(pk=created["id"]).status == "closed"
    assert AuditEntry.objects.filter(summary__icontains=created["reference"]).exists()


def test_timeline_reads_as_sentences_with_the_time_zone_and_command_names_the_person(as_user):
    created = new_incident(category="asb-nuisance")
    grade(created["id"], "S")
    inspector = as_user("inspector")
    page = f"/control/incidents/{created['id']}/"
    assert inspector.post(page + "take/", {"rationale": "Series of linked calls"}).status_code == 302
    html = inspector.get(page).content.decode()
    timeline = html.split('data-testid="timeline"')[1].split("</ol>")[0]
    assert "grade_id" not in timeline and "thrive:" not in timeline
    assert "Graded S" in timeline and "Took command. Rationale: Series of linked calls." in timeline
    assert " GMT</time>" in timeline or " BST</time>" in timeline
    commander = Incident.objects.get(pk=created["id"]).commander
    command = html.split('data-testid="command">')[1].split("</dd>")[0]
    assert (commander.get_full_name() or commander.username) in command


def test_foot_patrols_are_timed_at_walking_pace(as_user):
    from tests.control.cad import api

    created = new_incident(category="asb-nuisance")
    items = api("dispatcher").get(f"/api/incidents/{created['id']}/recommendations").json()["items"]
    foot = [r for r in items if r["kind"] == "foot_patrol" and r["seconds"] is not None]
    cars = [r for r in items if r["kind"] == "response" and r["seconds"] is not None]
    assert foot and all(r["method"] == "walking estimate" for r in foot)
    assert cars and all(r["method"] != "walking estimate" for r in cars)


def test_several_units_at_once_all_or_none(as_user):
    created = new_incident(category="violence")
    grade(created["id"], "I")
    page = f"/control/incidents/{created['id']}/"
    free = list(
        Unit.objects.filter(partnership__slug="safer-camden", kind="response", status="available").order_by(
            "call_sign"
        )[:2]
    )
    busy = Unit.objects.filter(partnership__slug="safer-camden", status="unavailable").first()
    client = as_user("dispatcher")
    refused = client.post(page + "assign-many/", {"units": [free[0].pk, busy.pk]}, follow=True)
    assert refused.redirect_chain == [(page, 302)]
    assert not Incident.objects.get(pk=created["id"]).assignments.exists(), "none sent when one is refused"
    sent = client.post(page + "assign-many/", {"units": [u.pk for u in free]})
    assert sent.status_code == 302
    assert set(Incident.objects.get(pk=created["id"]).assignments.values_list("unit_id", flat=True)) == {
        u.pk for u in free
    }


def test_capability_and_walking_pace_are_rule_data_an_administrator_edits(as_user):
    """Seeded rules (firearms: response cars only) show the foot patrol apart; the administrator
    changes the walking pace and a category's preferred type through the audited admin, and the
    next recommendation uses them."""
    from tests.control.cad import api
    from watchkeeper.control.models import ControlSettings, IncidentCategory

    assert IncidentCategory.objects.get(code="firearms").required_kinds == ["response"]
    firearms = new_incident(category="firearms")
    offered = api("dispatcher").get(f"/api/incidents/{firearms['id']}/recommendations").json()["items"]
    foot = next(r for r in offered if r["call_sign"] == "RSP-1")
    assert not foot["suitable"] and "not a response" in foot["flags"]
    violence = new_incident(category="violence")
    offered = api("dispatcher").get(f"/api/incidents/{violence['id']}/recommendations").json()["items"]
    assert all(r["preferred"] == (r["kind"] == "response" or "taser" in " ".join(r["flags"])) for r in offered)
    created = new_incident(category="asb-nuisance")
    url = f"/api/incidents/{created['id']}/recommendations"
    before = {r["call_sign"]: r for r in api("dispatcher").get(url).json()["items"]}
    assert before["RSP-1"]["method"] == "walking estimate"
    admin = as_user("admin")
    settings = ControlSettings.current()
    form = {
        "misuse_threshold": settings.misuse_threshold,
        "duplicate_radius_m": settings.duplicate_radius_m,
        "duplicate_window_minutes": settings.duplicate_window_minutes,
        "walking_kph": "2.5",
        "preference_window_seconds": settings.preference_window_seconds,
    }
    saved = admin.post(f"/admin/control/controlsettings/{settings.pk}/change/", form)
    assert saved.status_code == 302, saved.content.decode()[:2000]
    after = {r["call_sign"]: r for r in api("dispatcher").get(url).json()["items"]}
    assert after["RSP-1"]["seconds"] == pytest.approx(before["RSP-1"]["seconds"] * 2, rel=0.01)
    assert AuditEntry.objects.filter(object_type="control.controlsettings", object_id=str(settings.pk)).exists()
    bad = admin.post(f"/admin/control/controlsettings/{settings.pk}/change/", {**form, "walking_kph": "0"})
    assert bad.status_code == 200 and ControlSettings.current().walking_kph == Decimal("2.5")
