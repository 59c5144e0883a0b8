"""The planning pages in a real Chromium under the strict CSP: the week's charts and a roster's chart
are drawn by plotly (served from the plotly package, started by static/watchkeeper/planning.js),
the what-if form answers, and no policy violation is reported."""

from __future__ import annotations

import pytest

from tests.ui.test_browser import browser, site  # noqa: F401 (fixtures: one server, one Chromium)
from tests.ui.test_csp_browser import signed_in_page

pytestmark = pytest.mark.browser


def test_planning_pages_draw_their_charts_with_no_csp_violation(site, browser):  # noqa: F811
    context, page = signed_in_page(browser, site, "duty")
    try:
        page.goto(site + "/planning/")
        page.wait_for_selector("#demand-chart .main-svg", timeout=20000)
        page.wait_for_selector("#requirement-chart .main-svg", timeout=20000)
        page.goto(site + "/planning/rosters/")
        page.get_by_role("link", name="Demo: call handlers next week").click()
        page.wait_for_selector("#roster-chart .main-svg", timeout=20000)
        page.goto(site + "/planning/what-if/")
        page.get_by_label("Demand (% of forecast)").fill("150")
        page.get_by_role("button", name="Compare this hour").click()
        page.wait_for_selector("[data-testid=whatif]", timeout=30000)
        assert page.evaluate("window.__csp") == []
    finally:
        context.close()
