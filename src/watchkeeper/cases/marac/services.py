"""MARAC: DASH assessments, referrals by route (repeat flagged across agencies), IDVA assignment,
and the SafeLives data return."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from watchkeeper.cases.core import services as case_services
from watchkeeper.cases.core import timeline
from watchkeeper.cases.core.models import Case, Kind, RiskAssessment
from watchkeeper.cases.marac import rules as marac_rules
from watchkeeper.cases.marac.models import Referral
from watchkeeper.cases.marac.queries import assessment_form
from watchkeeper.cases.rules.lookup import rule
from watchkeeper.core import audit
from watchkeeper.core.access import require
from watchkeeper.core.audit import Actor
from watchkeeper.core.errors import Invalid
from watchkeeper.core.models import AuditEntry, Person, User
from watchkeeper.core.roles import role_may


def assess_dash(
    actor: Actor, case: Case, answers: list, form: str = "dash-24", version: int = 1, level: str | None = None
) -> RiskAssessment:
    """A domestic-abuse risk assessment on any registered form and version (DASH-24 or DARA)."""
    require(actor.user, "marac.manage", case)
    found = assessment_form(form, version)
    try:
        score, level = marac_rules.assess(found, answers, level, rule("dash-high"), rule("dash-medium"))
    except ValueError as exc:
        raise Invalid(str(exc)) from None
    return case_services.save_assessment(actor, case, form, version, answers, score, level)


@transaction.atomic
def refer(
    actor: Actor,
    case: Case,
    victim_id: int,
    route: str,
    referred_on: date,
    level: str | None = None,
    reason: str = "",
    incidents: int = 0,
) -> Referral:
    case = case_services.editable(actor, case, "marac.manage")
    if case.kind != Kind.MARAC:
        raise Invalid("MARAC referrals are made on MARAC cases.")
    if referred_on > timezone.localdate():
        raise Invalid("A referral cannot be dated in the future.")
    victim = case_services.in_partnership(Person, case.partnership, actor.user, victim_id, "person")
    latest = case.assessments.filter(form__in=marac_rules.FORM_NAMES).first()
    try:
        found = marac_rules.referral_level(
            route,
            latest.level if latest else None,
            level,
            reason,
            incidents,
            rule("marac-escalation-incidents", referred_on),
        )
    except ValueError as exc:
        raise Invalid(str(exc)) from None
    # Across agencies: every earlier referral of this victim counts, whoever made it (only the flag
    # is shown, not the earlier referral).
    earlier = list(
        Referral.objects.filter(victim=victim, case__partnership=case.partnership).values_list("referred_on", flat=True)
    )
    repeat = marac_rules.is_repeat(referred_on, earlier, rule("marac-repeat-months", referred_on))
    referral = Referral.objects.create(
        case=case,
        victim=victim,
        route=route,
        level=found,
        reason=reason.strip()[:500],
        assessment=latest,
        referring_agency=actor.user.agency,
        referred_on=referred_on,
        repeat=repeat,
    )
    case.risk = found
    case.save(update_fields=["risk"])
    timeline.append(case, actor, "referral", route=route, level=found, repeat=repeat)
    audit.record(actor, AuditEntry.Kind.CREATE, referral, fields=["route", "level", "victim"], summary=case.reference)
    return referral


@transaction.atomic
def assign_idva(actor: Actor, referral: Referral, idva_id: int) -> Referral:
    case_services.editable(actor, referral.case, "marac.manage")
    idva = User.objects.filter(pk=idva_id, is_active=True, agency__partnerships=referral.case.partnership).first()
    if idva is None or not role_may(idva.role, "idva.caseload"):
        raise Invalid("Assign an active IDVA of the partnership.")
    if not Case.objects.visible_to(idva).filter(pk=referral.case_id).exists():
        # Their caseload would not show it: the case's restriction must admit them first.
        raise Invalid(f"{idva.username} may not see {referral.case.reference}: change its restriction first.")
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    before = referral.idva_id
    referral.idva = idva
    referral.save(update_fields=["idva"])
    timeline.append(referral.case, actor, "idva", idva=idva.pk)
    audit.record(actor, AuditEntry.Kind.UPDATE, referral, changes={"idva": [before, idva.pk]})
    return referral


SAFELIVES_COLUMNS = ["referral_id", "referred_on", "route", "risk_level", "repeat", "referring_agency", "idva_assigned"]


def safelives_rows(user, start: date, end: date):
    """The SafeLives MARAC data return: one row per referral, no names (counts are built from it)."""
    referrals = (
        Referral.objects.visible_to(user)
        .filter(referred_on__gte=start, referred_on__lte=end)
        .select_related("referring_agency")
        .order_by("referred_on", "pk")
    )
    for r in referrals:
        yield [
            r.pk,
            r.referred_on.isoformat(),
            r.route,
            r.level,
            "yes" if r.repeat else "no",
            r.referring_agency.name,
            "yes" if r.idva_id else "no",
        ]
