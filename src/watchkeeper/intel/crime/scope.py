"""The area and period an intelligence page or API call is about: a partnership, whole months, and
optionally a category, district or ward, built from GET parameters and bounded by what the user may see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from ninja.errors import HttpError

from watchkeeper.core.models import District, Partnership, Ward
from watchkeeper.intel.crime import rules
from watchkeeper.intel.crime.models import Crime
from watchkeeper.intel.schemas import ScopeQuery


@dataclass(frozen=True)
class Scope:
    """What a page asks for: a partnership, whole months, optionally a category, district or ward."""

    partnership: Partnership
    start: date
    end: date  # inclusive month
    category: str = ""
    district: District | None = None
    ward: Ward | None = None

    @property
    def months(self) -> list[date]:
        return rules.month_range(self.start, self.end)

    def query(self) -> str:
        parts = [f"partnership={self.partnership.slug}", f"start={self.start:%Y-%m}", f"end={self.end:%Y-%m}"]
        if self.category:
            parts.append(f"category={self.category}")
        if self.district:
            parts.append(f"district={self.district.pk}")
        if self.ward:
            parts.append(f"ward={self.ward.pk}")
        return "&".join(parts)


class ScopeError(ValueError):
    """A filter a person can correct (bad month, unknown area)."""


def partnerships_of(user) -> QuerySet:
    return Partnership.objects.filter(id__in=user.partnership_ids()).order_by("pk")


def _month(text: str, name: str) -> date:
    month = rules.parse_month((text or "")[:7])
    if month is None:
        raise ScopeError(f"{name} must be a month written YYYY-MM, not {text!r}.")
    return month


def _int(text) -> int | None:
    try:
        value = int(text)
    except (TypeError, ValueError):
        return None
    return value if 0 < value < 2**62 else None


def scope_from(user, params) -> Scope:
    """Build a Scope from GET parameters; defaults to the twelve months up to the latest data."""
    partnerships = partnerships_of(user)
    slug = params.get("partnership") or ""
    partnership = (partnerships.filter(slug=slug).first() if slug else None) or partnerships.first()
    if partnership is None:
        raise ScopeError("Your agency is not a member of any partnership.")
    crimes = Crime.objects.visible_to(user).filter(partnership=partnership)
    latest = crimes.order_by("-month").values_list("month", flat=True).first() or date.today().replace(day=1)
    end = _month(params["end"], "End") if params.get("end") else latest
    start = _month(params["start"], "Start") if params.get("start") else rules.add_months(end, -11)
    if end < start:
        raise ScopeError("The end month is before the start month.")
    if rules.months_between(start, end) > 120:
        raise ScopeError("Choose at most ten years.")
    district = ward = None
    own = getattr(user.agency, "district", None)
    if params.get("district"):
        district = District.objects.filter(partnership=partnership, pk=_int(params["district"])).first()
        if district is None:
            raise ScopeError("No such district in this partnership.")
    if own is not None:
        district = own  # a district-bound user always sees their own district only
    if params.get("ward"):
        ward = Ward.objects.filter(district__partnership=partnership, pk=_int(params["ward"])).first()
        if ward is None or (district and ward.district_id != district.pk):
            raise ScopeError("No such ward in this area.")
    return Scope(partnership, start, end, (params.get("category") or "")[:80], district, ward)


def categories(user, partnership: Partnership) -> list[str]:
    return list(
        Crime.objects.visible_to(user)
        .filter(partnership=partnership)
        .order_by("category")
        .values_list("category", flat=True)
        .distinct()
    )


# --- pages: a bad filter is shown above the filters instead of failing ---------------------------


def page_scope(request):
    """(scope, error): a page shows the error above the filters instead of failing."""
    try:
        return scope_from(request.user, request.GET), None
    except ScopeError as exc:
        return None, str(exc)


def filters_context(request, scope) -> dict:
    if scope is None:
        return {}
    return {
        "scope": scope,
        "partnerships": partnerships_of(request.user),
        "categories": categories(request.user, scope.partnership),
        "districts": [] if request.user.agency.district_id else District.objects.filter(partnership=scope.partnership),
        "wards": Ward.objects.filter(district__partnership=scope.partnership),
    }


# --- API: a bad filter is a 400, an unknown partnership a 404 -------------------------------------


def api_scope(request, filters: ScopeQuery):
    try:
        return scope_from(request.auth, filters.params())
    except ScopeError as exc:
        raise HttpError(400, str(exc)) from None


def api_partnership(request, slug: str) -> Partnership:
    found = partnerships_of(request.auth).filter(slug=slug).first()
    if found is None:
        raise HttpError(404, f"No partnership {slug!r} that you belong to.")
    return found


def api_month(text: str, what: str):
    month = rules.parse_month(text)
    if month is None:
        raise HttpError(400, f"{what} must be a month YYYY-MM.")
    return month
