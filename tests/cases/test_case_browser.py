"""Browser stories in real Chromium on a served demo: an ASB officer takes a case from complaint to
a Community Protection Warning; the officer is refused a CPN out of order and an ASB manager
overrides a missing prerequisite with a reason; a MARAC chair (the IDVA) schedules a MARAC, builds
its agenda from the referrals, minutes an action for the police and opens per-agency research
packs. Each story checks the database the server wrote (its SQLite file), and axe-core finds no
serious or critical problem on the new pages."""

from __future__ import annotations

import sqlite3

import pytest

from tests.call.test_browser_stories import browser, signed_in  # noqa: F401 (one Chromium, one sign-in)
from tests.support.servers import DemoSite

# Loading the demo and starting a server can take minutes on a busy machine: the fixture needs time.
pytestmark = [pytest.mark.browser, pytest.mark.timeout(900)]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    site = DemoSite(tmp_path_factory.mktemp("cases-site"))
    site.command("demo", "--no-serve", timeout=900)  # load(), with the time a busy machine needs
    site.url = site.serve()
    yield site
    site.stop()


def rows(demo, sql, *args):
    with sqlite3.connect(f"file:{demo.data_dir / 'watchkeeper.sqlite3'}?mode=ro", uri=True) as db:
        return db.execute(sql, args).fetchall()


def today(page) -> str:
    return page.evaluate("new Date().toISOString().slice(0, 10)")


def days_from(page, n: int) -> str:
    return page.evaluate(f"new Date(Date.now() + {n} * 864e5).toISOString().slice(0, 10)")


def new_asb_case(page, site, title):
    page.goto(site + "/cases/")
    page.get_by_role("link", name="Open a case").click()
    page.get_by_label("Case type").select_option("asb")
    page.get_by_label("Title", exact=True).fill(title)
    page.get_by_label("Summary").fill("Loud music and threats on the stairwell.")
    page.get_by_role("button", name="Open case").click()
    page.wait_for_selector("h1:has-text('" + title + "')")
    return int(page.url.rstrip("/").split("/")[-1])


def test_asb_officer_takes_a_case_from_complaint_to_a_warning(demo, browser):  # noqa: F811
    page = signed_in(browser, demo.url, "asb")
    case_id = new_asb_case(page, demo.url, "Stairwell intimidation, Agar Grove")
    page.get_by_label("Find a person").fill("Dalloway")
    page.get_by_role("button", name="Search people").click()
    page.get_by_label("Role of Maureen Dalloway").select_option("victim")
    page.get_by_role("button", name="Add Maureen Dalloway to the case").click()
    assert "Victim added." in page.inner_text(".messages")
    victim = rows(demo, "select id from core_person where family_name = 'Dalloway'")[0][0]
    page.get_by_label("Behaviour on").fill(days_from(page, -3))
    page.get_by_label("Reported on").fill(days_from(page, -2))
    page.get_by_label("What happened").fill("Shouting and banging on the door after midnight.")
    page.get_by_label("Complainant (person id, optional)").fill(str(victim))
    page.get_by_role("button", name="Record complaint").click()
    assert "Complaint recorded." in page.inner_text(".messages")
    for box in (
        "personal-disability",
        "situational-targeted",
        "situational-repeat-victim",
        "incidental-fear-leaving-home",
    ):
        page.get_by_label(box).check()
    page.get_by_role("button", name="Score the vulnerability matrix").click()
    assert "high" in page.inner_text(".messages") and page.inner_text("[data-testid=risk]") == "High"
    page.get_by_label("Step", exact=True).select_option("cpw")
    page.get_by_label("Details").fill("Written warning served by hand")
    page.get_by_role("button", name="Record legal step").click()
    assert "Legal step cpw recorded." in page.inner_text(".messages")
    assert "cpw" in page.inner_text("[data-testid=legal-steps]")
    page.reload()  # POST-redirect-GET: a reload repeats nothing
    assert rows(demo, "select tool from cases_legalstep where case_id = ?", case_id) == [("cpw",)]
    assert rows(demo, "select count(*) from cases_complaint where case_id = ?", case_id) == [(1,)]
    assert rows(demo, "select level from cases_riskassessment where case_id = ?", case_id) == [("high",)]
    events = {k for (k,) in rows(demo, "select kind from cases_event where case_id = ?", case_id)}
    assert {"opened", "party_added", "complaint", "assessed", "legal_step"} <= events
    audit = rows(
        demo, "select count(*) from core_auditentry where object_type = 'cases.legalstep' and actor_label = 'asb'"
    )
    assert audit[0][0] >= 1
    page.context.close()


def test_officer_is_refused_and_a_manager_overrides_with_a_reason(demo, browser):  # noqa: F811
    page = signed_in(browser, demo.url, "asb")
    case_id = new_asb_case(page, demo.url, "Cuckooing at Queens Crescent")
    page.get_by_label("Step", exact=True).select_option("injunction")
    page.get_by_role("button", name="Record legal step").click()
    error = page.inner_text("[data-testid=error-legal]")
    assert "injunction needs one of" in error and "manager's override" in error
    assert page.get_by_label("Manager's override", exact=False).count() == 0  # no override for an officer
    page.context.close()
    manager = signed_in(browser, demo.url, "asbmanager")
    manager.goto(f"{demo.url}/cases/{case_id}/")
    manager.get_by_label("Step", exact=True).select_option("injunction")
    manager.get_by_label("Months (injunction, closure order)").fill("6")
    reason = "Exploitation of a vulnerable tenant: a warning would put him at risk"
    manager.get_by_label("Manager's override", exact=False).fill(reason)
    manager.get_by_role("button", name="Record legal step").click()
    assert "prerequisite overridden" in manager.inner_text(".messages")
    assert reason in manager.inner_text("[data-testid=legal-steps]")
    found = rows(
        demo,
        "select s.override_reason, u.username from cases_legalstep s join core_user u on u.id = s.overridden_by_id "
        "where s.case_id = ?",
        case_id,
    )
    assert found == [(reason, "asbmanager")]
    kinds = [k for (k,) in rows(demo, "select kind from cases_event where case_id = ?", case_id)]
    assert "override" in kinds
    manager.context.close()


def test_a_marac_chair_runs_a_meeting(demo, browser):  # noqa: F811
    page = signed_in(browser, demo.url, "idva")
    page.goto(demo.url + "/cases/meetings/")
    page.get_by_label("Kind", exact=True).select_option("marac")
    page.get_by_label("Title", exact=True).fill("Camden MARAC December")
    page.get_by_label("When (UK time)").fill(days_from(page, 2) + "T10:00")
    page.get_by_role("button", name="Schedule").click()
    page.wait_for_selector("h1:has-text('Camden MARAC December')")
    page.get_by_role("button", name="Build the agenda", exact=False).click()
    agenda = page.inner_text("[data-testid=agenda]")
    assert "Domestic abuse, high risk" in agenda and "dash" in agenda
    page.get_by_label("Agency", exact=True).select_option(label="Metropolitan Police (Camden)")
    page.get_by_label("Action", exact=True).fill("Flag the address for an urgent response")
    page.get_by_label("Due", exact=True).fill(days_from(page, 7))
    page.get_by_role("button", name="Minute action").click()
    assert "Flag the address" in page.inner_text("[data-testid=minuted-actions]")
    page.get_by_role("textbox", name="Minutes").fill("Safety plan agreed; police to flag the address.")
    page.get_by_role("button", name="Save minutes").click()
    assert "Minutes saved." in page.inner_text(".messages")
    meeting = rows(demo, "select id, minutes from cases_meeting where title = 'Camden MARAC December'")[0]
    assert meeting[1].startswith("Safety plan agreed")
    actions = rows(
        demo,
        "select a.text, g.name from cases_action a join core_agency g on g.id = a.agency_id where a.meeting_id = ?",
        meeting[0],
    )
    assert actions == [("Flag the address for an urgent response", "Metropolitan Police (Camden)")]
    # The case is restricted to the IDVA service: in the IDVA's pack, not in the police's.
    page.get_by_role("link", name="Research pack for Camden IDVA Service", exact=False).click()
    assert "Domestic abuse, high risk" in page.inner_text("main")
    page.go_back()
    page.get_by_role("link", name="Research pack for Metropolitan Police (Camden)").click()
    assert "Domestic abuse, high risk" not in page.inner_text("main")
    page.context.close()


AXE_PAGES = {
    "asb": ["/cases/", "/cases/new/", "/cases/pspos/", "/cases/reviews/apply/?person_q=Dalloway", "/cases/meetings/"],
    "idva": ["/cases/meetings/", "/cases/idva/"],
    # The Channel case page with its stage form, restriction and hand-over forms (named panel member).
    "channel": ["/cases/"],
}
CASE_KIND = {"asb": "asb", "idva": "marac", "channel": "channel"}


@pytest.mark.parametrize("username", sorted(AXE_PAGES))
def test_axe_finds_no_serious_or_critical_problem_on_case_pages(demo, browser, username):  # noqa: F811
    from axe_playwright_python.sync_playwright import Axe

    page = signed_in(browser, demo.url, username)
    paths = list(AXE_PAGES[username])
    # The demo's own case and meeting pages (their ids found in the server's database).
    kind = CASE_KIND[username]
    case_id = rows(demo, "select min(id) from cases_case where kind = ?", kind)[0][0]
    paths.append(f"/cases/{case_id}/")
    meeting_id = rows(demo, "select max(id) from cases_meeting where restriction = 'partnership'")[0][0]
    paths += [f"/cases/meetings/{meeting_id}/", f"/cases/meetings/{meeting_id}/pack/{_agency(demo, username)}/"]
    problems = []
    for path in paths:
        page.goto(demo.url + path)
        page.wait_for_load_state("networkidle")
        for v in Axe().run(page).response["violations"]:
            if v["impact"] in ("serious", "critical"):
                targets = [n["target"] for n in v["nodes"]][:3]
                problems.append(f"{path}: {v['id']} ({v['impact']}) {v['help']} at {targets}")
    page.context.close()
    assert not problems, "\n".join(problems)


def _agency(demo, username):
    return rows(demo, "select agency_id from core_user where username = ?", username)[0][0]
