"""Demo data for ANPR speed enforcement in Camden: five sites on real Camden roads (positions from
the bundled OpenStreetMap network), their cameras checked against police equipment (one check
failed, so its reads are not used), two months of synthetic reads (labelled as such) with three
planted repeat speeders who pass at their usual times, a Community Roadwatch session, and keeper
records for the speeders (fictional). Idempotent: natural keys."""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from watchkeeper.anpr.ladder.models import Keeper
from watchkeeper.anpr.models import Device, Site
from watchkeeper.anpr.reads.rules import Row
from watchkeeper.anpr.reads.services import add_roadwatch, import_reads
from watchkeeper.anpr.sites.services import record_check
from watchkeeper.core.audit import Actor
from watchkeeper.core.models import User
from watchkeeper.patrol.tasking.places import network

# (code, road, limit): Camden's own roads are 20 mph; TfL's red routes here are 30 mph.
SITES = [
    ("PWR", "Prince of Wales Road", 20),
    ("KTR", "Kentish Town Road", 20),
    ("HGR", "Highgate Road", 20),
    ("CMR", "Camden Road", 30),
    ("FIN", "Finchley Road", 30),
]
# Planted repeat speeders: plate, site, usual minute of the day, keeper (fictional).
SPEEDERS = [
    ("LR19XKD", "PWR", 7 * 60 + 45, "Dorian Vellacott", "14 Fictional Mews, London NW5"),
    ("GX68TWB", "CMR", 22 * 60 + 30, "Mara Quennell", "3 Imaginary Row, London N7"),
    ("YT21HPZ", "HGR", 17 * 60 + 20, "Felix Arbuthnot", "9 Notreal Gardens, London NW5"),
]


def _place(road: str) -> tuple[float, float]:
    net = network()
    index = net.names.index(road)
    edges = (net.name_index == index).nonzero()[0]
    edge = int(edges[len(edges) // 2])  # part-way along the road, not at a junction it shares
    tail = int((net.indptr <= edge).nonzero()[0][-1])
    return float(net.lat[tail]), float(net.lon[tail])


def _reads(rng: random.Random, now) -> str:
    lines = ["plate,time,site,direction,speed_mph"]
    limits = {code: limit for code, _road, limit in SITES}
    for _ in range(600):  # ordinary traffic around the limit
        code = rng.choice(list(limits))
        at = now - timedelta(days=rng.uniform(1, 60), minutes=rng.uniform(0, 1440))
        plate = f"{rng.choice('ABDEFGHKLMNPRSVWY')}{rng.choice('ABDEFGHKLMNPRSVWY')}{rng.randint(10, 75)}" + "".join(
            rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(3)
        )
        lines.append(f"{plate},{at.isoformat()},{code},N,{round(rng.gauss(limits[code] - 2, 3), 1)}")
    for plate, code, usual, _name, _address in SPEEDERS:
        for day in range(2, 58, 2):  # a commuter's passes at the usual time, three of them fast
            local = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0) - timedelta(days=day)
            at = local + timedelta(minutes=usual + rng.gauss(0, 6))
            fast = day in (50, 30, 10)
            speed = limits[code] * 1.1 + 2 + rng.uniform(4, 10) if fast else limits[code] - rng.uniform(0, 3)
            lines.append(f"{plate},{at.isoformat()},{code},N,{round(speed, 1)}")
    return "\n".join(lines) + "\n"


@transaction.atomic
def load(partnerships: dict) -> dict:
    camden = partnerships["safer-camden"]
    if Site.objects.filter(partnership=camden).exists():
        return {"anpr sites": Site.objects.filter(partnership=camden).count()}
    if network() is None:
        return {}
    duty = Actor(User.objects.get(username="duty"), "demo")
    analyst = Actor(User.objects.get(username="analyst"), "demo")
    today = timezone.localdate()
    for code, road, limit in SITES:
        lat, lon = _place(road)
        site = Site.objects.create(
            partnership=camden, code=code, name=f"{road} camera", road=road, lat=lat, lon=lon, speed_limit_mph=limit
        )
        device = Device.objects.create(site=site, serial=f"CAM-{code}")
        record_check(duty, device, today - timedelta(days=70), 30.4, 30.0)
        if code == "FIN":  # the latest check failed: Finchley Road's reads since are not used
            record_check(duty, device, today - timedelta(days=20), 32.1, 30.0)
    for plate, _code, _usual, name, address in SPEEDERS:
        Keeper.objects.create(partnership=camden, plate=plate, name=name, address=address)
    done = import_reads(analyst, camden, _reads(random.Random(14), timezone.now()), "watchkeeper", "demo-reads.csv")
    site = Site.objects.get(partnership=camden, code="KTR")
    seen = timezone.now() - timedelta(days=3)
    add_roadwatch(
        duty,
        site,
        timezone.localdate(seen),
        "Community Roadwatch volunteers with PC Ahmed (demo)",
        [Row("LR19XKD", seen, "KTR", "", 31.0)],
    )
    return {"anpr reads": done["reads"], "anpr attendance tasks": done["attend"]}
