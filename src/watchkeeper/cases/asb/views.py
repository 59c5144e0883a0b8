"""ASB pages: complaints, the victim vulnerability matrix and the 2014 Act legal steps on a case's
page (through core.views.case_write: the API's schemas, the same services), and the PSPO register
with its map. A legal step refused for a missing prerequisite is shown beside its form (409); an
override reason is taken only from an ASB manager (asb.override), everyone else is refused (403)."""

from __future__ import annotations

import json

from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from watchkeeper.cases.asb import services as asb_services
from watchkeeper.cases.asb.models import Pspo
from watchkeeper.cases.asb.schemas import ComplaintIn, PspoIn, StepIn, VulnerabilityIn
from watchkeeper.cases.core.views import case_write, form_write
from watchkeeper.cases.rules.lookup import rule
from watchkeeper.core.access import allowed
from watchkeeper.core.errors import Denied, Invalid
from watchkeeper.core.input import parse
from watchkeeper.core.membership import member_partnership
from watchkeeper.core.web import actor_of, page, refused


@page("asb.manage")
def complaint(request, pk: int):
    def do(actor, case, post):
        body = parse(ComplaintIn, post)
        asb_services.record_complaint(actor, case, **body.service_fields())
        return "Complaint recorded."

    return case_write(request, pk, "complaints", "asb.manage", do)


@page("asb.manage")
def vulnerability(request, pk: int):
    def do(actor, case, post):
        # Each question of the matrix in force is a checkbox: ticked is yes, unticked is no.
        ticked = set(post.getlist("answers"))
        questions = rule("asb-vulnerability-matrix")["questions"]
        body = parse(VulnerabilityIn, post, answers={q: q in ticked for q in questions})
        found = asb_services.assess_vulnerability(actor, case, body.answers)
        due = f" First contact due {found.contact_due:%d %b %Y}." if found.contact_due else ""
        return f"Vulnerability assessed: {found.get_level_display().lower()} (score {found.score}).{due}"

    return case_write(request, pk, "vulnerability", "asb.manage", do)


@page("asb.manage")
def legal_step(request, pk: int):
    def do(actor, case, post):
        body = parse(StepIn, post)
        if body.override_reason.strip() and not allowed(request.user, "asb.override", case):
            # Said here, before the service, so the page names the role rather than the rule.
            raise Denied("Only an ASB manager may override a missing prerequisite: ask your manager.")
        step = asb_services.take_step(actor, case, **body.service_fields())
        overridden = " (prerequisite overridden: reason recorded)" if step.overridden_by_id else ""
        return f"Legal step {step.tool} recorded{overridden}."

    return case_write(request, pk, "legal", "asb.manage", do)


@page("case.view")
def pspos(request):
    """The PSPO register: a map of the areas (conditions and expiry in each popup), the list, and
    for the ASB team a form to add an order (its area drawn as GeoJSON)."""
    orders = Pspo.objects.visible_to(request.user).order_by("expires_on")
    can_add = allowed(request.user, "asb.manage")
    partnerships = request.user.agency.partnerships.all() if request.user.agency_id else []
    context = {
        "orders": orders,
        "today": timezone.localdate(),
        "can_add": can_add,
        "partnerships": partnerships,
        "max_years": rule("pspo-max-years"),
        "layers": [{"name": "PSPO areas", "url": "/cases/pspos.geojson", "style": "pspo"}],
    }
    if request.method == "POST":
        if not can_add:
            refused(request, request.user, "asb.manage", 403)
            return render(request, "core/forbidden.html", {"message": "Only the ASB team adds PSPOs."}, status=403)

        def do():
            try:
                area = json.loads(request.POST.get("area", ""))
            except ValueError:
                raise Invalid("The area must be GeoJSON (a Polygon's JSON).") from None
            body = parse(PspoIn, request.POST, area=area)
            partnership = member_partnership(request.user, body.partnership)
            return asb_services.create_pspo(
                actor_of(request), partnership, body.name, body.area, body.conditions, body.made_on, body.expires_on
            )

        return form_write(
            request,
            "asb.manage",
            do,
            "cases/pspos.html",
            context,
            lambda found: (f"PSPO {found.name} added to the register.", redirect("cases:pspos")),
        )
    return render(request, "cases/pspos.html", context)


@page("case.view")
def pspo_layer(request):
    """The register as GeoJSON for the map: each order's polygon with its popup text."""
    today = timezone.localdate()
    features = [
        {
            "type": "Feature",
            "geometry": order.area,
            "properties": {
                "name": order.name,
                "popup": [
                    order.name,
                    f"Conditions: {order.conditions}",
                    f"Made {order.made_on:%d %b %Y}; "
                    + ("expired" if order.expires_on < today else "expires")
                    + f" {order.expires_on:%d %b %Y}",
                ],
            },
        }
        for order in Pspo.objects.visible_to(request.user).order_by("expires_on")[:500]
    ]
    return JsonResponse({"type": "FeatureCollection", "features": features})
