"""The ANPR pages in a real Chromium under the strict CSP, as the police duty officer: the speed
enforcement overview, the DVLA keeper import and the paired-camera sections (list and one
section's form); and the patrol contract report as the council's analyst. No policy violation is
reported and axe-core finds no serious or critical problem on any of them."""

from __future__ import annotations

import pytest

from tests.support.axe import axe
from tests.ui.test_browser import browser, site  # noqa: F401 (fixtures: one server, one Chromium)
from tests.ui.test_csp_browser import signed_in_page

pytestmark = pytest.mark.browser


def test_the_duty_officer_walks_the_anpr_pages(site, browser):  # noqa: F811
    context, page = signed_in_page(browser, site, "duty")
    problems: list[str] = []
    try:
        page.get_by_role("link", name="ANPR speed").first.click()
        page.wait_for_load_state("networkidle")
        axe(page, problems)
        for path, heading in (("/anpr/keepers/", "keeper"), ("/anpr/sections/", "Paired-camera sections")):
            page.goto(site + path)
            assert heading.lower() in page.inner_text("h1").lower()
            axe(page, problems)
        sections = page.locator("a[href^='/anpr/sections/'][href$='/']")
        if sections.count():
            sections.first.click()
            page.wait_for_load_state("networkidle")
            axe(page, problems)
        assert page.evaluate("window.__csp") == []
    finally:
        context.close()
    assert not problems, problems


def test_the_analyst_reads_the_patrol_contract_report(site, browser):  # noqa: F811
    context, page = signed_in_page(browser, site, "analyst")
    problems: list[str] = []
    try:
        page.goto(site + "/patrol/")
        axe(page, problems)
        page.get_by_role("link", name="Contract report").click()
        page.wait_for_load_state("networkidle")
        assert "never a target" in page.content()
        axe(page, problems)
        assert page.evaluate("window.__csp") == []
    finally:
        context.close()
    assert not problems, problems
