"""IOM: joining a cohort (reason required), and reoffending and harm against the fixed baseline."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from watchkeeper.cases.core import services as case_services
from watchkeeper.cases.core.models import Link
from watchkeeper.cases.iom import rules as iom_rules
from watchkeeper.cases.iom import services as iom
from watchkeeper.core.audit import Actor
from watchkeeper.core.errors import Invalid
from watchkeeper.core.models import Partnership, Person, User


def test_windows_compare_like_with_like():
    (b0, b1), (s0, s1) = iom_rules.windows(date(2026, 1, 1), date(2026, 3, 1), 365)
    assert (b0, b1, s0, s1) == (date(2025, 1, 1), date(2026, 1, 1), date(2026, 1, 1), date(2026, 3, 1))
    assert iom_rules.harm_change(4, 1) == -75.0 and iom_rules.harm_change(0, 2) is None


@pytest.mark.django_db
def test_joining_and_outcomes_from_linked_incidents():
    from tests.control.cad import new_incident
    from watchkeeper.control.models import Incident

    officer = Actor(User.objects.get(username="iom"))
    camden = Partnership.objects.get(slug="safer-camden")
    case = case_services.open_case(officer, camden, "iom", "Prolific burglar")
    offender = Person.objects.get(family_name="Openshaw")
    with pytest.raises(Invalid):
        iom.join(officer, case, offender.pk, "fixed", "", timezone.localdate())
    joined = timezone.localdate() - timedelta(days=30)
    membership = iom.join(officer, case, offender.pk, "fixed", "Neighbourhood priority", joined)
    incident = Incident.objects.get(pk=new_incident()["id"])  # received now: after joining
    Link.objects.create(case=case, kind="incident", incident=incident, linked_at=timezone.now())
    found = iom.outcomes(membership)
    assert found == {
        "baseline": 0,
        "since": 1,
        "reoffended": True,
        "harm_baseline": 0,
        "harm_since": 1.0,
        "harm_change_pct": None,
    }


def test_harm_is_weighted_by_offence_type_from_rule_data():
    weights = {"crime": {"burglary": 6, "default": 1}, "incident": {"default": 1}}
    assert iom_rules.harm([("crime", "burglary"), ("crime", "shoplifting"), ("incident", "violence")], weights) == 8
    assert iom_rules.weight({}, "crime", "robbery") == 1  # nothing configured: each record counts once


def post(client, url, body):
    import json

    return client.post(url, json.dumps(body), content_type="application/json")


@pytest.mark.django_db
def test_an_iom_officer_runs_a_cohort_member_through_the_api(as_user):
    """Nadia (IOM, probation) opens an IOM case, puts Openshaw in the fixed cohort with the reason,
    records the plan and contacts; a burglary linked in the baseline year and a shoplifting since
    give reoffending and harm -83.3% (weights are rule data); the cohort reads are audited, and
    nobody without the IOM role reads the cohort."""
    from watchkeeper.cases.iom.models import Engagement, Membership, Plan
    from watchkeeper.cases.rules.models import Rule
    from watchkeeper.core.models import AuditEntry
    from watchkeeper.intel.models import Crime

    nadia = as_user("iom")
    camden = Partnership.objects.get(slug="safer-camden")
    created = post(nadia, "/api/cases", {"partnership": "safer-camden", "kind": "iom", "title": "Prolific burglar"})
    assert created.status_code == 201, created.content
    case_id = created.json()["id"]
    offender = Person.objects.get(family_name="Openshaw")
    today = timezone.localdate()
    joined = today - timedelta(days=60)
    body = {"offender": offender.pk, "cohort": "fixed", "reason": "", "joined_on": joined.isoformat()}
    assert post(nadia, f"/api/cases/{case_id}/iom-members", body).status_code == 422  # a reason is required
    body["reason"] = "Neighbourhood priority: burglary"
    body["cohort"] = "sometimes"
    assert post(nadia, f"/api/cases/{case_id}/iom-members", body).status_code == 422
    body["cohort"] = "fixed"
    joined_response = post(nadia, f"/api/cases/{case_id}/iom-members", body)
    assert joined_response.status_code == 201, joined_response.content
    member = Membership.objects.get(pk=joined_response.json()["id"])
    assert post(nadia, f"/api/cases/{case_id}/iom-members", body).status_code == 409  # already in

    plan = {
        "pathways": [{"pathway": "accommodation", "intervention": "Supported housing referral", "agency": "Council"}],
        "agreed_on": joined.isoformat(),
        "review_on": (today + timedelta(days=30)).isoformat(),
    }
    assert (
        post(nadia, f"/api/iom-members/{member.pk}/plan", {**plan, "review_on": joined.isoformat()}).status_code == 400
    )
    assert post(nadia, f"/api/iom-members/{member.pk}/plan", plan).status_code == 201
    contact = {"on": (today - timedelta(days=5)).isoformat(), "kind": "appointment", "outcome": "missed"}
    assert post(nadia, f"/api/iom-members/{member.pk}/engagement", contact).status_code == 400  # say why
    contact["note"] = "Did not attend; no call"
    assert post(nadia, f"/api/iom-members/{member.pk}/engagement", contact).status_code == 201
    member.refresh_from_db()
    assert member.engagement == "not_engaging" and Engagement.objects.filter(membership=member).count() == 1
    assert Plan.objects.filter(membership=member).count() == 1

    before = Crime.objects.create(
        partnership=camden, key="iom-b", month=joined - timedelta(days=90), category="burglary"
    )
    since = Crime.objects.create(partnership=camden, key="iom-s", month=today.replace(day=1), category="shoplifting")
    for crime in (before, since):
        Link.objects.create(case_id=case_id, kind="crime", crime=crime, linked_at=timezone.now())
    rows = nadia.get("/api/iom/cohort").json()
    row = next(r for r in rows if r["id"] == member.pk)
    assert (row["baseline"], row["since"], row["reoffended"]) == (1, 1, True)
    assert (row["harm_baseline"], row["harm_since"], row["harm_change_pct"]) == (6.0, 1.0, -83.3)
    assert row["plan_review_on"] == plan["review_on"] and row["engagement"] == "not_engaging"

    # The weights are rule data: an administrator's new row from a date changes the figure.
    Rule.objects.create(
        name="iom-harm-weights",
        value={"crime": {"burglary": 2, "default": 1}},
        unit="weight",
        effective_from=joined - timedelta(days=1),
    )
    row = next(r for r in nadia.get("/api/iom/cohort").json() if r["id"] == member.pk)
    assert row["harm_change_pct"] == -50.0

    csv = nadia.get("/api/iom/cohort.csv")
    assert csv.status_code == 200 and "Neighbourhood priority" in csv.content.decode()
    page = nadia.get("/cases/iom/")
    assert page.status_code == 200 and "Neighbourhood priority" in page.content.decode()
    reads = AuditEntry.objects.filter(
        kind=AuditEntry.Kind.READ, object_type="cases.membership", object_id=str(member.pk)
    )
    assert reads.count() >= 4

    for username in ("asb", "idva", "partner", "analyst", "stevenage"):
        client = as_user(username)
        assert client.get("/api/iom/cohort").status_code == 403, username
        assert "Neighbourhood priority" not in client.get("/cases/iom/").content.decode(), username

    left = {"left_on": today.isoformat(), "reason": "Sentence ended"}
    assert post(nadia, f"/api/iom-members/{member.pk}/leave", left).status_code == 200
    assert post(nadia, f"/api/iom-members/{member.pk}/engagement", contact).status_code == 409
    assert member.pk not in [r["id"] for r in nadia.get("/api/iom/cohort").json()]
    assert member.pk in [r["id"] for r in nadia.get("/api/iom/cohort?current=false").json()]
