"""The incident list as a supervisor uses it: paging, filters, sort, search (phone searches audited)
and saved views that belong to their owner alone."""

from __future__ import annotations

import pytest

from tests.control.cad import grade, new_incident
from watchkeeper.control.models import Incident, SavedIncidentView
from watchkeeper.control.queue import rules
from watchkeeper.core.models import AuditEntry, User

pytestmark = pytest.mark.django_db


def rows(response) -> str:
    return response.content.decode().split('data-testid="incident-list"')[1].split("</table>")[0]


def test_filters_search_and_sort(as_user):
    first = new_incident(category="asb-nuisance", location_text="Plender Street")
    grade(first["id"], "S")
    second = new_incident(category="theft", location_text="Arlington Road")
    client = as_user("duty")
    by_grade = rows(client.get("/control/incidents/?grade=S&period=24h"))
    assert first["reference"] in by_grade and second["reference"] not in by_grade
    ungraded = rows(client.get("/control/incidents/?grade=none"))
    assert second["reference"] in ungraded and first["reference"] not in ungraded
    by_place = rows(client.get("/control/incidents/?q=arlington"))
    assert second["reference"] in by_place and first["reference"] not in by_place
    by_reference = rows(client.get(f"/control/incidents/?q={first['reference']}&status=all"))
    assert first["reference"] in by_reference
    by_category = rows(client.get("/control/incidents/?category=theft"))
    assert second["reference"] in by_category and first["reference"] not in by_category
    ordered = rows(client.get("/control/incidents/?sort=grade"))
    assert ordered.index(second["reference"]) < ordered.index(first["reference"]), "ungraded first"
    assert client.get("/control/incidents/?sort=nonsense&status=bogus").status_code == 200  # defaults


def test_phone_search_is_audited_as_a_personal_data_read(as_user):
    made = new_incident(caller_phone="07700 900 123")
    before = AuditEntry.objects.filter(kind=AuditEntry.Kind.READ).count()
    found = rows(as_user("duty").get("/control/incidents/?q=07700900123"))
    assert made["reference"] in found
    entry = AuditEntry.objects.filter(kind=AuditEntry.Kind.READ).order_by("-seq").first()
    assert AuditEntry.objects.filter(kind=AuditEntry.Kind.READ).count() == before + 1
    assert "phone" in entry.summary and entry.actor.username == "duty"


def test_pages_of_fifty(as_user):
    for _ in range(rules.PAGE_SIZE + 1):
        new_incident(category="asb-nuisance", description="paging")
    client = as_user("duty")
    count = Incident.objects.filter(status="open").count()
    first = client.get("/control/incidents/").content.decode()
    assert f"{count} incidents, page 1 of" in first and 'rel="next"' in first
    second = rows(client.get("/control/incidents/?page=2")).split("<tbody>")[1]
    assert second.count("<tr>") == min(rules.PAGE_SIZE, count - rules.PAGE_SIZE)


def test_saved_views_belong_to_their_owner(as_user):
    owner = as_user("duty")
    saved = owner.post("/control/incidents/saved/", {"name": "Ungraded now", "query": "grade=none"})
    assert saved.status_code == 302 and saved["Location"].endswith("?grade=none")
    view = SavedIncidentView.objects.get(name="Ungraded now")
    assert view.user == User.objects.get(username="duty")
    assert "Ungraded now" in owner.get("/control/incidents/").content.decode()
    assert "Ungraded now" not in as_user("dispatcher").get("/control/incidents/").content.decode()
    refused = as_user("dispatcher").post("/control/incidents/saved/", {"delete": view.pk}, follow=True)
    assert b"No such saved view" in refused.content and SavedIncidentView.objects.filter(pk=view.pk).exists()
    assert owner.post("/control/incidents/saved/", {"delete": view.pk}).status_code == 302
    assert not SavedIncidentView.objects.filter(pk=view.pk).exists()


def test_phone_digits_rule():
    assert rules.phone_digits("+44 7700 900123") == "07700900123"
    assert rules.phone_digits("0042/22NOV") is None and rules.phone_digits("12345") is None
