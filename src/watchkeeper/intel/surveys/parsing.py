"""The survey CSV reader, and the synthetic demo responses."""

from __future__ import annotations

import csv
import io
import random
from datetime import date

from watchkeeper.core.models import Ward
from watchkeeper.intel.surveys import rules

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
