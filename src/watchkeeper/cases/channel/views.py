"""Channel pages: the stage move on a Channel case's page (through core.views.case_write:
POST-redirect-GET, the API's schema and service). Only the named panel members see the case at
all: to anyone else the route answers exactly as for an unknown id (visible_case's 404)."""

from __future__ import annotations

from watchkeeper.cases.channel import rules as channel_rules
from watchkeeper.cases.channel import services as channel_services
from watchkeeper.cases.channel.api import StageIn
from watchkeeper.cases.core.views import case_write
from watchkeeper.core.input import parse
from watchkeeper.core.web import page


@page("case.edit")
def move(request, pk: int):
    # case.edit, not channel.manage, at the door: a caseworker without the Channel role must get
    # the 404 an unknown id gets (the case rule hides Channel cases from them), not a 403 that
    # would say the route exists for this id. The service still requires channel.manage.
    def do(actor, case, post):
        body = parse(StageIn, post)
        case = channel_services.move(actor, case, body.stage, body.reason)
        return f"Channel stage now: {channel_rules.LABELS.get(case.stage, case.stage).lower()}."

    return case_write(request, pk, "channel", "channel.manage", do)
