"""Planning's part of the access matrix: its routes, a body for its one write, and marked rosters
(one partnership-wide in Camden, one in East Herts' district) that only planners of the right
partnership and district may see. The demand, what-if and CSV routes are aggregates of incidents,
so they are mapped to control.incident: an incident's markers must never appear in them. A marked
call-record file in each partnership shows only to that partnership's planners."""

from tests.core.matrix_world import CAMDEN, EAST_HERTS, HERTS, Marked

ROUTES = {
    "HTML planning/": "control.incident",
    "HTML planning/week.csv": "control.incident",
    "HTML planning/what-if/": "control.incident",
    "HTML planning/calls/": "planning.callimportrun",
    "HTML planning/patrols/": "control.incident",
    "HTML planning/rosters/": "planning.roster",
    "HTML planning/rosters/<int:pk>/": "planning.roster",
    "HTML planning/rosters/<int:pk>/shifts.csv": "planning.roster",
    "GET /api/planning/week": "control.incident",
    "GET /api/planning/patrols": "control.unit",
    "GET /api/planning/rosters": "planning.roster",
    "GET /api/planning/rosters/{roster_id}": "planning.roster",
    "POST /api/planning/rosters": "planning.roster",
}

BODIES = {
    "POST /api/planning/rosters": {
        "partnership": "safer-camden",
        "team": "patrol",
        "staff": 1,
        "week_start": "2026-12-07",
    },
}


def seed(add) -> None:
    from django.utils import timezone

    from watchkeeper.core.models import District, Partnership
    from watchkeeper.planning.calls.models import CallImportRun
    from watchkeeper.planning.rosters.models import Roster

    for slug, tag in ((CAMDEN, "Callfilecamden"), (HERTS, "Callfileherts")):
        run = CallImportRun.objects.create(
            partnership=Partnership.objects.get(slug=slug),
            actor_label="matrix",
            file_name=f"{tag}.csv",
            sha256="0" * 64,
            started_at=timezone.now(),
        )
        add(Marked("planning.callimportrun", run, [tag], slug, action="planning.view", partnership_wide=True))

    def roster(slug, name, district=None):
        return Roster.objects.create(
            partnership=Partnership.objects.get(slug=slug),
            district=District.objects.get(code=district) if district else None,
            name=name,
            team="call_handlers",
            week_start="2026-12-07",
            staff=3,
            requirement=[1] * 168,
            shifts=[],
            cover=[0] * 168,
            status="optimal",
        )

    add(
        Marked(
            "planning.roster", roster(CAMDEN, "Rosterquixote plan"), ["Rosterquixote"], CAMDEN, action="planning.view"
        )
    )
    add(
        Marked(
            "planning.roster",
            roster(HERTS, "Rostereastish plan", EAST_HERTS),
            ["Rostereastish"],
            HERTS,
            district=EAST_HERTS,
            action="planning.view",
        )
    )
