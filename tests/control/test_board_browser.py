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
