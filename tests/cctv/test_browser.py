"""The CCTV pages in a real Chromium under the strict CSP: the camera map draws its cameras and the
deployment map loads, with no policy violation, as the Camden operator and the Stevenage partner."""

from __future__ import annotations

import pytest

from tests.ui.test_browser import browser, site  # noqa: F401 (fixtures: one server, one Chromium)
from tests.ui.test_csp_browser import signed_in_page

pytestmark = pytest.mark.browser

PAGES = {
    "cctv": [
        ("/cctv/", ".leaflet-overlay-pane canvas, .leaflet-overlay-pane path"),
        ("/cctv/deployments/", ".leaflet-container"),
        ("/cctv/log/", "[data-testid=log]"),
        ("/cctv/requests/", "[data-testid=requests]"),
        ("/cctv/evidence/", "[data-testid=exhibits]"),
        ("/cctv/verify/", "main form"),
    ],
    "stevenage": [("/cctv/dashboard/", "[data-testid=total]")],
}


@pytest.mark.parametrize("username", sorted(PAGES))
def test_cctv_pages_work_with_no_csp_violation(site, browser, username):  # noqa: F811
    context, page = signed_in_page(browser, site, username)
    violations = {}
    try:
        for path, ready in PAGES[username]:
            page.goto(site + path)
            page.wait_for_selector(ready, timeout=15000)
            page.wait_for_load_state("networkidle")
            found = page.evaluate("window.__csp")
            if found:
                violations[path] = found
        if username == "cctv":
            page.goto(site + "/cctv/cameras.geojson")
            assert "CAM-01" in page.content()
    finally:
        context.close()
    assert violations == {}
