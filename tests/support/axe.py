"""axe-core in the page now shown (axe-playwright-python): its serious and critical findings."""

from __future__ import annotations


def axe(page, problems: list[str]) -> None:
    """Add axe-core's serious and critical findings on the page now shown to `problems`."""
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_load_state("networkidle")
    for v in Axe().run(page).response["violations"]:
        if v["impact"] in ("serious", "critical"):
            where = [n["target"] for n in v["nodes"]][:3]
            problems.append(f"{page.url}: {v['id']} ({v['impact']}) {v['help']} at {where}")
