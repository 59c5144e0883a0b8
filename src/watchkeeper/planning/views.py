"""Planning pages: the week (demand, forecast, requirement), what-if, rosters; and the CSV."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from watchkeeper.core.access import visible_get
from watchkeeper.core.errors import Invalid, NotFound
from watchkeeper.core.input import csv_writer
from watchkeeper.core.web import actor_of, page
from watchkeeper.planning import charts
from watchkeeper.planning.forms import RosterForm, WhatIfForm
from watchkeeper.planning.rosters import services as roster_services
from watchkeeper.planning.rosters.models import Roster
from watchkeeper.planning.scope import partnership_for
from watchkeeper.planning.staffing.models import ServiceTarget
from watchkeeper.planning.staffing.queries import week_plan
from watchkeeper.planning.whatif.queries import Change, compare

DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


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
        context.update(
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
        ]
    )
    if plan:
        f = plan["forecast"]
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
            actor_of(request), partnership, d["team"], d["staff"], d["name"], d["week_start"]
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
    item = visible_get(Roster.objects.all(), request.user, pk=pk)
    if item is None:
        raise NotFound("No such roster.")
    shifts = sorted(item.shifts, key=lambda s: (s["person"], s["start"]))
    for s in shifts:
        s["label"] = f"{DAYS[s['day']]} {s['start_hour']:02d}:00"
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
    item = visible_get(Roster.objects.all(), request.user, pk=pk)
    if item is None:
        raise NotFound("No such roster.")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="roster-{item.pk}.csv"'
    writer = csv_writer(response)
    writer.writerow(["roster", "team", "week_start", "person", "day", "start", "hours"])
    for s in sorted(item.shifts, key=lambda s: (s["person"], s["start"])):
        writer.writerow(
            [
                item.name,
                item.team,
                item.week_start,
                s["person"],
                DAYS[s["day"]],
                f"{s['start_hour']:02d}:00",
                s["hours"],
            ]
        )
    return response
