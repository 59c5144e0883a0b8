"""MARAC reads: the assessment forms (versioned records of the rule data, with their wording) and
the IDVA caseloads (through the visibility rule)."""

from __future__ import annotations

from django.db.models import Count

from watchkeeper.cases.marac import rules as marac_rules
from watchkeeper.cases.marac.models import Referral
from watchkeeper.cases.rules.lookup import rule
from watchkeeper.core.errors import Invalid


def assessment_form(name: str, version: int | None = None) -> marac_rules.Form:
    """A form's record: the version in force today (version None), or the version asked for,
    whenever it came in (an old assessment is read against the wording it was made on)."""
    from watchkeeper.cases.rules.models import Rule

    if name not in marac_rules.FORM_NAMES:
        raise Invalid(f"No assessment form {name}.")
    if version is None:
        return marac_rules.form_of(name, rule(f"form-{name}"))
    found = Rule.objects.filter(name=f"form-{name}", value__version=version).order_by("-effective_from").first()
    if found is None:
        raise Invalid(f"No assessment form {name} version {version}.")
    return marac_rules.form_of(name, found.value)


def idva_caseloads(user) -> list[dict]:
    """Open MARAC cases per IDVA, counted over the referrals the reader may see."""
    rows = (
        Referral.objects.visible_to(user)
        .filter(case__closed_at__isnull=True, idva__isnull=False)
        .values("idva_id", "idva__username")
        .annotate(open_cases=Count("case", distinct=True))
        .order_by("-open_cases", "idva__username")
    )
    return [{"idva": r["idva__username"], "open_cases": r["open_cases"]} for r in rows]


def own_caseload(user):
    """The IDVA's own open MARAC referrals (newest first), through the visibility rule."""
    return (
        Referral.objects.visible_to(user)
        .filter(idva=user, case__closed_at__isnull=True)
        .select_related("case", "victim")
        .order_by("-referred_on", "-id")
    )
