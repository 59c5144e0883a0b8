"""The Content-Security-Policy in a real Chromium: every main page works with no violation reported
(an inline script, on*= handler, inline style or off-site fetch the policy blocks would be one),
and the pages whose scripts moved out of their templates still do their job."""

from __future__ import annotations

import pytest

from tests.ui.test_browser import browser, site  # noqa: F401 (fixtures: one server, one Chromium)
from watchkeeper.demo.borough import DEMO_PASSWORD

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile + ":" + e.lineNumber);
});
"""

# (persona, path, a selector that shows the page's script ran)
PAGES = {
    "analyst": [
        ("/", "[data-testid=home-title]"),
        ("/map/", ".leaflet-overlay-pane path, .leaflet-overlay-pane canvas"),
        ("/intel/", "main"),
        ("/intel/hotspots/?method=kde", ".leaflet-container"),
        ("/intel/surveys/", "main"),
        ("/intel/pack/", "[data-action=print]"),
        ("/intel/tasking/", "main"),
        ("/control/kpis/", "main"),
        ("/api/docs", ".swagger-ui .info"),
    ],
    "dispatcher": [
        ("/control/", "#board-status.rag-green, #board-status:text('Live')"),
        ("/control/new/", "main"),
        ("/control/coverage/", "#coverage-share:not(:text('…'))"),
        ("/control/units/", "main"),
        ("/people/?q=Open", "main"),
    ],
}


def signed_in_page(browser, site, username):  # noqa: F811
    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.goto(site + "/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-testid=home-title]")
    return context, page


@pytest.mark.parametrize("username", sorted(PAGES))
def test_main_pages_work_with_no_csp_violation(site, browser, username):  # noqa: F811
    context, page = signed_in_page(browser, site, username)
    console = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    violations = {}
    try:
        for path, ready in PAGES[username]:
            page.goto(site + path)
            page.wait_for_selector(ready, timeout=15000)
            page.wait_for_load_state("networkidle")
            found = page.evaluate("window.__csp")
            if found:
                violations[path] = found
    finally:
        context.close()
    assert violations == {}
    assert console == []
