"""The CCTV satisfaction survey: a signed-in partner's form, and the public's form (no account) for
a partnership that runs cameras. Results are on the intel survey page and the district dashboard."""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.shortcuts import redirect, render
from django.utils import timezone

from watchkeeper.cctv.cameras.models import Camera
from watchkeeper.cctv.surveys import rules, services
from watchkeeper.cctv.surveys.schemas import SurveyIn
from watchkeeper.core.audit import Actor
from watchkeeper.core.errors import Refused
from watchkeeper.core.input import parse, refusal_page
from watchkeeper.core.membership import member_partnership
from watchkeeper.core.models import Partnership, Ward
from watchkeeper.core.web import actor_of, client_address, page, public


def _context(partnership, **extra) -> dict:
    return {
        "partnership": partnership,
        "questions": rules.QUESTIONS,
        "scale_choices": rules.SCALE,
        "wards": Ward.objects.filter(district__partnership=partnership).order_by("name") if partnership else [],
        **extra,
    }


@page("cctv.survey.answer")
def survey_page(request):
    partnerships = list(request.user.agency.partnerships.all()) if request.user.agency_id else []
    slug = request.POST.get("partnership") or request.GET.get("partnership") or ""
    partnership = member_partnership(request.user, slug) if slug else (partnerships[0] if partnerships else None)
    if request.method == "POST":
        services.answer(actor_of(request), partnership, parse(SurveyIn, request.POST))
        return redirect(f"{request.path}?thanks=1&partnership={partnership.slug}")
    context = _context(partnership, partnerships=partnerships, thanks=request.GET.get("thanks") == "1")
    return render(request, "cctv/survey.html", context)


@public
def public_survey_page(request, slug: str):
    partnership = Partnership.objects.filter(slug=slug).first()
    if partnership is None or not Camera.objects.filter(partnership=partnership, active=True).exists():
        return refusal_page(request, "No CCTV survey for that partnership.", 404)
    if request.method == "POST":
        if _one_too_many(request, partnership):
            busy = "Thank you: we already have several answers from this address this hour. Please try later."
            return refusal_page(request, busy, 429)
        try:
            services.answer(Actor(None, "public survey"), partnership, parse(SurveyIn, request.POST))
        except Refused as exc:
            return refusal_page(request, exc.message, exc.status)
        return redirect(f"{request.path}?thanks=1")
    return render(
        request, "cctv/survey.html", _context(partnership, public=True, thanks=request.GET.get("thanks") == "1")
    )


def _one_too_many(request, partnership) -> bool:
    """Counts this address's public answers in the current hour (in the shared cache: Redis when
    configured). The address is kept only as a hash, and only for the hour."""
    address = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    key = f"cctv-survey:{partnership.pk}:{address}:{timezone.now():%Y%m%d%H}"
    cache.add(key, 0, timeout=3600)
    return cache.incr(key) > rules.PUBLIC_ANSWERS_PER_HOUR
