"""Repeat locations and callers: counting rules, then the page, CSV and API as personas see them.
Callers are personal data: names only for roles that may view people, always audited; everyone
else a stable pseudonym; the other partnership sees none of it."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from watchkeeper.control import services
from watchkeeper.control.repeats import rules as repeats
from watchkeeper.core.audit import Actor
from watchkeeper.core.models import AuditEntry, Partnership, User

CAMDEN_TOWN = (51.5390, -0.1426)
PHONE = "07700 900 555"


def at(minutes: int) -> datetime:
    return datetime(2026, 1, 1, 12, 0) + timedelta(minutes=minutes)


def test_group_repeats_counts_threshold_and_order():
    rows = [
        ("a", "A", at(0), "Theft", 1),
        ("a", "A", at(5), "Theft", 2),
        ("a", "A", at(9), "Violence", 3),
        ("b", "B", at(1), "Theft", 4),
        ("b", "B", at(50), "Theft", 5),
        ("c", "C", at(2), "Theft", 6),
    ]
    found = repeats.group_repeats(rows, threshold=2)
    assert [g.key for g in found] == ["a", "b"]  # most incidents first; c is a single call
    assert found[0].count == 3 and found[0].categories == {"Theft": 2, "Violence": 1}
    assert (found[0].first, found[0].last) == (at(0), at(9))
    assert [g.key for g in repeats.group_repeats(rows, threshold=3)] == ["a"]


def test_location_key_uses_the_place_else_a_50_m_square():
    assert repeats.location_key(7, "High St", "", 0, 0) == ("place:7", "High St")
    key, _ = repeats.location_key(None, "", "", 529_012.0, 183_999.0)
    assert key == "cell:10580:3679"
    assert repeats.location_key(None, "", "", 529_049.0, 183_951.0)[0] == key
    assert repeats.location_key(None, "", "", 529_051.0, 183_951.0)[0] != key


def test_bad_filters_are_refused():
    assert repeats.check_period(0, 3) and repeats.check_period(30, 1) and repeats.check_period(5000, 3)
    assert repeats.check_period(30, 3) is None


@pytest.fixture
def repeat_caller(db):
    handler = User.objects.get(username="handler")
    camden = Partnership.objects.get(slug="safer-camden")
    made = []
    for n in range(4):
        made.append(
            services.create_incident(
                Actor(handler, "test"),
                camden,
                channel="999",
                category="asb-nuisance",
                description=f"Repeat test call {n}",
                lat=CAMDEN_TOWN[0],
                lon=CAMDEN_TOWN[1],
                location_text="Repeatshire Court",
                caller_name="Hortensia Repeatwell",
                caller_phone=PHONE,
            )
        )
    return made


def test_dispatcher_sees_the_caller_by_name_and_the_read_is_audited(as_user, repeat_caller):
    before = AuditEntry.objects.filter(kind=AuditEntry.Kind.READ).count()
    page = as_user("dispatcher").get("/control/repeats/?kind=callers&days=30&threshold=4")
    assert page.status_code == 200
    assert "Hortensia Repeatwell" in page.content.decode()
    assert AuditEntry.objects.filter(kind=AuditEntry.Kind.READ, summary__startswith="Repeat caller").count() > 0
    assert AuditEntry.objects.filter(kind=AuditEntry.Kind.READ).count() > before


def test_analyst_gets_a_stable_pseudonym_not_the_name(client, token_for, repeat_caller):
    headers = token_for("analyst")
    first = client.get("/api/repeats/callers?days=30&threshold=4", **headers).json()["items"]
    again = client.get("/api/repeats/callers?days=30&threshold=4", **headers).json()["items"]
    mine = [row for row in first if row["incidents"] >= 4]
    assert mine and all(not row["identified"] and row["phone"] is None for row in mine)
    assert all("Repeatwell" not in row["label"] for row in first)
    assert [r["label"] for r in first] == [r["label"] for r in again]


def test_repeat_location_found_and_hidden_from_hertfordshire(client, token_for, repeat_caller):
    camden = client.get("/api/repeats/locations?days=30&threshold=4", **token_for("dispatcher"))
    assert camden.status_code == 200
    ids = {i for row in camden.json()["items"] for i in row["incident_ids"]}
    assert {incident.pk for incident in repeat_caller} <= ids
    # The Herts operator may list repeats (incident.view), but only Hertfordshire's: the same query
    # that finds Camden's repeat location for the dispatcher returns none of its incidents to them.
    herts = client.get("/api/repeats/locations?days=30&threshold=2", **token_for("herts-cctv"))
    assert herts.status_code == 200
    assert not {i for row in herts.json()["items"] for i in row["incident_ids"]} & ids
    callers = client.get("/api/repeats/callers?days=30&threshold=2", **token_for("herts-cctv"))
    assert callers.status_code == 200 and "Repeatwell" not in callers.content.decode()
    assert not {i for row in callers.json()["items"] for i in row["incident_ids"]} & ids


def test_csv_export_is_audited_and_bad_filters_are_400(as_user, repeat_caller):
    dispatcher = as_user("dispatcher")
    response = dispatcher.get("/control/repeats/export.csv?kind=locations&days=30&threshold=4")
    assert response.status_code == 200 and "Repeatshire Court" in response.content.decode()
    assert AuditEntry.objects.filter(kind=AuditEntry.Kind.EXPORT, summary__startswith="Repeat locations").exists()
    assert dispatcher.get("/control/repeats/export.csv?kind=locations&days=0").status_code == 400
    assert dispatcher.get("/control/repeats/?kind=callers&threshold=abc").status_code == 400
    assert dispatcher.get("/control/repeats/?kind=people").status_code == 400
