"""The planning pages in a real Chromium under the strict CSP, walked as a control-room supervisor
(the duty officer) and as an analyst: the week's charts, what if, the patrol units each hour needs,
a patrol roster built through the form, and call records loaded through the file form (a bad file
first, then a good one, after which the week plans with their patience). No policy violation is
reported, and axe-core finds no serious or critical problem on any page visited."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest

from tests.planning.simulated import simulate_calls
from tests.support.axe import axe
from tests.ui.test_browser import browser, site  # noqa: F401 (fixtures: one server, one Chromium)
from tests.ui.test_csp_browser import signed_in_page

pytestmark = pytest.mark.browser


def next_monday() -> str:
    today = datetime.now(UTC).date()
    return (today + timedelta(days=7 - today.weekday())).isoformat()


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


def test_supervisor_walks_the_week_what_if_patrols_and_builds_a_patrol_roster(site, browser):  # noqa: F811
    context, page = signed_in_page(browser, site, "duty")
    problems: list[str] = []
    try:
        page.get_by_role("link", name="Planning").first.click()
        page.wait_for_selector("#requirement-chart .main-svg", timeout=30000)
        assert "Forecast calls next week" in page.inner_text("[data-testid=summary]")
        axe(page, problems)

        page.get_by_role("link", name="What if").click()
        axe(page, problems)
        page.get_by_label("Hour of the week").select_option(label="Fri 20:00")
        page.get_by_label("Call handlers on the phones (blank: as planned)").fill("2")
        page.get_by_role("button", name="Compare this hour").click()
        table = page.wait_for_selector("[data-testid=whatif]", timeout=30000).inner_text()
        assert "Callers who hang up" in table and "Call handlers\t" in table
        axe(page, problems)

        page.get_by_role("link", name="Patrols").click()
        page.wait_for_selector("#patrol-chart .main-svg", timeout=60000)
        assert "Unit-hours needed in the week" in page.inner_text("[data-testid=patrol-summary]")
        axe(page, problems)

        page.get_by_role("link", name="Rosters").click()
        axe(page, problems)
        page.get_by_label("Name").fill("Browser patrol cycle")
        page.get_by_label("Team").select_option(label="Patrol officers")
        page.get_by_label("People available").fill("12")
        page.get_by_label("Week starting (a Monday)").fill(next_monday())
        page.get_by_label("Weeks in the cycle", exact=False).fill("2")
        page.get_by_role("button", name="Build and save the roster").click()
        page.wait_for_selector("#roster-chart .main-svg", timeout=90000)
        assert page.get_by_role("heading", name="Browser patrol cycle").is_visible()
        shifts = page.inner_text("[data-testid=shifts]")
        assert "Week 2 " in shifts and all(
            line.split("\t")[1].endswith(("16:00", "17:00", "18:00", "19:00")) for line in shifts.splitlines()[1:]
        )
        axe(page, problems)
        assert page.evaluate("window.__csp") == []
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def call_file(rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["received_at", "queue", "waited_seconds", "outcome"])
    writer.writerows(rows)
    return out.getvalue().encode()


def test_analyst_loads_call_records_and_sees_the_abandonment(site, browser):  # noqa: F811
    context, page = signed_in_page(browser, site, "analyst")
    problems: list[str] = []
    monday = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    monday -= timedelta(days=monday.weekday() + 7)
    calls = simulate_calls(0.4, 3.0, 2, 2.0, minutes=3 * 24 * 60, seed=21)
    rows = [
        [(monday + timedelta(minutes=t)).isoformat(), "999", round(w * 60, 1), "abandoned" if a else "answered"]
        for t, w, a in calls
        if t < 3 * 24 * 60 - 60
    ]
    try:
        page.goto(site + "/planning/")
        page.get_by_role("link", name="Call records").first.click()
        axe(page, problems)
        bad = call_file([*rows[:5], [rows[5][0], "999", "soon", "answered"]])
        field = page.get_by_label("Call records (CSV", exact=False)
        field.set_input_files(files=[{"name": "bad.csv", "mimeType": "text/csv", "buffer": bad}])
        page.get_by_role("button", name="Check and load the file").click()
        refusal = page.wait_for_selector("[data-testid=refusal]").inner_text()
        assert "Nothing loaded: 1 line" in refusal and "waited_seconds" in refusal
        axe(page, problems)
        field = page.get_by_label("Call records (CSV", exact=False)
        field.set_input_files(files=[{"name": "three-days.csv", "mimeType": "text/csv", "buffer": call_file(rows)}])
        page.get_by_role("button", name="Check and load the file").click()
        recorded = page.wait_for_selector("[data-testid=recorded]").inner_text()
        assert f"{len(rows)} calls recorded" in recorded and "Mean patience" in recorded
        assert "three-days.csv" in page.inner_text("[data-testid=runs]")
        axe(page, problems)
        page.get_by_role("link", name="The week").click()
        page.wait_for_selector("#abandon-chart .main-svg", timeout=30000)
        assert "estimated from" in page.inner_text("[data-testid=abandonment]")
        axe(page, problems)
        assert page.evaluate("window.__csp") == []
    finally:
        context.close()
    assert not problems, "\n".join(problems)
