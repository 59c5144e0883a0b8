"""The field officer's phone page: the unit's incident (grade, street, route), its status with the
current one highlighted, acknowledge / arrive / clear (a result when clearing from the scene).
The page refreshes its live part itself (my_unit.js polls the same page)."""

from __future__ import annotations

from django import forms
from django.shortcuts import redirect, render

from watchkeeper.control.models import Unit
from watchkeeper.control.services import field
from watchkeeper.control.services.common import Refused
from watchkeeper.core.web import actor_of, page


class FieldStatusForm(forms.Form):
    status = forms.ChoiceField(choices=Unit.Status.choices)
    result = forms.CharField(required=False, max_length=2000)
    lat = forms.FloatField(required=False, min_value=-90, max_value=90)
    lon = forms.FloatField(required=False, min_value=-180, max_value=180)


@page("unit.status")
def my_unit(request):
    """The field officer's page (mobile): change my unit's status, see my assigned incident."""
    unit = Unit.objects.visible_to(request.user).filter(officer=request.user).first()
    error, status = "", 200
    if unit is not None and request.method == "POST":
        posted = FieldStatusForm(request.POST)
        if not posted.is_valid():
            error, status = "; ".join(f"{k}: {' '.join(v)}" for k, v in posted.errors.items()), 400
        else:
            data = posted.cleaned_data
            try:
                field.field_status(actor_of(request), unit, data["status"], data["result"], data["lat"], data["lon"])
                return redirect("control:my_unit")
            except Refused as exc:
                error, status = exc.message, exc.status
        unit.refresh_from_db()
    assignment = (
        unit.assignments.filter(cleared_at__isnull=True)
        .select_related("incident__category", "incident__grade", "incident__ward", "incident__place")
        .first()
        if unit
        else None
    )
    arrived = assignment is not None and assignment.arrived_at is not None
    return render(
        request,
        "control/my_unit.html",
        {
            "unit": unit,
            "assignment": assignment,
            "incident": assignment.incident if assignment else None,
            "statuses": Unit.Status.choices,
            "error": error,
            "result_needed": arrived,
            "result": request.POST.get("result", "") if request.method == "POST" else "",
        },
        status=status,
    )
