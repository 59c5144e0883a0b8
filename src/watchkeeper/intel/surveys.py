"""Survey results per ward and question with Wilson 95% intervals, and the survey CSV reader."""

from __future__ import annotations

import csv
import io
import random
from collections import defaultdict
from datetime import date

from django.db.models import Count, Q

from watchkeeper.core.models import Ward
from watchkeeper.intel import rules
from watchkeeper.intel.models import SurveyResponse

SURVEY_COLUMNS = ["respondent", "date", "ward", "question", "answer"]
DEMO_QUESTIONS = [
    "Do you feel safe walking alone in your area after dark?",
    "The police and council are dealing with the issues that matter in this area (1-5)",
]


class SurveyFileError(ValueError):
    pass


def read_survey_csv(text: str, name: str = "survey.csv") -> tuple[list[dict], list[dict]]:
    """Rows (respondent, date, ward, question, answer, positive) and bad rows (file, line, column, problem)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in SURVEY_COLUMNS if c not in header]
    if missing:
        raise SurveyFileError(f"{name}: missing column(s): {', '.join(missing)}")
    good, bad = [], []
    for line, raw in enumerate(reader, start=2):
        row = {k.strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        try:
            when = date.fromisoformat(row["date"])
        except ValueError:
            bad.append(
                {"file": name, "line": line, "column": "date", "problem": f"not a YYYY-MM-DD date: {row['date']!r}"}
            )
            continue
        answer = rules.survey_answer(row["answer"])
        if answer is None:
            bad.append(
                {"file": name, "line": line, "column": "answer", "problem": f"not yes/no or 1-5: {row['answer']!r}"}
            )
            continue
        if not row["respondent"] or not row["question"] or not row["ward"]:
            bad.append(
                {
                    "file": name,
                    "line": line,
                    "column": "respondent",
                    "problem": "respondent, ward and question are required",
                }
            )
            continue
        good.append(
            {
                "respondent": row["respondent"][:80],
                "date": when,
                "ward": row["ward"][:120],
                "question": row["question"][:200],
                "answer": answer[0],
                "positive": answer[1],
            }
        )
    return good, bad


def synthetic_rows(wards: list[Ward], quarters: list[date], per_ward: int = 40, seed: int = 20190601) -> list[dict]:
    """A deterministic synthetic survey (clearly labelled as such in the UI): per ward and quarter."""
    rng = random.Random(seed)
    rows = []
    for ward in wards:
        base = 0.45 + 0.4 * rng.random()
        for qi, quarter in enumerate(quarters):
            for i in range(per_ward):
                respondent = f"synthetic-{ward.code}-{qi}-{i}"
                safe = rng.random() < base + 0.02 * qi
                score = min(5, max(1, int(round(rng.gauss(2.5 + 1.5 * base, 1.0)))))
                rows.append(
                    {
                        "respondent": respondent,
                        "date": quarter,
                        "ward": ward.name,
                        "ward_obj": ward,
                        "question": DEMO_QUESTIONS[0],
                        "answer": "yes" if safe else "no",
                        "positive": safe,
                    }
                )
                rows.append(
                    {
                        "respondent": respondent,
                        "date": quarter,
                        "ward": ward.name,
                        "ward_obj": ward,
                        "question": DEMO_QUESTIONS[1],
                        "answer": str(score),
                        "positive": score >= 4,
                    }
                )
    return rows


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
