"""Demo traffic: a short seeded run creates calls, despatches and moves units, and leaves every
incident with a complete timeline, all through the services (audit included)."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from watchkeeper.control.models import Incident, Unit, UnitStatusChange
from watchkeeper.control.simulate import TAG
from watchkeeper.core.models import AuditEntry

pytestmark = pytest.mark.django_db

RUN = ["--rate", "900", "--duration", "1", "--speed", "20000", "--drain", "30", "--seed", "11"]


def simulated():
    return Incident.objects.filter(description__startswith=TAG)


def test_a_short_seeded_run_lives_through_whole_incidents(capsys):
    audit_before = AuditEntry.objects.count()
    call_command("simulate", *RUN)
    output = capsys.readouterr().out
    incidents = list(simulated().order_by("pk"))
    assert len(incidents) >= 5, output
    assert all(i.status == Incident.Status.CLOSED and i.grade_id for i in incidents), output
    attended = [i for i in incidents if i.grade.attend]
    assert attended
    for incident in attended:
        kinds = list(incident.events.order_by("at", "pk").values_list("kind", flat=True))
        statuses = list(incident.events.filter(kind="unit_status").values_list("payload__status", flat=True))
        assert kinds[:2] == ["created", "graded"] and kinds[-1] == "closed", kinds
        assert "assigned" in kinds
        assert {"at_scene", "cleared"} <= set(statuses), statuses
        assignment = incident.assignments.get()
        assert assignment.arrived_at and assignment.cleared_at
    moves = UnitStatusChange.objects.filter(incident__in=attended, lat__isnull=False)
    assert moves.filter(status_to=Unit.Status.EN_ROUTE).exists() and moves.filter(status_to=Unit.Status.AT_SCENE)
    assert not Unit.objects.filter(status__in=[Unit.Status.EN_ROUTE, Unit.Status.AT_SCENE]).exists()
    assert AuditEntry.objects.count() > audit_before + len(incidents) * 3
    assert f"{len(incidents)} incidents created" in output


def test_the_same_seed_makes_the_same_calls(capsys):
    call_command("simulate", *RUN)
    first = list(simulated().order_by("pk").values_list("category__code", "location_text", "grade__code"))
    Incident.objects.filter(description__startswith=TAG).update(description="earlier run")
    call_command("simulate", *RUN)
    again = list(simulated().order_by("pk").values_list("category__code", "location_text", "grade__code"))
    assert first == again and first


def test_bad_options_are_refused():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="rate"):
        call_command("simulate", "--rate", "0")
    with pytest.raises(CommandError, match="must be an active user"):
        call_command("simulate", "--as", "partner", "--duration", "1")


class _DjangoHttp:
    """ApiOps' HTTP client, answered by Django's test client (the same API views a server runs)."""

    def __init__(self, headers: dict):
        from django.test import Client

        self.client, self.headers = Client(), headers

    def request(self, method: str, path: str, json=None):
        import json as _json

        if method == "GET":
            return _Answer(self.client.get(path, **self.headers))
        return _Answer(self.client.post(path, _json.dumps(json), content_type="application/json", **self.headers))


class _Answer:
    def __init__(self, response):
        self.status_code, self.headers, self._response = response.status_code, response.headers, response

    def json(self):
        return self._response.json()


def test_a_run_through_the_api_as_an_integration(token_for):
    from watchkeeper.control.simulate import Simulation
    from watchkeeper.control.simulate_ops import ApiOps
    from watchkeeper.core.models import Partnership

    camden = Partnership.objects.get(slug="safer-camden")
    ops = ApiOps("http://testserver", "unused", camden.slug, client=_DjangoHttp(token_for("dispatcher")))
    audit_before = AuditEntry.objects.filter(actor__username="dispatcher").count()
    report = Simulation(None, camden, rate=900, speed=20000, seed=11, ops=ops).run(1, 30)
    incidents = list(simulated())
    assert report.created == len(incidents) >= 5 and report.closed == report.created, report
    assert all(i.status == Incident.Status.CLOSED for i in incidents)
    assert report.despatched and report.arrived
    assert AuditEntry.objects.filter(actor__username="dispatcher").count() > audit_before + len(incidents) * 3
