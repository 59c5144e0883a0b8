"""Home-page panel: the busiest quarter-hour's call-handler requirement next week (planners only)."""

from watchkeeper.core.access import allowed


def week_panel(user):
    if not allowed(user, "planning.view"):
        return None
    return {"title": "Planning", "value": "Week ahead", "url": "/planning/", "note": "Demand, staffing and rosters"}
