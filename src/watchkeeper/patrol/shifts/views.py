"""Patrol pages: the shifts list, a shift (tasks, missed tasks, visits, log check), the officer's
phone page (tonight's tasks in order, positions sent by the page's script), and the council
manager's forms: open a night's shift, put an officer on it, plan its tasks. Each form posts
through the same schema and service as the API, then returns to the page."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from watchkeeper.core.access import allowed, get_visible_or_404
from watchkeeper.core.input import parse
from watchkeeper.core.web import actor_of, page
from watchkeeper.patrol.contract.models import Contract
from watchkeeper.patrol.officers.models import Officer
from watchkeeper.patrol.officers.queries import usable_powers
from watchkeeper.patrol.proof.models import LogEntry, Visit
from watchkeeper.patrol.proof.services import verify_log
from watchkeeper.patrol.schemas import PlanIn, RosterIn, ShiftIn
from watchkeeper.patrol.shifts import queries, services
from watchkeeper.patrol.shifts.models import Shift
from watchkeeper.patrol.tasking.services import plan_shift


@page("patrol.view")
def home(request):
    shifts = Shift.objects.visible_to(request.user).select_related("contract")[:60]
    manage = allowed(request.user, "patrol.manage")
    context = {
        "shifts": shifts,
        "can_record": allowed(request.user, "patrol.record"),
        "can_report": allowed(request.user, "patrol.report"),
        "contracts": Contract.objects.visible_to(request.user) if manage else None,
        "tonight": timezone.localdate(),
    }
    return render(request, "patrol/home.html", context)


@page("patrol.view")
def shift_detail(request, pk: int):
    shift = queries.shift_for(request.user, pk)
    tasks = queries.task_rows(shift)
    context = {
        "shift": shift,
        "tasks": tasks,
        "missed": [t for t in tasks if t["status"] == "missed"],
        "visits": Visit.objects.filter(shift=shift).select_related("officer"),
        "log": LogEntry.objects.filter(shift=shift).order_by("seq"),
        "broken": verify_log(shift),
        "manage": allowed(request.user, "patrol.manage"),
        "rostered": shift.roster.select_related("officer"),
        "officers": Officer.objects.visible_to(request.user).filter(contract=shift.contract, active=True),
    }
    return render(request, "patrol/shift.html", context)


@page("patrol.record")
def my_shift(request):
    officer = get_visible_or_404(
        Officer,
        request.user,
        "You are not registered as an officer on a patrol contract.",
        user=request.user,
        active=True,
    )
    now = timezone.now()
    shift = (
        Shift.objects.filter(contract=officer.contract, ends_at__gt=now, roster__officer=officer)
        .order_by("starts_at")
        .first()
    )
    tasks = [t for t in queries.task_rows(shift) if t["status"] != "attended"] if shift else []
    team = shift.roster.filter(officer=officer).values_list("team", flat=True).first() if shift else None
    from watchkeeper.control.models import IncidentCategory

    powers = usable_powers(officer, timezone.localdate(now))
    context = {
        "officer": officer,
        "shift": shift,
        # The recording forms (and position sending) only while the shift is on: before it starts
        # they could only be refused, after typing the notes.
        "on_now": bool(shift and shift.starts_at <= now < shift.ends_at),
        "tasks": [t for t in tasks if t["team"] == team],
        "powers": powers,
        "notice_powers": [p for p in powers if p.issues_notice],
        # The recording forms of the other powers, each only to an officer holding it today.
        "held": {p.code for p in powers},
        "categories": IncidentCategory.objects.filter(active=True, group__in=["asb", "crime"]).order_by("label"),
    }
    return render(request, "patrol/my_shift.html", context)


@require_POST
@page("patrol.manage")
def open_shift(request):
    body = parse(ShiftIn, request.POST)
    contract = get_visible_or_404(
        Contract, request.user, f"No contract {body.contract} that you can see.", pk=body.contract
    )
    shift = services.open_shift(actor_of(request), contract, body.service_date, body.seed)
    messages.success(request, f"Shift of {shift.service_date} opened.")
    return redirect("patrol:shift", shift.pk)


# The shift is looked up before the method is checked (a GET goes back to its page), so a shift
# the user may not see answers 404 whatever the method, never a 405 that confirms it exists.
def _shift_form(request, pk: int, schema, act):
    """A manager's form on a shift's page: `act(shift, body)` writes and answers the message to show;
    then back to the shift's page."""
    shift = queries.shift_for(request.user, pk)
    if request.method == "POST":
        messages.success(request, act(shift, parse(schema, request.POST)))
    return redirect("patrol:shift", shift.pk)


@page("patrol.manage")
def roster(request, pk: int):
    def act(shift, body):
        officer = get_visible_or_404(
            Officer, request.user, f"No officer {body.officer} that you can see.", pk=body.officer
        )
        services.roster(actor_of(request), shift, officer, body.team)
        return f"{officer} is on the shift ({body.team})."

    return _shift_form(request, pk, RosterIn, act)


@page("patrol.manage")
def plan(request, pk: int):
    def act(shift, body):
        return f"{len(plan_shift(actor_of(request), shift, body.hotspots))} tasks planned."

    return _shift_form(request, pk, PlanIn, act)
