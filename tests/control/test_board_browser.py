"""Browser stories of issue 11 in real Chromium against real `watchkeeper serve` processes with the
embedded default (no Redis): a dispatcher grades and despatches from the recommendation by keyboard,
an inspector takes command, and a change made through a second server process reaches a board open
in the browser (the database change feed). Screenshots go to var/screenshots/ (a CI artefact)."""

from __future__ import annotations

import time

import httpx
import pytest

from tests.support.servers import DemoSite
from tests.ui.test_browser import browser  # noqa: F401 (the shared Chromium fixture)
from watchkeeper.demo.borough import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.server]
SCREENSHOTS = __import__("pathlib").Path(__file__).resolve().parents[2] / "var" / "screenshots"
WAIT_MS = 15000  # generous: these prove delivery, not speed (benchmarks/board.py measures that)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    demo = DemoSite(tmp_path_factory.mktemp("board-site"), {"REDIS_URL": ""}).load()
    try:
        demo.token = demo.command("issue_token", "dispatcher").stdout.strip()
        demo.url_a = demo.serve()
        demo.url_b = demo.serve()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        yield demo
    finally:
        demo.stop()


def new_call(base_url: str, token: str, **extra) -> dict:
    body = {
        "partnership": "safer-camden",
        "channel": "999",
        "category": "violence",
        "description": "Two men fighting outside the station",
        "lat": 51.5392,
        "lon": -0.1426,
        "location_text": "Camden High Street",
        **extra,
    }
    answer = httpx.post(base_url + "/api/incidents", json=body, headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 201, answer.text
    return answer.json()


def sign_in(browser, base_url: str, username: str):  # noqa: F811
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(base_url + "/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_selector("nav")
    return page


def test_officer_phone_page_updates_over_the_websocket_with_polling_stopped(site, browser):  # noqa: F811
    """The patrol officer's phone page joins the board's websocket; with the page's timers frozen
    (Playwright's clock paused, so its 4 s fallback poll cannot run) a despatch of their unit still
    appears, because the socket's message makes the page fetch its live part."""
    from datetime import datetime, timedelta

    headers = {"Authorization": f"Bearer {site.token}"}
    units = httpx.get(site.url_a + "/api/units?limit=100", headers=headers).json()["items"]
    unit = next(u for u in units if u["call_sign"] == "RSP-1")
    assert unit["status"] == "available", unit
    phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone.goto(site.url_a + "/login/")
    phone.get_by_label("Username").fill("patrol")
    phone.get_by_label("Password").fill(DEMO_PASSWORD)
    phone.keyboard.press("Enter")
    phone.wait_for_selector("nav")
    phone.clock.install()
    phone.goto(site.url_a + "/control/my-unit/")
    phone.wait_for_selector("#field-page[data-live=socket]", timeout=WAIT_MS)
    assert phone.locator("[data-testid=incident]").count() == 0
    phone.clock.pause_at(datetime.now() + timedelta(seconds=1))  # no timer runs from here on
    made = new_call(site.url_a, site.token, category="asb-nuisance", grade="S", rationale="Group shouting")
    sent = httpx.post(
        f"{site.url_a}/api/incidents/{made['id']}/assignments", json={"unit": unit["id"]}, headers=headers
    )
    assert sent.status_code == 201, sent.text
    phone.wait_for_selector(f"[data-testid=incident][data-incident='{made['id']}']", timeout=WAIT_MS)
    assert "S Significant" in phone.inner_text("[data-testid=grade]")
    phone.screenshot(path=str(SCREENSHOTS / "phone-websocket-despatch.png"), full_page=True)
    # Hand the unit back so the other stories find it available.
    phone.clock.resume()
    closed = httpx.post(
        f"{site.url_a}/api/incidents/{made['id']}/close",
        json={"closing_code": "advice-given", "result": "Dispersed"},
        headers=headers,
    )
    assert closed.status_code == 200, closed.text
    phone.close()


def test_a_change_through_another_server_reaches_the_open_board(site, browser):  # noqa: F811
    page = sign_in(browser, site.url_b, "dispatcher")
    page.goto(site.url_b + "/control/")
    page.wait_for_selector("#board-status.rag-green")  # the socket is live
    started = time.monotonic()
    made = new_call(site.url_a, site.token)  # through server A; the board is attached to server B
    page.wait_for_selector(f"#incident-{made['id']}", timeout=WAIT_MS)
    print(f"\n{made['reference']} made on A appeared on the board on B after {time.monotonic() - started:.2f} s")
    row = page.locator(f"#incident-{made['id']}")
    assert row.locator('[data-col="grade"]').inner_text() == "ungraded"
    first = page.locator("#board-incidents tr").first.get_attribute("id")
    assert first.startswith("incident-"), first
    # Graded Immediate through A: the row moves into grade order and the screen alerts.
    answer = httpx.post(
        f"{site.url_a}/api/incidents/{made['id']}/grade",
        json={"grade": "I", "rationale": "Fight in progress"},
        headers={"Authorization": f"Bearer {site.token}"},
    )
    assert answer.status_code == 200, answer.text
    page.wait_for_selector("#board-alert:not([hidden])", timeout=WAIT_MS)
    assert made["reference"] in page.inner_text("#board-alert-text")
    page.screenshot(path=str(SCREENSHOTS / "board-second-process.png"), full_page=True)
    page.get_by_role("button", name="Acknowledge alert").click()
    page.wait_for_selector("#board-alert[hidden]", state="attached")
    page.get_by_role("button", name="Mute board alerts").click()
    assert page.evaluate("localStorage.getItem('watchkeeper.board.muted')") == "1"
    page.close()


def test_dispatcher_grades_and_despatches_from_the_recommendation_by_keyboard(site, browser):  # noqa: F811
    made = new_call(site.url_a, site.token)
    page = sign_in(browser, site.url_a, "dispatcher")
    page.goto(f"{site.url_a}/control/incidents/{made['id']}/")
    page.wait_for_selector("[data-testid=ungraded-warning]")
    page.keyboard.press("g")
    page.keyboard.press("i")
    page.keyboard.type("Fight")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("h1 .cad-grade")
    assert page.inner_text("h1 .cad-grade") == "I"
    first = page.locator("button[data-send]").first.inner_text()
    assert first.startswith("Send ")
    page.keyboard.press("d")
    page.keyboard.press("1")
    page.wait_for_selector("text=" + first.removeprefix("Send ") + " despatched")
    assert "/assign/" not in page.url  # post-redirect-get
    page.keyboard.press("?")
    page.wait_for_selector("#key-help:not([hidden])")
    page.screenshot(path=str(SCREENSHOTS / "incident-keyboard-despatch.png"), full_page=True)
    page.close()


def test_inspector_takes_command_and_the_page_names_them(site, browser):  # noqa: F811
    made = new_call(site.url_a, site.token)
    page = sign_in(browser, site.url_a, "inspector")
    page.goto(f"{site.url_a}/control/incidents/{made['id']}/")
    page.get_by_label("Rationale (decision log)").fill("Linked disorder across two wards")
    page.get_by_role("button", name="Take command").click()
    page.wait_for_selector("[data-testid=command]")
    assert "Ch Insp. David Kerr" in page.inner_text("[data-testid=command]")
    assert "Took command." in page.inner_text("[data-testid=timeline]")
    page.screenshot(path=str(SCREENSHOTS / "incident-inspector-command.png"), full_page=True)
    page.close()


def test_a_breach_of_target_sounds_and_flashes_until_acknowledged(site, browser):  # noqa: F811
    """An Immediate call 15 minutes old goes past target while the board is open: the row flashes
    and the alert names it. The page's clock is Playwright's, moved on 16 minutes, so the board's own
    tick (every 15 s) finds the breach without the test waiting a quarter of an hour."""
    made = new_call(site.url_a, site.token)
    answer = httpx.post(
        f"{site.url_a}/api/incidents/{made['id']}/grade",
        json={"grade": "I", "rationale": "Fight in progress"},
        headers={"Authorization": f"Bearer {site.token}"},
    )
    assert answer.status_code == 200, answer.text
    page = sign_in(browser, site.url_a, "dispatcher")
    page.clock.install()
    page.goto(site.url_a + "/control/")
    row = page.locator(f"#incident-{made['id']}")
    row.wait_for()
    assert row.get_attribute("data-overdue") == "no"  # 15 minutes to go: no alert yet
    assert page.locator("#board-alert").is_hidden()
    page.clock.fast_forward("16:00")
    page.wait_for_selector(f"#incident-{made['id']}.flash.overdue", timeout=WAIT_MS)
    page.wait_for_selector("#board-alert:not([hidden])", timeout=WAIT_MS)
    assert "Past target" in page.inner_text("#board-alert-text")
    assert row.locator('[data-col="age"] .rag-red').count() == 1
    page.screenshot(path=str(SCREENSHOTS / "board-breach.png"), full_page=True)
    page.get_by_role("button", name="Acknowledge alert").click()
    page.wait_for_selector("#board-alert[hidden]", state="attached")
    assert "flash" not in (row.get_attribute("class") or "")
    page.close()


def test_dispatcher_grades_despatches_and_closes_from_the_command_line(site, browser):  # noqa: F811
    made = new_call(site.url_a, site.token)
    number = made["reference"].split("/")[0]
    page = sign_in(browser, site.url_a, "dispatcher")
    page.goto(site.url_a + "/control/")
    assert page.evaluate("document.activeElement.id") == "command"  # the board opens on its command line
    page.keyboard.type(f"{number} G1")
    page.keyboard.press("Enter")
    page.wait_for_selector("h1 .cad-grade")
    assert page.inner_text("h1 .cad-grade") == "I"
    first = page.locator("button[data-send]").first.inner_text().removeprefix("Send ")
    page.keyboard.press("/")
    page.keyboard.type("D")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"text={first} despatched")
    assert not page.locator("#command-help").is_visible() and not page.locator("#key-help").is_visible()
    page.keyboard.press("/")
    page.keyboard.type("?")
    page.wait_for_selector("#command-help", state="visible")
    page.screenshot(path=str(SCREENSHOTS / "command-help.png"), full_page=True)
    page.keyboard.press("Escape")
    page.wait_for_selector("#command-help", state="hidden")
    assert page.evaluate("document.activeElement.id") == "command"
    page.keyboard.type("C no-trace Area searched, no one found")
    page.keyboard.press("Enter")
    page.wait_for_selector("#command-confirm-text:has-text('Press Enter again')")
    assert "open" in page.inner_text("[data-testid=status]").lower()
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-testid=status]:has-text('Closed')")
    page.close()


AXE_PAGES = {
    "dispatcher": ["/control/", "/control/incidents/", "/control/units/"],
    "herts-dispatcher": ["/control/"],
}


@pytest.mark.parametrize("username", list(AXE_PAGES))
def test_control_pages_have_no_serious_or_critical_axe_problem(site, browser, username):  # noqa: F811
    from axe_playwright_python.sync_playwright import Axe

    made = new_call(site.url_a, site.token)
    page = sign_in(browser, site.url_a, username)
    paths = AXE_PAGES[username] + ([f"/control/incidents/{made['id']}/"] if username == "dispatcher" else [])
    problems = []
    for path in paths:
        page.goto(site.url_a + path)
        page.wait_for_load_state("networkidle")
        for v in Axe().run(page).response["violations"]:
            if v["impact"] in ("serious", "critical"):
                targets = [n["target"] for n in v["nodes"]][:3]
                problems.append(f"{path}: {v['id']} ({v['impact']}) {v['help']} at {targets}")
    page.close()
    assert not problems, "\n".join(problems)
