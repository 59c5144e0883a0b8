"""The whole CCTV module walked in a real Chromium (headless, the strict CSP) as the three people who
use it: Amira the operator logs an incident with the agency told, records its response and signs a
visitor in and out; Helen the data controller records a request, approves it, records the JAG's
decision on a bid and downloads the annual review; Lisa, the Stevenage partner, sees her
dashboard with only the links she may open and answers the survey; a resident answers the public
survey. axe-core finds no serious or critical problem on any page they see."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.ui.test_browser import browser, site  # noqa: F401 (fixtures: one server, one Chromium)
from tests.ui.test_csp_browser import RECORD_VIOLATIONS, signed_in_page

pytestmark = pytest.mark.browser


def _axe(page, path: str, problems: list[str]) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_load_state("networkidle")
    for v in Axe().run(page).response["violations"]:
        if v["impact"] in ("serious", "critical"):
            targets = [n["target"] for n in v["nodes"]][:3]
            problems.append(f"{path}: {v['id']} ({v['impact']}) {v['help']} at {targets}")
    found = page.evaluate("window.__csp")
    if found:
        problems.append(f"{path}: CSP violation {found}")


def _visit(page, site, path: str, problems: list[str]) -> None:  # noqa: F811
    response = page.goto(site + path)
    assert response.status < 400, f"{path}: {response.status}"
    _axe(page, path, problems)


def _first_link(page, table: str) -> str:
    return page.locator(f"[data-testid={table}] tbody a").first.get_attribute("href")


def _local(delta: timedelta = timedelta()) -> str:
    from django.utils import timezone

    return timezone.localtime(timezone.now() - delta).strftime("%Y-%m-%dT%H:%M")


def test_the_operator_walks_the_room(site, browser):  # noqa: F811
    context, page = signed_in_page(browser, site, "cctv")
    problems: list[str] = []
    try:
        for path in ("/cctv/", "/cctv/faults/", "/cctv/handover/", "/cctv/evidence/", "/cctv/verify/"):
            _visit(page, site, path, problems)
        _visit(page, site, "/cctv/", problems)
        camera = page.locator("table a[href^='/cctv/cameras/']").first.get_attribute("href")
        _visit(page, site, camera, problems)
        _visit(page, site, "/cctv/evidence/", problems)
        _visit(page, site, _first_link(page, "exhibits"), problems)
        _visit(page, site, "/cctv/retention/", problems)
        _visit(page, site, "/cctv/deployments/", problems)
        _visit(page, site, _first_link(page, "bids"), problems)

        # A log entry with the agency told, by its labels.
        _visit(page, site, "/cctv/log/", problems)
        page.get_by_label("When (UK time)").fill(_local(timedelta(minutes=20)))
        page.get_by_label("Location", exact=True).fill("Walkthrough Market")
        page.get_by_label("Narrative").fill("Two men seen fighting outside the market; both left north.")
        page.get_by_label("Cameras").select_option(index=0)
        page.get_by_label("Agency", exact=True).fill("Camden Council ASB team")
        page.get_by_label("Their reference").fill("ASB-7781")
        page.get_by_role("button", name="Record log entry").click()
        page.wait_for_selector("[data-testid=notices]")
        assert "ASB-7781" in page.locator("[data-testid=notices]").inner_text()
        _axe(page, "log entry", problems)
        page.get_by_role("button", name="Record Camden Council ASB team's response").click()
        page.wait_for_selector("[data-testid=notices]")
        assert " min" in page.locator("[data-testid=notices]").inner_text()

        # A contractor signed in and out.
        _visit(page, site, "/cctv/visits/", problems)
        page.get_by_label("Visitor's name").fill("Sam Engineer")
        page.get_by_label("Purpose").select_option("maintenance")
        page.get_by_role("button", name="Sign visitor in").click()
        page.wait_for_selector("[data-testid=in-room]")
        assert "Sam Engineer" in page.locator("[data-testid=in-room]").inner_text()
        _axe(page, "/cctv/visits/ (in room)", problems)
        page.get_by_role("button", name="Sign Sam Engineer out").click()
        page.wait_for_selector("[data-testid=visits]")
        assert "Sam Engineer" not in page.locator("[data-testid=in-room]").inner_text()
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_the_data_controller_decides_and_reviews(site, browser):  # noqa: F811
    context, page = signed_in_page(browser, site, "controller")
    problems: list[str] = []
    try:
        _visit(page, site, "/cctv/requests/", problems)
        page.locator("select[name=kind]").select_option("insurer")
        page.locator("input[name=requester]").fill("Walkthrough Insurance")
        page.get_by_label("Lawful basis").fill("DPA 2018 Sch. 2 para 5: legal claim")
        page.get_by_label("Footage from (UK time)").fill(_local(timedelta(hours=3)))
        page.get_by_label("Footage to (UK time)").fill(_local(timedelta(hours=2)))
        page.get_by_label("Cameras").select_option(index=0)
        page.get_by_role("button", name="Record request").click()
        page.wait_for_selector("h1")
        _axe(page, "new request", problems)
        page.get_by_label("Approve", exact=True).check()
        page.get_by_label("Reasons").fill("A legal claim over a collision; footage shows the junction.")
        page.get_by_role("button", name="Record decision on").click()
        page.wait_for_load_state("networkidle")
        assert "Approved" in page.content()

        _visit(page, site, "/cctv/deployments/", problems)
        page.locator("[data-testid=bids] tbody a").first.click()
        page.wait_for_load_state("networkidle")
        if page.get_by_role("button", name="Record JAG decision on this bid").count():
            page.get_by_label("Approve", exact=True).check()
            page.get_by_label("Meeting date").fill(_local()[:10])
            page.get_by_label("Reasons").fill("Persistent ASB evidenced by the reports")
            page.get_by_role("button", name="Record JAG decision on this bid").click()
            page.wait_for_load_state("networkidle")
            assert "Approved" in page.content()
        _axe(page, "bid", problems)

        _visit(page, site, "/cctv/compliance/", problems)
        with page.expect_download() as download:
            page.get_by_test_id("review-pdf").click()
        path = download.value.path()
        with open(path, "rb") as f:
            assert f.read(5) == b"%PDF-"
        for path in ("/cctv/retention/", "/cctv/visits/", "/cctv/dashboard/", "/cctv/log/"):
            _visit(page, site, path, problems)
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_the_district_partner_sees_their_dashboard_and_answers_the_survey(site, browser):  # noqa: F811
    context, page = signed_in_page(browser, site, "stevenage")
    problems: list[str] = []
    try:
        _visit(page, site, "/cctv/dashboard/", problems)
        nav = page.locator("nav.subnav[aria-label=CCTV]").inner_text()
        assert "Dashboard" in nav and "Survey" in nav and "Operator log" not in nav and "Cameras" not in nav
        assert "Stevenage" in page.locator("h1").inner_text()
        _visit(page, site, "/cctv/survey/", problems)
        page.locator("input[name=satisfied][value='4']").check()
        page.locator("input[name=requests_on_time][value=yes]").check()
        page.get_by_role("button", name="Send my answers").click()
        page.wait_for_selector("[data-testid=thanks]")
        _axe(page, "/cctv/survey/ (thanks)", problems)
    finally:
        context.close()
    public = browser.new_context()
    public.add_init_script(RECORD_VIOLATIONS)
    page = public.new_page()
    try:
        _visit(page, site, "/cctv/survey/herts-cctv/", problems)
        page.locator("input[name=satisfied][value='5']").check()
        page.get_by_role("button", name="Send my answers").click()
        page.wait_for_selector("[data-testid=thanks]")
    finally:
        public.close()
    assert not problems, "\n".join(problems)
