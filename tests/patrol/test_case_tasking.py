"""Open ASB cases as a tasking source: the council's planner gets a task at the street and ward of
each case the cases' own visibility rule lets them count; the officer's task, the shift's rows and
the patrol log name no case, and a case the planner may not see is not used at all."""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from tests import factories
from tests.patrol.test_patrol_story import JSON
from tests.patrol.world import build
from watchkeeper.cases.models import Case, Complaint
from watchkeeper.core.models import Restriction
from watchkeeper.core.roles import Role
from watchkeeper.patrol.models import LogEntry, ShiftTask
from watchkeeper.patrol.tasking.rules import Hotspot, alternate, cells

pytestmark = [pytest.mark.django_db, pytest.mark.factories]


def test_points_are_grouped_by_cell_and_sources_alternate():
    assert cells([(1, 10, 10), (2, 140, 20), (3, 160, 20)], 150) == {(0, 0): [1, 2], (1, 0): [3]}

    def spot(key):
        return Hotspot(key, 0, 0, 0, 0, "x", 1)

    order = alternate([spot("d1"), spot("d2"), spot("d3")], [spot("c1")])
    assert [h.key for h in order] == ["d1", "c1", "d2", "d3"]


def _case(world, reference, lat, lon, **fields):
    case = Case.objects.create(
        partnership=world.partnership,
        kind="asb",
        reference=reference,
        title=f"{reference} noise and intimidation at Flat 3",
        opened_at=timezone.now() - timedelta(days=20),
        **fields,
    )
    place = factories.place(world.partnership, world.ward, lat=lat, lon=lon, name=f"Flat 3, {reference} House")
    Complaint.objects.create(
        case=case,
        source="resident",
        agency=world.manager.agency,
        place=place,
        behaviour_on=timezone.localdate() - timedelta(days=21),
        received_on=timezone.localdate() - timedelta(days=20),
        description="Shouting on the stairs",
    )
    return case


def test_open_asb_cases_task_the_patrol_by_street_and_ward_only(db):
    world = build(shift_start=time(16, 0), shift_end=time(3, 0))
    asb_team = factories.agency(world.partnership)
    stranger = factories.user(Role.ASB_OFFICER, asb_team)
    lat, lon = factories.SQUARE_CENTRE
    seen = _case(world, "ASB-SEEN", lat, lon)  # partnership-wide: the planner counts it
    restricted = _case(
        world, "ASB-AGENCY", lat + 0.003, lon + 0.004, restriction=Restriction.AGENCIES, owner_agency=asb_team
    )
    hidden = _case(world, "ASB-PEOPLE", lat - 0.003, lon - 0.004, restriction=Restriction.PEOPLE)
    hidden.shared_users.add(stranger)
    closed = _case(world, "ASB-CLOSED", lat + 0.003, lon - 0.004)
    closed.closed_at = timezone.now() - timedelta(days=1)
    closed.save()

    manager, officer = world.client(world.manager), world.client(world.officer_user)
    night = timezone.localdate()
    shift_id = manager.post(
        "/api/patrol/shifts", {"contract": world.contract.pk, "service_date": str(night)}, JSON
    ).json()["id"]
    manager.post(f"/api/patrol/shifts/{shift_id}/roster", {"officer": world.officer.pk, "team": "foot"}, JSON)
    planned = manager.post(f"/api/patrol/shifts/{shift_id}/plan", {"hotspots": 6}, JSON)
    assert planned.status_code == 201, planned.content
    tasks = ShiftTask.objects.filter(shift_id=shift_id)
    # Only the case visible to the planner by its own rule: not the agency's, the named people's or the closed one.
    assert {tuple(t.cases) for t in tasks} == {(seen.pk,)}
    assert all(t.source == "case" and t.street and t.ward_id == world.ward.pk for t in tasks)
    # The task is at its 150 m cell's centre, not at the complainant's address.
    place = seen.complaints.get().place
    assert all((t.lat, t.lon) != (place.lat, place.lon) for t in tasks)
    assert abs(tasks[0].lat - place.lat) < 0.0015

    # What the officer and the council read name no case, no title, no address.
    for client, url in (
        (officer, f"/api/patrol/shifts/{shift_id}/tasks"),
        (officer, "/patrol/my-shift/"),
        (manager, f"/patrol/shifts/{shift_id}/"),
        (officer, f"/api/patrol/shifts/{shift_id}/log"),
    ):
        body = client.get(url).content.decode()
        assert "ASB-" not in body and "Flat 3" not in body and '"cases"' not in body
    log = LogEntry.objects.get(shift_id=shift_id, kind="planned")
    assert "ASB" not in str(log.payload) and all(key.startswith("case:") for key in log.payload["hotspots"])
    assert restricted.pk not in {pk for t in tasks for pk in t.cases}


def test_the_manager_opens_rosters_and_plans_a_night_from_the_pages(db):
    world = build()
    lat, lon = factories.SQUARE_CENTRE
    _case(world, "ASB-PAGE", lat, lon)
    manager, officer = world.client(world.manager), world.client(world.officer_user)
    night = timezone.localdate() + timedelta(days=1)
    assert "Open the shift" in manager.get("/patrol/").content.decode()
    assert "Open the shift" not in officer.get("/patrol/").content.decode()
    assert (
        officer.post("/patrol/shifts/open/", {"contract": world.contract.pk, "service_date": str(night)}).status_code
        == 403
    )
    opened = manager.post("/patrol/shifts/open/", {"contract": world.contract.pk, "service_date": str(night)})
    assert opened.status_code == 302
    shift = world.contract.shifts.get(service_date=night)
    assert opened["Location"] == f"/patrol/shifts/{shift.pk}/"
    again = manager.post("/patrol/shifts/open/", {"contract": world.contract.pk, "service_date": str(night)})
    assert again.status_code == 409 and world.contract.shifts.count() == 1
    assert (
        manager.post(f"/patrol/shifts/{shift.pk}/roster/", {"officer": world.officer.pk, "team": "boat"}).status_code
        == 400
    )
    assert (
        manager.post(f"/patrol/shifts/{shift.pk}/roster/", {"officer": world.officer.pk, "team": "foot"}).status_code
        == 302
    )
    assert manager.post(f"/patrol/shifts/{shift.pk}/plan/", {"hotspots": "99"}).status_code == 400
    assert manager.post(f"/patrol/shifts/{shift.pk}/plan/", {"hotspots": "6"}).status_code == 302
    page = manager.get(f"/patrol/shifts/{shift.pk}/").content.decode()
    assert "Jordan Ellis" in page and "Plan the shift" not in page and "ASB-PAGE" not in page
    assert ShiftTask.objects.filter(shift=shift, source="case").exists()
