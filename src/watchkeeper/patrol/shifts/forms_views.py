"""The council manager's forms on the patrol pages: open a night's shift, put an officer on it,
plan its tasks. Each posts through the same schema and service as the API, then returns to the page."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from watchkeeper.core.errors import NotFound
from watchkeeper.core.input import parse
from watchkeeper.core.web import actor_of, page
from watchkeeper.patrol.contract.models import Contract
from watchkeeper.patrol.officers.models import Officer
from watchkeeper.patrol.schemas import PlanIn, RosterIn, ShiftIn
from watchkeeper.patrol.shifts import queries, services
from watchkeeper.patrol.tasking.services import plan_shift


@require_POST
@page("patrol.manage")
def open_shift(request):
    body = parse(ShiftIn, request.POST)
    contract = Contract.objects.visible_to(request.user).filter(pk=body.contract).first()
    if contract is None:
        raise NotFound(f"No contract {body.contract} that you can see.")
    shift = services.open_shift(actor_of(request), contract, body.service_date, body.seed)
    messages.success(request, f"Shift of {shift.service_date} opened.")
    return redirect("patrol:shift", shift.pk)


# The shift is looked up before the method is checked (a GET goes back to its page), so a shift
# the user may not see answers 404 whatever the method, never a 405 that confirms it exists.
@page("patrol.manage")
def roster(request, pk: int):
    shift = queries.shift_for(request.user, pk)
    if request.method != "POST":
        return redirect("patrol:shift", shift.pk)
    body = parse(RosterIn, request.POST)
    officer = Officer.objects.visible_to(request.user).filter(pk=body.officer).first()
    if officer is None:
        raise NotFound(f"No officer {body.officer} that you can see.")
    services.roster(actor_of(request), shift, officer, body.team)
    messages.success(request, f"{officer} is on the shift ({body.team}).")
    return redirect("patrol:shift", shift.pk)


@page("patrol.manage")
def plan(request, pk: int):
    shift = queries.shift_for(request.user, pk)
    if request.method != "POST":
        return redirect("patrol:shift", shift.pk)
    body = parse(PlanIn, request.POST)
    tasks = plan_shift(actor_of(request), shift, body.hotspots)
    messages.success(request, f"{len(tasks)} tasks planned.")
    return redirect("patrol:shift", shift.pk)
