"""Officers API: the contract's officers, granting a power, and the powers offered to me today."""

from django.utils import timezone
from ninja import Router

from watchkeeper.api import listing, operation
from watchkeeper.core.access import get_visible_or_404
from watchkeeper.core.errors import Invalid
from watchkeeper.core.input import PK
from watchkeeper.core.web import actor_of
from watchkeeper.patrol.officers import queries, services
from watchkeeper.patrol.officers.models import Officer, Power
from watchkeeper.patrol.schemas import Created, GrantIn, OfficerRow, PowerRow

router = Router(tags=["patrol"])


@listing(router, "/patrol/officers", OfficerRow, "patrol.view", "Officers on the patrol contracts you may see")
def list_officers(request):
    return Officer.objects.visible_to(request.auth)


@router.post("/patrol/officers/{officer_id}/powers", response={201: Created}, summary="Record a CSAS power granted")
@operation("patrol.manage")
def grant(request, body: GrantIn, officer_id: int = PK):
    officer = get_visible_or_404(Officer, request.auth, f"No officer {officer_id} that you can see.", pk=officer_id)
    power = Power.objects.filter(code=body.power).first()
    if power is None:
        raise Invalid(f"Unknown power {body.power!r}.")
    made = services.grant_power(actor_of(request), officer, power, body.granted_on, body.expires_on)
    return 201, {"id": made.pk}


@router.get("/patrol/my-powers", response=list[PowerRow], summary="The powers I hold and may use today")
@operation("patrol.record")
def my_powers(request):
    return queries.usable_powers(queries.officer_for(request.auth), timezone.localdate())


__all__ = ["router"]
