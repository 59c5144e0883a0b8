"""The control room's own part of the access matrix (issue 11): the saved incident-list views, each
its owner's alone (tests/core/matrix_world.py collects this file)."""

from __future__ import annotations

from tests.core.matrix_world import Marked

ROUTES = {
    "HTML control/incidents/saved/": "control.savedincidentview",
    # The command line posts only (a GET goes to the board); it acts on incidents, and the matrix's
    # refused-writes check posts to it as every persona without incident.view.
    "HTML control/command/": "control.incident",
}


def seed(add) -> None:
    from watchkeeper.control.models import SavedIncidentView
    from watchkeeper.core.models import User

    owner = User.objects.get(username="duty")
    view = SavedIncidentView.objects.create(user=owner, name="Quorblix view", query="q=quorblix")
    add(Marked("control.savedincidentview", view, ["Quorblix view"], None, people={"duty"}, action="incident.view"))
