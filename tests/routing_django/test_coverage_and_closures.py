"""Coverage, routes and road closures in the control room: the API's numbers are the engine's,
a closure changes a recommendation's travel time at once (and reopening restores it), and only
roles that may see units get the coverage map."""

import pytest
import shapely
from django.utils import timezone

from watchkeeper.control.coverage import services as control_coverage
from watchkeeper.core import roads
from watchkeeper.core.audit import Actor
from watchkeeper.core.models import AuditEntry, RoadClosure, User
from watchkeeper.routing import coverage, rank_units, route

pytestmark = pytest.mark.django_db

# Camden: a unit at Camden Town, an incident in Kentish Town, a second unit near Euston.
CAMDEN_TOWN = (51.5392, -0.1426)
KENTISH_TOWN = (51.5503, -0.1406)
EUSTON = (51.5282, -0.1337)


def dispatcher_actor():
    return Actor(User.objects.get(username="dispatcher"), "test")


def test_coverage_api_numbers_equal_the_engine(as_user):
    at = ";".join(f"{lat},{lon}" for lat, lon in (CAMDEN_TOWN, EUSTON))
    answer = as_user("dispatcher").get("/api/coverage", {"minutes": 3, "at": at})
    assert answer.status_code == 200, answer.content
    body = answer.json()
    expected = coverage(roads.network(), [CAMDEN_TOWN, EUSTON], 3)
    assert body["covered_share"] == pytest.approx(expected.covered_share, abs=1e-6)
    assert 0 < body["covered_share"] < 1 and body["units"] == 2 and body["units_on_network"] == 2
    layers = {f["properties"]["coverage"]: f for f in body["geojson"]["features"]}
    drawn = expected.geojson(roads.network())["features"]
    assert {f["properties"]["coverage"]: f["properties"]["segments"] for f in drawn} == {
        name: f["properties"]["segments"] for name, f in layers.items()
    }
    assert "OpenStreetMap" in body["attribution"]


def test_coverage_defaults_to_the_immediate_target_and_the_available_units(as_user):
    body = as_user("dispatcher").get("/api/coverage").json()
    assert body["minutes"] == control_coverage.immediate_minutes()
    assert body["units"] == len(control_coverage.available_units(User.objects.get(username="dispatcher")))


@pytest.mark.parametrize("query", [{"minutes": 0}, {"minutes": 10_000}, {"at": "51.5,abc"}, {"at": "95,0"}])
def test_bad_coverage_questions_get_a_4xx_with_a_reason(as_user, query):
    answer = as_user("dispatcher").get("/api/coverage", query)
    assert answer.status_code in (400, 422) and answer.json()["detail"]


def test_a_closure_changes_a_recommendation_and_reopening_restores_it():
    network = roads.network()
    units = [("CT-1", *CAMDEN_TOWN)]
    before = roads.rank_units(KENTISH_TOWN, units)[0]
    assert before.method == "road"
    assert before.seconds == pytest.approx(rank_units(network, KENTISH_TOWN, units)[0].seconds)
    # Close every road within 150 m of the route's middle.
    path = route(network, CAMDEN_TOWN, KENTISH_TOWN)
    lat, lon = path.coordinates[len(path.coordinates) // 2]
    area = shapely.geometry.mapping(shapely.box(lon - 0.002, lat - 0.0013, lon + 0.002, lat + 0.0013))
    closure = roads.add_closure(dispatcher_actor(), "Burst water main", area=area, speed_factor=0)
    assert RoadClosure.objects.in_force().filter(pk=closure.pk).exists()
    entry = AuditEntry.objects.get(object_type="core.roadclosure", object_id=str(closure.pk))
    assert entry.kind == AuditEntry.Kind.CREATE and "Burst water main" in entry.summary
    during = roads.rank_units(KENTISH_TOWN, units)[0]
    assert during.seconds > before.seconds + 1
    closed_route = control_coverage.route_feature(CAMDEN_TOWN, KENTISH_TOWN)["properties"]
    assert closed_route["seconds"] == pytest.approx(during.seconds, abs=0.1)
    roads.end_closure(dispatcher_actor(), closure)
    assert roads.rank_units(KENTISH_TOWN, units)[0].seconds == pytest.approx(before.seconds)
    assert RoadClosure.objects.get(pk=closure.pk).ends_at <= timezone.now()


def test_a_slow_way_changes_coverage_through_the_api(as_user):
    network = roads.network()
    at = f"{CAMDEN_TOWN[0]},{CAMDEN_TOWN[1]}"
    client = as_user("dispatcher")
    before = client.get("/api/coverage", {"minutes": 2, "at": at}).json()
    node = network.snap(*CAMDEN_TOWN).node
    way = int(network.way_id[network.indptr[node]])
    roads.add_closure(dispatcher_actor(), "March", way_id=way, speed_factor=0)
    after = client.get("/api/coverage", {"minutes": 2, "at": at}).json()
    assert after["closures_applied"] and not before["closures_applied"]
    assert after["covered_share"] < before["covered_share"]


def test_the_route_is_geojson_and_falls_back_to_a_labelled_straight_line():
    road = control_coverage.route_feature(CAMDEN_TOWN, KENTISH_TOWN)
    expected = route(roads.network(), CAMDEN_TOWN, KENTISH_TOWN)
    assert road["geometry"]["type"] == "LineString" and road["properties"]["method"] == "road"
    assert road["properties"]["seconds"] == pytest.approx(expected.seconds, abs=0.1)
    assert road["properties"]["streets"] == expected.streets
    assert road["geometry"]["coordinates"][0] == pytest.approx([CAMDEN_TOWN[1], CAMDEN_TOWN[0]], abs=1e-6)
    far = control_coverage.route_feature((51.75, -0.34), KENTISH_TOWN)  # St Albans: off the network
    assert far["properties"]["method"] == "straight-line" and far["properties"]["estimate"]
    assert len(far["geometry"]["coordinates"]) == 2


def test_the_route_endpoint_answers_for_incidents_and_units_it_can_find(as_user):
    answer = as_user("dispatcher").get("/api/incidents/999999/route", {"unit": 999999})
    assert answer.status_code == 404 and answer.json()["detail"]
    assert as_user("asb").get("/api/incidents/1/route", {"unit": 1}).status_code == 403


def test_the_closures_page_adds_and_reopens_with_an_audit_entry(as_user):
    client = as_user("duty")
    assert client.get("/control/coverage/closures/").status_code == 200
    refused = client.post("/control/coverage/closures/", {"reason": "", "way_id": "5"})
    assert refused.status_code == 400 and not RoadClosure.objects.exists()
    bad_area = client.post("/control/coverage/closures/", {"reason": "Cordon", "area": '{"type": "Point"}'})
    assert bad_area.status_code == 400 and not RoadClosure.objects.exists()
    added = client.post("/control/coverage/closures/", {"reason": "Cordon", "way_id": "4256", "speed_factor": "0.5"})
    assert added.status_code == 302
    closure = RoadClosure.objects.get()
    assert (closure.way_id, closure.speed_factor, closure.created_by.username) == (4256, 0.5, "duty")
    assert client.post("/control/coverage/closures/", {"end": closure.pk}).status_code == 302
    assert not RoadClosure.objects.in_force().exists()
    kinds = AuditEntry.objects.filter(object_type="core.roadclosure").values_list("kind", flat=True)
    assert sorted(kinds) == ["create", "update"]


@pytest.mark.parametrize("persona", ["partner", "asb", "auditor"])
def test_roles_without_unit_view_get_403(as_user, persona):
    client = as_user(persona)
    assert client.get("/api/coverage").status_code == 403
    assert client.get("/control/coverage/").status_code == 403
    assert not RoadClosure.objects.exists()


def test_the_coverage_page_shows_the_map_for_a_dispatcher_and_closures_need_road_close(as_user):
    page = as_user("dispatcher").get("/control/coverage/")
    assert page.status_code == 200 and b"coverage.js" in page.content and b"coverage-share" in page.content
    assert as_user("handler").get("/control/coverage/closures/").status_code == 403
