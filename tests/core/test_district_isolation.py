"""District isolation (issue 9): a district-bound user creates records in their own district only,
and callers recorded at intake take the district of the ward the call came from."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.core.herts import herts_ward
from watchkeeper.control.models import Incident
from watchkeeper.core.models import Agency, District, Person, Place, User
from watchkeeper.core.roles import Role

pytestmark = pytest.mark.django_db

STEVENAGE, EAST_HERTS = "E07000243", "E07000242"
IN_STEVENAGE, IN_EAST_HERTS = (51.90, -0.20), (51.80, -0.05)


@pytest.fixture
def stevenage_operator():
    """A Stevenage council CCTV operator: may record incidents, bound to the Stevenage district."""
    herts_ward(STEVENAGE, *IN_STEVENAGE)
    herts_ward(EAST_HERTS, *IN_EAST_HERTS)
    user = User.objects.create(
        username="stevenage-operator", role=Role.CCTV_OPERATOR, agency=Agency.objects.get(slug="stevenage-council")
    )
    client = Client()
    client.force_login(user)
    return client


def _incident(client, at, **extra):
    body = {"partnership": "herts-cctv", "channel": "999", "category": "violence", "lat": at[0], "lon": at[1]}
    return client.post("/api/incidents", {**body, **extra}, content_type="application/json")


def test_a_stevenage_operator_cannot_record_an_incident_in_east_herts(stevenage_operator):
    """Regression: a Stevenage operator could create an incident in East Herts."""
    before = Incident.objects.count()
    refused = _incident(stevenage_operator, IN_EAST_HERTS, caller_name="Eve Easterner", caller_phone="07700900765")
    assert refused.status_code == 403 and "outside your district" in refused.json()["detail"]
    assert Incident.objects.count() == before
    assert not Person.objects.filter(family_name="Easterner").exists()


def test_a_caller_recorded_at_intake_takes_the_district_of_the_ward(stevenage_operator):
    """Regression: callers created at intake had no district, so every district partner saw them."""
    created = _incident(stevenage_operator, IN_STEVENAGE, caller_name="Sam Stevenager", caller_phone="07700900766")
    assert created.status_code == 201, created.content
    caller = Person.objects.get(family_name="Stevenager")
    assert caller.district == District.objects.get(code=STEVENAGE)
    assert Incident.objects.get(pk=created.json()["id"]).district_id == caller.district_id
    east = User.objects.get(username="eastherts")
    assert not Person.objects.visible_to(east).filter(pk=caller.pk).exists()


def test_a_district_bound_user_cannot_add_a_place_in_another_district():
    herts_ward(EAST_HERTS, *IN_EAST_HERTS)
    user = User.objects.create(
        username="stevenage-asb", role=Role.ASB_OFFICER, agency=Agency.objects.get(slug="stevenage-council")
    )
    client = Client()
    client.force_login(user)
    body = {
        "partnership": "herts-cctv",
        "name": "East Herts Market Hall",
        "lat": IN_EAST_HERTS[0],
        "lon": IN_EAST_HERTS[1],
    }
    refused = client.post("/api/places", body, content_type="application/json")
    assert refused.status_code == 403 and "outside your district" in refused.json()["detail"]
    assert not Place.objects.filter(name="East Herts Market Hall").exists()
