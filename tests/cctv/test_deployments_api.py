"""Rapid deployment through the API, as the demo personas: Marcus (asb) bids, Amira (cctv) may not
decide, Helen (controller) records the JAG's decision, Amira deploys Camden's rapid camera (three
months by default) and takes it down; Kieran (Hertfordshire) cannot see or touch Camden's bid."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.utils import timezone

from watchkeeper.cctv.deployments.models import Bid, Deployment
from watchkeeper.cctv.requests.rules import add_months
from watchkeeper.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


BID = {
    "partnership": "safer-camden",
    "location": "Bidstory estate car park",
    "lat": 51.54,
    "lon": -0.14,
    "justification": "Drug dealing reported weekly in the car park since the summer.",
    "evidence": "ASB case notes and 14 reports",
    "contact_email": "asb@example.org",
}


def test_a_bid_is_decided_at_the_jag_deployed_and_removed(as_user):
    marcus, amira, helen = as_user("asb"), as_user("cctv"), as_user("controller")
    created = post(marcus, "/api/cctv/bids", BID)
    assert created.status_code == 201, created.content
    bid = created.json()
    assert bid["status"] == "pending" and bid["deployments"] == []
    assert any(b["id"] == bid["id"] for b in amira.get("/api/cctv/bids", {"limit": 500}).json()["items"])

    decision = {"approve": True, "meeting": "2026-11-12", "reason": "Evidence of a persistent problem"}
    assert post(amira, f"/api/cctv/bids/{bid['id']}/decision", decision).status_code == 403  # operators do not decide
    assert Bid.objects.get(pk=bid["id"]).status == "pending"
    # Not yet approved: cannot be deployed.
    deploy = {"camera": "CAM-R1", "deployed_on": str(timezone.localdate())}
    assert post(amira, f"/api/cctv/bids/{bid['id']}/deployments", deploy).status_code == 400

    decided = post(helen, f"/api/cctv/bids/{bid['id']}/decision", decision)
    assert decided.status_code == 200 and decided.json()["status"] == "approved"
    assert post(helen, f"/api/cctv/bids/{bid['id']}/decision", decision).status_code == 409  # decided once

    # CAM-R1 may be up elsewhere in the demo: take it down first through the API.
    for d in Deployment.objects.filter(camera__code="CAM-R1", removed_on__isnull=True):
        assert post(amira, f"/api/cctv/deployments/{d.pk}/removal", {}).status_code == 200
    placed = post(amira, f"/api/cctv/bids/{bid['id']}/deployments", deploy)
    assert placed.status_code == 201, placed.content
    d = placed.json()
    today = timezone.localdate()
    assert date.fromisoformat(d["ends_on"]) == add_months(today, 3)
    assert (d["lat"], d["lon"], d["camera"]) == (51.54, -0.14, "CAM-R1")
    again = post(amira, f"/api/cctv/bids/{bid['id']}/deployments", deploy)
    assert again.status_code == 409  # still up here

    removed = post(amira, f"/api/cctv/deployments/{d['id']}/removal", {"removed_on": str(today)})
    assert removed.status_code == 200 and removed.json()["removed_on"] == str(today)
    assert post(amira, f"/api/cctv/deployments/{d['id']}/removal", {}).status_code == 409
    history = amira.get("/api/cctv/deployments", {"limit": 500}).json()["items"]
    assert any(h["id"] == d["id"] and h["location"] == BID["location"] for h in history)

    summaries = list(
        AuditEntry.objects.filter(object_type__startswith="cctv.", summary__contains=f"#{bid['id']}").values_list(
            "summary", flat=True
        )
    )
    assert any("JAG approved" in s for s in summaries) and any("deployed for bid" in s for s in summaries)


def test_another_partnership_cannot_see_or_decide_a_bid(as_user):
    marcus = as_user("asb")
    bid = post(marcus, "/api/cctv/bids", BID).json()
    kieran = as_user("herts-cctv")
    assert all(b["id"] != bid["id"] for b in kieran.get("/api/cctv/bids", {"limit": 500}).json()["items"])
    deploy = {"camera": "CAM-R1", "deployed_on": "2026-12-01"}
    assert post(kieran, f"/api/cctv/bids/{bid['id']}/deployments", deploy).status_code == 404
    # A bid into another partnership, a bad point, an empty justification: refused, nothing written.
    before = Bid.objects.count()
    assert post(marcus, "/api/cctv/bids", {**BID, "partnership": "herts-cctv"}).status_code in (400, 403)
    assert post(marcus, "/api/cctv/bids", {**BID, "lat": 123}).status_code in (400, 422)
    assert post(marcus, "/api/cctv/bids", {**BID, "justification": "x"}).status_code == 400
    assert Bid.objects.count() == before
    # The partner viewer may not bid at all.
    assert post(as_user("partner"), "/api/cctv/bids", BID).status_code == 403
