"""The STORM-style command line (issue 11): the grammar read by hand-worked lines, and a dispatcher
and a duty officer grading, despatching, sending and closing from the board and the incident page,
each command checked in the database, on the timeline and in the audit trail."""

from __future__ import annotations

import pytest

from tests.control.cad import new_incident
from watchkeeper.control.commands import rules
from watchkeeper.control.models import Assignment, Incident, IncidentEvent, Unit
from watchkeeper.core.models import AuditEntry

# --- the grammar (pure) ---------------------------------------------------------------------------


def test_lines_read_as_commands():
    assert rules.parse("G1") == rules.Command("grade", grade="1", rank=1)
    assert rules.parse("g i fight in the street") == rules.Command("grade", grade="I", text="fight in the street")
    assert rules.parse("D") == rules.Command("despatch")
    assert rules.parse("d2") == rules.Command("despatch", index=2)
    assert rules.parse("0042 D") == rules.Command("despatch", reference="0042")
    assert rules.parse("42/22nov d") == rules.Command("despatch", reference="0042/22NOV")
    assert rules.parse("S ek11 EK12 ek11") == rules.Command("send", call_signs=("EK11", "EK12"))
    assert rules.parse("C no-t Area searched") == rules.Command("close", code="no-t", text="Area searched")
    assert rules.parse("N Caller rang back") == rules.Command("note", text="Caller rang back")


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("", "Type a command"),
        ("X 12", "Unknown command"),
        ("G", "Say which grade"),
        ("D EK11", "S EK11"),
        ("S", "Name the unit"),
        ("C advice-given", "closing code and the result"),
        ("N", "Write the note"),
        ("?", "Help is shown"),
    ],
)
def test_lines_that_cannot_be_read_say_what_is_expected(line, says):
    with pytest.raises(rules.CommandError, match=says):
        rules.parse(line)


def test_grades_and_closing_codes_resolve_only_when_unambiguous():
    met = [("I", 1), ("S", 2), ("E", 3), ("R", 4)]
    numbered = [("1", 1), ("2", 2), ("3", 3)]
    assert rules.resolve_grade(rules.parse("G1"), met) == "I"  # a rank in a lettered set
    assert rules.resolve_grade(rules.parse("G S"), met) == "S"
    assert rules.resolve_grade(rules.parse("G2"), numbered) == "2"  # a code in a numbered set
    assert rules.resolve_grade(rules.parse("G X"), met) is None
    codes = ["no-trace", "no-incident", "advice-given"]
    assert rules.resolve_code("no-t", codes) == "no-trace"
    assert rules.resolve_code("no", codes) is None  # two codes begin so: never a guess
    assert rules.resolve_code("ADVICE-GIVEN", codes) == "advice-given"


# --- the stories (database, timeline, audit) -------------------------------------------------------


def _number(reference: str) -> str:
    return reference.split("/")[0]


@pytest.mark.django_db
def test_dispatcher_grades_and_despatches_from_the_board_by_command(as_user):
    created = new_incident(category="violence", caller_phone="07700 900 871")
    dispatcher = as_user("dispatcher")
    board = dispatcher.get("/control/")
    assert b'data-testid="command-line"' in board.content and b"autofocus" in board.content
    graded = dispatcher.post("/control/command/", {"line": f"{_number(created['reference'])} G1"})
    incident = Incident.objects.get(pk=created["id"])
    assert graded.status_code == 302 and graded.url == f"/control/incidents/{incident.pk}/"
    assert incident.grade.code == "I"  # the suggestion, so no rationale was needed
    graded_event = IncidentEvent.objects.get(incident=incident, kind=IncidentEvent.Kind.GRADED)
    assert graded_event.actor.username == "dispatcher"
    page = dispatcher.get(f"/control/incidents/{incident.pk}/")
    suitable = page.content.decode().split('data-testid="suitable"')[1].split("</table>")[0]
    top = suitable.split("Send ")[1].split("</button>")[0]  # the first Send offered
    sent = dispatcher.post("/control/command/", {"line": f"{_number(created['reference'])} D"}, follow=True)
    assert sent.redirect_chain == [(f"/control/incidents/{incident.pk}/", 302)]
    assignment = Assignment.objects.get(incident=incident)
    assert assignment.unit.call_sign == top
    assert IncidentEvent.objects.filter(incident=incident, kind=IncidentEvent.Kind.ASSIGNED).exists()
    assert AuditEntry.objects.filter(summary__icontains=incident.reference, actor__username="dispatcher").exists()
    assert f"{incident.reference}: {_number(created['reference'])} D done." in sent.content.decode()


@pytest.mark.django_db
def test_send_by_call_sign_from_the_incident_page_and_refusals_write_nothing(as_user):
    created = new_incident(category="violence", caller_phone="07700 900 872")
    dispatcher = as_user("dispatcher")
    page = f"/control/incidents/{created['id']}/"
    html = dispatcher.get(page).content.decode()
    assert f'name="incident" value="{created["id"]}"' in html
    unknown = dispatcher.post("/control/command/", {"line": "S NOPE9", "incident": created["id"]}, follow=True)
    assert unknown.redirect_chain == [(page, 302)] and "No unit NOPE9" in unknown.content.decode()
    no_reason = dispatcher.post("/control/command/", {"line": "G S", "incident": created["id"]}, follow=True)
    assert "Say why after the grade" in no_reason.content.decode()
    assert not Assignment.objects.filter(incident_id=created["id"]).exists()
    assert Incident.objects.get(pk=created["id"]).grade_id is None
    units = Unit.objects.filter(call_sign__in=["EK11", "EK12"], status="available")
    assert units.count() == 2
    sent = dispatcher.post("/control/command/", {"line": "S EK11 EK12", "incident": created["id"]})
    assert sent.status_code == 302
    assert set(Assignment.objects.filter(incident_id=created["id"]).values_list("unit__call_sign", flat=True)) == {
        "EK11",
        "EK12",
    }
    notes = IncidentEvent.objects.filter(incident_id=created["id"], kind=IncidentEvent.Kind.NOTE)
    assert any("before the call was graded" in n.payload["text"] for n in notes)


@pytest.mark.django_db
def test_close_by_command_needs_confirming_and_a_handler_may_not_despatch(as_user):
    created = new_incident(category="asb-nuisance", caller_phone="07700 900 873")
    duty = as_user("duty")
    page = f"/control/incidents/{created['id']}/"
    line = {"line": "C advice Words of advice given by phone", "incident": created["id"]}
    unconfirmed = duty.post("/control/command/", line, follow=True)
    assert "needs confirming" in unconfirmed.content.decode()
    assert Incident.objects.get(pk=created["id"]).status == "open"
    closed = duty.post("/control/command/", {**line, "confirm": "on"}, follow=True)
    assert closed.redirect_chain == [(page, 302)]
    incident = Incident.objects.get(pk=created["id"])
    assert incident.status == "closed" and incident.closing_code.code == "advice-given"
    assert incident.result == "Words of advice given by phone"
    other = new_incident(category="asb-nuisance", caller_phone="07700 900 874")
    refused = as_user("handler").post("/control/command/", {"line": "D", "incident": other["id"]})
    assert refused.status_code == 403 and not Assignment.objects.filter(incident_id=other["id"]).exists()
    too_long = duty.post("/control/command/", {"line": "N " + "x" * 700, "incident": other["id"]})
    assert too_long.status_code == 400
    on_board = duty.post("/control/command/", {"line": "D"}, follow=True)
    assert "Start with the incident" in on_board.content.decode()


@pytest.mark.django_db
def test_a_command_never_reaches_an_incident_the_dispatcher_may_not_see(as_user):
    """A Hertfordshire incident, named by id or by its number, is not found for Camden's dispatcher."""
    from tests.call.test_herts_partnership import STEVENAGE_CENTRE
    from tests.control.cad import api, post

    body = {"partnership": "herts-cctv", "channel": "999", "category": "violence", "grade": "I"}
    made = post(
        api("herts-dispatcher"), "/api/incidents", {**body, "lat": STEVENAGE_CENTRE[0], "lon": STEVENAGE_CENTRE[1]}
    )
    assert made.status_code == 201, made.content
    herts = made.json()
    dispatcher = as_user("dispatcher")
    by_id = dispatcher.post("/control/command/", {"line": "N probe", "incident": herts["id"]})
    assert by_id.status_code == 404
    number = herts["reference"].split("/")[0]
    Incident.objects.filter(partnership__slug="safer-camden", reference__startswith=number + "/").update(
        status="closed"
    )  # so the number names no Camden incident either
    by_number = dispatcher.post("/control/command/", {"line": f"{number} D"}, follow=True)
    assert f"No open incident {number} that you can see" in by_number.content.decode()
    assert not Assignment.objects.filter(incident_id=herts["id"]).exists()
    assert not IncidentEvent.objects.filter(incident_id=herts["id"], kind=IncidentEvent.Kind.NOTE).exists()
