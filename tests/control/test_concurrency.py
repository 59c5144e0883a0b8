"""Concurrent intake never shares a reference number, and two dispatchers sending the same unit at
once: exactly one succeeds, the other gets a 409. Real threads and real connections, on whichever
database the suite runs on PostgreSQL; on SQLite through two real server processes on a file
database (the in-memory test database cannot be shared between threads)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from watchkeeper.control import services
from watchkeeper.control.models import Assignment, Incident, IncidentEvent, Unit
from watchkeeper.core.audit import Actor
from watchkeeper.core.models import Partnership, User


def _in_threads(n: int, work) -> list:
    barrier = threading.Barrier(n)
    results: list = [None] * n

    def run(i: int):
        try:
            barrier.wait(timeout=30)
            results[i] = work(i)
        except Exception as exc:  # noqa: BLE001 - the test inspects what each thread got
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


@pytest.fixture
def committed(db):
    """Threads commit on their own connections (the test's transaction cannot hold their writes), so
    whatever they created is removed again afterwards, on a connection of its own."""
    if connection.vendor == "sqlite":
        pytest.skip("in-memory SQLite cannot be shared between threads: test_*_over_http covers SQLite")
    from watchkeeper.control import models as m

    tables = [m.Assignment, m.UnitStatusChange, m.IncidentEvent, m.SupervisionReview, m.Incident]
    marks = {model: model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0 for model in tables}
    statuses = dict(Unit.objects.values_list("pk", "status"))
    yield

    def clean(_):
        for model in tables:
            model.objects.filter(pk__gt=marks[model]).delete()  # queryset delete: test cleanup only
        m.DailyCounter.objects.all().delete()
        for pk, status in statuses.items():
            Unit.objects.filter(pk=pk).update(status=status)

    assert _in_threads(1, clean) == [None]


def test_concurrent_intake_gives_unique_consecutive_references(committed):
    def take_call(i: int):
        handler = User.objects.get(username="handler")
        camden = Partnership.objects.get(slug="safer-camden")
        return services.create_incident(
            Actor(handler, "test"),
            camden,
            channel="999",
            category="theft",
            lat=51.5392,
            lon=-0.1426,
            description=f"call {i}",
        ).reference

    results = _in_threads(8, take_call)
    assert all(isinstance(r, str) for r in results), results
    assert len(set(results)) == 8
    numbers = sorted(int(r.split("/")[0]) for r in results)
    assert numbers == list(range(numbers[0], numbers[0] + 8))
    assert _in_threads(1, lambda _: Incident.objects.filter(reference__in=results).count()) == [8]


def test_two_dispatchers_same_unit_exactly_one_wins(committed):
    def setup(_):
        handler = User.objects.get(username="handler")
        camden = Partnership.objects.get(slug="safer-camden")
        return [
            services.create_incident(
                Actor(handler, "t"), camden, channel="999", category="theft", lat=51.5392, lon=-0.1426
            )
            for _ in range(2)
        ]

    [incidents] = _in_threads(1, setup)
    unit = Unit.objects.get(call_sign="EK11")

    def send(i: int):
        who = User.objects.get(username=("dispatcher", "duty")[i])
        return services.assign_unit(Actor(who, "t"), incidents[i], unit)

    results = _in_threads(2, send)
    wins = [r for r in results if isinstance(r, Assignment)]
    conflicts = [r for r in results if isinstance(r, services.Conflict)]
    assert len(wins) == 1 and len(conflicts) == 1, results
    assert "EK11 is en route, not available" in conflicts[0].message

    def state(_):
        return (
            Assignment.objects.filter(unit=unit, cleared_at__isnull=True).count(),
            IncidentEvent.objects.filter(kind="assigned", incident__in=incidents).count(),
            Unit.objects.get(pk=unit.pk).status,
        )

    assert _in_threads(1, state) == [(1, 1, "en_route")]


def _post(url: str, token: str, body: dict) -> tuple[int, dict]:
    import json
    import urllib.error
    import urllib.request

    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


@pytest.mark.server
def test_sqlite_references_and_double_despatch_over_http(tmp_path):
    from tests.support.servers import DemoSite

    site = DemoSite(tmp_path).load()
    try:
        token = site.command("issue_token", "dispatcher").stdout.strip()
        url = site.serve(workers=2)
        body = {"partnership": "safer-camden", "channel": "999", "category": "theft", "lat": 51.5392, "lon": -0.1426}
        created = _in_threads(10, lambda i: _post(url + "/api/incidents", token, body))
        assert [status for status, _ in created] == [201] * 10, created
        references = [answer["reference"] for _, answer in created]
        assert len(set(references)) == 10
        numbers = sorted(int(r.split("/")[0]) for r in references)
        assert numbers == list(range(1, 11))

        unit = next(u for u in _get(url + "/api/units?status=available", token)["items"] if u["call_sign"] == "EK12")
        first, second = created[0][1]["id"], created[1][1]["id"]
        sent = _in_threads(
            2, lambda i: _post(f"{url}/api/incidents/{(first, second)[i]}/assignments", token, {"unit": unit["id"]})
        )
        assert sorted(status for status, _ in sent) == [201, 409], sent
        refused = next(answer for status, answer in sent if status == 409)
        assert "EK12 is en route, not available" in refused["detail"]
    finally:
        site.stop()


def _get(url: str, token: str) -> dict:
    import json
    import urllib.request

    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())
