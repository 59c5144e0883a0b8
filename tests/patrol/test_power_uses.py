"""Recording a name-and-address requirement and an alcohol confiscation from the phone page: the
forms are offered only to an officer holding the power today, refused otherwise, checked field by
field, written to the hash-chained log without the person, and audited."""

from datetime import date, time, timedelta

import pytest
from django.utils import timezone

from tests.factories import SQUARE_CENTRE
from tests.patrol.test_patrol_story import JSON, _on_shift_now
from tests.patrol.world import build, grant
from watchkeeper.core.models import AuditEntry
from watchkeeper.patrol.models import LogEntry, PowerUse
from watchkeeper.patrol.powers.rules import power_use_problems
from watchkeeper.patrol.proof.services import verify_log

pytestmark = [pytest.mark.django_db, pytest.mark.factories]
LAT, LON = SQUARE_CENTRE


def test_what_each_record_needs():
    assert power_use_problems("require-name-address", "Urinating", "A B", "1 Road", False, "", "") == {}
    assert power_use_problems("require-name-address", "Urinating", "", "", True, "", "") == {}
    assert set(power_use_problems("require-name-address", " ", "A B", "", False, "", "")) == {"reason", "person_name"}
    assert set(power_use_problems("require-name-address", "x", "A B", "", True, "", "")) == {"refused"}
    assert set(power_use_problems("alcohol-confiscation", "Drinking", "", "", False, "", "kept")) == {
        "alcohol",
        "disposal",
    }
    assert power_use_problems("alcohol-confiscation", "Drinking", "", "", False, "2 cans", "poured") == {}
    assert set(power_use_problems("fpn-litter", "x", "", "", False, "", "")) == {"power"}


def test_the_forms_follow_the_powers_held_and_each_use_is_logged_and_audited(db):
    world = build(shift_start=time(0, 0), shift_end=time(0, 0))  # a 24-hour contract: on shift now
    shift_id = _on_shift_now(world)
    officer = world.client(world.officer_user)
    page = officer.get("/patrol/my-shift/").content.decode()
    assert "Require a name and address" not in page and "Confiscate alcohol" not in page
    use = {"power": "require-name-address", "reason": "Shouting abuse", "lat": LAT, "lon": LON}
    not_held = officer.post("/patrol/my-shift/power/", {**use, "person_name": "A", "person_address": "B"})
    assert not_held.status_code == 400 and not PowerUse.objects.exists()

    today = timezone.localdate()
    grant(world.officer, "require-name-address", today + timedelta(days=30))
    grant(world.officer, "alcohol-confiscation", date(2025, 1, 1))  # lapsed: never offered
    page = officer.get("/patrol/my-shift/").content.decode()
    assert "Require a name and address" in page and "Confiscate alcohol" not in page
    lapsed = {"power": "alcohol-confiscation", "reason": "Drinking", "alcohol": "2 cans", "disposal": "poured"}
    assert officer.post("/patrol/my-shift/power/", {**lapsed, "lat": LAT, "lon": LON}).status_code == 400

    missing = officer.post("/patrol/my-shift/power/", {**use, "person_name": "Only a name"})
    assert missing.status_code == 400 and "refused" in missing.content.decode()
    before = AuditEntry.objects.count()
    done = officer.post(
        "/patrol/my-shift/power/",
        {**use, "person_name": "Dana Quillon", "person_address": "4 Pratt St", "video_running": "on"},
    )
    assert done.status_code == 302
    refusal = officer.post("/api/patrol/power-uses", {**use, "refused": True, "video_running": False}, JSON)
    assert refusal.status_code == 201, refusal.content
    kept = list(PowerUse.objects.filter(shift_id=shift_id).order_by("pk"))
    assert [(u.person_name, u.refused, u.video_running) for u in kept] == [
        ("Dana Quillon", False, True),
        ("", True, False),
    ]
    entries = AuditEntry.objects.filter(seq__gt=before, object_type="patrol.poweruse").order_by("seq")
    assert [e.object_id for e in entries] == [str(u.pk) for u in kept]
    assert "person_name" in entries[0].fields and "Quillon" not in entries[0].summary
    logged = LogEntry.objects.filter(shift_id=shift_id, kind="power")
    assert logged.count() == 2 and all("Quillon" not in str(e.payload) for e in logged)
    assert verify_log(kept[0].shift) is None
    # The council's manager cannot record a power; nor can an officer off the roster.
    assert (
        world.client(world.manager)
        .post("/api/patrol/power-uses", {**use, "refused": True, "video_running": False}, JSON)
        .status_code
        == 403
    )


def test_before_the_shift_the_phone_page_says_when_it_starts_and_offers_no_form(db):
    world = build()
    grant(world.officer, "require-name-address", timezone.localdate() + timedelta(days=30))
    manager = world.client(world.manager)
    tomorrow = timezone.localdate() + timedelta(days=1)
    shift_id = manager.post(
        "/api/patrol/shifts", {"contract": world.contract.pk, "service_date": str(tomorrow)}, JSON
    ).json()["id"]
    manager.post(f"/api/patrol/shifts/{shift_id}/roster", {"officer": world.officer.pk, "team": "foot"}, JSON)
    page = world.client(world.officer_user).get("/patrol/my-shift/").content.decode()
    assert "Your next shift starts" in page and "16:00" in page
    assert "Log the incident" not in page and "Record the requirement" not in page and "patrol.js" not in page
    assert "Upload the track" in page  # a track is uploaded after the shift


def test_power_counts_per_power_and_officer():
    from watchkeeper.patrol.reports.rules import PowerCount, power_counts

    uses = [("Alcohol", "12 Ann"), ("Name", "12 Ann"), ("Name", "12 Ann"), ("Name", "7 Bo")]
    notices = [("Litter", "7 Bo"), ("Name", "7 Bo")]
    assert power_counts(uses, notices) == [
        PowerCount("Alcohol", "", 1, 0),
        PowerCount("Alcohol", "12 Ann", 1, 0),
        PowerCount("Litter", "", 0, 1),
        PowerCount("Litter", "7 Bo", 0, 1),
        PowerCount("Name", "", 3, 1),
        PowerCount("Name", "12 Ann", 2, 0),
        PowerCount("Name", "7 Bo", 1, 1),
    ]
    assert power_counts([], []) == []


def test_the_contract_report_counts_power_uses_beside_notices_never_as_a_target(db):
    # Officer Ann (the world's officer) requires two names and addresses, confiscates alcohol once
    # and issues one litter notice; the council's manager sees the counts per power and per
    # officer on the page, in the CSV and the PDF, with the wording that they are not a target.
    world = build(shift_start=time(0, 0), shift_end=time(0, 0))
    _on_shift_now(world)
    today = timezone.localdate()
    for power in ("require-name-address", "alcohol-confiscation", "fpn-litter"):
        grant(world.officer, power, today + timedelta(days=30))
    officer, manager = world.client(world.officer_user), world.client(world.manager)
    use = {"power": "require-name-address", "reason": "Shouting", "lat": LAT, "lon": LON, "video_running": True}
    for _ in range(2):
        assert officer.post("/api/patrol/power-uses", {**use, "refused": True}, JSON).status_code == 201
    alcohol = {**use, "power": "alcohol-confiscation", "alcohol": "2 cans", "disposal": "poured"}
    assert officer.post("/api/patrol/power-uses", alcohol, JSON).status_code == 201
    notice = {"recipient_name": "A Person", "recipient_address": "1 High St", "lat": LAT, "lon": LON}
    assert (
        officer.post("/api/patrol/notices", {**notice, "power": "fpn-litter", "video_running": True}, JSON).status_code
        == 201
    )
    who = f"{world.officer.collar_number} {world.officer.name}"
    month = today.strftime("%Y-%m")
    page = manager.get("/patrol/report/", {"month": month}).content.decode()
    assert "Powers used and notices issued" in page and "never a target" in page and who in page
    csv = manager.get("/patrol/report/", {"month": month, "format": "csv"}).content.decode().splitlines()
    officer_rows = sorted(line.rsplit(",", 2)[1:] for line in csv if line.startswith("power_officer,"))
    assert officer_rows == [["0", "1"], ["1", "0"], ["2", "0"]]  # notice; alcohol; names and addresses
    assert all(f",{who}," in line for line in csv if line.startswith("power_officer,"))
    assert sum(line.startswith("power_total,") for line in csv) == 3
    assert "A Person" not in "\n".join(csv)  # counts only: nobody named in a use or notice
    pdf = manager.get("/patrol/report/", {"month": month, "format": "pdf"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert officer.get("/patrol/report/").status_code == 403
    api = manager.get("/api/patrol/report/powers", {"month": month}).json()
    rows = {(r["power"], r["officer"]): (r["uses"], r["notices"]) for r in api if r["officer"]}
    assert sorted(rows.values()) == [(0, 1), (1, 0), (2, 0)] and all(o == who for _p, o in rows)
    assert officer.get("/api/patrol/report/powers").status_code == 403
