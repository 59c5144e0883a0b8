"""Caller personal data (issue 9): name, phone, address, markers and call history reach only users
allowed person.view on that caller; contractor and CCTV roles see them only for incidents their unit
is on, or with a stated reason (audited); a restricted caller cannot be found by their number."""

from __future__ import annotations

import pytest

from tests.control.cad import CAMDEN_TOWN, api, new_incident, post
from tests.core.herts import herts_incident
from watchkeeper.control.models import Assignment, ClosingCode, ControlSettings, Unit
from watchkeeper.core.models import AuditEntry, Partnership, Person, Restriction, User

pytestmark = pytest.mark.django_db

CALLER = {"caller_name": "Wilhelmina Callerton", "caller_phone": "07700 900 987", "caller_address": "9 Zebra Row"}
SHOWS = ("Callerton", "07700900987", "Zebra Row")


def _shows_caller(response) -> list[str]:
    text = response.content.decode()
    return [marker for marker in SHOWS if marker in text]


def test_the_api_gives_caller_details_only_with_person_view(token_for):
    """Regression: GET /api/incidents/{id} gave the caller to an analyst and an incident.view token."""
    incident = new_incident(**CALLER)
    path = f"/api/incidents/{incident['id']}"
    assert _shows_caller(api("handler").get(path)) == list(SHOWS)  # guards against a vacuous pass
    analyst = api("analyst").get(path)
    assert analyst.status_code == 200 and _shows_caller(analyst) == []
    assert analyst.json()["caller"] == {"restricted": True, "reason_required": False}
    token = api("handler").get(path, **token_for("handler", scopes=["incident.view"]))
    assert token.status_code == 200 and _shows_caller(token) == []


def test_repeat_caller_pseudonyms_cannot_be_undone_through_the_incident_api():
    for _ in range(3):
        created = new_incident(**CALLER)
    rows = api("analyst").get("/api/repeats/callers", {"threshold": 2}).json()["items"]
    mine = [r for r in rows if created["id"] in r["incident_ids"]]
    assert mine and not mine[0]["identified"]
    for incident_id in mine[0]["incident_ids"]:
        assert _shows_caller(api("analyst").get(f"/api/incidents/{incident_id}")) == []


def _restricted_caller(phone: str = "07700900444") -> Person:
    idva = User.objects.get(username="idva")
    person = Person.objects.create(
        partnership=Partnership.objects.get(slug="safer-camden"),
        restriction=Restriction.PEOPLE,
        given_name="Hidden",
        family_name="Domesticcaller",
        phone=phone,
        address="1 Refuge Lane",
        owner_agency=idva.agency,
    )
    person.shared_users.add(idva)
    return person


def test_a_restricted_callers_phone_stays_out_of_the_misuse_list_and_the_intake_lookup():
    """Regression: the misuse list and the intake lookup showed a restricted caller's phone and history."""
    person = _restricted_caller()
    misuse = ClosingCode.objects.get(code=ClosingCode.MISUSE)
    threshold = ControlSettings.current().misuse_threshold
    calls = [
        herts_incident(partnership="safer-camden", caller=person, caller_phone=person.phone, closing_code=misuse)
        for _ in range(threshold)
    ]
    handler = api("handler")
    assert person.phone not in handler.get("/control/misuse/").content.decode()
    assert all(row["phone"] != person.phone for row in handler.get("/api/misuse-callers").json()["items"])
    lookup = handler.get("/control/new/context/", {"caller_phone": person.phone}).content.decode()
    assert calls[0].reference not in lookup and "misuse" not in lookup.lower()


def test_the_intake_phone_lookup_is_an_audited_read():
    """Regression: looking up a phone's call history at intake left no audit entry."""
    created = new_incident(**CALLER)
    last = AuditEntry.objects.latest("seq").seq
    page = api("handler").get("/control/new/context/", {"caller_phone": CALLER["caller_phone"]})
    assert created["reference"] in page.content.decode()
    lookups = AuditEntry.objects.filter(seq__gt=last, kind="read", object_id="caller_phone")
    assert [(e.actor.username, e.fields) for e in lookups] == [("handler", ["caller_phone"])]


def test_merging_a_restricted_person_into_an_open_one_is_refused_and_copies_nothing():
    """Regression: a merge copied a restricted record's fields into an open record."""
    hidden = _restricted_caller()
    open_record = Person.objects.create(
        partnership=hidden.partnership, given_name="Open", family_name="Recordholder", owner_agency=hidden.owner_agency
    )
    hidden.shared_users.add(User.objects.get(username="asb"))  # the merging officer may see both
    answer = post(api("asb"), f"/api/people/{open_record.pk}/merge", {"duplicate": hidden.pk})
    assert answer.status_code == 400 and "more restricted" in answer.json()["detail"]
    open_record.refresh_from_db()
    hidden.refresh_from_db()
    assert (open_record.phone, open_record.address, hidden.merged_into_id) == ("", "", None)
    # The other way round keeps the details behind the stricter restriction: allowed.
    other = post(api("asb"), f"/api/people/{hidden.pk}/merge", {"duplicate": open_record.pk})
    assert other.status_code == 200


def _patrol_unit() -> Unit:
    return Unit.objects.get(officer__username="patrol")


def test_a_contractor_sees_the_caller_only_on_their_units_incident_or_with_a_reason():
    """Regression: a patrol contractor's officer read any caller's name, phone and address."""
    created = new_incident(**CALLER)
    path = f"/api/incidents/{created['id']}"
    patrol = api("patrol")
    refused = patrol.get(path)
    assert refused.status_code == 200 and _shows_caller(refused) == []
    assert refused.json()["caller"] == {"restricted": True, "reason_required": True}
    reasoned = patrol.get(path, HTTP_X_REASON="caller to meet at the scene")
    assert _shows_caller(reasoned) == list(SHOWS)
    entry = AuditEntry.objects.filter(kind="read", object_type="core.person").latest("seq")
    assert (entry.actor.username, entry.reason) == ("patrol", "caller to meet at the scene")
    Assignment.objects.create(incident_id=created["id"], unit=_patrol_unit())
    assert _shows_caller(patrol.get(path)) == list(SHOWS)


def test_the_incident_page_asks_a_cctv_operator_for_a_reason_before_showing_the_caller():
    created = new_incident(**CALLER)
    page = api("cctv").get(f"/control/incidents/{created['id']}/")
    assert page.status_code == 200 and _shows_caller(page) == []
    assert 'data-testid="caller-reason"' in page.content.decode()
    shown = api("cctv").get(f"/control/incidents/{created['id']}/", {"reason": "reviewing footage request"})
    assert _shows_caller(shown) == list(SHOWS)


def test_a_domestic_abuse_callers_details_never_reach_a_contractor_even_with_a_reason():
    person = _restricted_caller()
    incident = herts_incident(partnership="safer-camden", caller=person, caller_phone=person.phone, at=CAMDEN_TOWN)
    answer = api("patrol").get(f"/api/incidents/{incident.pk}", HTTP_X_REASON="curious")
    assert answer.status_code == 200 and answer.json()["caller"] == {"restricted": True, "reason_required": False}
    assert "Domesticcaller" not in answer.content.decode() and person.phone not in answer.content.decode()
