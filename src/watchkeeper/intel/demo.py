"""Demo data for the intelligence pages: the bundled real Camden crime month (June 2019, OGL v3), a
baseline and two targets, a deterministic synthetic survey (labelled as such) and a patrol tasking.
Idempotent: natural keys throughout."""

from __future__ import annotations

import hashlib
from datetime import date

import polars as pl
from django.db import transaction

from watchkeeper.core.audit import Actor
from watchkeeper.core.models import Ward
from watchkeeper.demo import borough
from watchkeeper.intel.crime import parsing as importing
from watchkeeper.intel.crime.services import area_for
from watchkeeper.intel.models import Baseline, Crime, PatrolTasking, SurveyResponse, Target, TaskedCell
from watchkeeper.intel.surveys import parsing as surveys
from watchkeeper.intel.surveys import services as survey_services

MONTH = date(2019, 6, 1)
SYSTEM = Actor(None, "demo")


def load_crimes(partnership) -> int:
    if Crime.objects.filter(partnership=partnership, key__startswith="demo:").exists():
        return Crime.objects.filter(partnership=partnership, key__startswith="demo:").count()
    rows = borough.crime_sample()
    seen: dict[str, int] = {}
    keys = []
    for r in rows:
        digest = hashlib.sha1(f"{r['category']}|{r['street']}|{r['lat']}|{r['lon']}".encode()).hexdigest()
        n = seen.get(digest, 0)
        seen[digest] = n + 1
        keys.append(f"demo:{digest}:{n}")
    frame = pl.DataFrame(
        {"lat": [r["lat"] for r in rows], "lon": [r["lon"] for r in rows], "LSOA name": ["Camden 001A"] * len(rows)}
    )
    placed = importing.place(frame, area_for(partnership))
    crimes = [
        Crime(
            partnership=partnership,
            key=key,
            month=MONTH,
            category=r["category"][:80],
            lat=r["lat"],
            lon=r["lon"],
            location=r["street"][:200],
            reported_by="Metropolitan Police Service",
            falls_within="Metropolitan Police Service",
            ward_id=ward,
            district_id=district,
            outside_area=outside,
        )
        for key, r, ward, district, outside in zip(
            keys,
            rows,
            placed["ward_id"].to_list(),
            placed["district_id"].to_list(),
            placed["outside_area"].to_list(),
            strict=True,
        )
    ]
    Crime.objects.bulk_create(crimes, batch_size=2000, ignore_conflicts=True)
    return len(crimes)


def load_targets(partnership) -> int:
    baseline, _ = Baseline.objects.get_or_create(
        partnership=partnership, name="June 2019 (demo)", defaults={"start_month": MONTH, "end_month": MONTH}
    )
    for category, reduction in (("Anti-social behaviour", 10.0), ("Violence and sexual offences", 5.0)):
        Target.objects.get_or_create(
            partnership=partnership,
            baseline=baseline,
            category=category,
            defaults={"reduction_percent": reduction, "period_start": MONTH, "period_end": date(2020, 5, 1)},
        )
    return 2


def load_survey(partnership) -> int:
    if SurveyResponse.objects.filter(partnership=partnership, synthetic=True).exists():
        return SurveyResponse.objects.filter(partnership=partnership, synthetic=True).count()
    wards = list(Ward.objects.filter(district__partnership=partnership).select_related("district").order_by("code"))
    quarters = [date(2019, 1, 15), date(2019, 4, 15), date(2019, 7, 15), date(2019, 10, 15)]
    rows = surveys.synthetic_rows(wards, quarters, per_ward=25)
    return survey_services.import_survey(SYSTEM, partnership, rows, "synthetic demo survey", synthetic=True)


def load_tasking(partnership) -> int:
    from watchkeeper.intel.hotspots import surfaces as hotspots

    tasking, created = PatrolTasking.objects.get_or_create(
        partnership=partnership,
        name="Demo: first week of July 2019",
        defaults={"period_start": date(2019, 7, 1), "period_end": date(2019, 7, 7), "method": "bjp"},
    )
    if created or not tasking.cells.exists():
        qs = Crime.objects.filter(partnership=partnership, outside_area=False)
        top = hotspots.tasking_cells("bjp", partnership, qs, date(2019, 7, 1), 7, 15)
        TaskedCell.objects.bulk_create(
            [
                TaskedCell(
                    tasking=tasking, rank=c["rank"], cell_id=c["cell_id"], lat=c["lat"], lon=c["lon"], risk=c["risk"]
                )
                for c in top
            ]
        )
    return tasking.cells.count()


@transaction.atomic
def load(partnerships: dict) -> dict:
    camden = partnerships["safer-camden"]
    return {
        "crimes": load_crimes(camden),
        "targets": load_targets(camden),
        "survey answers": load_survey(camden),
        "tasked cells": load_tasking(camden),
    }
