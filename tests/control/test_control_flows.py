"""Control-room stories beyond the basic call: bad input leaves nothing half-written, duplicates,
persistent misuse, command, SNT ring-fence, supervision, the field officer, KPIs from the timeline,
and district narrowing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from tests.control.cad import (
    CAMDEN_TOWN,
    KINGS_CROSS,
    NEAR_CAMDEN_TOWN,
    OUTSIDE,
    api,
    events,
    grade,
    new_incident,
    post,
)
from watchkeeper.control import services
from watchkeeper.control.models import (
    Assignment,
    DecisionLog,
    Incident,
    IncidentEvent,
    SntAuthorisation,
    SupervisionReview,
    Unit,
)
from watchkeeper.core.access import Denied
from watchkeeper.core.audit import Actor
from watchkeeper.core.models import AuditEntry, District, Partnership, User

pytestmark = pytest.mark.django_db


def _sent(incident_id: int, call_sign: str = "EK11"):
    unit = Unit.objects.get(call_sign=call_sign)
    return unit, post(api("dispatcher"), f"/api/incidents/{incident_id}/assignments", {"unit": unit.pk})


def test_bad_input_is_a_clear_4xx_and_changes_nothing():
    created = new_incident()
    incident_id = created["id"]
    handler, dispatcher, duty = api("handler"), api("dispatcher"), api("duty")
    count = Incident.objects.count()
    # coordinates outside the service area, future call time, unknown category / channel
    base = {"partnership": "safer-camden", "channel": "999", "category": "theft"}
    outside = post(handler, "/api/incidents", {**base, "lat": OUTSIDE[0], "lon": OUTSIDE[1]})
    assert outside.status_code == 400 and "outside the wards" in outside.json()["detail"]
    future = (timezone.now() + timedelta(hours=1)).isoformat()
    answer = post(
        handler, "/api/incidents", {**base, "lat": CAMDEN_TOWN[0], "lon": CAMDEN_TOWN[1], "received_at": future}
    )
    # the schema's plausible-time bound (core.input.RecentTimestamp) names the field and the reason
    assert answer.status_code == 422 and "future" in str(answer.json()["detail"])
    assert "received_at" in str(answer.json()["detail"])
    assert post(handler, "/api/incidents", {**base, "category": "nope", "lat": 51.54, "lon": -0.14}).status_code == 400
    assert post(handler, "/api/incidents", {**base, "channel": "fax", "lat": 51.54, "lon": -0.14}).status_code == 400
    assert Incident.objects.count() == count

    before = IncidentEvent.objects.filter(incident_id=incident_id).count()
    assert grade(incident_id, "Z").status_code == 400  # unknown grade
    assert post(handler, f"/api/incidents/{incident_id}/grade", {"grade": "I", "rationale": ""}).status_code == 400
    assert post(dispatcher, f"/api/incidents/{incident_id}/assignments", {"unit": 999999}).status_code == 404
    off_duty = Unit.objects.get(call_sign="EK17")
    refused = post(dispatcher, f"/api/incidents/{incident_id}/assignments", {"unit": off_duty.pk})
    assert refused.status_code == 409 and "off duty" in refused.json()["detail"]
    assert IncidentEvent.objects.filter(incident_id=incident_id).count() == before

    assert grade(incident_id).status_code == 200
    unit, sent = _sent(incident_id)
    assert sent.status_code == 201
    before = IncidentEvent.objects.filter(incident_id=incident_id).count()
    # arrival before despatch / before the call (the service's rule, 400) / in the future or in 1970
    # (the schema's plausible-time bound, 422 naming the field)
    for at, status in (
        (timezone.now() - timedelta(hours=2), 400),
        (timezone.now() + timedelta(hours=1), 422),
        (datetime(1970, 1, 1, tzinfo=UTC), 422),
    ):
        bad = post(dispatcher, f"/api/units/{unit.pk}/status", {"status": "at_scene", "at": at.isoformat()})
        assert bad.status_code == status, bad.content
        assert status == 400 or "at" in bad.json()["detail"][0]["loc"]
    assert post(dispatcher, f"/api/units/{unit.pk}/status", {"status": "flying"}).status_code == 400
    assert IncidentEvent.objects.filter(incident_id=incident_id).count() == before
    assert Assignment.objects.get(incident_id=incident_id).arrived_at is None
    regrade_without_reason = grade(incident_id, "S")
    assert regrade_without_reason.status_code == 400 and "why" in regrade_without_reason.json()["detail"].lower()

    assert post(duty, f"/api/incidents/{incident_id}/close", {"closing_code": "resolved"}).status_code == 200
    before = IncidentEvent.objects.filter(incident_id=incident_id).count()
    again = post(duty, f"/api/incidents/{incident_id}/close", {"closing_code": "resolved"})
    assert again.status_code == 409 and "already closed" in again.json()["detail"]
    assert post(duty, f"/api/incidents/{incident_id}/close", {"closing_code": "nope"}).status_code == 400
    assert IncidentEvent.objects.filter(incident_id=incident_id).count() == before


def test_regrade_is_logged_with_who_when_why_and_a_new_thrive():
    created = new_incident(category="theft", description="bike stolen earlier")
    assert grade(created["id"], "E").status_code == 200
    assert grade(created["id"], "S", reason="Suspect still nearby").status_code == 200
    regraded = IncidentEvent.objects.get(incident_id=created["id"], kind="regraded")
    assert regraded.payload["previous"] == "E" and regraded.payload["grade"] == "S"
    assert regraded.payload["reason"] == "Suspect still nearby" and regraded.actor_label == "handler"
    assert Incident.objects.get(pk=created["id"]).assessments.count() == 2


def test_duplicate_is_suggested_then_linked_and_closed_keeping_its_caller():
    master = new_incident(category="violence")
    second = new_incident(category="robbery", at=NEAR_CAMDEN_TOWN, caller_name="Ann Other", caller_phone="07700900999")
    assert master["id"] in [d["id"] for d in second["likely_duplicates"]]
    far = new_incident(category="violence", at=KINGS_CROSS)
    assert master["id"] not in [d["id"] for d in far["likely_duplicates"]]
    linked = post(api("handler"), f"/api/incidents/{second['id']}/link", {"master": master["id"]})
    assert linked.status_code == 200, linked.content
    duplicate = Incident.objects.get(pk=second["id"])
    assert duplicate.status == "closed" and duplicate.master_id == master["id"]
    assert duplicate.closing_code.code == "duplicate" and duplicate.result == f"Duplicate of {master['reference']}"
    assert duplicate.caller.family_name == "Other"
    assert events(master["id"])[-1] == "linked"
    assert events(second["id"])[-2:] == ["linked", "closed"]


def test_persistent_misuse_caller_flagged_at_intake_and_listed():
    phone = "07700900123"
    duty = api("duty")
    for _ in range(10):
        made = new_incident(category="admin-other", caller_phone=phone, at=KINGS_CROSS)
        assert post(duty, f"/api/incidents/{made['id']}/close", {"closing_code": "misuse-999"}).status_code == 200
    page = api("handler").get("/control/new/context/", {"caller_phone": phone})
    assert page.status_code == 200 and b"Persistent misuse caller: 10 calls" in page.content
    reads = AuditEntry.objects.filter(kind=AuditEntry.Kind.READ, summary__startswith="Persistent misuse callers")
    before = reads.count()
    listed = api("handler").get("/api/misuse-callers").json()["items"]
    assert {"phone": phone, "calls": 10} in listed
    assert reads.count() == before + 1  # the phone numbers listed are a read of personal data
    assert phone.encode() in api("duty").get("/control/misuse/").content
    assert reads.count() == before + 2
    assert (
        b"Persistent misuse" not in api("handler").get("/control/new/context/", {"caller_phone": "07700900124"}).content
    )


def test_inspector_takes_command_with_rationale_borough_accepts_it_back():
    created = new_incident(category="firearms", description="man with a gun")
    incident_id = created["id"]
    inspector = api("inspector")
    missing = post(inspector, f"/api/incidents/{incident_id}/command", {"action": "take", "rationale": ""})
    assert missing.status_code == 400 and "rationale" in missing.json()["detail"].lower()
    assert (
        post(api("duty"), f"/api/incidents/{incident_id}/command", {"action": "take", "rationale": "x"}).status_code
        == 403
    )
    taken = post(
        inspector, f"/api/incidents/{incident_id}/command", {"action": "take", "rationale": "Firearms: force risk"}
    )
    assert taken.status_code == 200 and Incident.objects.get(pk=incident_id).command == "inspector"
    assert (
        DecisionLog.objects.get(incident_id=incident_id, decision="command_taken").rationale == "Firearms: force risk"
    )
    escalated = post(inspector, f"/api/incidents/{incident_id}/escalate", {"level": "critical", "rationale": "Shots"})
    assert escalated.status_code == 200
    back = post(api("duty"), f"/api/incidents/{incident_id}/command", {"action": "return", "rationale": "Borough SMT"})
    assert back.status_code == 200 and Incident.objects.get(pk=incident_id).command == "borough"
    kinds = events(incident_id)
    assert kinds.index("command_taken") < kinds.index("escalated") < kinds.index("command_returned")
    # firearms is an intrusive-supervision category: a review is waiting on the home panel
    review = SupervisionReview.objects.get(incident_id=incident_id)
    home = api("duty").get("/").content.decode()
    assert "Open supervisor reviews" in home
    done = post(api("duty"), f"/api/reviews/{review.pk}/complete", {"note": "Response proportionate"})
    assert done.status_code == 200 and SupervisionReview.objects.get(pk=review.pk).status == "done"
    assert "reviewed" in events(incident_id)


def test_snt_officer_out_of_ward_needs_duty_officer_authorisation():
    created = new_incident(at=KINGS_CROSS)
    snt = Unit.objects.get(call_sign="EK-SNT-K")  # Kilburn's SNT officer
    ranked = api("dispatcher").get(f"/api/incidents/{created['id']}/recommendations").json()["items"]
    flagged = next(r for r in ranked if r["unit_id"] == snt.pk)
    assert any("needs duty officer authorisation" in f for f in flagged["flags"])
    before = IncidentEvent.objects.filter(incident_id=created["id"]).count()
    refused = post(api("dispatcher"), f"/api/incidents/{created['id']}/assignments", {"unit": snt.pk})
    assert refused.status_code == 409 and "duty officer must authorise" in refused.json()["detail"]
    assert IncidentEvent.objects.filter(incident_id=created["id"]).count() == before
    assert (
        post(
            api("dispatcher"), f"/api/incidents/{created['id']}/authorisations", {"unit": snt.pk, "reason": "x"}
        ).status_code
        == 403
    )
    ok = post(
        api("duty"),
        f"/api/incidents/{created['id']}/authorisations",
        {"unit": snt.pk, "reason": "No response cars free"},
    )
    assert ok.status_code == 201 and SntAuthorisation.objects.filter(unit=snt).count() == 1
    sent = post(api("dispatcher"), f"/api/incidents/{created['id']}/assignments", {"unit": snt.pk})
    assert sent.status_code == 201
    assert Assignment.objects.get(unit=snt, cleared_at__isnull=True).authorisation is not None
    assert events(created["id"])[-2:] == ["snt_authorised", "assigned"]


def test_field_officer_changes_own_unit_status_on_the_mobile_page():
    created = new_incident(at=CAMDEN_TOWN)
    grade(created["id"])
    unit = Unit.objects.get(call_sign="RSP-1")
    assert unit.officer.username == "patrol"
    assert post(api("dispatcher"), f"/api/incidents/{created['id']}/assignments", {"unit": unit.pk}).status_code == 201
    patrol = api("patrol")
    page = patrol.get("/control/my-unit/")
    assert page.status_code == 200 and created["reference"].encode() in page.content
    assert patrol.post("/control/my-unit/", {"status": "at_scene"}).status_code == 302
    assert Unit.objects.get(pk=unit.pk).status == "at_scene"
    other = Unit.objects.get(call_sign="EK12")
    assert post(patrol, f"/api/units/{other.pk}/status", {"status": "off_duty"}).status_code == 403
    assert events(created["id"])[-1] == "unit_status"


def test_response_kpis_from_the_timeline_api_page_and_audited_csv():
    start = timezone.now() - timedelta(minutes=1)
    created = new_incident()
    grade(created["id"])
    unit, _ = _sent(created["id"])
    post(api("dispatcher"), f"/api/units/{unit.pk}/status", {"status": "at_scene"})
    unattended = new_incident(at=KINGS_CROSS)
    grade(unattended["id"])
    figures = api("analyst").get("/api/kpis/response", {"start": start.isoformat(), "grade": "I"}).json()
    assert figures["immediate"]["incidents"] == 2
    assert figures["immediate"]["attended"] == 1 and figures["immediate"]["no_arrival"] == 1
    [immediate] = [row for row in figures["by_grade"] if row["grade"] == "I"]
    assert (immediate["incidents"], immediate["attended"], immediate["no_arrival"]) == (2, 1, 1)
    assert immediate["within_target"] == 1, "the unit arrived within seconds, well inside the I target"
    assert api("partner").get("/control/kpis/").status_code == 200
    exports = AuditEntry.objects.filter(kind="export").count()
    csv = api("analyst").get("/control/kpis/export.csv")
    assert csv.status_code == 200 and b"immediate_no_arrival" in csv.content
    assert AuditEntry.objects.filter(kind="export").count() == exports + 1
    assert api("analyst").get("/api/kpis/response", {"start": "yesterday"}).status_code == 400


def test_district_bound_viewers_see_only_their_district():
    herts = Partnership.objects.get(slug="herts-cctv")
    stevenage, east = District.objects.get(code="E07000243"), District.objects.get(code="E07000242")
    for district in (stevenage, east):
        Unit.objects.create(partnership=herts, district=district, call_sign=f"H-{district.code}", kind="cctv")
    stevenage_user = User.objects.get(username="stevenage")
    # The demo has Hertfordshire units of its own: look at the two made here.
    made = Unit.objects.visible_to(stevenage_user).filter(call_sign__startswith="H-E")
    visible = set(made.values_list("call_sign", flat=True))
    assert visible == {"H-E07000243"}
    operator = User.objects.get(username="herts-cctv")
    assert {"H-E07000243", "H-E07000242"} <= set(Unit.objects.visible_to(operator).values_list("call_sign", flat=True))
    assert not Incident.objects.visible_to(stevenage_user).filter(partnership__slug="safer-camden").exists()
    # Camden units are invisible to the Herts operator, whatever the id
    camden_unit = Unit.objects.get(call_sign="EK11")
    herts_units = Unit.objects.filter(partnership=herts).count()  # the demo's and the two made here
    assert api("herts-cctv").get("/api/units").json()["count"] == herts_units
    assert post(api("herts-cctv"), f"/api/units/{camden_unit.pk}/status", {"status": "available"}).status_code in (
        403,
        404,
    )


def test_intake_page_records_a_call_from_the_keyboard_form():
    handler = api("handler")
    page = handler.get("/control/new/")
    assert page.status_code == 200 and b"autofocus" in page.content and b'accesskey="s"' in page.content
    places = handler.get("/control/new/places/", {"q": "High Street"})
    assert places.status_code == 200
    answer = handler.post(
        "/control/new/",
        {
            "channel": "101",
            "category": "asb-nuisance",
            "lat": CAMDEN_TOWN[0],
            "lon": CAMDEN_TOWN[1],
            "description": "Loud music",
            "caller_phone": "07700900321",
        },
    )
    assert answer.status_code == 302
    incident = Incident.objects.order_by("-pk").first()
    assert incident.asb_qualifier == "nuisance" and incident.channel.code == "101"
    bad = handler.post("/control/new/", {"channel": "101", "category": "theft", "lat": OUTSIDE[0], "lon": OUTSIDE[1]})
    assert bad.status_code == 400 and b"outside the wards" in bad.content
    detail = api("duty").get(f"/control/incidents/{incident.pk}/")
    assert detail.status_code == 200 and incident.reference.encode() in detail.content


def test_referral_without_deployment_records_the_agency():
    created = new_incident(category="admin-other", description="Fly-tipping report")
    assert grade(created["id"], "R").status_code == 200
    unit, refused = _sent(created["id"])
    assert refused.status_code == 409 and "no attendance" in refused.json()["detail"]
    answer = post(
        api("handler"),
        f"/api/incidents/{created['id']}/resolve",
        {"outcome": "referral", "agency": "camden-council", "note": "Environmental services"},
    )
    assert answer.status_code == 200, answer.content
    incident = Incident.objects.get(pk=created["id"])
    assert incident.resolution == "referral" and incident.referred_agency.slug == "camden-council"


def test_a_referral_reaches_the_partner_through_the_outbox(settings, mailoutbox):
    """The referral is written to the outbox in the same transaction (a referral hook and an email to
    the agency's users), and `watchkeeper worker` delivers both; a refused referral leaves none."""
    from django.core.management import call_command

    from tests.plugin import hooks
    from watchkeeper.outbox.models import Message

    User.objects.filter(username="analyst").update(email="chloe.evans@camden.example")
    created = new_incident(category="admin-other", description="Fly-tipping report")
    grade(created["id"], "R")
    before = Message.objects.count()
    refused = post(api("handler"), f"/api/incidents/{created['id']}/resolve", {"outcome": "referral"})
    assert refused.status_code == 400 and Message.objects.count() == before
    answer = post(
        api("handler"), f"/api/incidents/{created['id']}/resolve", {"outcome": "referral", "agency": "camden-council"}
    )
    assert answer.status_code == 200, answer.content
    resolved = IncidentEvent.objects.get(incident_id=created["id"], kind="resolved")
    queued = {m.key: m for m in Message.objects.filter(key__startswith=f"referral:{resolved.pk}")}
    assert set(queued) == {f"referral:{resolved.pk}", f"referral:{resolved.pk}:email"}
    assert all(m.status == "pending" for m in queued.values())
    assert queued[f"referral:{resolved.pk}:email"].payload["to"] == ["chloe.evans@camden.example"]
    hooks.REFERRED.clear()
    # A referral hook is declared by an installed app (here the test plug-in, tests/plugin/apps.py).
    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "tests.plugin"]
    call_command("worker", "--once")
    assert hooks.REFERRED == [(created["id"], "camden-council")]
    assert [m.subject for m in mailoutbox] == [f"Referral from the control room: {created['reference']}"]
    assert mailoutbox[0].to == ["chloe.evans@camden.example"]
    assert set(Message.objects.filter(key__in=queued).values_list("status", flat=True)) == {"delivered"}


def test_services_refuse_personas_without_the_action():
    created = new_incident()
    incident = Incident.objects.get(pk=created["id"])
    with pytest.raises(Denied):  # a call handler has no incident.command at all
        services.take_command(Actor(User.objects.get(username="handler")), incident, "because")
    assert not DecisionLog.objects.filter(incident=incident, decision="command_taken").exists()
    assert (
        post(
            api("analyst"),
            "/api/incidents",
            {"partnership": "safer-camden", "channel": "999", "category": "theft", "lat": 51.54, "lon": -0.14},
        ).status_code
        == 403
    )
