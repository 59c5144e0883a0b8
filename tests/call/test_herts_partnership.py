"""The Hertfordshire CCTV Partnership is usable from the demo: real wards of its four districts,
street places, units and cameras, so the Stevenage control room logs and despatches a call."""

from __future__ import annotations

import pytest

from tests.conftest import person_client
from tests.control.cad import post
from watchkeeper.control.models import Incident, Unit
from watchkeeper.core.models import Place, Ward

pytestmark = pytest.mark.django_db
STEVENAGE_CENTRE = (51.9025, -0.2026)  # Bedwell ward, Stevenage (ONS check point)


def test_herts_has_its_real_wards_places_units_and_cameras():
    wards = Ward.objects.filter(district__partnership__slug="herts-cctv").exclude(code__startswith="W-")
    assert wards.count() == 83
    assert set(wards.values_list("district__code", flat=True)) == {"E07000243", "E07000242", "E07000099", "E07000098"}
    assert Ward.objects.get(code="E05004806").name == "Bedwell"
    assert Place.objects.filter(partnership__slug="herts-cctv").count() > 3000
    units = Unit.objects.filter(partnership__slug="herts-cctv")
    assert units.filter(kind="response").count() >= 5 and units.filter(kind="cctv").count() >= 4


def test_a_stevenage_dispatcher_logs_a_call_from_the_address_search_and_despatches():
    dispatcher = person_client("herts-dispatcher")
    options = dispatcher.get("/control/new/places/", {"q": "Danestrete"}).content.decode()
    assert 'role="option"' in options, options
    place = Place.objects.filter(partnership__slug="herts-cctv", name__startswith="Danestrete").first()
    response = dispatcher.post(
        "/control/new/",
        {
            "channel": "cctv",
            "category": "asb-nuisance",
            "place": place.pk,
            "location_text": place.name,
            "grade": "S",
            "rationale": "Group on camera, no injuries",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    incident = Incident.objects.order_by("-pk").first()
    assert incident.partnership.slug == "herts-cctv" and incident.district.code == "E07000243"
    ranked = dispatcher.get(f"/api/incidents/{incident.pk}/recommendations").json()["items"]
    police = [r for r in ranked if r["kind"] == "response" and r["available"]]
    assert police and all("straight-line" in r["method"] for r in police)
    sent = post(dispatcher, f"/api/incidents/{incident.pk}/assignments", {"unit": police[0]["unit_id"]})
    assert sent.status_code == 201, sent.content


def test_stevenage_coordinates_are_accepted_and_placed_in_their_ward():
    body = {
        "partnership": "herts-cctv",
        "channel": "999",
        "category": "violence",
        "lat": STEVENAGE_CENTRE[0],
        "lon": STEVENAGE_CENTRE[1],
        "grade": "I",
    }
    made = post(person_client("herts-dispatcher"), "/api/incidents", body)
    assert made.status_code == 201, made.content
    assert Incident.objects.get(pk=made.json()["id"]).ward.district.code == "E07000243"
