"""The command line's one post: read the line (commands/rules.py), find the incident, and hand it to
the same action the incident page's forms use (control/views.py `_perform`), so every command is
checked, validated, logged and audited exactly as the form would be. Post-redirect-get: a success or
a refusal is a message on the page the command came from."""

from __future__ import annotations

from django.contrib import messages
from django.http import QueryDict
from django.shortcuts import redirect, render

from watchkeeper.control import services, views
from watchkeeper.control.commands import rules
from watchkeeper.control.commands.forms import CommandForm
from watchkeeper.control.models import ClosingCode, Incident, Unit
from watchkeeper.control.services.common import Refused, active_grades
from watchkeeper.core.access import allowed
from watchkeeper.core.web import actor_of, page

# The incident page's action each verb becomes (the permission is the one that action needs).
ACTION = {"grade": "grade", "despatch": "assign", "send": "assign-many", "close": "close", "note": "note"}


@page("incident.view")
def command(request):
    if request.method != "POST":
        return redirect("control:board")
    form = CommandForm(request.POST)
    if not form.is_valid():
        return render(request, "control/command_refused.html", {"form": form}, status=400)
    line, incident_id = form.cleaned_data["line"], form.cleaned_data["incident"]
    back = ("control:incident", incident_id) if incident_id else ("control:board",)
    try:
        parsed = rules.parse(line)
        found = _incident(request, parsed, incident_id)
        back = ("control:incident", found.pk)
        action, fields = _translate(request.user, found, parsed, form.cleaned_data["confirm"])
        if not allowed(request.user, views.ACTIONS[action], found):
            return views.incident(request, found.pk, error="Your role does not allow that.", status=403)
        views._perform(actor_of(request), request.user, found, action, fields)
    except rules.CommandError as exc:
        messages.error(request, f"{line}: {exc}")
        return redirect(*back)
    except Refused as exc:  # nothing was written: the reason is shown where the command was typed
        messages.error(request, f"{line}: {exc.message}")
        return redirect(*back)
    messages.success(request, f"{found.reference}: {line} done.")
    return redirect(*back)


def _incident(request, parsed: rules.Command, incident_id: int | None) -> Incident:
    """The incident named on the line (the newest open one with that number), else the page's own."""
    if parsed.reference:
        visible = Incident.objects.visible_to(request.user).filter(status=Incident.Status.OPEN)
        if "/" in parsed.reference:
            visible = visible.filter(reference=parsed.reference)
        else:
            visible = visible.filter(reference__startswith=parsed.reference + "/")
        found = visible.order_by("-received_at", "-pk").first()
        if found is None:
            raise services.NotFound(f"No open incident {parsed.reference} that you can see.")
        return views._visible_incident(request, found.pk)
    if incident_id is None:
        raise rules.CommandError("Start with the incident's number on the board: 0042 D.")
    return views._visible_incident(request, incident_id)


def _translate(user, found: Incident, parsed: rules.Command, confirm: bool) -> tuple[str, QueryDict]:
    """The incident page's action and form fields this command stands for."""
    fields = QueryDict(mutable=True)
    if parsed.verb == "grade":
        grades = list(active_grades())
        code = rules.resolve_grade(parsed, [(g.code, g.rank) for g in grades])
        if code is None:
            raise services.Invalid(f"No grade {parsed.grade}: the grades are {', '.join(g.code for g in grades)}.")
        text = parsed.text
        if not text:
            suggestion = services.grading.suggestion_for(found, grades)
            if suggestion is None or suggestion.code != code:
                raise services.Invalid(f"Say why after the grade: G {code} <rationale>.")
            text = "Suggested grade accepted (" + "; ".join(suggestion.reasons) + ")."
        fields.update({"grade": code, "rationale": text})
        if found.grade_id:
            fields["reason"] = text
    elif parsed.verb == "despatch":
        offered = [r for r in services.recommendations(user, found) if r.available and r.suitable]
        if len(offered) < parsed.index:
            raise services.Invalid(f"Only {len(offered)} suitable unit(s) available: see the list, or S <call sign>.")
        fields["unit"] = str(offered[parsed.index - 1].unit_id)
    elif parsed.verb == "send":
        units = {u.call_sign.upper(): u for u in Unit.objects.visible_to(user).filter(call_sign__in=parsed.call_signs)}
        missing = [c for c in parsed.call_signs if c not in units]
        if missing:
            raise services.NotFound(f"No unit {', '.join(missing)}.")
        fields.setlist("units", [str(units[c].pk) for c in parsed.call_signs])
    elif parsed.verb == "close":
        codes = list(ClosingCode.objects.filter(active=True).values_list("code", flat=True))
        code = rules.resolve_code(parsed.code, codes)
        if code is None:
            raise services.Invalid(f"No single closing code starts {parsed.code!r}: the codes are {', '.join(codes)}.")
        if not confirm:
            raise services.Invalid(f"Closing {found.reference} needs confirming: press Enter again on the same line.")
        fields.update({"closing_code": code, "result": parsed.text, "confirm": "yes"})
    else:
        fields["text"] = parsed.text
    return ACTION[parsed.verb], fields
