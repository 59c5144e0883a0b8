"""A district partner's dashboard: log incidents by type, hour and month, camera availability,
requests handled on time. Everything comes through visible(), so a district partner sees only its
own district; counts are suppressed under five before they leave here."""

from __future__ import annotations

from collections import Counter

from django.utils import timezone

from watchkeeper.cctv.cameras import queries as cameras
from watchkeeper.cctv.dashboards.rules import suppressed, table
from watchkeeper.cctv.log.models import LogEntry
from watchkeeper.cctv.requests import queries as requests
from watchkeeper.core.access import visible


def dashboard(user, district_code: str | None = None) -> dict:
    entries = visible(LogEntry, user)
    if district_code:
        entries = entries.filter(district__code=district_code)
    by_kind, by_hour, by_month = Counter(), Counter(), Counter()
    labels = kind_labels()
    for kind, at in entries.values_list("kind", "occurred_at"):
        local = timezone.localtime(at)
        by_kind[labels.get(kind, kind)] += 1
        by_hour[f"{local.hour:02d}:00"] += 1
        by_month[f"{local:%Y-%m}"] += 1
    estate = cameras.estate(user)
    if district_code:
        estate = [r for r in estate if r["camera"].district and r["camera"].district.code == district_code]
    handled = [
        r
        for r in requests.listing(user)
        if r["on_time"] is not None
        and (not district_code or (r["request"].district and r["request"].district.code == district_code))
    ]
    on_time = sum(1 for r in handled if r["on_time"])
    return {
        "total": suppressed(sum(by_kind.values())),
        "by_kind": table(dict(by_kind.most_common())),
        "by_hour": table(dict(sorted(by_hour.items()))),
        "by_month": table(dict(sorted(by_month.items()))),
        "availability": cameras.by_district(estate),
        "requests_due": suppressed(len(handled)),
        "requests_on_time": suppressed(on_time),
        "surveys": surveys(user, district_code),
    }


def kind_labels() -> dict[str, str]:
    """The control room's incident category labels by code (a partner reads "Theft", not "theft")."""
    from watchkeeper.control.models import IncidentCategory

    return dict(IncidentCategory.objects.values_list("code", "label"))


def surveys(user, district_code: str | None) -> list[dict]:
    """Satisfaction answers (the intel surveys: the control room's partner and public satisfaction
    survey is imported there) per question: answers, and the positive share only from five up."""
    from django.db.models import Count, Q

    from watchkeeper.intel.surveys.models import SurveyResponse

    answers = visible(SurveyResponse, user)
    if district_code:
        answers = answers.filter(district__code=district_code)
    rows = answers.values("question").annotate(n=Count("pk"), positive=Count("pk", filter=Q(positive=True)))
    return [
        {
            "question": r["question"],
            "answers": suppressed(r["n"]),
            "positive": f"{r['positive'] / r['n']:.0%}" if r["n"] >= 5 else "suppressed",
        }
        for r in rows.order_by("question")
    ]


def csv_rows(data: dict) -> list[list[str]]:
    rows = [["section", "key", "value"], ["incidents", "total", data["total"]]]
    rows += [["incidents by type", k, v] for k, v in data["by_kind"]]
    rows += [["incidents by hour", k, v] for k, v in data["by_hour"]]
    rows += [["incidents by month", k, v] for k, v in data["by_month"]]
    rows += [["camera availability 30 days", d["district"], f"{d['availability']:.3f}"] for d in data["availability"]]
    rows += [
        ["subject access requests answered", "due", data["requests_due"]],
        ["subject access requests answered", "on time", data["requests_on_time"]],
    ]
    rows += [["survey answers", s["question"], s["answers"]] for s in data["surveys"]]
    rows += [["survey positive share", s["question"], s["positive"]] for s in data["surveys"]]
    return rows
