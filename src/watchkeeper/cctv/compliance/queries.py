"""The self-assessment's facts, gathered from what the user may see."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count
from django.utils import timezone

from watchkeeper.cctv.cameras.models import Camera
from watchkeeper.cctv.compliance import rules
from watchkeeper.cctv.compliance.models import SpotCheck
from watchkeeper.cctv.evidence.models import Master
from watchkeeper.cctv.limits import Limits
from watchkeeper.cctv.requests.models import ViewingRequest
from watchkeeper.core.access import visible


def self_assessment(user) -> list[dict]:
    today = timezone.localdate()
    cameras = visible(Camera, user).filter(active=True)
    decided = visible(ViewingRequest, user).exclude(status=ViewingRequest.Status.RECEIVED)
    masters = visible(Master, user)
    facts = {
        "cameras": cameras.count(),
        "with_purpose": cameras.exclude(purpose="").count(),
        "with_dpia": cameras.exclude(dpia_reference="").count(),
        "with_signage": cameras.filter(signage=True).count(),
        "reviewed_in_year": cameras.filter(last_review__gte=today - timedelta(days=365)).count(),
        "retention_days_ok": Limits.objects.filter(effective_from__lte=today).exists(),
        "decisions": decided.count(),
        "decisions_with_reasons": decided.exclude(decision_reason="").exclude(decided_by__isnull=True).count(),
        "masters": masters.count(),
        "masters_with_continuity": masters.annotate(n=Count("continuity")).filter(n__gt=0).count(),
        "spot_checks": dict(
            visible(SpotCheck, user).values_list("principle").annotate(n=Count("pk")).values_list("principle", "n")
        ),
    }
    return rules.assess(facts)
