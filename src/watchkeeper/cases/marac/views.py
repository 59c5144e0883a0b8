"""MARAC pages: on a case, the DASH-24 and DARA forms (each question's wording from the form's
record, scored by the same service as the API), the referral by route and the IDVA assignment
(through core.views.case_write: POST-redirect-GET); and the IDVA caseload page."""

from __future__ import annotations

from django.shortcuts import render

from watchkeeper.cases.core.views import case_write
from watchkeeper.cases.marac import queries as marac_queries
from watchkeeper.cases.marac import services as marac_services
from watchkeeper.cases.marac.api import DashIn, IdvaIn, ReferralIn
from watchkeeper.cases.marac.models import Referral
from watchkeeper.core import audit
from watchkeeper.core.errors import Invalid
from watchkeeper.core.input import id_or_none, parse
from watchkeeper.core.models import AuditEntry
from watchkeeper.core.web import actor_of, page


@page("marac.manage")
def dash(request, pk: int):
    def do(actor, case, post):
        # The boxes are numbered 1..n for the version the page showed; unticked is no.
        form = marac_queries.assessment_form((post.get("form") or "dash-24")[:30], id_or_none(post.get("version")) or 1)
        ticked = set(post.getlist("answers"))
        answers = [str(n) in ticked for n in range(1, form.questions + 1)]
        body = parse(DashIn, post, answers=answers)
        found = marac_services.assess_dash(actor, case, body.answers, body.form, body.version, body.level)
        return f"{form.title or form.name} recorded: {found.score} yes, {found.get_level_display().lower()} risk."

    return case_write(request, pk, "dash", "marac.manage", do)


@page("marac.manage")
def refer(request, pk: int):
    def do(actor, case, post):
        body = parse(ReferralIn, post)
        found = marac_services.refer(
            actor, case, body.victim, body.route, body.referred_on, body.level, body.reason, body.incidents
        )
        repeat = " This is a repeat referral." if found.repeat else ""
        return f"Referred to MARAC at {found.level} risk.{repeat}"

    return case_write(request, pk, "referral", "marac.manage", do)


@page("marac.manage")
def assign_idva(request, pk: int, referral_id: int):
    def do(actor, case, post):
        referral = Referral.objects.visible_to(request.user).filter(pk=id_or_none(referral_id), case=case).first()
        if referral is None:
            raise Invalid("That referral is not on this case.")
        body = parse(IdvaIn, post)
        found = marac_services.assign_idva(actor, referral, body.idva)
        return (
            f"{found.idva.get_full_name() or found.idva.username} is the IDVA for the referral of {found.referred_on}."
        )

    return case_write(request, pk, "referral", "marac.manage", do)


@page("idva.caseload")
def caseload(request):
    """The IDVA's own open MARAC cases (victim, level, repeat flag, meeting), and the service's open
    cases per IDVA, both counted over what the reader may see."""
    own = list(marac_queries.own_caseload(request.user)[:200])
    # The list names victims: a read of personal data, on the audit trail like a people search.
    audit.record(
        actor_of(request),
        AuditEntry.Kind.READ,
        ("cases.referral", ""),
        fields=["victim", "case"],
        summary=f"IDVA caseload: {len(own)} open referrals",
    )
    return render(
        request,
        "cases/idva_caseload.html",
        {"own": own, "per_idva": marac_queries.idva_caseloads(request.user)},
    )
