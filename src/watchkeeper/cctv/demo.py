"""Demo data for both partnerships: Camden's control room and the Hertfordshire CCTV Partnership
(cameras at real-looking points in each district's towns), faults, log entries, requests, a sealed
exhibit held on the recorder, a rapid-deployment bid and deployment, spot checks. Idempotent: a
partnership that already has cameras is left alone. Written through the services, as people would."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from watchkeeper.cctv.cameras import services as cameras
from watchkeeper.cctv.cameras.models import Camera
from watchkeeper.cctv.deployments import services as deployments
from watchkeeper.cctv.evidence import services as evidence
from watchkeeper.cctv.log.models import LogEntry
from watchkeeper.cctv.requests import services as requests
from watchkeeper.core.audit import Actor
from watchkeeper.core.models import District, User

# code, name, kind, lat, lon, district code, purpose
CAMDEN = [
    ("CAM-01", "Camden Town station", "ptz", 51.5392, -0.1426, "E09000007", "Crime prevention and public safety"),
    ("CAM-02", "Camden High Street / Parkway", "ptz", 51.5375, -0.1442, "E09000007", "Night-time economy"),
    ("CAM-03", "Camden Lock Market", "ptz", 51.5414, -0.1466, "E09000007", "Crime prevention and public safety"),
    ("CAM-04", "Chalk Farm Road", "fixed", 51.5442, -0.1534, "E09000007", "Crime prevention"),
    ("CAM-05", "Kentish Town Road", "ptz", 51.5503, -0.1404, "E09000007", "Crime prevention and public safety"),
    ("CAM-06", "King's Cross Pancras Road", "ptz", 51.5308, -0.1238, "E09000007", "Transport hub safety"),
    ("CAM-07", "Euston Road / Eversholt Street", "ptz", 51.5282, -0.1337, "E09000007", "Transport hub safety"),
    ("CAM-08", "Holborn Kingsway", "fixed", 51.5174, -0.1200, "E09000007", "Crime prevention"),
    ("CAM-09", "Tottenham Court Road north", "ptz", 51.5200, -0.1340, "E09000007", "Night-time economy"),
    ("CAM-10", "Kilburn High Road", "ptz", 51.5373, -0.1924, "E09000007", "Crime prevention and public safety"),
    ("CAM-11", "West Hampstead Broadhurst Gardens", "fixed", 51.5470, -0.1910, "E09000007", ""),
    (
        "CAM-R1",
        "Rapid deployment 1 (store)",
        "rapid",
        51.5350,
        -0.1400,
        "E09000007",
        "Rapid deployment for ASB hot spots",
    ),
]
HERTS = [
    ("STV-01", "Stevenage Town Square", "ptz", 51.9027, -0.2022, "E07000243", "Town-centre safety"),
    ("STV-02", "Stevenage station forecourt", "ptz", 51.9017, -0.2070, "E07000243", "Transport hub safety"),
    ("STV-03", "Old Town High Street", "ptz", 51.9140, -0.2050, "E07000243", "Night-time economy"),
    ("STV-04", "Westgate multi-storey", "fixed", 51.9040, -0.2000, "E07000243", "Car park crime"),
    ("EH-01", "Hertford Parliament Square", "ptz", 51.7960, -0.0780, "E07000242", "Town-centre safety"),
    ("EH-02", "Bishop's Stortford North Street", "ptz", 51.8720, 0.1590, "E07000242", "Night-time economy"),
    ("EH-03", "Ware High Street", "fixed", 51.8110, -0.0290, "E07000242", "Crime prevention"),
    ("NH-01", "Hitchin Market Place", "ptz", 51.9470, -0.2800, "E07000099", "Town-centre safety"),
    ("NH-02", "Letchworth Leys Avenue", "ptz", 51.9790, -0.2290, "E07000099", "Crime prevention"),
    ("HM-01", "Borehamwood Shenley Road", "ptz", 51.6560, -0.2720, "E07000098", "Town-centre safety"),
    ("HM-02", "Potters Bar Darkes Lane", "fixed", 51.6980, -0.1800, "E07000098", "Crime prevention"),
    (
        "HRT-R1",
        "Rapid deployment 1 (store)",
        "rapid",
        51.9000,
        -0.2050,
        "E07000243",
        "Rapid deployment for ASB hot spots",
    ),
]
KINDS = [
    "asb-personal",
    "theft",
    "violence",
    "suspicious-circumstances",
    "criminal-damage",
    "drugs",
    "concern-for-safety",
]


def _cameras(actor: Actor, slug: str, rows: list) -> list[Camera]:
    today = timezone.localdate()
    made = []
    for i, (code, name, kind, lat, lon, district, purpose) in enumerate(rows):
        made.append(
            cameras.add_camera(
                actor,
                slug,
                district,
                code=code,
                name=name,
                kind=kind,
                lat=lat,
                lon=lon,
                purpose=purpose,
                view=f"{name} and approaches",
                dpia_reference=f"DPIA-{code}" if i % 5 else "",
                signage=i % 4 != 3,
                last_review=today - timedelta(days=40 * (i + 1)),
                last_quality_test=today - timedelta(days=20 * (i + 1)),
                recorder=f"NVR-{code[:3]}",
                recorder_offset_s=(i % 3) - 1,
            )
        )
    return made


def _log(actor: Actor, slug: str, estate: list[Camera], entries: int) -> None:
    now = timezone.now()
    for n in range(entries):
        camera = estate[n % (len(estate) - 1)]
        at = now - timedelta(hours=7 * n + 1)
        from watchkeeper.cctv.log.services import record_entry

        record_entry(
            actor,
            slug,
            camera.district.code,
            occurred_at=at,
            location=camera.name,
            kind=KINDS[n % len(KINDS)],
            narrative=f"Operator observed {KINDS[n % len(KINDS)].replace('-', ' ')} near {camera.name}; tracked "
            f"on camera.",
            cameras=[camera.code],
            footage_start=at - timedelta(minutes=5),
            footage_end=at + timedelta(minutes=20),
        )


def _partnership(slug: str, operator: str, controller: str | None, rows: list) -> dict:
    if Camera.objects.filter(partnership__slug=slug).exists():
        return {}
    op = Actor(User.objects.get(username=operator), "demo")
    estate = _cameras(op, slug, rows)
    now = timezone.now()
    fault = cameras.report_fault(
        op, estate[1], "Picture lost: fibre link down", now - timedelta(days=3), maintainer="Herts Fibre Ltd"
    )
    cameras.fix_fault(op, fault, now - timedelta(days=2, hours=18))
    cameras.report_fault(
        op,
        estate[2],
        "PTZ will not pan left",
        now - timedelta(hours=30),
        maintainer="CCTV Maintenance Co",
        recording_lost=False,
    )
    cameras.report_fault(
        op, estate[4], "Camera dark after storm", now - timedelta(hours=6), maintainer="CCTV Maintenance Co"
    )
    _log(op, slug, estate, 40)
    police = requests.create_request(
        op,
        slug,
        estate[0].district.code,
        kind="police",
        requester="PC 1234 Morgan",
        organisation="Police",
        requester_reference="CAD 4411",
        lawful_basis="DPA 2018 s.35: prevention and detection of crime",
        start=now - timedelta(days=2, hours=3),
        end=now - timedelta(days=2, hours=2),
        cameras=[estate[0].code],
    )
    sar = requests.create_request(
        op,
        slug,
        estate[4].district.code,
        kind="subject",
        requester="A. Resident",
        lawful_basis="UK GDPR Art. 15: right of access",
        start=now - timedelta(hours=10),
        end=now - timedelta(hours=9),
        cameras=[estate[4].code],
        received_on=now.date() - timedelta(days=10),
    )
    requests.stop_clock(op, sar, "identity", now.date() - timedelta(days=10))
    requests.resume_clock(op, sar, now.date() - timedelta(days=6))
    if controller:
        ctl = Actor(User.objects.get(username=controller), "demo")
        requests.decide(ctl, police, True, "Lawful basis stated; footage needed to identify a suspect in a robbery.")
    digest = hashlib.sha256(f"demo master {slug}".encode()).hexdigest()
    master = evidence.register_master(
        op,
        slug,
        estate[0].district.code,
        exhibit=f"{slug.upper()[:4]}-EX-0001",
        cameras=[estate[0].code],
        start=police.start,
        end=police.end,
        clock_offset_s=estate[0].recorder_offset_s,
        seal_number="SEAL-000101",
        filename="export_0001.mkv",
        sha256=digest,
        size=734_003_200,
        request_id=police.pk,
    )
    with transaction.atomic():
        evidence.append_continuity(
            op,
            master,
            "CCTV control room evidence store",
            "Data controller for review",
            "review before release",
            "SEAL-000101",
        )
    bid = deployments.bid(
        op,
        slug,
        estate[-1].district.code,
        location=f"{estate[3].name} underpass",
        lat=estate[3].lat + 0.002,
        lon=estate[3].lon + 0.002,
        justification="Repeated ASB reports at the underpass over three months; residents afraid to use it after dark.",
        evidence="ASB reports and survey comments",
        contact_email="asb-team@example.org",
    )
    return {"cameras": len(estate), "log": LogEntry.objects.filter(partnership__slug=slug).count(), "bid": bid.pk}


def load(partnerships: dict) -> dict:
    summary = {}
    if "safer-camden" in partnerships:
        summary["cctv_camden"] = _partnership("safer-camden", "cctv", "controller", CAMDEN)
    if "herts-cctv" in partnerships and District.objects.filter(code="E07000243").exists():
        summary["cctv_herts"] = _partnership("herts-cctv", "herts-cctv", None, HERTS)
    return summary
