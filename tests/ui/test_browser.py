"""Two personas sign in through a real Chromium against a real server and see their own home pages."""

import shutil
from pathlib import Path

import pytest

from tests.conftest import need
from tests.support.servers import DemoSite
from watchkeeper.demo.borough import DEMO_PASSWORD

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    demo = DemoSite(tmp_path_factory.mktemp("browser-site")).load()
    url = demo.serve()
    yield url
    demo.stop()


@pytest.fixture(scope="module")
def browser():
    need(Path(CHROMIUM).exists(), "Chromium at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()


@pytest.mark.parametrize(
    ("username", "title", "link", "hidden_link"),
    [
        ("handler", "Call intake", "People", "Audit trail"),
        ("auditor", "Audit trail", "Audit trail", "People"),
    ],
)
def test_persona_signs_in_and_sees_their_home(site, browser, username, title, link, hidden_link):
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page()
    page.goto(site + "/")
    assert "/login/" in page.url
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-testid=home-title]")
    assert page.inner_text("[data-testid=home-title]") == title
    nav = page.get_by_role("navigation", name="Main")
    assert nav.get_by_role("link", name=link).count() == 1
    assert nav.get_by_role("link", name=hidden_link).count() == 0
    page.screenshot(path=str(ARTIFACTS / f"home-{username}.png"), full_page=True)
    page.close()


def test_wrong_password_shows_the_reason(site, browser):
    page = browser.new_page()
    page.goto(site + "/login/")
    page.get_by_label("Username").fill("handler")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Sign in").click()
    assert "Username or password not recognised" in page.inner_text("#login-error")
    page.close()


def test_map_draws_the_ward_boundaries_offline(site, browser):
    page = browser.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site + "/login/")
    page.get_by_label("Username").fill("analyst")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-testid=home-title]")
    page.goto(site + "/map/")
    # A selector wait, not wait_for_function: Playwright evaluates a string predicate with eval(),
    # which the page's CSP (script-src 'self') rightly refuses once the predicate has to poll.
    page.wait_for_selector(".leaflet-overlay-pane path, .leaflet-overlay-pane canvas", state="attached")
    page.screenshot(path=str(ARTIFACTS / "map-analyst.png"))
    assert all(url.startswith(site) for url in requested), "the page fetched something off this server"
    page.close()
