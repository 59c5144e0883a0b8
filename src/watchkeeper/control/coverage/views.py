"""The coverage page and the road closures page."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from watchkeeper.control.coverage.services import available_units, immediate_minutes
from watchkeeper.core import roads
from watchkeeper.core.input import MAX_ID, validate_plan_date
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


class ClosureForm(forms.Form):
    reason = forms.CharField(max_length=300)
    way_id = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    area = forms.JSONField(required=False)
    speed_factor = forms.FloatField(required=False, min_value=0, max_value=4)
    ends_at = forms.DateTimeField(required=False, validators=[lambda when: validate_plan_date(when.date())])


class EndClosureForm(forms.Form):
    end = forms.IntegerField(min_value=1, max_value=MAX_ID)


def _problems(form: forms.Form) -> str:
    return "; ".join(f"{name}: {' '.join(errors)}" for name, errors in form.errors.items())


@page("road.close")
def closures_page(request):
    error = ""
    if request.method == "POST":
        try:
            if "end" in request.POST:
                form = EndClosureForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(_problems(form))
                closure = RoadClosure.objects.filter(pk=form.cleaned_data["end"]).first()
                if closure is None:
                    raise Http404("No such closure.")
                roads.end_closure(actor_of(request), closure)
            else:
                form = ClosureForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(_problems(form))
                data = form.cleaned_data
                roads.add_closure(
                    actor_of(request),
                    data["reason"],
                    way_id=data["way_id"],
                    area=data["area"],
                    speed_factor=data["speed_factor"] or 0,
                    ends_at=data["ends_at"],
                )
            return redirect("coverage:closures")
        except ValidationError as exc:
            error = "; ".join(exc.messages)
    return render(
        request,
        "control/coverage_closures.html",
        {"closures": RoadClosure.objects.in_force()[:200], "error": error},
        status=400 if error else 200,
    )
