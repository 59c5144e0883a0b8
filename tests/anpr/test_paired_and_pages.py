"""Paired cameras whose lines carry both the second camera's spot speed and the section average
(the site says which the ladder enforces), and the pages for DVLA keepers and sections. Personas:
Asha the council analyst imports reads; Dev, a police duty officer, manages sections and keepers;
Pat, a partner viewer, may do neither."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests import factories
from tests.anpr.test_anpr_story import JSON, _client
from tests.anpr.test_anpr_story import world as world  # noqa: F401  (the fixture)
from tests.anpr.test_sections_keepers_profiles import _at, paired_camera
from watchkeeper.anpr.ladder.models import Keeper, Offence
from watchkeeper.anpr.letters import text as letter_text
from watchkeeper.anpr.models import ImportRun, Read, Section, Site
from watchkeeper.anpr.reads.rules import parse_values
from watchkeeper.core.models import AuditEntry

pytestmark = [pytest.mark.django_db, pytest.mark.factories]
PAIRED = "plate,time,site,direction,speed_mph,average_mph\n"


def _exit_site(world, code="S2", enforces=Site.Enforces.AVERAGE):
    site = Site.objects.create(
        partnership=world["partnership"],
        code=code,
        name=f"Exit {code}",
        road="Prince of Wales Road",
        lat=51.547,
        lon=-0.140,
        speed_limit_mph=20,
        enforces=enforces,
    )
    paired_camera(site, f"CAM-{code}")
    return site


def _import_paired(world, body):
    payload = {"partnership": world["partnership"].slug, "text": PAIRED + body, "profile": "watchkeeper-paired"}
    return _client(world["analyst"]).post("/api/anpr/reads/import", payload, JSON)


def test_a_line_can_carry_an_average_which_is_checked_like_a_speed():
    row, problem = parse_values("AB12CDE", "2026-01-01T08:00:00Z", "S2", "E", "18", 150, "31.5")
    assert problem is None and (row.speed_mph, row.average_mph) == (18.0, 31.5)
    assert parse_values("AB12CDE", "2026-01-01T08:00:00Z", "S2", "E", "18", 150, "")[0].average_mph is None
    assert parse_values("AB12CDE", "2026-01-01T08:00:00Z", "S2", "E", "18", 150, "900")[1] == (
        "impossible average speed 900 mph"
    )
    assert "is not a number" in parse_values("AB12CDE", "2026-01-01T08:00:00Z", "S2", "E", "18", 150, "fast")[1]


def test_the_ladder_enforces_the_speed_each_site_is_set_to(world):
    # S2 (a paired camera's exit) enforces the section average; S1 enforces its own spot speed.
    # Limit 20 mph everywhere, threshold 24. At S2, Asha's file has a car at 18 mph spot but 31 mph
    # average (an offence) and one at 40 spot but 22 average (none); at S1 a car at 30 spot with a
    # 10 mph average on its line is an offence by its spot speed.
    _exit_site(world)
    body = f"AB12CDE,{_at(9)},S2,E,18,31\nCD34EFG,{_at(8)},S2,E,40,22\nXY34ZZZ,{_at(7)},S1,E,30,10\n"
    done = _import_paired(world, body)
    assert done.status_code == 201, done.content
    assert done.json()["letters"] == 2 and done.json()["average_speeds"] == 0
    offences = {o.plate: o for o in Offence.objects.filter(partnership=world["partnership"])}
    assert set(offences) == {"AB12CDE", "XY34ZZZ"}
    assert (offences["AB12CDE"].speed_mph, offences["XY34ZZZ"].speed_mph) == (31.0, 30.0)
    stored = Read.objects.get(plate="AB12CDE")
    assert (stored.speed_mph, stored.average_mph) == (18.0, 31.0)  # both kept on the read
    assert "an average speed of 31 mph" in letter_text(offences["AB12CDE"])


def test_a_supplier_average_is_not_timed_again_by_a_section(world):
    # With a section S1 -> S2 configured too, an exit line that already carries the supplier's
    # average is not paired again (one offence per pass, not two).
    exit_site = _exit_site(world)
    Section.objects.create(
        partnership=world["partnership"], code="POW", entry=world["site"], exit=exit_site, distance_m=1000
    )
    done = _import_paired(world, f"AB12CDE,{_at(10)},S1,E,18,\nAB12CDE,{_at(9)},S2,E,18,33\n")
    assert done.status_code == 201, done.content
    assert done.json()["average_speeds"] == 0 and done.json()["letters"] == 1
    assert Offence.objects.get(partnership=world["partnership"]).speed_mph == 33.0


def test_an_impossible_average_refuses_the_file_by_line(world):
    _exit_site(world)
    body = f"AB12CDE,{_at(9)},S2,E,18,31\nCD34EFG,{_at(8)},S2,E,18,400\nEF56GHJ,{_at(7)},S2,E,18,nan\n"
    refused = _import_paired(world, body)
    detail = refused.json()["detail"]
    assert refused.status_code == 400
    assert "line 3: impossible average speed 400 mph" in detail and "line 4: impossible average speed nan" in detail
    assert not Read.objects.filter(site__partnership=world["partnership"]).exists()
    assert not ImportRun.objects.filter(partnership=world["partnership"]).exists()


def test_dev_imports_dvla_keepers_from_the_page_all_or_nothing(world):
    dev, asha = _client(world["duty"]), _client(world["analyst"])
    slug = world["partnership"].slug

    def upload(client, text, name="dvla.csv"):
        data = text if isinstance(text, bytes) else text.encode()
        return client.post("/anpr/keepers/", {"partnership": slug, "file": SimpleUploadedFile(name, data)})

    good = "plate,name,address\nAB12CDE,Kepla Vandermeer,9 Nowhere Road\nXY34ZZZ,A Person,1 Street\n"
    assert asha.get("/anpr/keepers/").status_code == 403  # an analyst: not a police role
    assert upload(asha, good).status_code == 403 and not Keeper.objects.exists()
    assert "Import keepers" in dev.get("/anpr/keepers/").content.decode()
    assert "Import DVLA keepers" in dev.get("/anpr/").content.decode()

    bad = upload(dev, good + "NOTAPLATE!,X,Y\nAB12CDE,Again,Twice\n")
    page = bad.content.decode()
    assert bad.status_code == 400 and "line 4: malformed plate" in page and "line 5: AB12CDE again" in page
    assert not Keeper.objects.exists()
    not_text = upload(dev, "plate,name,address\nAB12CDE,Jos\xe9,1 Rue\n".encode("latin-1"))
    assert not_text.status_code == 400 and "not UTF-8" in not_text.content.decode()

    before = AuditEntry.objects.count()
    done = upload(dev, good)
    assert done.status_code == 200 and "Imported 2 keepers: 2 new, 0 changed" in done.content.decode()
    assert Keeper.objects.get(plate="AB12CDE").name == "Kepla Vandermeer"
    entry = AuditEntry.objects.get(seq__gt=before, object_type="anpr.keeper")
    assert entry.actor_id == world["duty"].pk and "AB12CDE" in entry.summary
    assert "Vandermeer" not in entry.summary and "Nowhere" not in str(entry.changes)


def test_dev_pairs_two_sites_as_a_section_from_the_page(world):
    dev, asha = _client(world["duty"]), _client(world["analyst"])
    exit_site = _exit_site(world, enforces=Site.Enforces.SPOT)
    other = Site.objects.create(
        partnership=factories.partnership(),
        code="F",
        name="Elsewhere",
        road="R",
        lat=51.5,
        lon=-0.1,
        speed_limit_mph=30,
    )
    form = {"code": "POW", "entry": world["site"].pk, "exit": exit_site.pk, "distance_m": 1000, "max_minutes": 30}
    assert asha.get("/anpr/sections/").status_code == 403
    assert asha.post("/anpr/sections/", {**form, "exit_enforces": "average"}).status_code == 403
    page = dev.get("/anpr/sections/").content.decode()
    assert "Add a section" in page and "Elsewhere" not in page  # another partnership's site is not offered

    same = dev.post("/anpr/sections/", {**form, "exit": world["site"].pk, "exit_enforces": "average"})
    assert same.status_code == 400 and "another site than the entry" in same.content.decode()
    foreign = dev.post("/anpr/sections/", {**form, "exit": other.pk, "exit_enforces": "average"})
    assert foreign.status_code == 400
    short = dev.post("/anpr/sections/", {**form, "distance_m": 10, "exit_enforces": "average"})
    assert short.status_code == 400 and "Between 50 m and 50 km" in short.content.decode()
    assert not Section.objects.exists()
    assert Site.objects.get(pk=exit_site.pk).enforces == Site.Enforces.SPOT  # nothing half-written

    before = AuditEntry.objects.count()
    assert dev.post("/anpr/sections/", {**form, "exit_enforces": "average"}).status_code == 302
    section = Section.objects.get(code="POW")
    assert (section.partnership, section.entry, section.exit, section.distance_m) == (
        world["partnership"],
        world["site"],
        exit_site,
        1000,
    )
    assert Site.objects.get(pk=exit_site.pk).enforces == Site.Enforces.AVERAGE
    edited = dev.post(f"/anpr/sections/{section.pk}/", {**form, "distance_m": 1200, "exit_enforces": "average"})
    assert edited.status_code == 302 and Section.objects.get(pk=section.pk).distance_m == 1200
    duplicate = dev.post("/anpr/sections/", {**form, "exit_enforces": "average"})
    assert duplicate.status_code == 400 and Section.objects.count() == 1
    entries = list(AuditEntry.objects.filter(seq__gt=before).exclude(kind=AuditEntry.Kind.DENIED).order_by("seq"))
    assert [(e.kind, e.object_type) for e in entries] == [
        ("create", "anpr.section"),
        ("update", "anpr.site"),
        ("update", "anpr.section"),
    ]
    assert entries[1].changes == {"enforces": ["spot", "average"]}
    assert entries[2].changes == {"distance_m": [1000, 1200]}
    assert dev.get(f"/anpr/sections/{section.pk + 99}/").status_code == 404
