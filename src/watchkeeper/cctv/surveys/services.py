"""Storing a satisfaction survey answer, from a partner signed in or from the public, as rows of the
intel surveys' SurveyResponse (one per question), in one transaction with its audit entry."""

from __future__ import annotations

import uuid

from django.db import transaction
from django.utils import timezone

from watchkeeper.cctv.surveys import rules
from watchkeeper.cctv.surveys.schemas import SurveyIn
from watchkeeper.core import audit
from watchkeeper.core.access import require
from watchkeeper.core.audit import Actor
from watchkeeper.core.errors import Conflict, Invalid
from watchkeeper.core.models import AuditEntry, Partnership, Ward
from watchkeeper.core.visibility import user_district
from watchkeeper.intel.surveys import rules as survey_rules
from watchkeeper.intel.surveys.models import SurveyResponse


def answer(actor: Actor, partnership: Partnership, body: SurveyIn) -> int:
    """Store one respondent's answers; returns how many were stored. A signed-in partner answers once
    a day (their answers are theirs: "partner:<id>"); a member of the public is a fresh respondent."""
    if actor.user is not None:
        require(actor.user, "cctv.survey.answer")
        respondent = f"partner:{actor.user.pk}"
    else:
        respondent = f"public:{uuid.uuid4().hex[:16]}"
    ward = None
    if body.ward_id is not None:
        ward = (
            Ward.objects.filter(pk=body.ward_id, district__partnership=partnership).select_related("district").first()
        )
        if ward is None:
            raise Invalid(f"{partnership.name} has no ward {body.ward_id}.")
    district_id = ward.district_id if ward else (user_district(actor.user) if actor.user is not None else None)
    today = timezone.localdate()
    rows = []
    for question, value in rules.answers(body.model_dump()):
        normalised = survey_rules.survey_answer(value)
        if normalised is None:
            raise Invalid(f"{value!r} is not an answer to {question!r}.")
        rows.append(
            SurveyResponse(
                partnership=partnership,
                district_id=district_id,
                ward=ward,
                ward_name=ward.name if ward else "Not given",
                respondent=respondent,
                date=today,
                question=question,
                answer=normalised[0],
                positive=normalised[1],
            )
        )
    with transaction.atomic():
        if SurveyResponse.objects.filter(partnership=partnership, respondent=respondent, date=today).exists():
            raise Conflict("You have answered the CCTV survey today already: thank you.")
        SurveyResponse.objects.bulk_create(rows)
        audit.record(
            actor,
            AuditEntry.Kind.CREATE,
            ("intel.surveyresponse", partnership.slug),
            fields=["survey"],
            summary=f"CCTV satisfaction survey: {len(rows)} answers ({'partner' if actor.user else 'public'})",
        )
    return len(rows)
