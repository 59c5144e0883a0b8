"""Browser stories in real Chromium: a call handler logs a call by keyboard only (address combobox,
category, suggested grade, save), a patrol officer on a 390 px phone acknowledges and arrives with
no sideways scrolling, and axe-core finds no serious or critical problem on the main pages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import need
from tests.support.servers import DemoSite
from watchkeeper.demo.borough import DEMO_PASSWORD

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE_PAGES = {
    "handler": ["/", "/control/new/", "/people/", "/control/no-such-page/"],
    "patrol": ["/control/my-unit/"],
    "analyst": ["/intel/", "/intel/targets/", "/intel/tasking/", "/intel/import/"],
    "herts-dispatcher": ["/control/new/"],
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    demo = DemoSite(tmp_path_factory.mktemp("call-site")).load()
    url = demo.serve()
    yield url
    demo.stop()


@pytest.fixture(scope="module")
def browser():
    need(Path(CHROMIUM).exists(), "Chromium at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])
        yield chromium
        chromium.close()


def signed_in(browser, site, username, **context):
    page = browser.new_context(**context).new_page()
    page.goto(site + "/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-testid=home-title]")
    return page


def test_call_handler_logs_a_call_by_keyboard_only(site, browser):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = signed_in(browser, site, "handler")
    page.goto(site + "/control/new/")
    keys = page.keyboard
    assert page.evaluate("document.activeElement.id") == "caller_name"  # autofocus: the caller (channel 999 first)
    keys.press("Alt+l")  # accesskey to the address search
    if page.evaluate("document.activeElement.id") != "location_text":
        page.focus("#location_text")  # accesskey modifiers differ by platform; the story is the keyboard
    keys.type("1 Camden High St")
    page.wait_for_selector("#place-options [role=option]")
    assert "place" in page.inner_text("#place-status")
    keys.press("ArrowDown")
    active = page.get_attribute("#location_text", "aria-activedescendant")
    assert active and page.get_attribute(f"#{active}", "aria-selected") == "true"
    keys.press("Enter")  # takes the address, does not submit the form
    assert page.url.endswith("/control/new/")
    assert page.input_value("#place") != "" and "Camden High Street" in page.input_value("#location_text")
    # The address fills the point and the ward, and the keyboard moves on to the category.
    assert page.input_value("#lat") and page.input_value("#lon")
    assert page.inner_text("[data-testid=place-ward]") not in ("", "set by the address", "not known for this address")
    assert page.evaluate("document.activeElement.id") == "category"
    page.focus("#category")
    page.select_option("#category", "violence")  # a native select: typing its label does the same
    page.dispatch_event("#category", "change")
    assert page.input_value("#grade") == "I"  # the category's suggested grade
    page.screenshot(path=str(SHOTS / "call-keyboard-form.png"), full_page=True)
    page.focus("#description")
    keys.type("Two men fighting outside the station")
    keys.press("Tab")
    page.focus("#intake-form button[type=submit]")
    keys.press("Enter")
    page.wait_for_url("**/control/incidents/*/")
    assert "recorded, graded I" in page.inner_text("main")
    page.screenshot(path=str(SHOTS / "call-keyboard-saved.png"), full_page=True)
    page.context.close()


def test_no_match_is_announced(site, browser):
    page = signed_in(browser, site, "handler")
    page.goto(site + "/control/new/")
    page.focus("#location_text")
    page.keyboard.type("xyzzy plugh")
    page.wait_for_selector("#place-status:has-text('No match')")  # a selector: the CSP refuses eval
    page.keyboard.press("Escape")
    assert page.get_attribute("#location_text", "aria-expanded") == "false"
    page.context.close()


def test_patrol_officer_on_a_phone_acknowledges_and_arrives(site, browser):
    SHOTS.mkdir(parents=True, exist_ok=True)
    dispatcher = signed_in(browser, site, "dispatcher")
    made = dispatcher.request.post(
        site + "/api/incidents",
        data={
            "partnership": "safer-camden",
            "channel": "999",
            "category": "asb-nuisance",
            "lat": 51.5392,
            "lon": -0.1426,
            "location_text": "Camden High Street",
            "grade": "S",
            "rationale": "Group shouting",
        },
        headers={"X-CSRFToken": dispatcher.context.cookies()[0]["value"] if dispatcher.context.cookies() else ""},
    )
    if made.status == 403:  # session API posts need the CSRF cookie by name
        token = next(c["value"] for c in dispatcher.context.cookies() if c["name"] == "csrftoken")
        made = dispatcher.request.post(
            site + "/api/incidents",
            data={
                "partnership": "safer-camden",
                "channel": "999",
                "category": "asb-nuisance",
                "lat": 51.5392,
                "lon": -0.1426,
                "location_text": "Camden High Street",
                "grade": "S",
                "rationale": "Group shouting",
            },
            headers={"X-CSRFToken": token},
        )
    assert made.status == 201, made.text()
    incident = made.json()["id"]
    units = dispatcher.request.get(site + "/api/units?limit=100").json()["items"]
    unit = next(u for u in units if u["call_sign"] == "RSP-1")
    token = next(c["value"] for c in dispatcher.context.cookies() if c["name"] == "csrftoken")
    sent = dispatcher.request.post(
        site + f"/api/incidents/{incident}/assignments", data={"unit": unit["id"]}, headers={"X-CSRFToken": token}
    )
    assert sent.status == 201, sent.text()

    phone = signed_in(browser, site, "patrol", viewport={"width": 390, "height": 844}, is_mobile=True)
    phone.goto(site + "/control/my-unit/")
    phone.wait_for_selector("[data-testid=acknowledge]")
    assert "S Significant" in phone.inner_text("[data-testid=grade]")
    assert "Camden High Street" in phone.inner_text("[data-testid=street]")
    phone.wait_for_selector("#route-summary:not(:empty)")
    width = phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"sideways scrolling at 390 px: document {width[0]} px wide"
    phone.screenshot(path=str(SHOTS / "patrol-phone-despatched.png"), full_page=True)
    phone.click("[data-testid=acknowledge]")
    phone.wait_for_selector("[data-testid=arrive]")
    assert phone.inner_text("[data-testid=unit-status]") == "En route"
    phone.click("[data-testid=arrive]")
    phone.wait_for_selector("#result")
    assert phone.inner_text("[data-testid=unit-status]") == "At scene"
    assert phone.get_attribute("button.current", "aria-pressed") == "true"
    width = phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1]
    phone.screenshot(path=str(SHOTS / "patrol-phone-at-scene.png"), full_page=True)
    phone.context.close()
    dispatcher.context.close()


@pytest.mark.parametrize("username", list(AXE_PAGES))
def test_axe_finds_no_serious_or_critical_problem(site, browser, username):
    from axe_playwright_python.sync_playwright import Axe

    page = signed_in(browser, site, username)
    problems = []
    for path in AXE_PAGES[username]:
        page.goto(site + path)
        page.wait_for_load_state("networkidle")
        results = Axe().run(page)
        for v in results.response["violations"]:
            if v["impact"] in ("serious", "critical"):
                targets = [n["target"] for n in v["nodes"]][:3]
                problems.append(f"{path}: {v['id']} ({v['impact']}) {v['help']} at {targets}")
    page.context.close()
    assert not problems, "\n".join(problems)
