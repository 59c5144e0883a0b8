"""Survey results per ward and question with Wilson 95% intervals."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Count, Q

from watchkeeper.intel.surveys import rules
from watchkeeper.intel.surveys.models import SurveyResponse


def _quarter(d: date) -> str:
    return f"{d.year} Q{(d.month - 1) // 3 + 1}"


def results(user, partnership, question: str | None = None, start: date | None = None, end: date | None = None) -> dict:
    """{"questions": [...], "points": [{question, ward, period, n, positive, share, low, high}], "synthetic": bool}"""
    qs = SurveyResponse.objects.visible_to(user).filter(partnership=partnership)
    if start:
        qs = qs.filter(date__gte=start)
    if end:
        qs = qs.filter(date__lte=end)
    questions = list(qs.order_by("question").values_list("question", flat=True).distinct())
    if question:
        qs = qs.filter(question=question)
    grouped: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for row in qs.values("question", "ward_name", "date").annotate(
        n=Count("id"), pos=Count("id", filter=Q(positive=True))
    ):
        key = (row["question"], row["ward_name"], _quarter(row["date"]))
        grouped[key][0] += row["n"]
        grouped[key][1] += row["pos"]
    points = []
    for (q, ward, period), (n, pos) in sorted(grouped.items()):
        share, low, high = rules.wilson(pos, n)
        points.append(
            {
                "question": q,
                "ward": ward,
                "period": period,
                "n": n,
                "positive": pos,
                "share": share,
                "low": low,
                "high": high,
            }
        )
    return {"questions": questions, "points": points, "synthetic": qs.filter(synthetic=True).exists()}
