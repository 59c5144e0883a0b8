"""The coverage page and the road closures page."""

import json
from datetime import datetime

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from watchkeeper.control.coverage.services import available_units, immediate_minutes
from watchkeeper.core import roads
from watchkeeper.core.models import RoadClosure
from watchkeeper.core.web import actor_of, page


@page("unit.view")
def coverage_page(request):
    return render(
        request,
        "control/coverage.html",
        {"minutes": immediate_minutes(), "units": len(available_units(request.user))},
    )


# -- closures ------------------------------------------------------------------------------------


def _when(text: str) -> datetime | None:
    from django.utils import timezone
    from django.utils.dateparse import parse_datetime

    if not text:
        return None
    value = parse_datetime(text)
    if value is None:
        raise ValidationError(f"'{text}' is not a date and time (YYYY-MM-DD HH:MM).")
    return timezone.make_aware(value) if timezone.is_naive(value) else value


@page("road.close")
def closures_page(request):
    error = ""
    if request.method == "POST":
        form = request.POST
        try:
            if form.get("end"):
                closure = RoadClosure.objects.filter(pk=int(form["end"])).first()
                if closure is None:
                    raise Http404("No such closure.")
                roads.end_closure(actor_of(request), closure)
            else:
                area = json.loads(form["area"]) if form.get("area", "").strip() else None
                way = int(form["way_id"]) if form.get("way_id", "").strip() else None
                roads.add_closure(
                    actor_of(request),
                    form.get("reason", ""),
                    way_id=way,
                    area=area,
                    speed_factor=float(form.get("speed_factor") or 0),
                    ends_at=_when(form.get("ends_at", "").strip()),
                )
            return redirect("coverage:closures")
        except ValidationError as exc:
            error = "; ".join(exc.messages)
        except (ValueError, TypeError) as exc:
            error = f"Check the form: {exc}"
    return render(
        request,
        "control/coverage_closures.html",
        {"closures": RoadClosure.objects.in_force()[:200], "error": error},
        status=400 if error else 200,
    )
