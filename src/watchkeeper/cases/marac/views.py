"""MARAC pages on a case: the DASH risk checklist (24 yes/no boxes, scored by the same service as
the API) and the referral by route; through core.views.case_write (POST-redirect-GET)."""

from __future__ import annotations

from watchkeeper.cases.core.views import case_write
from watchkeeper.cases.marac import services as marac_services
from watchkeeper.cases.marac.api import DashIn, ReferralIn
from watchkeeper.cases.rules.lookup import rule
from watchkeeper.core.input import parse
from watchkeeper.core.web import page


@page("marac.manage")
def dash(request, pk: int):
    def do(actor, case, post):
        ticked = set(post.getlist("answers"))
        answers = [str(n) in ticked for n in range(1, rule("dash-questions") + 1)]
        body = parse(DashIn, post, answers=answers)
        found = marac_services.assess_dash(actor, case, body.answers, body.form, body.version)
        return f"DASH scored {found.score}: {found.get_level_display().lower()} risk."

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
