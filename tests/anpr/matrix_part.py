"""The ANPR module's part of the access matrix: routes, write bodies, and marked records (a Camden
site with a speeder's reads, watch-list entry and attendance task; a Hertfordshire site)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from tests.core.matrix_world import CAMDEN, HERTS, Marked

ROUTES = {
    "HTML anpr/": "anpr.attendancetask",
    "HTML anpr/keepers/": "anpr.keeper",
    "HTML anpr/sections/": "anpr.section",
    "HTML anpr/sections/<int:pk>/": "anpr.section",
    "GET /api/anpr/sites": "anpr.site",
    "POST /api/anpr/reads/import": "anpr.read",
    "POST /api/anpr/keepers/import": "anpr.keeper",
    "POST /api/anpr/devices/{device_id}/checks": "anpr.device",
    "POST /api/anpr/roadwatch": "anpr.read",
    "GET /api/anpr/watchlist": "anpr.watchentry",
    "GET /api/anpr/attendance": "anpr.attendancetask",
    "GET /api/anpr/vehicles/{plate}": "anpr.read",
    "POST /api/anpr/purge": "anpr.read",
    "GET /api/anpr/outcome": "anpr.site",
}

BODIES = {
    "POST /api/anpr/reads/import": {"partnership": "herts-cctv", "text": "plate,time,site,direction,speed_mph\n"},
    "POST /api/anpr/keepers/import": {"partnership": "herts-cctv", "text": "plate,name,address\n"},
    "POST /api/anpr/devices/{device_id}/checks": {"checked_on": "2026-01-01", "council_mph": 30, "police_mph": 30},
    "POST /api/anpr/roadwatch": {
        "site": 1,
        "held_on": "2026-01-01",
        "team": "matrix",
        "vehicles": [{"plate": "AB12CDE", "seen_at": "2026-01-01T08:00:00Z", "speed_mph": 40}],
    },
    "POST /api/anpr/purge": {"partnership": "herts-cctv"},
}


def _site(partnership, marker: str, plate: str):
    from watchkeeper.anpr.ladder.models import AttendanceTask, Offence, WatchEntry
    from watchkeeper.anpr.models import CalibrationCheck, Device, Read, Site

    site = Site.objects.create(
        partnership=partnership,
        code=marker.lower()[:8],
        name=f"{marker} Road",
        road=f"{marker} Road",
        lat=51.55,
        lon=-0.15,
        speed_limit_mph=20,
    )
    device = Device.objects.create(site=site, serial=f"{marker}-CAM")
    CalibrationCheck.objects.create(
        device=device,
        checked_on=timezone.localdate() - timedelta(days=10),
        council_mph=30,
        police_mph=30,
        passed=True,
        checked_by="matrix",
    )
    at = timezone.now() - timedelta(days=2)
    reads = [
        Read.objects.create(site=site, device=device, plate=plate, seen_at=at - timedelta(days=n), speed_mph=40)
        for n in range(3)
    ]
    offences = [
        Offence.objects.create(read=r, partnership=partnership, plate=plate, at=r.seen_at, step=3 - n, threshold_mph=24)
        for n, r in enumerate(reads)
    ]
    watch = WatchEntry.objects.create(
        offence=offences[1],
        plate=plate,
        added_on=timezone.localdate(),
        review_on=timezone.localdate() + timedelta(days=28),
        expires_on=timezone.localdate() + timedelta(days=183),
    )
    task = AttendanceTask.objects.create(
        offence=offences[0],
        site=site,
        window_start_minute=480,
        window_end_minute=540,
        passes_in_window=3,
        passes_seen=3,
        histogram=[0] * 8 + [3] + [0] * 15,
    )
    return site, device, reads[0], watch, task


def seed(add) -> None:
    from watchkeeper.anpr.models import Keeper, Section, Site
    from watchkeeper.core.models import Partnership

    for slug, marker, plate in ((CAMDEN, "Wobblethorpe", "WB26WOB"), (HERTS, "Hertwobble", "HW26HWB")):
        partnership = Partnership.objects.get(slug=slug)
        site, device, read, watch, task = _site(partnership, marker, plate)
        common = {"partnership": slug, "partnership_wide": True}
        # The registered keeper of the marked plate: police roles only (the vehicle's history).
        keeper = Keeper.objects.create(
            partnership=partnership, plate=plate, name=f"{marker}keeper Smith", address=f"1 {marker}keeper Lane"
        )
        add(Marked("anpr.keeper", keeper, [f"{marker}keeper"], action="anpr.keeper", **common))
        exit_site = Site.objects.create(
            partnership=partnership,
            code=f"{marker.lower()[:6]}-x",
            name=f"{marker} Exit",
            road=f"{marker} Road",
            lat=51.56,
            lon=-0.15,
            speed_limit_mph=20,
        )
        section = Section.objects.create(
            partnership=partnership, code=f"{marker.lower()[:6]}-sec", entry=site, exit=exit_site, distance_m=800
        )
        add(Marked("anpr.section", section, [section.code], action="anpr.view", **common))
        add(Marked("anpr.site", site, [f"{marker} Road"], action=("anpr.view", "anpr.outcome"), **common))
        add(Marked("anpr.device", device, [f"{marker}-CAM"], action="anpr.view", **common))
        add(Marked("anpr.read", read, [plate], action="anpr.view", **common))
        add(Marked("anpr.watchentry", watch, [plate], action="anpr.view", **common))
        add(Marked("anpr.attendancetask", task, [plate], action="anpr.view", **common))
