"""The home-page panel: the reader's open caseload (counted over what they may see)."""

from __future__ import annotations


def caseload_panel(user):
    from watchkeeper.cases.reports.queries import caseload
    from watchkeeper.core.access import allowed

    if not allowed(user, "case.view"):
        return None
    return {
        "title": "Open cases you may see",
        "value": caseload(user).count(),
        "url": "/cases/",
        "note": "ASB, case reviews, MARAC, IOM and (for its panel) Channel.",
    }
