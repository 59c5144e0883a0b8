"""Planning pages: the week (demand, forecast, requirement), what-if, rosters; and the CSV."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from watchkeeper.core.access import get_visible_or_404
from watchkeeper.core.errors import Invalid
from watchkeeper.core.input import csv_writer
from watchkeeper.core.web import actor_of, page
from watchkeeper.planning import charts
from watchkeeper.planning.calls import services as call_services
from watchkeeper.planning.calls.models import CallImportRun
from watchkeeper.planning.calls.queries import recorded
from watchkeeper.planning.forms import CallRecordsForm, RosterForm, WhatIfForm
from watchkeeper.planning.patrols.queries import week_requirement
from watchkeeper.planning.rosters import services as roster_services
from watchkeeper.planning.rosters.models import Roster, Team
from watchkeeper.planning.scope import partnership_for
from watchkeeper.planning.staffing.models import ServiceTarget
from watchkeeper.planning.staffing.queries import recorded_abandon, week_plan
from watchkeeper.planning.whatif.queries import Change, compare

DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def _shift_label(shift: dict, weeks: int) -> str:
    when = f"{DAYS[shift['day']]} {shift['start_hour']:02d}:00"
    return f"Week {shift.get('week', 0) + 1} {when}" if weeks > 1 else when


def slot_label(slot: int) -> str:
    return f"{DAYS[slot // 96]} {slot % 96 // 4:02d}:{slot % 4 * 15:02d}"


@page("planning.view")
def overview(request):
    partnership = partnership_for(request.user, request.GET.get("partnership"))
    queue = request.GET.get("queue", "999")
    if queue not in ServiceTarget.Queue.values:
        raise Invalid(f"No queue {queue!r}: choose one of {', '.join(ServiceTarget.Queue.values)}.")
    plan = week_plan(request.user, partnership, queue=queue) if partnership else None
    context = {"partnership": partnership, "plan": plan, "queue": queue, "queues": ServiceTarget.Queue.choices}
    if plan:
        f, h = plan["forecast"], plan["history"]
        peak = int(plan["agents"].argmax())
        recorded = recorded_abandon(plan)
        context.update(
            recorded=plan["recorded"],
            abandon_chart=charts.abandonment([s.abandon for s in plan["staffing"]], recorded)
            if plan["recorded"].calls
            else None,
            demand_chart=charts.demand(h.profile.mean, f),
            requirement_chart=charts.requirement(plan["agents"].tolist(), plan["scheduled"].tolist()),
            weeks=h.weeks,
            first_week=h.first_week,
            calls_next_week=round(float(f.level[0])),
            weekday_index=[(DAYS[i], round(v, 2)) for i, v in enumerate(plan["history"].profile.weekday_index)],
            peak=slot_label(peak),
            peak_agents=int(plan["agents"][peak]),
            agent_hours=round(float(plan["agents"].sum()) / 4),
            scheduled_hours=round(float(plan["scheduled"].sum()) / 4),
            levels=[round(float(v)) for v in f.level],
        )
    return render(request, "planning/overview.html", context)


@page("planning.view")
def staffing_csv(request):
    partnership = partnership_for(request.user, request.GET.get("partnership"))
    plan = week_plan(request.user, partnership) if partnership else None
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="planning-week.csv"'
    writer = csv_writer(response)
    writer.writerow(
        [
            "slot",
            "weekday_time",
            "forecast_calls",
            "low95",
            "high95",
            "aht_seconds",
            "agents",
            "scheduled",
            "p_wait",
            "service_level",
            "asa_seconds",
            "occupancy",
            "abandon",
            "recorded_abandon",
        ]
    )
    if plan:
        f = plan["forecast"]
        recorded = recorded_abandon(plan)
        for slot, s in enumerate(plan["staffing"]):
            writer.writerow(
                [
                    slot,
                    slot_label(slot),
                    round(float(f.mean[0][slot]), 3),
                    int(f.low95[0][slot]),
                    int(f.high95[0][slot]),
                    round(float(plan["handling"][slot]), 1),
                    s.agents,
                    round(float(plan["scheduled"][slot]), 3),
                    round(s.p_wait, 6),
                    round(s.service_level, 6),
                    round(s.asa_seconds, 3),
                    round(s.occupancy, 6),
                    round(s.abandon, 6),
                    "" if recorded[slot] is None else round(recorded[slot], 6),
                ]
            )
    return response


@page("planning.view")
def whatif(request):
    partnership = partnership_for(request.user, request.GET.get("partnership"))
    form = WhatIfForm(request.GET or None)
    result = None
    if partnership and form.is_bound and form.is_valid():
        d = form.cleaned_data
        change = Change(
            hour_of_week=d["hour_of_week"],
            demand_factor=d["demand_percent"] / 100,
            agents=d["agents"],
            answer_seconds=d["answer_seconds"],
            service_level=d["service_level_percent"] / 100 if d["service_level_percent"] else None,
            units=d["units"],
        )
        result = compare(request.user, partnership, change)
        if result and result["patrol_changed"].solution is not None:
            loads = result["patrol_changed"].solution.workloads.tolist()
            result["patrol_changed_rows"] = [
                (u.call_sign, round(w * 100)) for u, w in zip(result["patrol_changed"].units, loads, strict=True)
            ]
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(
        request, "planning/whatif.html", {"form": form, "result": result, "partnership": partnership}, status=status
    )


@page("planning.view")
def rosters(request):
    partnership = partnership_for(request.user, request.GET.get("partnership"))
    form = RosterForm(request.POST or None)
    if request.method == "POST" and partnership and form.is_valid():
        d = form.cleaned_data
        roster = roster_services.build_roster(
            actor_of(request), partnership, d["team"], d["staff"], d["name"], d["week_start"], weeks=d["weeks"]
        )
        messages.success(request, f"Roster saved: {len(roster.shifts)} shifts.")
        return redirect("planning:roster", pk=roster.pk)
    listed = Roster.objects.visible_to(request.user)
    if partnership:
        listed = listed.filter(partnership=partnership)
    status = 400 if request.method == "POST" and not form.is_valid() else 200
    return render(
        request,
        "planning/rosters.html",
        {"form": form, "rosters": listed[:100], "partnership": partnership},
        status=status,
    )


@page("planning.view")
def roster(request, pk: int):
    item = get_visible_or_404(Roster, request.user, "No such roster.", pk=pk)
    shifts = sorted(item.shifts, key=lambda s: (s["person"], s["start"]))
    for s in shifts:
        s["label"] = _shift_label(s, item.weeks)
    return render(
        request,
        "planning/roster.html",
        {
            "roster": item,
            "shifts": shifts,
            "chart": charts.roster(item.requirement, item.cover) if item.cover else None,
        },
    )


@page("planning.view")
def roster_csv(request, pk: int):
    item = get_visible_or_404(Roster, request.user, "No such roster.", pk=pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="roster-{item.pk}.csv"'
    writer = csv_writer(response)
    writer.writerow(["roster", "team", "week_start", "person", "week", "day", "start", "hours"])
    for s in sorted(item.shifts, key=lambda s: (s["person"], s["start"])):
        writer.writerow(
            [
                item.name,
                item.team,
                item.week_start,
                s["person"],
                s.get("week", 0) + 1,
                DAYS[s["day"]],
                f"{s['start_hour']:02d}:00",
                s["hours"],
            ]
        )
    return response


@page("planning.view")
def call_records(request):
    """Load call records (POST, then redirect) and see what is loaded: the abandonment recorded and
    the patience Erlang A will use."""
    partnership = partnership_for(request.user, request.GET.get("partnership"))
    form = CallRecordsForm()
    refusal, problems = None, []
    if request.method == "POST":
        form = CallRecordsForm(request.POST, request.FILES)
        if partnership is None:
            refusal = "You are not a member of any partnership: call records belong to one."
        elif form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                run = call_services.load(actor_of(request), partnership, upload.name, upload.read())
            except call_services.BadFile as exc:
                refusal, problems = exc.message, exc.problems
            else:
                messages.success(request, f"Loaded {run.rows_new:,} calls from {run.file_name}.")
                return redirect(f"{request.path}?partnership={partnership.slug}")
    runs = CallImportRun.objects.visible_to(request.user)
    if partnership:
        runs = runs.filter(partnership=partnership)
    queues = []
    if partnership:
        for value, label in ServiceTarget.Queue.choices:
            found = recorded(request.user, partnership, value)
            if found.calls:
                queues.append({"label": label, "recorded": found})
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "planning/calls.html",
        {
            "form": form,
            "partnership": partnership,
            "refusal": refusal,
            "problems": problems,
            "runs": runs[:50],
            "queues": queues,
        },
        status=status,
    )


@page("planning.view")
def patrols(request):
    """Patrol units each hour of the week needs to meet the response target (the hypercube), and
    which of those hours the patrol contract's service window covers."""
    partnership = partnership_for(request.user, request.GET.get("partnership"))
    need = week_requirement(request.user, partnership) if partnership else None
    context = {"partnership": partnership, "need": need}
    if need is not None:
        rules = roster_services.rules_for(Team.PATROL)
        window = {(s + k) % 168 for s in rules.allowed_starts() for k in range(rules.shift_hours)}
        units = [hour.units for hour in need.hours]
        context.update(
            chart=charts.patrols(units, window),
            rows=[
                {"label": f"{DAYS[h // 24]} {h % 24:02d}:00", "need": hour, "in_window": h in window}
                for h, hour in enumerate(need.hours)
            ],
            window=rules.window,
            outside=sum(u for h, u in enumerate(units) if h not in window),
            unmet=sum(1 for hour in need.hours if not hour.met),
            unit_hours=sum(units),
        )
    return render(request, "planning/patrols.html", context)
