"""Core API: who am I, people, places, wards, agencies, tokens and the audit trail."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from watchkeeper.api import listing, operation
from watchkeeper.core import services
from watchkeeper.core.audit_views import filtered as audit_filtered
from watchkeeper.core.input import PK, Id, PastDate, StrictSchema
from watchkeeper.core.membership import member_partnership
from watchkeeper.core.models import Agency, ApiToken, Partnership, Person, Place, Ward
from watchkeeper.core.visibility import visible
from watchkeeper.core.web import actor_of

router = Router(tags=["core"])


class MeOut(Schema):
    username: str
    role: str
    agency: str | None
    partnerships: list[str]


class PersonIn(StrictSchema):
    partnership: str = Field(..., description="Partnership slug", max_length=50)
    given_name: str = Field("", max_length=100)
    family_name: str = Field(..., min_length=1, max_length=100)
    date_of_birth: PastDate | None = None
    phone: str = Field("", max_length=40)
    address: str = Field("", max_length=300)
    postcode: str = Field("", max_length=12)


class PersonPatch(StrictSchema):
    given_name: str | None = Field(None, max_length=100)
    family_name: str | None = Field(None, min_length=1, max_length=100)
    date_of_birth: PastDate | None = None
    phone: str | None = Field(None, max_length=40)
    address: str | None = Field(None, max_length=300)
    postcode: str | None = Field(None, max_length=12)


class PersonOut(Schema):
    id: int
    given_name: str
    family_name: str
    date_of_birth: date | None
    phone: str
    address: str
    postcode: str
    risk_markers: list[str]
    merged_into_id: int | None


class PersonBrief(Schema):
    id: int
    given_name: str
    family_name: str


class MergeIn(StrictSchema):
    duplicate: Id


class PlaceIn(StrictSchema):
    partnership: str = Field(..., max_length=50)
    name: str = Field(..., min_length=1, max_length=300)
    lat: float = Field(..., ge=-90, le=90)
    lon: float = Field(..., ge=-180, le=180)
    postcode: str = Field("", max_length=12)


class PlaceOut(Schema):
    id: int
    name: str
    kind: str
    postcode: str
    lat: float
    lon: float
    ward_id: int | None


class WardOut(Schema):
    id: int
    code: str
    name: str
    district_id: int


class AgencyOut(Schema):
    id: int
    slug: str
    name: str
    kind: str


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    scopes: list[str]
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None


class AuditOut(Schema):
    seq: int
    at: datetime
    actor_label: str
    kind: str
    object_type: str
    object_id: str
    fields: list[str]
    summary: str
    reason: str
    source: str
    hash: str


class AuditFilter(StrictSchema):
    actor: str | None = None
    kind: str | None = None
    object_type: str | None = None
    object_id: str | None = None
    start: str | None = Field(None, description="YYYY-MM-DD")
    end: str | None = Field(None, description="YYYY-MM-DD (exclusive)")


def _invalid(exc: ValidationError):
    return HttpError(400, "; ".join(exc.messages))


@router.get("/me", response=MeOut)
@operation("home.view")
def me(request):
    user = request.auth
    return {
        "username": user.username,
        "role": user.role,
        "agency": user.agency.name if user.agency_id else None,
        "partnerships": list(Partnership.objects.filter(id__in=user.partnership_ids()).values_list("slug", flat=True)),
    }


@listing(router, "/people", PersonBrief, "person.search")
def list_people(request, q: str = Query("", max_length=100)):
    qs = services.search_people(request.auth, q.strip())
    services.searched_people(actor_of(request), f"API people search {q!r}")
    return qs


@router.get("/people/{person_id}", response=PersonOut)
@operation("person.view")
def get_person(request, person_id: int = PK):
    person = get_object_or_404(Person.objects.visible_to(request.auth), pk=person_id)
    try:
        services.read_person(actor_of(request), person)
    except ValidationError as exc:
        raise HttpError(403, exc.messages[0]) from None
    return person


@router.post("/people", response={201: PersonOut})
@operation("person.edit")
def create_person(request, body: PersonIn):
    data = body.dict()
    partnership = member_partnership(request.auth, data.pop("partnership"))
    try:
        person = services.create_person(actor_of(request), partnership, **data)
    except ValidationError as exc:
        raise _invalid(exc) from None
    return 201, person


@router.patch("/people/{person_id}", response=PersonOut)
@operation("person.edit")
def update_person(request, body: PersonPatch, person_id: int = PK):
    person = get_object_or_404(Person.objects.visible_to(request.auth), pk=person_id)
    try:
        return services.update_person(actor_of(request), person, **body.dict(exclude_none=True))
    except ValidationError as exc:
        raise _invalid(exc) from None


@router.post("/people/{person_id}/merge", response=PersonOut)
@operation("person.merge")
def merge_person(request, body: MergeIn, person_id: int = PK):
    visible = Person.objects.visible_to(request.auth)
    keep = get_object_or_404(visible, pk=person_id)
    duplicate = get_object_or_404(visible, pk=body.duplicate)
    try:
        return services.merge_people(actor_of(request), keep, duplicate)
    except ValidationError as exc:
        raise _invalid(exc) from None


@listing(router, "/places", PlaceOut, "place.view")
def list_places(request, q: str = Query("", max_length=100)):
    qs = Place.objects.visible_to(request.auth)
    for word in q.split():
        qs = qs.filter(name__icontains=word)
    return qs


@router.post("/places", response={201: PlaceOut})
@operation("place.edit")
def create_place(request, body: PlaceIn):
    partnership = member_partnership(request.auth, body.partnership)
    try:
        place = services.create_place(
            actor_of(request), partnership, body.name, body.lat, body.lon, postcode=body.postcode
        )
    except ValidationError as exc:
        raise _invalid(exc) from None
    return 201, place


@listing(router, "/wards", WardOut, "reference.view")
def list_wards(request):
    qs = Ward.objects.filter(district__partnership_id__in=request.auth.partnership_ids())
    if request.auth.agency.district_id:
        qs = qs.filter(district_id=request.auth.agency.district_id)
    return qs


@listing(router, "/agencies", AgencyOut, "directory.view")
def list_agencies(request):
    return Agency.objects.filter(partnerships__id__in=request.auth.partnership_ids()).distinct()


@listing(router, "/tokens", TokenOut, "account.manage")
def list_tokens(request):
    return visible(ApiToken, request.auth).order_by("-created_at")


@router.delete("/tokens/{token_id}", response={204: None})
@operation("account.manage")
def revoke_token(request, token_id: int = PK):
    token = get_object_or_404(visible(ApiToken, request.auth), pk=token_id)
    services.revoke_token(actor_of(request), token)
    return 204, None


@listing(router, "/audit", AuditOut, "audit.view")
def list_audit(request, filters: Query[AuditFilter]):
    qs, problems = audit_filtered(filters.dict(exclude_none=True), request.auth)
    if problems:
        raise HttpError(400, "; ".join(problems))
    return qs
