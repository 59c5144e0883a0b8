"""Signing visitors in and out of the control room. A viewing names its request, which a data
controller must have approved; the viewing is recorded as a disclosure (method "viewing") against
the request's recipient, basis and sharing agreement."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from watchkeeper.cctv.requests.disclosure import record_disclosure
from watchkeeper.cctv.requests.models import ViewingRequest
from watchkeeper.cctv.scope import aware, placed
from watchkeeper.cctv.visits.models import Visit
from watchkeeper.core import audit
from watchkeeper.core.access import get_visible_or_404, require
from watchkeeper.core.audit import Actor
from watchkeeper.core.errors import Conflict, Invalid
from watchkeeper.core.input import timestamp_problem
from watchkeeper.core.models import AuditEntry

VIEWABLE = (ViewingRequest.Status.APPROVED, ViewingRequest.Status.DISCLOSED)


def _when(moment: datetime | None) -> datetime:
    moment = aware(moment) or timezone.now()
    problem = timestamp_problem(moment)
    if problem:
        raise Invalid(problem)
    return moment


def sign_in(
    actor: Actor,
    partnership: str,
    district: str | None,
    *,
    visitor: str,
    purpose: str,
    organisation: str = "",
    request_id: int | None = None,
    footage: str = "",
    identity_checked: bool = False,
    signed_in_at: datetime | None = None,
) -> Visit:
    require(actor.user, "cctv.visit.record")
    home, where = placed(actor.user, partnership, district)
    signed_in_at = _when(signed_in_at)
    if not visitor.strip():
        raise Invalid("Give the visitor's name.")
    request = None
    if purpose == Visit.Purpose.VIEWING:
        if request_id is None:
            raise Invalid("A viewing names the request whose footage is viewed.")
        if not identity_checked:
            raise Invalid("Check the visitor's identity before they view footage.")
        request = get_visible_or_404(
            ViewingRequest,
            actor.user,
            f"No viewing request {request_id} of {home.name}.",
            pk=request_id,
            partnership=home,
        )
        if request.status not in VIEWABLE:
            raise Invalid(f"A data controller must approve {request.reference} before its footage is viewed.")
    elif request_id is not None:
        raise Invalid("Only a viewing names a request.")
    with transaction.atomic():
        visit = Visit.objects.create(
            partnership=home,
            district=where or (request.district if request else None),
            visitor=visitor.strip(),
            organisation=organisation.strip(),
            purpose=purpose,
            request=request,
            footage=footage,
            identity_checked=identity_checked,
            signed_in_at=signed_in_at,
            signed_in_by=actor.user,
        )
        if request is not None:
            record_disclosure(
                actor,
                request,
                visit,
                visitor,
                method="viewing",
                description=f"Footage viewed in the control room: {footage}"[:300],
            )
        audit.record(
            actor,
            AuditEntry.Kind.CREATE,
            visit,
            fields=["visitor", "organisation", "purpose", "request"],
            summary=f"{visit.get_purpose_display()}: visitor signed in"
            + (f" for {request.reference}" if request else ""),
        )
    return visit


def sign_out(actor: Actor, visit: Visit, signed_out_at: datetime | None = None) -> Visit:
    require(actor.user, "cctv.visit.record", visit)
    signed_out_at = _when(signed_out_at)
    with transaction.atomic():
        visit = Visit.objects.select_for_update().get(pk=visit.pk)
        if visit.signed_out_at is not None:
            raise Conflict("That visitor has already signed out.")
        if signed_out_at < visit.signed_in_at:
            raise Invalid("A visitor cannot sign out before they signed in.")
        visit.signed_out_at, visit.signed_out_by = signed_out_at, actor.user
        visit.save(update_fields=["signed_out_at", "signed_out_by"])
        audit.record(actor, AuditEntry.Kind.UPDATE, visit, fields=["signed_out_at"], summary="Visitor signed out")
    return visit
