"""The API's contract: tokens (hashed, scoped, revocable, expiring), one error shape, pagination,
and bad input answered with a 4xx and nothing written."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from tests.conftest import person_client
from watchkeeper.core.models import ApiToken, AuditEntry, Person


def test_openapi_schema_is_served(db):
    schema = person_client("analyst").get("/api/openapi.json").json()  # signed in: see test_transport
    assert schema["info"]["title"] == "Watchkeeper API" and "/api/people" in schema["paths"]


def test_no_credentials_gets_401_in_the_error_shape(db):
    response = Client().get("/api/people")
    assert response.status_code == 401 and set(response.json()) == {"detail"}


def test_token_is_stored_hashed_and_works(token_for, client):
    headers = token_for("handler")
    secret = headers["HTTP_AUTHORIZATION"].split()[1]
    token = ApiToken.objects.latest("created_at")
    assert secret not in (token.digest, token.prefix) and len(token.digest) == 64
    me = client.get("/api/me", **headers)
    assert me.status_code == 200 and me.json()["role"] == "call_handler"


def test_scoped_token_cannot_go_beyond_its_scope(token_for, client):
    headers = token_for("handler", scopes=["home.view"])
    assert client.get("/api/me", **headers).status_code == 200
    denied = client.get("/api/people", **headers)
    assert denied.status_code == 403 and "person.search" in denied.json()["detail"]


def test_revoked_and_expired_tokens_are_refused(token_for, client):
    headers = token_for("handler")
    token = ApiToken.objects.latest("created_at")
    assert client.delete(f"/api/tokens/{token.pk}", **headers).status_code == 204
    assert client.get("/api/me", **headers).status_code == 401
    headers = token_for("handler")
    ApiToken.objects.filter(pk=ApiToken.objects.latest("created_at").pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert client.get("/api/me", **headers).status_code == 401


def test_lists_are_paginated(token_for, client):
    body = client.get("/api/places", {"limit": 5}, **token_for("handler")).json()
    assert set(body) == {"items", "count"} and len(body["items"]) == 5 and body["count"] > 5


def test_malformed_json_is_a_4xx_and_writes_nothing(token_for, client):
    before = (Person.objects.count(), AuditEntry.objects.count())
    response = client.post("/api/people", data="{not json", content_type="application/json", **token_for("handler"))
    assert 400 <= response.status_code < 500 and "detail" in response.json()
    assert (Person.objects.count(), AuditEntry.objects.count() - 1) == before  # only the token's own entry


def test_oversize_body_is_refused(token_for, client):
    big = '{"family_name": "' + "x" * (3 * 1024 * 1024) + '", "partnership": "safer-camden"}'
    response = client.post("/api/people", data=big, content_type="application/json", **token_for("handler"))
    assert response.status_code == 413 and response.json()["detail"] == "Request body too large."
    assert not Person.objects.filter(family_name__startswith="xxxx").exists()


def test_unknown_ids_are_404(token_for, client):
    headers = token_for("handler")
    response = client.get("/api/people/999999", **headers)
    assert response.status_code == 404 and set(response.json()) == {"detail"}
    hidden = Person.objects.get(family_name="Quillfeather")
    # A record you may not see answers exactly like one that does not exist: no existence leak.
    assert client.get(f"/api/people/{hidden.pk}", **headers).json() == response.json()


def test_create_person_validates_and_audits(token_for, client):
    headers = token_for("asb")
    bad = client.post(
        "/api/people", {"partnership": "herts-cctv", "family_name": "Smith"}, content_type="application/json", **headers
    )
    assert bad.status_code == 400 and "partnership" in bad.json()["detail"]
    ok = client.post(
        "/api/people",
        {"partnership": "safer-camden", "family_name": "Smith", "phone": "07700900333"},
        content_type="application/json",
        **headers,
    )
    assert ok.status_code == 201
    person = Person.objects.get(pk=ok.json()["id"])
    assert person.owner_agency.slug == "camden-asb"
    assert AuditEntry.objects.filter(kind="create", object_type="core.person", object_id=str(person.pk)).exists()


def test_places_outside_the_area_are_refused(token_for, client):
    response = client.post(
        "/api/places",
        {"partnership": "safer-camden", "name": "Somewhere", "lat": 53.8, "lon": -1.55},
        content_type="application/json",
        **token_for("handler"),
    )
    assert response.status_code == 400 and "outside" in response.json()["detail"]


def test_merging_people_moves_links_and_keeps_a_pointer(token_for, client):
    headers = token_for("duty")
    ids = [
        client.post(
            "/api/people",
            {"partnership": "safer-camden", "family_name": "Doe", **extra},
            content_type="application/json",
            **headers,
        ).json()["id"]
        for extra in ({"phone": "07700900444"}, {"postcode": "NW1 9XX"})
    ]
    merged = client.post(
        f"/api/people/{ids[0]}/merge", {"duplicate": ids[1]}, content_type="application/json", **headers
    )
    assert merged.status_code == 200 and merged.json()["postcode"] == "NW1 9XX"
    assert Person.objects.get(pk=ids[1]).merged_into_id == ids[0]
    again = client.post(
        f"/api/people/{ids[0]}/merge", {"duplicate": ids[1]}, content_type="application/json", **headers
    )
    assert again.status_code == 400 and "already merged" in again.json()["detail"]


def test_health_endpoints_need_no_login(db):
    assert Client().get("/healthz").json() == {"status": "ok"}
    assert Client().get("/readyz").json() == {"status": "ready"}
