"""Keystrokes, clicks and requests for one standard Immediate call, from answer to despatch (issue 11).

Real Chromium against a real `watchkeeper serve` on a throwaway demo data dir. The dispatcher (who
may take, grade and despatch calls) signs in (not counted), opens the intake page (the call is
answered: counted from here) and, by keyboard only, records a 999 call as a call handler would: the
caller's name, phone and own address, the address of the fight (taken from the gazetteer's list),
the category and the narrative; the category's suggested grade (Immediate) is kept; then sends the
top suggestion from the incident page.

Two counts, kept apart so neither hides the other:
- `keystrokes`: every key press that is not the call's own words (Tab, Enter, the category's
  type-ahead, Ctrl+Enter, the despatch keys): what the screen's design costs the handler.
- `typed_characters`: the caller's details, the address searched for and the narrative, one per
  character: what the call itself costs, the same on any system.
Clicks are counted (none are made); requests are the page loads, posts and fetches the browser
makes (static files counted apart).

The peer figure is the issue's target: under 15 keystrokes and no clicks (STORM-style keyboard flow).

    .venv/bin/python benchmarks/keystrokes.py
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

DEMO_PASSWORD = "watchkeeper-demo"  # watchkeeper.demo.borough (not imported: no Django here)
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# One standard call, typed in full (the phone is new to the demo, so no "same person?" question).
CALL = {
    "name": "Alice Brown",
    "phone": "07700 900461",
    "address": "Flat 3, 12 Bayham Street",
    "location": "1 Camden High Street",
    "narrative": "Two men fighting outside the station, one has a bottle",
}


class Counter:
    def __init__(self, page):
        self.page, self.keys, self.clicks, self.requests, self.static = page, 0, 0, 0, 0
        self.typed = 0
        self.steps: list[str] = []
        page.on("request", self._request)

    def _request(self, request):
        if "/static/" in request.url:
            self.static += 1
        else:
            self.requests += 1

    def press(self, key: str, why: str = "") -> None:
        self.page.keyboard.press(key)
        self.keys += 1
        self.steps.append(f"{key}{' (' + why + ')' if why else ''}")

    def type(self, text: str, why: str = "") -> None:
        """Keys that are not the call's words (a select's type-ahead): counted as keystrokes."""
        self.page.keyboard.type(text)
        self.keys += len(text)
        self.steps.append(f"'{text}'{' (' + why + ')' if why else ''}")

    def words(self, text: str, why: str) -> None:
        """The call's own words (caller details, address, narrative): counted apart, one per character."""
        self.page.keyboard.type(text)
        self.typed += len(text)
        self.steps.append(f"[{len(text)} characters: {why}]")


def run(url: str) -> Counter:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(url + "/login/")
        page.get_by_label("Username").fill("dispatcher")
        page.get_by_label("Password").fill(DEMO_PASSWORD)
        page.keyboard.press("Enter")
        page.wait_for_selector("nav")
        count = Counter(page)
        page.goto(url + "/control/new/")  # the call is answered
        count.requests = 1
        page.wait_for_selector("#intake-form")
        # Channel 999 is preselected; the caller's name has the focus.
        count.words(CALL["name"], "caller name")
        count.press("Tab", "caller phone")
        count.words(CALL["phone"], "caller phone")
        count.press("Tab", "caller address")
        count.words(CALL["address"], "caller address")
        count.press("Tab", "address search")
        count.words(CALL["location"], "location searched")
        page.wait_for_selector("#place-options [role=option]")
        count.press("Enter", "take the first address: fills place, point, ward; moves to category")
        count.type("vi", "category type-ahead: Violence in progress (suggests grade I)")
        count.press("Tab", "description")
        count.words(CALL["narrative"], "narrative")
        count.press("Control+Enter", "record the call")
        try:
            page.wait_for_selector("h1 .cad-grade", timeout=15000)
        except Exception:
            page.screenshot(path=str(ROOT / "var" / "screenshots" / "keystrokes-stuck.png"), full_page=True)
            print("stuck at", page.url, page.inner_text("main")[:600] if page.locator("main").count() else "")
            raise
        assert page.inner_text("h1 .cad-grade").strip() == "I", "the call was not graded Immediate"
        count.press("d")
        count.press("1", "send the top suggestion")
        page.wait_for_selector("text= despatched")
        assert "despatched" in page.inner_text("[data-testid=timeline]")
        page.screenshot(path=str(ROOT / "var" / "screenshots" / "keystrokes-despatched.png"), full_page=True)
        browser.close()
    return count


def main() -> None:
    from tests.support.servers import DemoSite

    (ROOT / "var" / "screenshots").mkdir(parents=True, exist_ok=True)
    print(f"uptime: {os.getloadavg()}")
    with tempfile.TemporaryDirectory() as tmp:
        site = DemoSite(Path(tmp), {"REDIS_URL": ""})
        site.env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT)])
        site.load()
        try:
            count = run(site.serve())
        finally:
            site.stop()
    print("steps: " + ", ".join(count.steps))
    print(f"static files loaded: {count.static}")
    print("target (issue 11): under 15 keystrokes and no clicks")
    print(f"call's own words: {count.typed} characters (not in keystrokes)")
    print(
        f"RESULT keystrokes={count.keys} clicks={count.clicks} requests={count.requests} typed_characters={count.typed}"
    )


if __name__ == "__main__":
    main()
