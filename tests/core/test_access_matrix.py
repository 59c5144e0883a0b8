"""Every route declares its action, and no restricted record leaks through any page or API answer to
a persona not entitled to it: lists, search, detail, counts, exports."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.conftest import PERSONAS, SECRET_PERSON, STEVENAGE_ONLY, person_client
from watchkeeper.api import api
from watchkeeper.core.access import action_of
from watchkeeper.core.models import Person

# Routes outside the one permission check, and why.
EXEMPT_PREFIXES = ("admin/",)  # Django admin: staff-only, and restricted models are not registered in it

# Who may see each restricted marker.
ENTITLED = {SECRET_PERSON: {"idva"}, STEVENAGE_ONLY: {"herts-cctv"}}


def walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p


def html_routes():
    for route, pattern in walk(get_resolver().url_patterns):
        if route.startswith(EXEMPT_PREFIXES) or route.startswith("api/"):
            continue
        yield route, pattern


def api_operations():
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                yield prefix + path, operation


def test_every_page_declares_its_action():
    missing = [route for route, p in html_routes() if not action_of(p.callback)]
    assert missing == []


def test_every_api_operation_declares_its_action():
    missing = [f"{op.methods} {path}" for path, op in api_operations() if not action_of(op.view_func)]
    assert missing == []


def concrete_urls(ids: list[int]) -> list[str]:
    urls = []
    for route, _pattern in html_routes():
        route = route.lstrip("^").rstrip("$")
        if "<" not in route:
            urls.append("/" + route)
        else:
            for pk in ids:
                urls.append("/" + re.sub(r"<(?:\w+:)?\w+>", str(pk), route))
    for path, op in api_operations():
        if "GET" not in op.methods:
            continue
        path = "/api/" + path.lstrip("/")
        if "{" not in path:
            urls.append(path)
        else:
            urls.extend(re.sub(r"\{\w+\}", str(pk), path) for pk in ids)
    return urls


@pytest.mark.parametrize("username", PERSONAS)
def test_no_restricted_record_leaks_to(username, db):
    restricted_ids = list(Person.objects.filter(family_name__in=list(ENTITLED)).values_list("pk", flat=True))
    client = person_client(username)
    searches = {"q": SECRET_PERSON[:6], "reason": "matrix test"}
    leaks, errors = [], []
    for url in concrete_urls(restricted_ids):
        if url.endswith("/logout/"):
            continue
        for params in ({}, searches):
            response = client.get(url, params)
            if response.status_code >= 500:
                errors.append(f"{url} -> {response.status_code}")
                continue
            body = b"".join(response.streaming_content) if response.streaming else response.content
            text = body.decode("utf-8", "replace")
            for marker, entitled in ENTITLED.items():
                if marker in text and username not in entitled:
                    leaks.append(f"{url}?{params} shows {marker}")
    assert errors == []
    assert leaks == []


def test_entitled_persona_does_see_the_restricted_record(db):
    """Guards the leak test against passing vacuously: the marker is reachable for the entitled."""
    person = Person.objects.get(family_name=SECRET_PERSON)
    response = person_client("idva").get(f"/people/{person.pk}/")
    assert response.status_code == 200 and SECRET_PERSON in response.content.decode()
    found = person_client("idva").get("/api/people", {"q": SECRET_PERSON})
    assert found.json()["count"] == 1


def test_counts_exclude_what_a_persona_may_not_see(db):
    """The handler and the IDVA see the same partnership-wide people; only the IDVA counts the secret one."""
    handler = person_client("handler").get("/api/people").json()["count"]
    idva = person_client("idva").get("/api/people").json()["count"]
    assert idva == handler + 1
