"""People and user changes record what a value was and what it became (issue 9, item 2), and the
values are part of the chained hash."""

import json

from watchkeeper.core import audit
from watchkeeper.core.models import AuditEntry, Person


def test_a_person_edit_records_before_and_after_values(client, token_for):
    headers = token_for("handler")
    person = Person.objects.get(family_name="Openshaw")
    response = client.patch(
        f"/api/people/{person.pk}",
        json.dumps({"phone": "07700900999", "postcode": person.postcode}),
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 200
    entry = AuditEntry.objects.filter(kind="update", object_type="core.person", object_id=str(person.pk)).get()
    assert entry.changes == {"phone": ["07700900222", "07700900999"]} and entry.fields == ["phone"]
    assert audit.verify().ok


def test_a_new_person_records_the_values_given(client, token_for):
    body = {"partnership": "safer-camden", "given_name": "Iris", "family_name": "Newcombe", "phone": "07700900333"}
    response = client.post("/api/people", json.dumps(body), content_type="application/json", **token_for("handler"))
    assert response.status_code == 201
    entry = AuditEntry.objects.filter(
        kind="create", object_type="core.person", object_id=str(response.json()["id"])
    ).get()
    assert entry.changes == {
        "given_name": [None, "Iris"],
        "family_name": [None, "Newcombe"],
        "phone": [None, "07700900333"],
    }


def test_editing_the_changes_of_an_entry_breaks_the_chain(db, token_for, client):
    person = Person.objects.get(family_name="Openshaw")
    client.patch(
        f"/api/people/{person.pk}",
        json.dumps({"phone": "07700900444"}),
        content_type="application/json",
        **token_for("handler"),
    )
    entry = AuditEntry.objects.filter(object_type="core.person", object_id=str(person.pk)).last()
    AuditEntry.objects.filter(pk=entry.pk).update(changes={"phone": ["07700900222", "07700900000"]})
    verdict = audit.verify()
    assert not verdict.ok and verdict.bad_seq == entry.seq
