"""Channel API: stage moves. A Channel case is opened with POST /api/cases (kind "channel"); to
anyone not named on it, every case route answers as if it did not exist."""

from ninja import Field, Router

from watchkeeper.api import operation
from watchkeeper.cases.channel import services as channel_services
from watchkeeper.cases.core.queries import visible_case
from watchkeeper.cases.core.schemas import Created
from watchkeeper.core.input import PK, StrictSchema
from watchkeeper.core.web import actor_of

router = Router(tags=["channel"])


class StageIn(StrictSchema):
    stage: str = Field(..., max_length=20)
    reason: str = Field("", max_length=300)


@router.post("/cases/{case_id}/channel-stage", response=Created, summary="Move a Channel case to its next stage")
@operation("channel.manage")
def move(request, body: StageIn, case_id: int = PK):
    case = visible_case(request.auth, case_id)
    case = channel_services.move(actor_of(request), case, body.stage, body.reason)
    return {"id": case.pk, "reference": case.stage}


__all__ = ["router"]
