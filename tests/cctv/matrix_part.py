"""The CCTV module's part of the access matrix (tests/core/test_access_matrix.py): every route
mapped to the model it shows or changes, a body for every write, and marked records in both
partnerships and in one Hertfordshire district, made through the module's services."""

from __future__ import annotations

import io
import uuid
from datetime import timedelta

from tests.core.matrix_world import CAMDEN, EAST_HERTS, HERTS, Marked

ROUTES = {
    "HTML cctv/": "cctv.camera",
    "HTML cctv/cameras.geojson": "cctv.camera",
    "HTML cctv/cameras/<int:pk>/": "cctv.camera",
    "HTML cctv/faults/": "cctv.fault",
    "HTML cctv/log/": "cctv.logentry",
    "HTML cctv/log/<int:pk>/": "cctv.logentry",
    "HTML cctv/handover/": "cctv.logentry",
    "HTML cctv/requests/": "cctv.viewingrequest",
    "HTML cctv/requests/<int:pk>/": "cctv.viewingrequest",
    "HTML cctv/evidence/": "cctv.master",
    "HTML cctv/evidence/<int:pk>/": "cctv.master",
    # The drop-a-package page reads only the uploaded file; a partnership's public key is public.
    "HTML cctv/verify/": "-",
    "HTML cctv/keys/<slug:slug>.pem": "-",
    # The token is the key: a record's id in its place finds nothing.
    "HTML cctv/download/<str:token>/": "cctv.release",
    "HTML cctv/deployments/": "cctv.bid",
    "HTML cctv/deployments/<int:pk>/": "cctv.bid",
    "HTML cctv/deployments/history.geojson": "cctv.deployment",
    "HTML cctv/retention/": "cctv.hold",
    "HTML cctv/visits/": "cctv.visit",
    # The survey forms show only the partnership's ward names (public geography) and store answers.
    "HTML cctv/survey/": "-",
    "HTML cctv/survey/<slug:slug>/": "-",
    "HTML cctv/compliance/review.pdf": "cctv.spotcheck",
    "HTML cctv/compliance/": "cctv.spotcheck",
    # Aggregates of the log (suppressed under five): fetched, so no marker may show.
    "HTML cctv/dashboard/": "cctv.logentry",
    "HTML cctv/dashboard/export.csv": "cctv.logentry",
    "GET /api/cctv/cameras": "cctv.camera",
    "POST /api/cctv/cameras": "cctv.camera",
    "PATCH /api/cctv/cameras/{camera_id}": "cctv.camera",
    "GET /api/cctv/faults": "cctv.fault",
    "POST /api/cctv/cameras/{camera_id}/faults": "cctv.camera",
    "POST /api/cctv/faults/{fault_id}/fix": "cctv.fault",
    "GET /api/cctv/availability": "cctv.camera",
    "GET /api/cctv/log": "cctv.logentry",
    "POST /api/cctv/log": "cctv.logentry",
    "POST /api/cctv/log/{entry_id}/notices": "cctv.logentry",
    "POST /api/cctv/log/{entry_id}/police": "cctv.logentry",
    "GET /api/cctv/handover": "cctv.logentry",
    "GET /api/cctv/requests": "cctv.viewingrequest",
    "POST /api/cctv/requests": "cctv.viewingrequest",
    "POST /api/cctv/requests/{request_id}/decision": "cctv.viewingrequest",
    "POST /api/cctv/requests/{request_id}/clock-stops": "cctv.viewingrequest",
    "POST /api/cctv/requests/{request_id}/clock-restarts": "cctv.viewingrequest",
    "POST /api/cctv/requests/{request_id}/redactions": "cctv.viewingrequest",
    "GET /api/cctv/evidence": "cctv.master",
    "POST /api/cctv/evidence": "cctv.master",
    "GET /api/cctv/evidence/{master_id}/continuity": "cctv.master",
    "POST /api/cctv/evidence/{master_id}/continuity": "cctv.master",
    "POST /api/cctv/evidence/{master_id}/releases": "cctv.master",
    "POST /api/cctv/releases/{release_id}/outcome": "cctv.release",
    "POST /api/cctv/log/{entry_id}/responses": "cctv.logentry",
    "GET /api/cctv/bids": "cctv.bid",
    "POST /api/cctv/bids": "cctv.bid",
    "POST /api/cctv/bids/{bid_id}/decision": "cctv.bid",
    "POST /api/cctv/bids/{bid_id}/deployments": "cctv.bid",
    "GET /api/cctv/deployments": "cctv.deployment",
    "POST /api/cctv/deployments/{deployment_id}/removal": "cctv.deployment",
    "GET /api/cctv/visits": "cctv.visit",
    "POST /api/cctv/visits": "cctv.visit",
    "POST /api/cctv/visits/{visit_id}/sign-out": "cctv.visit",
}

_NOW = "2026-11-30T10:00:00Z"
BODIES = {
    "POST /api/cctv/cameras": {
        "partnership": "herts-cctv",
        "code": "MX-1",
        "name": "Matrixwrite",
        "lat": 51.8,
        "lon": -0.05,
    },
    "PATCH /api/cctv/cameras/{camera_id}": {"purpose": "Matrixwrite"},
    "POST /api/cctv/cameras/{camera_id}/faults": {"description": "Matrixwrite"},
    "POST /api/cctv/faults/{fault_id}/fix": {},
    "POST /api/cctv/log": {
        "partnership": "herts-cctv",
        "occurred_at": _NOW,
        "location": "Matrixwrite",
        "kind": "theft",
        "narrative": "Matrixwrite",
    },
    "POST /api/cctv/log/{entry_id}/notices": {"agency": "Matrixwrite"},
    "POST /api/cctv/log/{entry_id}/police": {},
    "POST /api/cctv/requests": {
        "partnership": "herts-cctv",
        "kind": "police",
        "requester": "Matrixwrite",
        "lawful_basis": "s.35",
        "start": "2026-11-30T09:00:00Z",
        "end": _NOW,
        "cameras": ["MX-0"],
    },
    "POST /api/cctv/requests/{request_id}/decision": {"approve": True, "reason": "Matrixwrite decision"},
    "POST /api/cctv/requests/{request_id}/clock-stops": {"reason": "identity"},
    "POST /api/cctv/requests/{request_id}/clock-restarts": {},
    "POST /api/cctv/requests/{request_id}/redactions": {"what": "Matrixwrite", "method": "blur"},
    "POST /api/cctv/evidence": {
        "partnership": "herts-cctv",
        "exhibit": "MATRIX-1",
        "cameras": ["MX-0"],
        "start": "2026-11-30T09:00:00Z",
        "end": _NOW,
        "clock_offset_s": 0,
        "seal_number": "S",
        "filename": "m.mkv",
        "sha256": "a" * 64,
    },
    "POST /api/cctv/evidence/{master_id}/continuity": {
        "from_party": "Matrixwrite",
        "to_party": "Matrixwrite",
        "purpose": "matrix",
        "seal_number": "S",
    },
    "POST /api/cctv/evidence/{master_id}/releases": {"request_id": 1, "recipient": "Matrixwrite"},
    "POST /api/cctv/releases/{release_id}/outcome": {"outcome": "Matrixwrite"},
    "POST /api/cctv/log/{entry_id}/responses": {"notice_id": 1},
    "POST /api/cctv/bids": {
        "partnership": "herts-cctv",
        "location": "Matrixwrite",
        "lat": 51.8,
        "lon": -0.05,
        "justification": "Matrixwrite justification",
    },
    "POST /api/cctv/bids/{bid_id}/decision": {"approve": True, "meeting": "2026-11-30", "reason": "Matrixwrite"},
    "POST /api/cctv/bids/{bid_id}/deployments": {"camera": "EH-MX2", "deployed_on": "2026-11-30"},
    "POST /api/cctv/deployments/{deployment_id}/removal": {},
    "POST /api/cctv/visits": {
        "partnership": "herts-cctv",
        "visitor": "Matrixwrite",
        "purpose": "maintenance",
    },
    "POST /api/cctv/visits/{visit_id}/sign-out": {},
}


def seed(add) -> None:
    from django.db import transaction
    from django.utils import timezone

    from watchkeeper.cctv.cameras import services as cameras
    from watchkeeper.cctv.compliance.views import SpotCheckIn, record_spot_check
    from watchkeeper.cctv.deployments import services as deployments
    from watchkeeper.cctv.deployments.models import Bid
    from watchkeeper.cctv.evidence import services as evidence
    from watchkeeper.cctv.log import services as log
    from watchkeeper.cctv.requests import services as requests
    from watchkeeper.cctv.retention import services as retention
    from watchkeeper.cctv.visits import services as visits
    from watchkeeper.core.audit import Actor
    from watchkeeper.core.models import User

    herts, camden = (Actor(User.objects.get(username=u), "matrix") for u in ("herts-cctv", "cctv"))
    controller = Actor(User.objects.get(username="controller"), "matrix")
    now = timezone.now()

    def mark(label, obj, words, partnership, action, district=None):
        add(Marked(label, obj, words, partnership, district=district, action=action))

    # East Herts: a camera, its fault, a log entry with a notice, a request, a hold, a bid, a spot check.
    east = cameras.add_camera(
        herts, HERTS, EAST_HERTS, code="EH-MX", name="Camereastia Quay", kind="rapid", lat=51.8, lon=-0.05
    )
    mark("cctv.camera", east, ["Camereastia"], HERTS, "cctv.camera.view", EAST_HERTS)
    fault = cameras.report_fault(herts, east, "Faulteastia lens cracked", now - timedelta(hours=2))
    mark("cctv.fault", fault, ["Faulteastia"], HERTS, "cctv.camera.view", EAST_HERTS)
    entry = log.record_entry(
        herts,
        HERTS,
        EAST_HERTS,
        occurred_at=now - timedelta(hours=1),
        location="Quay",
        kind="theft",
        narrative="Logeastia bag theft",
        cameras=["EH-MX"],
    )
    mark("cctv.logentry", entry, ["Logeastia"], HERTS, "cctv.log.view", EAST_HERTS)
    notice = log.note_agency(herts, entry, "Noticeastia Rail Police", "BTP-9")
    mark("cctv.agencynotice", notice, ["Noticeastia"], HERTS, "cctv.log.view", EAST_HERTS)
    request = requests.create_request(
        herts,
        HERTS,
        EAST_HERTS,
        kind="subject",
        requester="Reqeastia Person",
        organisation="Orgeastia",
        lawful_basis="Art. 15",
        start=now - timedelta(hours=3),
        end=now - timedelta(hours=2),
        cameras=["EH-MX"],
    )
    mark("cctv.viewingrequest", request, ["Reqeastia", "Orgeastia"], HERTS, "cctv.request.view", EAST_HERTS)
    redaction = requests.record_redaction(herts, request, "Redacteastia faces", "blur")
    mark("cctv.redaction", redaction, ["Redacteastia"], HERTS, "cctv.request.view", EAST_HERTS)
    bid = deployments.bid(
        herts,
        HERTS,
        EAST_HERTS,
        location="Bideastia underpass",
        lat=51.801,
        lon=-0.051,
        justification="Repeated ASB after dark here",
    )
    mark("cctv.bid", bid, ["Bideastia"], HERTS, "cctv.deployment.view", EAST_HERTS)
    # An approved bid (the JAG's decision set directly: Hertfordshire has no data controller persona)
    # with a rapid camera deployed for it.
    store = cameras.add_camera(
        herts, HERTS, EAST_HERTS, code="EH-MX2", name="Rapid store", kind="rapid", lat=51.8, lon=-0.05
    )
    approved = deployments.bid(
        herts,
        HERTS,
        EAST_HERTS,
        location="Deployeastia lane",
        lat=51.802,
        lon=-0.052,
        justification="Repeated ASB after dark here",
    )
    Bid.objects.filter(pk=approved.pk).update(status=Bid.Status.APPROVED)
    mark("cctv.bid", approved, ["Deployeastia"], HERTS, "cctv.deployment.view", EAST_HERTS)
    placed = deployments.deploy(herts, approved, store.code, now.date() - timedelta(days=3))
    mark("cctv.deployment", placed, ["Deployeastia"], HERTS, "cctv.deployment.view", EAST_HERTS)
    visit = visits.sign_in(
        herts,
        HERTS,
        EAST_HERTS,
        visitor="Visiteastia Engineer",
        organisation="Visiteastia Maintenance Ltd",
        purpose="maintenance",
    )
    mark("cctv.visit", visit, ["Visiteastia"], HERTS, "cctv.visit.view", EAST_HERTS)
    check = record_spot_check(
        controller,
        SpotCheckIn(
            partnership=CAMDEN,
            inspector="Spotcamdenia",
            checked_on=now.date(),
            principle=3,
            findings="Spotcamdenia sign",
        ),
    )
    mark("cctv.spotcheck", check, ["Spotcamdenia"], CAMDEN, "cctv.compliance.view")

    # Camden: an approved request, its held footage, a sealed exhibit (hash only) with a release.
    cam = cameras.add_camera(
        camden, CAMDEN, None, code="CM-MX", name="Camcamdenia Yard", kind="ptz", lat=51.539, lon=-0.142
    )
    mark("cctv.camera", cam, ["Camcamdenia"], CAMDEN, "cctv.camera.view")
    police = requests.create_request(
        camden,
        CAMDEN,
        None,
        kind="police",
        requester="Reqcamdenia DC",
        lawful_basis="s.35",
        start=now - timedelta(hours=3),
        end=now - timedelta(hours=2),
        cameras=["CM-MX"],
    )
    mark("cctv.viewingrequest", police, ["Reqcamdenia"], CAMDEN, "cctv.request.view")
    hold = retention.place_hold(
        controller,
        cam,
        now - timedelta(hours=5),
        now - timedelta(hours=4),
        "Holdcamdenia inquiry",
        now.date() + timedelta(days=9),
    )
    mark("cctv.hold", hold, ["Holdcamdenia"], CAMDEN, "cctv.retention.view")
    requests.decide(controller, police, True, "Approved for the matrix investigation")
    master = evidence.register_master(
        camden,
        CAMDEN,
        None,
        exhibit="EXCAMDENIA",
        cameras=["CM-MX"],
        start=police.start,
        end=police.end,
        clock_offset_s=1,
        seal_number="SEALCAMDENIA",
        filename="e.mkv",
        sha256="b" * 64,
        request_id=police.pk,
    )
    mark("cctv.master", master, ["EXCAMDENIA"], CAMDEN, "cctv.evidence.view")
    with transaction.atomic():
        entry2 = evidence.append_continuity(camden, master, "Store", "Contcamdenia DMU", "review", "SEALCAMDENIA")
    mark("cctv.continuityentry", entry2, ["Contcamdenia"], CAMDEN, "cctv.evidence.view")
    copy = evidence.derive_copy(
        camden, master, io.BytesIO(b"matrix copy"), f"copycamdenia-{uuid.uuid4().hex[:12]}.mp4", "playable", "b" * 64
    )
    mark("cctv.workingcopy", copy, ["copycamdenia"], CAMDEN, "cctv.evidence.view")
    # The master stays on the recorder (hash only), so the package holds the working copy alone.
    released, _token = evidence.release(controller, master, police, "Police DMU", "dmu@police.example")
    released = evidence.record_outcome(controller, released, "Outcomecamdenia: charged")
    mark("cctv.release", released, ["Outcomecamdenia"], CAMDEN, ("cctv.evidence.view", "cctv.request.view"))
