"""Call-taking as the call handler does it on the intake screen: an address from the gazetteer,
a required category, the grade and THRIVE saved with the call, and a known phone with a new name."""

from __future__ import annotations

import pytest

from tests.conftest import person_client
from watchkeeper.control.models import Incident, IncidentEvent, ThriveAssessment
from watchkeeper.core.models import AuditEntry, Person, Place

pytestmark = pytest.mark.django_db

CAMDEN_TOWN = {"lat": "51.5392", "lon": "-0.1426"}


def form(**extra) -> dict:
    return {
        "channel": "999",
        "category": "violence",
        "description": "Two men fighting",
        "caller_name": "Jo Bloggs",
        "caller_phone": "07700 900 321",
        **CAMDEN_TOWN,
        **extra,
    }


def test_the_intake_screen_has_no_default_category_and_asks_for_a_grade():
    page = person_client("handler").get("/control/new/").content.decode()
    category = page.split('id="category"')[1].split("</select>")[0]
    assert '<option value="" selected>Choose a category</option>' in category
    assert 'id="grade"' in page and "THRIVE" in page
    assert 'role="combobox"' in page and 'aria-controls="place-options"' in page
    assert 'tabindex="1' not in page and 'tabindex="2' not in page


def test_a_call_without_a_category_is_refused_and_nothing_is_saved():
    before = Incident.objects.count()
    response = person_client("handler").post("/control/new/", form(category=""))
    assert response.status_code == 400
    assert Incident.objects.count() == before


def test_grade_and_thrive_are_saved_with_the_call_in_one_go():
    response = person_client("handler").post(
        "/control/new/",
        form(grade="S", rationale="Fight over, injured man", thrive_threat="none now", thrive_harm="cut hand"),
    )
    assert response.status_code == 302, response.content
    incident = Incident.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))
    assert incident.grade.code == "S"
    assessment = ThriveAssessment.objects.get(incident=incident)
    assert assessment.threat == "none now" and assessment.harm == "cut hand"
    assert assessment.rationale == "Fight over, injured man" and assessment.suggested_grade == "I"
    kinds = list(IncidentEvent.objects.filter(incident=incident).order_by("at", "pk").values_list("kind", flat=True))
    assert kinds[:2] == ["created", "graded"]
    assert AuditEntry.objects.filter(object_id=str(incident.pk), summary__startswith="Incident ").exists()


def test_the_suggested_grade_needs_no_rationale_but_another_grade_does_and_nothing_half_saved():
    handler = person_client("handler")
    accepted = handler.post("/control/new/", form(grade="I"))
    assert accepted.status_code == 302
    incident = Incident.objects.order_by("-pk").first()
    assert incident.grade.code == "I"
    assert "Suggested grade I accepted" in incident.assessments.get().rationale
    before = Incident.objects.count()
    refused = handler.post("/control/new/", form(grade="E"))
    assert refused.status_code == 400 and "rationale" in refused.content.decode()
    assert Incident.objects.count() == before  # the incident was not saved without its grade


def test_a_different_name_on_a_known_phone_is_asked_about_never_replaced():
    handler = person_client("handler")
    phone = "07700 900 654"
    first = handler.post("/control/new/", form(caller_name="Alice Brown", caller_phone=phone, grade="I"))
    assert first.status_code == 302
    alice = Person.objects.get(phone="07700900654")
    before = Incident.objects.count()
    asked = handler.post("/control/new/", form(caller_name="Bob Green", caller_phone=phone, grade="I"))
    assert asked.status_code == 409
    text = asked.content.decode()
    assert "Same person or new person?" in text and "Alice Brown" in text and "Bob Green" in text
    assert Incident.objects.count() == before
    new = handler.post(
        "/control/new/", form(caller_name="Bob Green", caller_phone=phone, grade="I", caller_match="new")
    )
    assert new.status_code == 302
    incident = Incident.objects.order_by("-pk").first()
    assert str(incident.caller) == "Bob Green" and incident.caller_id != alice.pk
    alice.refresh_from_db()
    assert str(alice) == "Alice Brown"
    same = handler.post(
        "/control/new/", form(caller_name="Ally Brown", caller_phone=phone, grade="I", caller_match="same")
    )
    assert same.status_code == 302
    assert Incident.objects.order_by("-pk").first().caller_id == alice.pk


def test_the_api_asks_too_when_the_name_differs():
    from tests.control.cad import post

    client = person_client("handler")
    body = {"partnership": "safer-camden", "channel": "999", "category": "violence", "lat": 51.5392, "lon": -0.1426}
    assert (
        post(client, "/api/incidents", {**body, "caller_name": "Cara Dune", "caller_phone": "07700900111"}).status_code
        == 201
    )
    refused = post(client, "/api/incidents", {**body, "caller_name": "Dan Ell", "caller_phone": "07700900111"})
    assert refused.status_code == 409 and "same person" in refused.json()["detail"]
    graded = post(
        client,
        "/api/incidents",
        {**body, "caller_name": "Dan Ell", "caller_phone": "07700900111", "caller_match": "new", "grade": "I"},
    )
    assert graded.status_code == 201, graded.content
    assert Incident.objects.get(pk=graded.json()["id"]).grade.code == "I"


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("1 Camden High Street", "1 Camden High Street"),
        ("NW1 7", "NW1 7"),
        ("Euston", "Euston"),
        ("camden high st", "Camden High Street"),
    ],
)
def test_the_address_search_finds_houses_postcodes_and_landmarks(typed, expected):
    page = person_client("handler").get("/control/new/places/", {"q": typed}).content.decode()
    assert 'role="option"' in page and expected in page


def test_no_match_says_so():
    page = person_client("handler").get("/control/new/places/", {"q": "xyzzy plugh"}).content.decode()
    assert "No match for" in page and 'role="option"' not in page


def test_the_gazetteer_holds_thousands_of_camden_addresses_with_postcodes():
    addresses = Place.objects.filter(partnership__slug="safer-camden", kind=Place.Kind.ADDRESS)
    assert addresses.count() > 10000
    assert addresses.exclude(postcode="").values("postcode").distinct().count() > 1000


def test_a_map_click_takes_the_nearest_address():
    house = Place.objects.get(partnership__slug="safer-camden", name="1 Camden High Street, NW1 7JE")
    found = person_client("handler").get("/control/new/nearest/", {"lat": house.lat + 0.0001, "lon": house.lon}).json()
    assert found["place"] is not None and found["metres"] <= 30
    far = person_client("handler").get("/control/new/nearest/", {"lat": "51.5074", "lon": "-0.1278"}).json()
    assert far["place"] is None
