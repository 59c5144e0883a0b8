"""Baselines and targets: reference rows set by analysts, validated and audited."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from watchkeeper.core.access import require
from watchkeeper.core.audit import Actor, record
from watchkeeper.core.models import AuditEntry, District, Partnership
from watchkeeper.intel.targets.models import Baseline, Target


def _partnership_of(actor: Actor, partnership: Partnership) -> None:
    require(actor.user, "intel.manage")
    if partnership.id not in actor.user.partnership_ids():
        raise ValidationError("You are not a member of that partnership.")


def create_baseline(
    actor: Actor,
    partnership: Partnership,
    name: str,
    start_month: date,
    end_month: date,
    district: District | None = None,
) -> Baseline:
    """Create (or correct, by name) a baseline period."""
    _partnership_of(actor, partnership)
    with transaction.atomic():
        baseline = Baseline.objects.filter(partnership=partnership, name=name.strip()).first() or Baseline(
            partnership=partnership, name=name.strip()
        )
        baseline.start_month, baseline.end_month, baseline.district = start_month, end_month, district
        baseline.full_clean()
        created = baseline.pk is None
        baseline.save()
        record(
            actor,
            AuditEntry.Kind.CREATE if created else AuditEntry.Kind.UPDATE,
            baseline,
            fields=["name", "start_month", "end_month"],
            summary=f"Baseline {baseline}",
        )
    return baseline


def create_target(
    actor: Actor,
    partnership: Partnership,
    baseline: Baseline | None,
    category: str,
    reduction_percent: float,
    period_start: date,
    period_end: date,
    district: District | None = None,
) -> Target:
    """Create a reduction target; a target without a baseline is refused (ValidationError)."""
    _partnership_of(actor, partnership)
    if baseline is not None and baseline.partnership_id != partnership.id:
        raise ValidationError("That baseline belongs to another partnership.")
    target = Target(
        partnership=partnership,
        baseline=baseline,
        category=category.strip(),
        reduction_percent=reduction_percent,
        period_start=period_start,
        period_end=period_end,
        district=district,
        created_by=actor.user,
    )
    target.full_clean()
    with transaction.atomic():
        target.save()
        record(
            actor,
            AuditEntry.Kind.CREATE,
            target,
            fields=["category", "reduction_percent", "baseline"],
            summary=f"Target {target} against {baseline}",
        )
    return target
