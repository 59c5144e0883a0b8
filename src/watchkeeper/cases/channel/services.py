"""Channel: cases restricted to named panel members (see core.models.CaseQuerySet), moved through
their stages with the panel's reasons, consent kept on the case."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from watchkeeper.cases.channel import rules as channel_rules
from watchkeeper.cases.core import services as case_services
from watchkeeper.cases.core import timeline
from watchkeeper.cases.core.models import Case, Kind
from watchkeeper.cases.rules.lookup import rule
from watchkeeper.core import audit
from watchkeeper.core.audit import Actor
from watchkeeper.core.errors import Invalid
from watchkeeper.core.models import AuditEntry


@transaction.atomic
def move(actor: Actor, case: Case, stage: str, reason: str = "") -> Case:
    case = case_services.editable(actor, case, "channel.manage")
    if case.kind != Kind.CHANNEL:
        raise Invalid("Not a Channel case.")
    problem = channel_rules.move_problem(case.stage, stage, case.consent, reason)
    if problem:
        raise Invalid(problem)
    before = case.stage
    case.stage = stage
    fields = ["stage"]
    data = {"stage": stage, "reason": reason.strip()[:300]}
    if stage == "exit":
        due = channel_rules.exit_reviews_due(timezone.localdate(), rule("channel-exit-review-months"))
        data["reviews_due"] = [d.isoformat() for d in due]
    if stage == "closed":
        case.closed_at, case.outcome = timezone.now(), reason.strip()[:200]
        fields += ["closed_at", "outcome"]
    case.save(update_fields=fields)
    timeline.append(case, actor, "stage", **data)
    audit.record(actor, AuditEntry.Kind.UPDATE, case, changes={"stage": [before, stage]})
    return case
