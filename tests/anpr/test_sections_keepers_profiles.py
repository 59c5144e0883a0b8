"""Paired cameras (average speed over a section) joining the ladder, the DVLA keeper import (police
only, all or nothing, audited) and mapping profiles an administrator edits (validated)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from tests import factories
from tests.anpr.test_anpr_story import HEADER, JSON, _client, _import
from tests.anpr.test_anpr_story import world as world  # noqa: F401  (the fixture)
from watchkeeper.anpr.ladder.models import Keeper, Offence
from watchkeeper.anpr.models import CalibrationCheck, Device, MappingProfile, Read, Section, Site
from watchkeeper.anpr.reads import services
from watchkeeper.anpr.reads.rules import average_mph, pair_reads
from watchkeeper.core.models import AuditEntry
from watchkeeper.core.roles import Role

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


def test_average_speed_is_distance_over_time():
    # 1609.344 m in 60 s is exactly 60 mph; 800 m in 48 s: 0.4971 miles in 1/75 h = 37.28 mph.
    assert average_mph(1609.344, 60) == pytest.approx(60.0)
    assert average_mph(800, 48) == pytest.approx(800 / 1609.344 * 75)
    t0 = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)
    entries = {"AB12CDE": [(t0, 1), (t0 + timedelta(minutes=20), 2)], "XY34ZZZ": [(t0, 3)]}
    exits = [
        (10, "AB12CDE", t0 + timedelta(minutes=21)),  # timed from the later entry (60 s)
        (11, "XY34ZZZ", t0 + timedelta(minutes=45)),  # 45 min after its entry: not one trip
        (12, "CD56EFG", t0 + timedelta(minutes=1)),  # never entered
        (13, "AB12CDE", t0),  # at the same moment as an entry: no time taken, nothing
    ]
    assert pair_reads(entries, exits, 1609.344, 30 * 60) == [(10, 2, 60.0)]


@pytest.fixture
def section(world):
    exit_site = Site.objects.create(
        partnership=world["partnership"],
        code="S2",
        name="Prince of Wales Road (east)",
        road="Prince of Wales Road",
        lat=51.547,
        lon=-0.140,
        speed_limit_mph=20,
    )
    for site in (world["site"], exit_site):
        Site.objects.filter(pk=site.pk).update(enforces=Site.Enforces.AVERAGE)
        if site is world["site"]:
            Device.objects.filter(site=site).update(kind=Device.Kind.PAIRED)
            continue
        paired_camera(site, "CAM-2")
    return Section.objects.create(
        partnership=world["partnership"], code="POW", entry=world["site"], exit=exit_site, distance_m=1000
    )


def paired_camera(site, serial):
    """A paired camera at `site`, checked against police equipment a month ago (passed)."""
    device = Device.objects.create(site=site, serial=serial, kind=Device.Kind.PAIRED)
    CalibrationCheck.objects.create(
        device=device,
        checked_on=timezone.localdate() - timedelta(days=30),
        council_mph=30.1,
        police_mph=30.0,
        passed=True,
        checked_by="test",
    )
    return device


def _at(minutes_ago):
    return (timezone.now() - timedelta(days=2, minutes=minutes_ago)).replace(microsecond=0).isoformat()


def test_paired_cameras_give_an_average_speed_read_that_joins_the_ladder(world, section):
    # Both cameras read the car at 18 mph (their spot speed is not enforced); 1000 m in 60 s is
    # 37.3 mph average, over 24 mph (20 + 10% + 2): an offence at the exit, step 1, a letter.
    body = f"AB12CDE,{_at(10)},S1,E,18\nAB12CDE,{_at(9)},S2,E,18\n"
    body += f"XY34ZZZ,{_at(10)},S1,E,18\nXY34ZZZ,{_at(6)},S2,E,18\n"  # 1000 m in 4 min: 9.3 mph
    done = _import(world, body)
    assert done.status_code == 201, done.content
    assert done.json()["average_speeds"] == 2 and done.json()["letters"] == 1
    average = Read.objects.get(source=Read.Source.AVERAGE, plate="AB12CDE")
    entry = Read.objects.get(site=world["site"], plate="AB12CDE")
    assert average.site == section.exit and average.entry_read == entry
    assert average.speed_mph == pytest.approx(round(1000 / 1609.344 * 60, 1))
    offence = Offence.objects.get(partnership=world["partnership"])
    assert offence.read == average and offence.step == 1
    entry_line = AuditEntry.objects.filter(object_type="anpr.importrun").order_by("seq").last()
    assert "2 average speeds" in entry_line.summary


def test_a_section_is_validated():
    partnership, other = factories.partnership(), factories.partnership()

    def site(p, code):
        return Site.objects.create(
            partnership=p, code=code, name=code, road=code, lat=51.5, lon=-0.1, speed_limit_mph=30
        )

    a, b, foreign = site(partnership, "A"), site(partnership, "B"), site(other, "F")
    with pytest.raises(ValidationError) as same:
        Section(partnership=partnership, code="x", entry=a, exit=a, distance_m=10).full_clean()
    assert {"exit", "distance_m"} <= set(same.value.message_dict)
    with pytest.raises(ValidationError) as across:
        Section(partnership=partnership, code="x", entry=a, exit=foreign, distance_m=900).full_clean()
    assert "exit" in across.value.message_dict
    Section(partnership=partnership, code="x", entry=a, exit=b, distance_m=900).full_clean()


def test_dvla_keepers_are_imported_by_police_only_all_or_nothing_and_audited(world):
    url, slug = "/api/anpr/keepers/import", world["partnership"].slug
    text = (
        'VRM,Keeper name,Keeper address\nab12 cde,Kepla Vandermeer,"9 Nowhere Road, NW1"\nXY34ZZZ,A Person,1 Street\n'
    )
    assert _client(world["analyst"]).post(url, {"partnership": slug, "text": text}, JSON).status_code == 403
    bad = text + "NOTAPLATE!,X,Y\nAB12CDE,Again,Twice\nCD56EFG,,No name\n"
    refused = _client(world["duty"]).post(url, {"partnership": slug, "text": bad}, JSON)
    detail = refused.json()["detail"]
    assert refused.status_code == 400 and "line 4: malformed plate" in detail
    assert "line 5: AB12CDE again (first on line 2)" in detail and "line 6: CD56EFG has no keeper name" in detail
    assert not Keeper.objects.filter(partnership=world["partnership"]).exists()

    before = AuditEntry.objects.count()
    done = _client(world["duty"]).post(url, {"partnership": slug, "text": text, "file_name": "dvla.csv"}, JSON)
    assert done.status_code == 201 and done.json() == {"keepers": 2, "new": 2, "changed": 0}
    assert Keeper.objects.get(plate="AB12CDE").address == "9 Nowhere Road, NW1"
    moved = "plate,name,address\nAB12CDE,Kepla Vandermeer,10 Elsewhere\nXY34ZZZ,A Person,1 Street\n"
    again = _client(world["duty"]).post(url, {"partnership": slug, "text": moved}, JSON)
    assert again.json() == {"keepers": 2, "new": 0, "changed": 1}
    entries = AuditEntry.objects.filter(seq__gt=before, object_type="anpr.keeper").order_by("seq")
    assert [e.actor_id for e in entries] == [world["duty"].pk] * 2
    assert "AB12CDE" in entries[0].summary and "Vandermeer" not in entries[0].summary
    # Only police see the keeper in a vehicle's history.
    _import(world, f"AB12CDE,{_at(5)},S1,N,18\n")
    assert _client(world["duty"]).get("/api/anpr/vehicles/AB12CDE").json()["keeper"]["address"] == "10 Elsewhere"
    assert "Elsewhere" not in _client(world["analyst"]).get("/api/anpr/vehicles/AB12CDE").content.decode()


def test_a_mapping_profile_made_in_the_admin_is_validated_and_used(world):
    with pytest.raises(ValidationError) as refused:
        MappingProfile(
            name="bad", plate_column="Reg", time_column="Reg", site_column="", speed_column="V,1"
        ).full_clean()
    assert {"time_column", "site_column", "speed_column"} <= set(refused.value.message_dict)

    admin_user = factories.user(Role.ADMINISTRATOR, factories.agency(world["partnership"]))
    client = Client()
    client.force_login(admin_user)
    made = client.post(
        "/admin/anpr/mappingprofile/add/",
        {
            "name": "specs-export",
            "plate_column": "Registration",
            "time_column": "When",
            "site_column": "Location",
            "direction_column": "",
            "speed_column": "MPH",
        },
    )
    assert made.status_code == 302, made.content.decode()[:2000]
    profile = MappingProfile.objects.get(name="specs-export")
    assert AuditEntry.objects.filter(object_type="anpr.mappingprofile", object_id=str(profile.pk)).exists()
    text = f"Registration,When,Location,MPH\nAB12CDE,{_at(5)},S1,31\n"
    done = _client(world["analyst"]).post(
        "/api/anpr/reads/import",
        {"partnership": world["partnership"].slug, "profile": "specs-export", "text": text},
        JSON,
    )
    assert done.status_code == 201 and done.json()["letters"] == 1
    unknown = _client(world["analyst"]).post(
        "/api/anpr/reads/import", {"partnership": world["partnership"].slug, "profile": "nope", "text": HEADER}, JSON
    )
    assert unknown.status_code == 400 and "specs-export" in unknown.json()["detail"]


def test_the_fast_path_and_the_checked_path_agree():
    """A line the fast path takes and the same line padded with spaces (which only the field-by-field
    checks accept) give the same row."""
    site = Site(code="S1")
    at = "2026-05-01T08:00:00+01:00"
    profile = {"plate": "plate", "time": "time", "site": "site", "direction": "direction", "speed": "speed_mph"}
    fast = services.parse(f"{HEADER}ab12cde,{at},S1,n,31.5\n", profile, {"S1": site}, 150)
    checked = services.parse(f"{HEADER} AB12 CDE , {at} , S1 ,N , 31.5 \n", profile, {"S1": site}, 150)
    assert fast == checked and fast[0].seen_at == datetime(2026, 5, 1, 7, 0, tzinfo=UTC)
