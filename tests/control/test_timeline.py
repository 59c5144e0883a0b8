"""The typed timeline (issue 10 item 3): one payload type per event kind, built by one constructor
that the services, the CAD importer and the demo history share; response-time exclusions read back
from LINKED and CANCELLED events and from closing codes, so an imported call closed as a duplicate
or cancelled is left out of the figures as a live one is."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core.management import call_command

from watchkeeper.control import timeline
from watchkeeper.control.models import Incident, IncidentEvent

K = IncidentEvent.Kind
AT = datetime(2025, 8, 24, 4, 30, tzinfo=UTC)

HEADER = (
    "Master_Incident_Number,Agency,Problem,Priority_Number,Call_Reception,Incident_Start_Time,"
    "Incident_Queue_Time,Incident_Dispatch_Time,Incident_Enroute_Time,Incident_Arrival_Time,"
    "Incident_First_Close_Time,Final_Closed_Time,Disposition\n"
)


def call(number: str, arrival: str, disposition: str) -> str:
    # Priority 2 maps to the Met's I (Immediate); the clock starts at Incident_Start_Time (00:30).
    return (
        f"H-{number},POLICE,DISORDERLY CONDUCT,2,E-911,2025-08-24 00:30:00,2025-08-24 00:31:00,"
        f"2025-08-24 00:32:00,2025-08-24 00:33:00,2025-08-24 {arrival},NULL,2025-08-24 01:30:00,{disposition}\n"
    )


# --- pure: the payload types --------------------------------------------------------------------


def test_every_event_kind_has_exactly_one_payload_type():
    assert set(timeline.PAYLOADS) == set(K.values)
    assert all(cls.kind == kind for kind, cls in timeline.PAYLOADS.items())


def test_a_payload_refuses_an_unknown_or_missing_field():
    with pytest.raises(TypeError, match="clossing_code"):
        timeline.payload(K.CLOSED, clossing_code="duplicate")
    with pytest.raises(TypeError, match="grade_id"):
        timeline.payload(K.GRADED, grade="I")


def test_the_constructor_leaves_unsaid_fields_out_of_the_stored_payload():
    made = timeline.build(None, K.GRADED, AT, None, "system", grade="I", grade_id=3, rationale="Suggested")
    assert made.payload == {"grade": "I", "grade_id": 3, "rationale": "Suggested"}
    assert (made.kind, made.at, made.actor_label) == (K.GRADED, AT, "system")


@pytest.mark.parametrize(
    ("kind", "data", "why"),
    [
        (K.LINKED, {"master": 7, "master_reference": "0001/24AUG"}, "duplicate"),
        (K.LINKED, {"duplicate": 8, "duplicate_reference": "0002/24AUG"}, ""),  # the master stays in
        (K.CANCELLED, {"reason": "caller rang back"}, "cancelled"),
        (K.CLOSED, {"closing_code": "duplicate"}, "duplicate"),
        (K.CLOSED, {"closing_code": "cancelled"}, "cancelled"),
        (K.CLOSED, {"closing_code": "advice-given"}, ""),
        (K.UNIT_STATUS, {"status": "at_scene"}, ""),
    ],
)
def test_which_events_leave_an_incident_out_of_the_figures(kind, data, why):
    assert timeline.exclusion(kind, data) == why


# --- through the importer and the API -------------------------------------------------------------


@pytest.mark.django_db
def test_imported_cancelled_and_duplicate_calls_are_left_out_of_response_times(tmp_path, client, token_for):
    """Hand-worked: three Immediate calls received 00:30, arriving after 10, 20 and 30 minutes. The
    second was cancelled (CN), the third a duplicate (DUPPD). Before the fix all three counted: mean
    20 minutes. Now one counts, mean 10 minutes, and the other two are reported as left out."""
    path = tmp_path / "week.csv"
    path.write_text(
        HEADER
        + call("1", "00:40:00", "NR-No Report")
        + call("2", "00:50:00", "CN-Cancelled")
        + call("3", "01:00:00", "DUPPD-Duplicate")
    )
    call_command("import_incidents", str(path), "--profile", "us-ecc-weekly")
    codes = dict(Incident.objects.filter(source="us-ecc").values_list("external_id", "closing_code__code"))
    assert codes == {"H-1": "advice-given", "H-2": "cancelled", "H-3": "duplicate"}
    # Every event the importer wrote has the payload shape of its kind.
    for kind, data in IncidentEvent.objects.filter(incident__source="us-ecc").values_list("kind", "payload"):
        assert data.pop("imported") is True
        timeline.payload(kind, **data)

    window = {"start": "2025-08-24T00:00:00+00:00", "end": "2025-08-25T00:00:00+00:00"}
    figures = client.get("/api/kpis/response", window, **token_for("duty")).json()
    assert figures["incidents"] == 1
    assert figures["excluded"] == {"duplicate": 1, "cancelled": 1}
    immediate = figures["immediate"]
    assert (immediate["incidents"], immediate["attended"]) == (1, 1)
    assert immediate["mean_minutes"] == 10.0 and immediate["median_minutes"] == 10.0
