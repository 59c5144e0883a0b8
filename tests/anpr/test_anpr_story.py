"""The repeat-speeder ladder through the API: an analyst imports reads; a duty officer sees the
watch-list, the attendance task at the usual time, and the keeper; every look is audited."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests import factories
from watchkeeper.anpr.ladder.models import AttendanceTask, DeletionRecord, Keeper, Offence, WarningLetter, WatchEntry
from watchkeeper.anpr.letters import NOT_A_NIP, render, text
from watchkeeper.anpr.models import CalibrationCheck, Device, Read, Site
from watchkeeper.core.models import AuditEntry
from watchkeeper.core.roles import Role
from watchkeeper.outbox.models import Message

pytestmark = [pytest.mark.django_db, pytest.mark.factories]
JSON = "application/json"
HEADER = "plate,time,site,direction,speed_mph\n"


def _client(user):
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def world(db):
    partnership = factories.partnership()
    police, council = factories.agency(partnership), factories.agency(partnership)
    site = Site.objects.create(
        partnership=partnership,
        code="S1",
        name="Prince of Wales Road",
        road="Prince of Wales Road",
        lat=51.546,
        lon=-0.150,
        speed_limit_mph=20,
    )
    device = Device.objects.create(site=site, serial="CAM-1")
    CalibrationCheck.objects.create(
        device=device,
        checked_on=timezone.localdate() - timedelta(days=80),
        council_mph=30.2,
        police_mph=30.0,
        passed=True,
        checked_by="test",
    )
    return {
        "partnership": partnership,
        "site": site,
        "device": device,
        "analyst": factories.user(Role.ANALYST, council),
        "duty": factories.user(Role.DUTY_OFFICER, police),
        "partner": factories.user(Role.PARTNER_VIEWER, council),
    }


def _line(plate, days_ago, hour, minute, speed, site="S1"):
    # London wall-clock time: the same 08:05 across the October clock change is a different UTC time,
    # and the usual time of passing is learned in local time.
    at = timezone.localtime().replace(hour=hour, minute=minute, second=0, microsecond=0) - timedelta(days=days_ago)
    return f"{plate},{at.isoformat()},{site},N,{speed}\n"


def _import(world, body, user=None):
    payload = {"partnership": world["partnership"].slug, "text": HEADER + body}
    return _client(user or world["analyst"]).post("/api/anpr/reads/import", payload, JSON)


def test_a_bad_line_refuses_the_whole_file_with_line_numbers(world):
    body = _line("AB12CDE", 3, 8, 0, 30) + _line("NOT A PLATE", 3, 8, 0, 30) + _line("AB12CDE", 3, 8, 0, 400)
    body += _line("AB12CDE", 3, 8, 0, 30, site="NOWHERE")
    refused = _import(world, body)
    assert refused.status_code == 400
    detail = refused.json()["detail"]
    assert "line 3: malformed plate" in detail and "line 4: impossible speed" in detail
    assert "line 5: unknown site" in detail
    assert (
        not Read.objects.filter(site=world["site"]).exists()
        and not Offence.objects.filter(partnership=world["partnership"]).exists()
    )


def test_the_ladder_from_letter_to_attendance_at_the_usual_time(world):
    plate = "AB12CDE"
    # Slow passes most weekdays at 08:0x build the vehicle's habit; three offences over two months.
    passes = "".join(_line(plate, d, 8, d % 10, 18) for d in range(5, 60, 2))
    passes += _line(plate, 50, 8, 5, 31) + _line(plate, 30, 8, 7, 29) + _line(plate, 10, 8, 2, 33)
    passes += _line("XY34ZZZ", 20, 14, 0, 22)  # under the threshold (20 + 2 + 2 = 24): nothing
    done = _import(world, passes)
    assert done.status_code == 201, done.content
    assert done.json() | {"run": 0} == done.json() | {"run": 0, "letters": 1, "watch": 1, "attend": 1}
    assert list(
        Offence.objects.filter(partnership=world["partnership"]).order_by("at").values_list("step", flat=True)
    ) == [1, 2, 3]
    letter = WarningLetter.objects.get(offence__partnership=world["partnership"])
    assert Message.objects.filter(kind="anpr.warning_letter", key=f"anpr-letter:{letter.offence_id}").exists()
    assert NOT_A_NIP in text(letter.offence) and "not a Notice of Intended Prosecution" in NOT_A_NIP
    assert render(letter.offence).startswith(b"%PDF")
    entry = WatchEntry.objects.get(offence__partnership=world["partnership"])
    assert entry.plate == plate and entry.review_on > entry.added_on and entry.expires_on > entry.review_on
    task = AttendanceTask.objects.get(offence__partnership=world["partnership"])
    assert task.window_label() in {"07:15-08:15", "07:30-08:30", "07:45-08:45", "08:00-09:00"}
    assert task.passes_in_window == task.passes_seen and sum(task.histogram) == task.passes_seen

    duty = _client(world["duty"])
    shown = duty.get("/api/anpr/attendance").json()
    assert shown[0]["plate"] == plate and shown[0]["window"] == task.window_label()
    assert "Speeders to attend" in duty.get("/").content.decode()
    assert plate in duty.get("/anpr/").content.decode()

    # A later read of the watch-listed plate is a watch-list hit, audited.
    hits = AuditEntry.objects.filter(kind=AuditEntry.Kind.READ, summary__startswith="Watch-list hit").count()
    assert _import(world, _line(plate, 1, 9, 0, 18)).json()["watch_hits"] == 1
    entries = AuditEntry.objects.filter(kind=AuditEntry.Kind.READ, summary__startswith="Watch-list hit")
    assert entries.count() == hits + 1
    assert entries.order_by("seq").last().object_id == plate


def test_only_police_see_the_keeper_and_every_look_is_audited(world):
    _import(world, _line("AB12CDE", 3, 8, 0, 35))
    Keeper.objects.create(
        partnership=world["partnership"], plate="AB12CDE", name="Kepla Vandermeer", address="9 Nowhere"
    )
    by_duty = _client(world["duty"]).get("/api/anpr/vehicles/ab12 cde")
    assert by_duty.status_code == 200 and by_duty.json()["keeper"]["name"] == "Kepla Vandermeer"
    by_analyst = _client(world["analyst"]).get("/api/anpr/vehicles/AB12CDE")
    assert by_analyst.status_code == 200 and "Kepla" not in by_analyst.content.decode()
    assert _client(world["partner"]).get("/api/anpr/vehicles/AB12CDE").status_code == 403
    reads = AuditEntry.objects.filter(kind=AuditEntry.Kind.READ, object_type="anpr.vehicle", object_id="AB12CDE")
    assert sorted(reads.values_list("actor_id", flat=True)) == sorted([world["duty"].pk, world["analyst"].pk])
    assert (
        "keeper" in reads.get(actor=world["duty"]).fields and "keeper" not in reads.get(actor=world["analyst"]).fields
    )
    _client(world["duty"]).get("/api/anpr/watchlist")
    assert AuditEntry.objects.filter(object_type="anpr.watchentry", actor=world["duty"]).exists()


def test_reads_from_a_failed_or_lapsed_device_are_not_used(world):
    CalibrationCheck.objects.create(
        device=world["device"],
        checked_on=timezone.localdate() - timedelta(days=5),
        council_mph=31.5,
        police_mph=30.0,
        passed=False,
        checked_by="test",
    )
    done = _import(
        world, _line("AB12CDE", 2, 8, 0, 40) + _line("AB12CDE", 10, 8, 0, 40) + _line("CD34EFG", 200, 8, 0, 40)
    )
    # The failed check covers the read 2 days ago; the read 200 days ago predates every check.
    assert done.json()["reads"] == 1 and done.json()["not_calibrated"] == 2
    made = _client(world["duty"]).post(
        f"/api/anpr/devices/{world['device'].pk}/checks",
        {"checked_on": str(timezone.localdate()), "council_mph": 30.5, "police_mph": 30.0},
        JSON,
    )
    assert made.status_code == 201 and made.json()["passed"] is True


def test_history_is_purged_six_months_after_the_last_offence(world):
    CalibrationCheck.objects.create(
        device=world["device"],
        checked_on=timezone.localdate() - timedelta(days=260),
        council_mph=30,
        police_mph=30,
        passed=True,
        checked_by="test",
    )
    _import(world, _line("OL15ABC", 200, 8, 0, 35) + _line("OL15ABC", 199, 8, 0, 18) + _line("QU13TTT", 190, 8, 0, 18))
    _import(world, _line("NE26ABC", 3, 8, 0, 35))
    purged = _client(world["duty"]).post("/api/anpr/purge", {"partnership": world["partnership"].slug}, JSON)
    assert purged.status_code == 200 and purged.json() == {"vehicles": 1, "other_reads": 1}
    assert set(Read.objects.filter(site=world["site"]).values_list("plate", flat=True)) == {"NE26ABC"}
    from django.core.management import call_command

    call_command("anpr_purge")  # the daily run finds nothing more to purge
    record = DeletionRecord.objects.get(partnership=world["partnership"])
    assert (record.reads, record.offences) == (2, 1) and "OL15ABC" not in record.plate_digest


def test_community_roadwatch_joins_the_same_ladder(world):
    _import(world, _line("AB12CDE", 40, 8, 0, 35))
    at = (timezone.now() - timedelta(days=1)).isoformat()
    body = {
        "site": world["site"].pk,
        "held_on": str(timezone.localdate() - timedelta(days=1)),
        "team": "Two volunteers, PC Smith",
        "vehicles": [{"plate": "ab12cde", "seen_at": at, "speed_mph": 30}],
    }
    done = _client(world["duty"]).post("/api/anpr/roadwatch", body, JSON)
    assert done.status_code == 201 and done.json()["watch"] == 1
    bad = {**body, "vehicles": [{"plate": "???", "seen_at": at, "speed_mph": 30}]}
    assert _client(world["duty"]).post("/api/anpr/roadwatch", bad, JSON).status_code == 400


def test_outcome_before_and_after(world):
    _import(world, "".join(_line(f"AA{n:02d}AAA", 60, 8, 0, 30 + n % 5) for n in range(20)))
    _import(world, "".join(_line(f"BB{n:02d}BBB", 5, 8, 0, 20 + n % 5) for n in range(20)))
    since = (timezone.now() - timedelta(days=30)).date().isoformat()
    found = _client(world["partner"]).get("/api/anpr/outcome", {"since": since}).json()
    site = found["sites"][0]  # letters: all 20 before (30-34 mph) and 4 after at exactly 24 mph (the threshold)
    assert site["p85_before"] > site["p85_after"] and found["letters"] == 24 and found["repeat_rate"] == 0.0
