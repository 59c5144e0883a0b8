"""The access matrix (issue 9 item 8; NetBox's generated view tests are the pattern).

Covered: every HTML route, every API operation (every method), the CSV and GeoJSON exports, every
Django admin page and the live-board websocket are mapped below to the model whose records they
show or change; a route that is not mapped fails `test_every_route_is_mapped`, so a new route
cannot slip in unchecked. tests/core/matrix_world.py seeds marked records (per partnership,
district, agency and named person) of the models those routes show. Then, as every demo persona:
- reads: every GET route, lists with and without a search, and every detail route with the id of
  every marked record of its model; no marker (name, phone, address) of a record the persona is
  not entitled to may appear, no such id may appear in a JSON list, and a detail route for such a
  record answers 403 or 404;
- writes: every POST/PATCH/DELETE API operation and every HTML form post, aimed at marked records
  the persona may not see or with an action their role lacks, is refused with a 4xx and changes
  nothing: the target row, the table's row count, and no new audit entry of a writing kind;
- the live board forwards a marked incident or unit only to entitled personas (may_receive).
"""

from __future__ import annotations

import json
import re

import pytest
from django.contrib import admin
from django.db import transaction
from django.forms.models import model_to_dict
from django.urls import URLPattern, URLResolver, get_resolver

from tests.conftest import PERSONAS, person_client
from tests.core.matrix_world import PARTS, PERSONA, Marked, seed
from watchkeeper.api import api
from watchkeeper.core.access import action_of
from watchkeeper.core.roles import GRANTS

# Route -> the model whose records it shows or changes ("-": none; the page holds no partnership
# records, or only aggregates). Keys: "HTML <pattern>", "<METHOD> /api/<path>", "WS <path>".
ROUTES = {
    "HTML healthz": "-",
    "HTML readyz": "-",
    "HTML login/": "-",
    "HTML login/code/": "-",
    "HTML logout/": "-",
    "HTML ": "-",
    "HTML account/": "core.apitoken",
    "HTML map/": "control.incident",
    "HTML map/layers/wards.geojson": "-",
    "HTML map/layers/roads.geojson": "-",
    "HTML people/": "core.person",
    "HTML people/<int:pk>/": "core.person",
    "HTML audit/": "core.auditentry",
    "HTML audit/export.csv": "core.auditentry",
    "HTML control/coverage/": "control.unit",
    "HTML control/coverage/closures/": "-",
    "HTML control/repeats/": "control.incident",
    "HTML control/repeats/export.csv": "control.incident",
    "HTML control/new/": "control.incident",
    "HTML control/new/places/": "core.place",
    "HTML control/new/context/": "control.incident",
    "HTML control/incidents/": "control.incident",
    "HTML control/incidents/<int:pk>/": "control.incident",
    "HTML control/incidents/<int:pk>/<slug:action>/": "control.incident",
    "HTML control/units/": "control.unit",
    "HTML control/my-unit/": "control.unit",
    "HTML control/kpis/": "control.incident",
    "HTML control/kpis/export.csv": "control.incident",
    "HTML control/misuse/": "control.incident",
    "HTML control/reviews/": "control.supervisionreview",
    "HTML control/": "control.incident",
    "HTML control/board/state.json": "control.incident",
    "HTML control/import/": "control.incident",
    "HTML intel/": "intel.crime",
    "HTML intel/targets/": "intel.target",
    "HTML intel/import/": "intel.importrun",
    "HTML intel/hotspots/": "intel.crime",
    "HTML intel/hotspots/cells.geojson": "intel.crime",
    "HTML intel/hotspots/export.<slug:fmt>": "intel.crime",
    "HTML intel/tasking/": "intel.patroltasking",
    "HTML intel/tasking/<int:pk>/": "intel.patroltasking",
    "HTML intel/tasking/<int:pk>/cells.geojson": "intel.patroltasking",
    "HTML intel/my-taskings/": "intel.patroltasking",
    "HTML intel/surveys/": "intel.surveyresponse",
    "HTML intel/pack/": "intel.crime",
    "HTML intel/partner-data/": "sharing.partnerrecord",
    "HTML intel/partner-data/agreements/new/": "sharing.sharingagreement",
    "HTML intel/partner-data/mappings/new/": "sharing.columnmapping",
    "GET /api/me": "-",
    "GET /api/people": "core.person",
    "POST /api/people": "core.person",
    "GET /api/people/{person_id}": "core.person",
    "PATCH /api/people/{person_id}": "core.person",
    "POST /api/people/{person_id}/merge": "core.person",
    "GET /api/places": "core.place",
    "POST /api/places": "core.place",
    "GET /api/wards": "-",
    "GET /api/agencies": "-",
    "GET /api/tokens": "core.apitoken",
    "DELETE /api/tokens/{token_id}": "core.apitoken",
    "GET /api/audit": "core.auditentry",
    "GET /api/incidents/{incident_id}/route": "control.incident",
    "GET /api/coverage": "control.unit",
    "POST /api/incidents": "control.incident",
    "GET /api/incidents": "control.incident",
    "GET /api/incidents/{incident_id}": "control.incident",
    "POST /api/incidents/{incident_id}/grade": "control.incident",
    "POST /api/incidents/{incident_id}/resolve": "control.incident",
    "GET /api/incidents/{incident_id}/recommendations": "control.incident",
    "POST /api/incidents/{incident_id}/assignments": "control.incident",
    "POST /api/incidents/{incident_id}/authorisations": "control.incident",
    "POST /api/units/{unit_id}/status": "control.unit",
    "GET /api/units": "control.unit",
    "POST /api/incidents/{incident_id}/link": "control.incident",
    "POST /api/incidents/{incident_id}/close": "control.incident",
    "POST /api/incidents/{incident_id}/cancel": "control.incident",
    "POST /api/incidents/{incident_id}/command": "control.incident",
    "POST /api/incidents/{incident_id}/escalate": "control.incident",
    "POST /api/incidents/{incident_id}/notes": "control.incident",
    "POST /api/reviews/{review_id}/complete": "control.supervisionreview",
    "GET /api/incidents/{incident_id}/timeline": "control.incident",
    "GET /api/kpis/response": "control.incident",
    "GET /api/misuse-callers": "control.incident",
    "GET /api/repeats/locations": "control.incident",
    "GET /api/repeats/callers": "control.incident",
    "GET /api/intel/crimes": "intel.crime",
    "GET /api/intel/trends": "intel.crime",
    "GET /api/intel/targets": "intel.target",
    "POST /api/intel/targets": "intel.target",
    "POST /api/intel/baselines": "intel.baseline",
    "GET /api/intel/hotspots": "intel.crime",
    "GET /api/intel/taskings": "intel.patroltasking",
    "POST /api/intel/taskings": "intel.patroltasking",
    "GET /api/intel/taskings/{tasking_id}/cells": "intel.patroltasking",
    "POST /api/intel/visits": "intel.patrolvisit",
    "GET /api/intel/import-runs": "intel.importrun",
    "GET /api/intel/surveys": "intel.surveyresponse",
    "GET /api/intel/partner-records": "sharing.partnerrecord",
    "GET /api/intel/partner-records/counts": "sharing.partnerrecord",
    "GET /api/intel/partner-datasets": "sharing.partnerdataset",
    "WS ws/board/": "control.incident",
}

# A plausible body per write operation, so a refusal is the access check's and not a 422.
BODIES = {
    "POST /api/people": {"partnership": "herts-cctv", "family_name": "Matrixwrite"},
    "PATCH /api/people/{person_id}": {"family_name": "Matrixwrite"},
    "POST /api/people/{person_id}/merge": {"duplicate": 1},
    "POST /api/places": {"partnership": "herts-cctv", "name": "Matrixwrite Place", "lat": 51.80, "lon": -0.05},
    "DELETE /api/tokens/{token_id}": None,
    "POST /api/incidents": {
        "partnership": "herts-cctv",
        "channel": "999",
        "category": "theft",
        "lat": 51.80,
        "lon": -0.05,
    },
    "POST /api/incidents/{incident_id}/grade": {"grade": "I", "rationale": "matrix", "reason": "matrix"},
    "POST /api/incidents/{incident_id}/resolve": {"outcome": "telephone", "note": "matrix"},
    "POST /api/incidents/{incident_id}/assignments": {"unit": 1},
    "POST /api/incidents/{incident_id}/authorisations": {"unit": 1, "reason": "matrix"},
    "POST /api/units/{unit_id}/status": {"status": "available"},
    "POST /api/incidents/{incident_id}/link": {"master": 1},
    "POST /api/incidents/{incident_id}/close": {"closing_code": "advice", "result": "matrix"},
    "POST /api/incidents/{incident_id}/cancel": {"reason": "matrix"},
    "POST /api/incidents/{incident_id}/command": {"action": "take", "rationale": "matrix"},
    "POST /api/incidents/{incident_id}/escalate": {"level": "major", "rationale": "matrix"},
    "POST /api/incidents/{incident_id}/notes": {"text": "matrix"},
    "POST /api/reviews/{review_id}/complete": {"note": "matrix"},
    "POST /api/intel/targets": {
        "partnership": "herts-cctv",
        "reduction_percent": 5,
        "period_start": "2026-01",
        "period_end": "2026-06",
    },
    "POST /api/intel/baselines": {
        "partnership": "herts-cctv",
        "name": "matrix",
        "start_month": "2025-01",
        "end_month": "2025-12",
    },
    "POST /api/intel/taskings": {
        "partnership": "herts-cctv",
        "name": "matrix",
        "period_start": "2026-01-01",
        "period_end": "2026-01-07",
    },
    "POST /api/intel/visits": {"cell": 1, "arrived_at": "2026-01-01T10:00:00Z", "left_at": "2026-01-01T10:10:00Z"},
}
# Query parameters a route needs besides SEARCH (else it answers 422 before any access check).
PARAMS = {"GET /api/incidents/{incident_id}/route": lambda models: {"unit": models["control.unit"][0].pk}}

# Each module's own part of the matrix (tests/<module>/matrix_part.py) adds its routes, bodies and
# parameters here, and its marked records to the world (its `seed(add)`), so a new module extends
# the matrix without editing this file.
for _part in PARTS:
    ROUTES.update(_part.ROUTES)
    BODIES.update(getattr(_part, "BODIES", {}))
    PARAMS.update(getattr(_part, "PARAMS", {}))
WRITING = {"create", "update", "delete", "merge", "token"}
SEARCH = {"q": "", "reason": "access matrix", "limit": 500}


def walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p


def html_routes():
    for route, pattern in walk(get_resolver().url_patterns):
        if not route.startswith(("admin/", "api/")):
            yield route, pattern


def admin_routes():
    for route, pattern in walk(get_resolver().url_patterns):
        if route.startswith("admin/"):
            yield route, pattern


def api_operations():
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for method in operation.methods:
                    yield f"{method} /api/{(prefix + path).lstrip('/')}", operation


def discovered() -> set[str]:
    from watchkeeper.control.consumers import websocket_urlpatterns

    keys = {f"HTML {route}" for route, _ in html_routes()}
    keys |= {key for key, _ in api_operations()}
    keys |= {f"WS {p.pattern.regex.pattern.strip('^$')}" for p in websocket_urlpatterns}
    return keys


def test_every_route_is_mapped():
    """A route not in ROUTES (or a stale entry) fails: map the new route to its model."""
    found = discovered()
    assert sorted(found - set(ROUTES)) == []
    assert sorted(set(ROUTES) - found) == []


def test_every_mapped_model_exists():
    from django.apps import apps

    labels = {m._meta.label_lower for m in apps.get_models()}
    assert sorted({label for label in ROUTES.values() if label != "-"} - labels) == []


def test_every_write_operation_has_a_body_for_the_matrix():
    writes = {key for key, _ in api_operations() if not key.startswith("GET ")}
    assert sorted(writes - set(BODIES)) == []


def test_every_admin_page_belongs_to_a_registered_model_or_the_site():
    site_views = {"", "login/", "logout/", "password_change/", "password_change/done/", "autocomplete/", "jsi18n/"}
    site_views |= {"r/<int:content_type_id>/<path:object_id>/", "r/<path:content_type_id>/<path:object_id>/"}
    labels = {m._meta.app_label for m in admin.site._registry} | {
        m._meta.app_label for m in getattr(_admin_site(), "_registry", {})
    }
    unmapped = []
    for route, _ in admin_routes():
        rest = route.removeprefix("admin/")
        if rest in site_views or rest.startswith("^(?P<app_label>") or rest.startswith("(?P<url>"):
            continue
        if rest.split("/")[0] not in labels:
            unmapped.append(route)
    assert unmapped == []


def _admin_site():
    from django.urls import resolve

    try:
        return resolve("/admin/").func.admin_site
    except Exception:  # noqa: BLE001 - no admin mounted
        return admin.site


def test_every_page_and_operation_declares_its_action():
    missing = [route for route, p in html_routes() if not action_of(p.callback)]
    missing += [key for key, op in api_operations() if not action_of(op.view_func)]
    assert missing == []


# -- the world --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Marked records, shared by the whole module and rolled back after it."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield seed()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def by_model(world: list[Marked]) -> dict[str, list[Marked]]:
    found: dict[str, list[Marked]] = {}
    for record in world:
        found.setdefault(record.label, []).append(record)
    return found


def _urls(key: str, records: list[Marked]) -> list[tuple[str, Marked | None]]:
    """Concrete URLs for a route key: as is, or once per marked record of its model."""
    kind, _, route = key.partition(" ")
    if kind == "HTML":
        route = "/" + route.lstrip("^").rstrip("$")
        route = route.replace("<slug:action>", "grade").replace("<slug:fmt>", "csv")
        if "<" not in route:
            return [(route, None)]
        return [(re.sub(r"<(?:\w+:)?\w+>", str(r.pk), route), r) for r in records]
    if "{" not in route:
        return [(route, None)]
    return [(re.sub(r"\{\w+\}", str(r.pk), route), r) for r in records]


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def _listed_ids(text: str) -> set[int]:
    try:
        data = json.loads(text)
    except ValueError:
        return set()
    items = data.get("items") if isinstance(data, dict) else data
    if not isinstance(items, list):
        return set()
    return {item["id"] for item in items if isinstance(item, dict) and isinstance(item.get("id"), int)}


def leaks_in(text: str, username: str, world: list[Marked], admin: bool = False) -> list[str]:
    """Markers of records the persona may not see; on an admin page (`admin`), nor administer."""
    return [
        f"{record.label} #{record.pk} by {marker!r}"
        for record in world
        if username not in record.entitled and not (admin and username in record.administrators)
        for marker in record.markers
        if marker in text
    ]


@pytest.mark.parametrize("username", PERSONAS)
def test_reads_show_nothing_a_persona_may_not_see(username, world, db):
    models = by_model(world)
    client = person_client(username)
    leaks, errors = [], []
    for key, label in ROUTES.items():
        # Routes mapped to no model hold no partnership records (reviewed in ROUTES): not fetched.
        if label == "-" or key.startswith("WS ") or not key.startswith(("HTML", "GET")):
            continue
        hidden = {r.pk for r in models.get(label, []) if username not in r.entitled}
        for url, record in _urls(key, models.get(label, [])):
            # Unfiltered (q=""), a page big enough for every row, and a stated reason: the most a
            # persona can make a route show.
            response = client.get(url, {**SEARCH, **PARAMS.get(key, lambda m: {})(models)})
            if response.status_code >= 500:
                errors.append(f"{url} -> {response.status_code}")
                continue
            text = _body(response)
            leaks += [f"{url}: {leak}" for leak in leaks_in(text, username, world)]
            if key.startswith("GET") and (_listed_ids(text) & hidden):
                leaks.append(f"{url}: lists ids {sorted(_listed_ids(text) & hidden)} of {label}")
            if record is not None and record.pk in hidden and response.status_code not in (302, 403, 404):
                leaks.append(f"{url}: {response.status_code} for a {label} the persona may not see")
    assert errors == []
    assert leaks == []


def _snapshot(record: Marked | None, label: str):
    from django.apps import apps

    from watchkeeper.core.models import AuditEntry

    model = apps.get_model(label)
    row = model_to_dict(model._base_manager.get(pk=record.pk)) if record else None
    writes = AuditEntry.objects.filter(kind__in=WRITING).count()
    rows = model._base_manager.all()
    if model is AuditEntry:  # a refusal is itself recorded (a DENIED entry): that is not a write
        rows = rows.filter(kind__in=WRITING)
    return rows.count(), row, writes


@pytest.mark.parametrize("username", PERSONAS)
def test_refused_writes_change_nothing(username, world, db):
    models = by_model(world)
    role = PERSONA[username].role
    client = person_client(username)
    problems = []
    for key, operation in api_operations():
        if key.startswith("GET "):
            continue
        label, action = ROUTES[key], action_of(operation.view_func)
        may_act = role in GRANTS.get(action, set())
        method, _, _path = key.partition(" ")
        for url, record in _urls(key, models.get(label, [])):
            if may_act and (record is None or username in record.entitled):
                continue  # a write the persona is allowed: not the matrix's business
            before = _snapshot(record, label)
            body = BODIES[key]
            response = client.generic(method, url, json.dumps(body) if body is not None else "", "application/json")
            after = _snapshot(record, label)
            if not 400 <= response.status_code < 500:
                problems.append(f"{key} {url} -> {response.status_code}")
            if after != before:
                problems.append(f"{key} {url} changed data: {before} -> {after}")
    for route, pattern in html_routes():
        action = action_of(pattern.callback)
        if action == "public" or role in GRANTS.get(action, set()):
            continue
        label = ROUTES[f"HTML {route}"]
        for url, record in _urls(f"HTML {route}", models.get(label, [])):
            before = _snapshot(record, label) if label != "-" else None
            response = client.post(url, {"reason": "matrix", "rationale": "matrix", "grade": "I"})
            if response.status_code not in (403, 404, 405):
                problems.append(f"POST {url} -> {response.status_code}")
            if label != "-" and _snapshot(record, label) != before:
                problems.append(f"POST {url} changed data")
    assert problems == []


def test_refused_html_actions_on_a_hidden_incident_change_nothing(world, db):
    """An HTML incident action aimed at an incident the persona may not see: 404, nothing written."""
    from watchkeeper.control.views import ACTIONS

    hidden = [r for r in world if r.label == "control.incident" and "handler" not in r.entitled]
    assert hidden
    client = person_client("inspector")
    for record in hidden:
        for action in ACTIONS:
            before = _snapshot(record, "control.incident")
            response = client.post(f"/control/incidents/{record.pk}/{action}/", {"rationale": "m", "reason": "m"})
            assert response.status_code in (403, 404), (action, response.status_code)
            assert _snapshot(record, "control.incident") == before


@pytest.mark.parametrize("username", PERSONAS)
def test_admin_pages_show_nothing_a_persona_may_not_see(username, world, db):
    client = person_client(username)
    site = _admin_site()
    leaks = []
    for model in getattr(site, "_registry", {}):
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        response = client.get(url, {"q": ""})
        assert response.status_code < 500, url
        leaks += [f"{url}: {leak}" for leak in leaks_in(_body(response), username, world, admin=True)]
    assert leaks == []


@pytest.mark.parametrize("username", PERSONAS)
def test_admin_change_pages_refuse_what_a_persona_may_not_administer(username, world, db):
    """Each marked record's admin change page: refused (302 to the index, 403 or 404) unless the
    persona administers its partnership, and no page they reach shows another record's marker."""
    client = person_client(username)
    registry = getattr(_admin_site(), "_registry", {})
    problems, leaks, reached = [], [], 0
    for record in world:
        model = type(record.obj)
        if model not in registry:
            continue
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/{record.pk}/change/"
        response = client.get(url)
        if response.status_code >= 500 or (
            username not in record.administrators and response.status_code not in (302, 403, 404)
        ):
            problems.append(f"{url} -> {response.status_code}")
        reached += response.status_code == 200
        leaks += [f"{url}: {leak}" for leak in leaks_in(_body(response), username, world, admin=True)]
    assert problems == []
    assert leaks == []
    if PERSONA[username].role not in GRANTS["admin.view"]:
        assert reached == 0


def test_an_administrator_does_reach_their_partnerships_change_pages(world, db):
    """Guards the change-page sweep against passing vacuously: the administrator opens each marked
    record of their partnership that has an admin page, and sees its marker."""
    client = person_client("admin")
    registry = getattr(_admin_site(), "_registry", {})
    opened = []
    for record in world:
        model = type(record.obj)
        if model not in registry or "admin" not in record.administrators:
            continue
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/{record.pk}/change/"
        text = _body(client.get(url))
        if record.markers[0] in text:
            opened.append(record.label)
    assert {"intel.importrun", "intel.baseline", "intel.target", "intel.patroltasking", "outbox.message"} <= set(opened)


@pytest.mark.parametrize("username", PERSONAS)
def test_the_live_board_forwards_only_what_a_persona_may_see(username, world, db):
    from watchkeeper.control.consumers import _viewer, may_receive
    from watchkeeper.control.services.common import incident_message, unit_message
    from watchkeeper.core.models import User

    viewer = _viewer.func(User.objects.get(username=username))
    if viewer is None or viewer["denied"]:
        return
    sent = []
    for record in world:
        if record.label == "control.incident":
            message = incident_message(record.obj)
        elif record.label == "control.unit":
            message = unit_message(record.obj)
        else:
            continue
        partnership = record.obj.partnership_id
        if partnership in viewer["partnerships"] and may_receive(viewer, message):
            sent.append(record)
    assert [f"{r.label} #{r.pk}" for r in sent if username not in r.entitled] == []


def test_entitled_personas_do_see_the_marked_records(world, db):
    """Guards the matrix against passing vacuously: each kind of marker is reachable for the entitled."""
    models = by_model(world)
    secret = models["core.person"][0]
    assert "Quillfeather" in person_client("idva").get(f"/people/{secret.pk}/").content.decode()
    caller_call = models["control.incident"][0]
    seen = person_client("handler").get(f"/api/incidents/{caller_call.pk}").content.decode()
    assert "Zanzibarite" in seen and "Marrowgate" in seen and "Obscura Mews" in seen
    east_call = models["control.incident"][1]
    assert "Brawleast" in person_client("herts-cctv").get(f"/api/incidents/{east_call.pk}").content.decode()
    places = person_client("eastherts").get("/api/places", {"q": "Eastmarkham"}).json()
    assert places["count"] == 1
    assert {"eastherts"} == models["intel.crime"][0].entitled
    assert "EHMARK1" in person_client("herts-cctv").get("/api/units", {"limit": 500}).content.decode()


def _seen(username: str, url: str) -> str:
    # The admin's list takes no unknown parameters (it redirects with ?e=1).
    return _body(person_client(username).get(url, {} if url.startswith("/admin/") else SEARCH))


@pytest.mark.parametrize(
    "username, url, markers",
    [
        # Partner data: the analyst's page shows Camden's paperwork; the API its records and datasets.
        ("analyst", "/intel/partner-data/", ["Pactcamdenia", "Mapcamdenia", "Setcamdenia", "Runcamdenia"]),
        ("analyst", "/api/intel/partner-records", ["Partcamdenia"]),
        ("partner", "/api/intel/partner-datasets", ["Setcamdenia"]),
        # A district-bound viewer sees their own district's partner rows, targets and baselines.
        ("eastherts", "/api/intel/partner-records", ["Parteastia"]),
        ("stevenage", "/api/intel/partner-records", ["Partstevia"]),
        ("eastherts", "/api/intel/partner-datasets", ["Sethertsia"]),
        ("eastherts", "/api/intel/targets", ["Targeastia", "Baseeastia"]),
        ("analyst", "/api/intel/targets", ["Targcamdenia", "Basecamdenia"]),
        ("analyst", "/api/intel/taskings", ["Taskcamdenia"]),
        ("analyst", "/api/intel/import-runs", ["Crimeruncamdenia"]),
        ("admin", "/admin/outbox/message/", ["Outboxmarkia"]),
    ],
)
def test_entitled_personas_do_see_the_newer_marked_records(username, url, markers, world, db):
    """The same guard for partner data, targets, baselines, taskings, import runs and the outbox."""
    text = _seen(username, url)
    assert [m for m in markers if m not in text] == []
    record = next(r for r in world if markers[0] in r.markers)
    assert username in record.entitled | record.administrators


def test_counts_exclude_what_a_persona_may_not_see(world, db):
    """Partnership-wide people count for both; of the marked ones, each counts only their own."""
    people = by_model(world)["core.person"]
    counts = {u: person_client(u).get("/api/people").json()["count"] for u in ("handler", "idva", "asb")}
    marked = {u: sum(u in r.entitled for r in people) for u in counts}
    assert counts["idva"] - counts["asb"] == marked["idva"] - marked["asb"] == 1
    assert counts["handler"] - counts["asb"] == marked["handler"] - marked["asb"] == 1
