"""Planning data is per partnership and district: a duty officer bound to one district plans from
that district's incidents only and sees only that district's rosters (lists, detail pages, API);
one not bound to a district sees the partnership's. Built with factories (no demo borough)."""

from datetime import date

import pytest
from django.test import Client

from tests import factories
from watchkeeper.control.models import Incident
from watchkeeper.core.roles import Role
from watchkeeper.planning.demand.queries import LONDON, history
from watchkeeper.planning.rosters.models import Roster
from watchkeeper.planning.whatif.queries import Change, compare

pytestmark = [pytest.mark.django_db, pytest.mark.factories]
EAST = (-0.135, 51.535, -0.120, 51.545)


@pytest.fixture
def borough():
    p = factories.partnership()
    west_d, east_d = factories.district(p), factories.district(p)
    factories.ward(west_d)
    factories.ward(east_d, bounds=EAST)
    handler = factories.user(Role.CALL_HANDLER, factories.agency(p))
    for _ in range(3):
        factories.incident(handler, p)  # inside the west ward
    for _ in range(2):
        factories.incident(handler, p, lat=51.540, lon=-0.1275)  # inside the east ward
    people = {
        "west": factories.user(Role.DUTY_OFFICER, factories.agency(p, district=west_d)),
        "east": factories.user(Role.DUTY_OFFICER, factories.agency(p, district=east_d)),
        "all": factories.user(Role.INSPECTOR, factories.agency(p)),
    }
    rosters = {
        name: Roster.objects.create(
            partnership=p,
            district=d,
            name=f"{name} roster",
            team="call_handlers",
            week_start=date(2026, 12, 7),
            staff=2,
            requirement=[0] * 168,
            cover=[0] * 168,
            status="optimal",
        )
        for name, d in (("west", west_d), ("east", east_d))
    }
    return p, people, rosters


def client_for(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_demand_counts_only_the_district_a_planner_may_see(borough):
    p, people, _ = borough
    assert len(history(people["west"], p).times) == 3
    assert len(history(people["east"], p).times) == 2
    assert len(history(people["all"], p).times) == 5


def test_rosters_of_another_district_are_invisible_everywhere(borough):
    p, people, rosters = borough
    west = client_for(people["west"])
    listed = west.get("/planning/rosters/").content.decode()
    assert "west roster" in listed and "east roster" not in listed
    assert west.get(f"/planning/rosters/{rosters['east'].pk}/").status_code == 404
    assert west.get(f"/api/planning/rosters/{rosters['east'].pk}").status_code == 404
    names = {r["name"] for r in west.get("/api/planning/rosters").json()["items"]}
    assert names == {"west roster"}
    everyone = {r["name"] for r in client_for(people["all"]).get("/api/planning/rosters").json()["items"]}
    assert everyone == {"west roster", "east roster"}


def test_what_if_with_fewer_handlers_lowers_the_service_level(borough):
    p, people, _ = borough
    inspector = people["all"]
    received = Incident.objects.filter(partnership=p).first().received_at.astimezone(LONDON)
    hour = received.weekday() * 24 + received.hour
    page = client_for(inspector).get(
        "/planning/what-if/", {"partnership": p.slug, "hour_of_week": hour, "demand_percent": 500}
    )
    assert page.status_code == 200 and 'data-testid="achieved"' in page.content.decode()
    more = compare(inspector, p, Change(hour_of_week=hour, demand_factor=50.0))
    assert more["changed"]["calls"] > more["planned"]["calls"] > 0
    assert more["changed"]["agents"] > more["planned"]["agents"]
    fewer = compare(inspector, p, Change(hour_of_week=hour, demand_factor=50.0, agents=1))
    assert fewer["changed"]["service_level"] < more["changed"]["service_level"]
    assert more["achieved"]["incidents"] == 5
