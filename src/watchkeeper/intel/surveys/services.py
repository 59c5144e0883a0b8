"""Survey imports (CSV and the deterministic synthetic demo survey)."""

from __future__ import annotations

from django.db import transaction

from watchkeeper.core.access import require
from watchkeeper.core.audit import Actor, record
from watchkeeper.core.models import AuditEntry, Partnership, Ward
from watchkeeper.intel.surveys.models import SurveyResponse


def import_survey(
    actor: Actor, partnership: Partnership, rows: list[dict], source: str, synthetic: bool = False
) -> int:
    """Store survey answers (idempotent on partnership + respondent + date + question); returns rows new."""
    if actor.user is not None:
        require(actor.user, "intel.import")
    wards = {
        w.name.lower(): w for w in Ward.objects.filter(district__partnership=partnership).select_related("district")
    }
    objects = []
    for r in rows:
        ward = r.get("ward_obj") or wards.get(r["ward"].lower())
        objects.append(
            SurveyResponse(
                partnership=partnership,
                ward=ward,
                district=ward.district if ward else None,
                ward_name=r["ward"],
                respondent=r["respondent"],
                date=r["date"],
                question=r["question"],
                answer=r["answer"],
                positive=r["positive"],
                synthetic=synthetic,
            )
        )
    with transaction.atomic():
        before = SurveyResponse.objects.filter(partnership=partnership).count()
        SurveyResponse.objects.bulk_create(objects, batch_size=2000, ignore_conflicts=True)
        new = SurveyResponse.objects.filter(partnership=partnership).count() - before
        record(
            actor,
            AuditEntry.Kind.CREATE,
            ("intel.surveyresponse", partnership.slug),
            fields=["survey"],
            summary=f"Survey import {source}: {len(rows)} answers, {new} new{' (synthetic)' if synthetic else ''}",
        )
    return new
