"""ANPR ingest and ladder: reads per second through the product's import (CSV parsed through a
mapping profile, every line validated, calibration checked, rows stored, the ladder run) against a
plain PostgreSQL COPY of the same rows into the same table; and whether the usual time of passing
is found for planted repeat offenders.

Generated on the Camden road network (bundled demo network): sites on named main roads and
residential streets, a vehicle population whose passes cluster around each vehicle's own usual time
(commuters morning or evening, a few at night), speeds around the limit, a few habitual speeders;
plus planted repeat offenders who pass one site at a known usual time and offend three or more
times within six months. Reads are imported as daily supplier files of ANPR_CHUNK rows.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wk_7 nice -n 10 .venv/bin/python benchmarks/anpr.py
    ANPR_READS=100000 (default) ... 10000000; ANPR_PLANTED=50; ANPR_CHUNK=100000

The last line: RESULT reads_per_s=<n> vs_bulk_insert=<ours/theirs time ratio> usual_time_found=<f>/<p>
"""

from __future__ import annotations

import os
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "watchkeeper.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from watchkeeper.anpr.ladder.models import AttendanceTask, Offence  # noqa: E402
from watchkeeper.anpr.models import CalibrationCheck, Device, ImportRun, Read, Site  # noqa: E402
from watchkeeper.anpr.reads.services import COLUMNS, import_reads  # noqa: E402
from watchkeeper.core.audit import Actor  # noqa: E402
from watchkeeper.core.models import Agency, Partnership, User  # noqa: E402
from watchkeeper.routing import RoadNetwork  # noqa: E402

N = int(os.environ.get("ANPR_READS", "100000"))
PLANTED = int(os.environ.get("ANPR_PLANTED", "50"))
CHUNK = int(os.environ.get("ANPR_CHUNK", "100000"))
DAYS = 180
SEED = 20261203
BUNDLED = REPO / "src" / "watchkeeper" / "demo" / "data" / "camden-network.npz"
LONDON = ZoneInfo("Europe/London")
LETTERS = np.array(list("ABCDEFGHJKLMNOPRSTUVWXY"))


def plates(n: int, rng) -> np.ndarray:
    """`n` distinct current-format plates (AB12CDE): drawn with a margin for the few collisions."""
    extra = n + n // 50 + 100
    a = LETTERS[rng.integers(0, len(LETTERS), (extra, 5))]
    digits = rng.integers(10, 99, extra)
    made = np.array([f"{r[0]}{r[1]}{d}{r[2]}{r[3]}{r[4]}" for r, d in zip(a, digits, strict=True)])
    distinct = np.unique(made)
    assert len(distinct) >= n, "too many collisions"
    return rng.permutation(distinct)[:n]


def sites_on_camden(partnership, rng) -> list[Site]:
    """Twelve sites on distinct named roads of the Camden network: main roads at 30 mph, others at 20."""
    net = RoadNetwork.load(BUNDLED)
    classes = np.array(net.road_classes)[net.class_index]
    tails = np.repeat(np.arange(net.n_nodes), np.diff(net.indptr))
    chosen, seen = [], set()
    for edge in rng.permutation(net.n_edges):
        name_i = net.name_index[edge]
        if name_i < 0 or net.names[name_i] in seen or classes[edge] not in {"primary", "secondary", "residential"}:
            continue
        seen.add(net.names[name_i])
        chosen.append((net.names[name_i], classes[edge], tails[edge]))
        if len(chosen) == 12:
            break
    made = []
    for i, (road, klass, node) in enumerate(chosen):
        site = Site.objects.create(
            partnership=partnership,
            code=f"S{i + 1:02d}",
            name=road,
            road=road,
            lat=float(net.lat[node]),
            lon=float(net.lon[node]),
            speed_limit_mph=20 if klass == "residential" else 30,
        )
        device = Device.objects.create(site=site, serial=f"CAM-{i + 1:02d}")
        for d in range(0, DAYS + 30, 60):  # checked every two months against police equipment
            CalibrationCheck.objects.create(
                device=device,
                checked_on=start_day() + timedelta(days=d - 1),
                council_mph=30.3,
                police_mph=30.0,
                passed=True,
                checked_by="bench",
            )
        made.append(site)
    return made


def start_day() -> date:
    return date.today() - timedelta(days=DAYS + 1)


def utc_offsets() -> np.ndarray:
    """Seconds to subtract from London wall time on each day (3600 in BST, 0 in GMT), at noon."""
    first = start_day()
    return np.array(
        [
            int(
                datetime.combine(first + timedelta(days=d), datetime.min.time().replace(hour=12), LONDON)
                .utcoffset()
                .total_seconds()
            )
            for d in range(DAYS)
        ]
    )


def generate(sites: list[Site], rng):
    """(plate, site index, unix seconds, speed) arrays, sorted by time, plus the planted offenders."""
    limits = np.array([s.speed_limit_mph for s in sites], dtype=float)
    threshold = limits * 1.1 + 2
    n_vehicles = max(N // 60, 100)
    all_plates = plates(n_vehicles + PLANTED, rng)
    vehicles, planted_plates = all_plates[:n_vehicles], all_plates[n_vehicles:]
    # Background traffic: each vehicle has a home site and a usual minute of the day.
    usual = np.where(
        rng.random(n_vehicles) < 0.45,
        rng.normal(8 * 60, 40, n_vehicles),
        np.where(rng.random(n_vehicles) < 0.8, rng.normal(17.5 * 60, 50, n_vehicles), rng.uniform(0, 1440, n_vehicles)),
    )
    home = rng.integers(0, len(sites), n_vehicles)
    habit = np.where(rng.random(n_vehicles) < 0.01, 1.12, 0.85)  # 1% habitually fast
    n_bg = N - PLANTED * 40
    who = rng.integers(0, n_vehicles, n_bg)
    routine = rng.random(n_bg) < 0.8
    site = np.where(routine, home[who], rng.integers(0, len(sites), n_bg))
    minute = np.where(routine, usual[who] + rng.normal(0, 12, n_bg), rng.uniform(0, 1440, n_bg)) % 1440
    day = rng.integers(0, DAYS, n_bg)
    speed = np.clip(rng.normal(limits[site] * habit[who], 3.0), 5, 140)
    plate = vehicles[who]
    # Planted repeat offenders: 40 passes each at one site, usual time known, 4 of them fast.
    p_usual = rng.uniform(0, 1440, PLANTED)
    p_site = rng.integers(0, len(sites), PLANTED)
    p_who = np.repeat(np.arange(PLANTED), 40)
    p_minute = (p_usual[p_who] + rng.normal(0, 8, len(p_who))) % 1440
    p_day = np.concatenate(
        [np.sort(rng.choice(np.arange(DAYS - 150, DAYS), 40, replace=False)) for _ in range(PLANTED)]
    )
    p_speed = limits[p_site[p_who]] * 0.9 + rng.normal(0, 2, len(p_who))
    fast = np.zeros(len(p_who), bool)
    fast[np.arange(PLANTED) * 40 + 39] = fast[np.arange(PLANTED) * 40 + 30] = True
    fast[np.arange(PLANTED) * 40 + 20] = fast[np.arange(PLANTED) * 40 + 10] = True
    p_speed = np.where(fast, threshold[p_site[p_who]] + rng.uniform(3, 12, len(p_who)), p_speed)
    plate = np.concatenate([plate, planted_plates[p_who]])
    site = np.concatenate([site, p_site[p_who]])
    minute = np.concatenate([minute, p_minute])
    day = np.concatenate([day, p_day])
    speed = np.round(np.concatenate([speed, p_speed]), 1)
    base = int(datetime.combine(start_day(), datetime.min.time(), UTC).timestamp())
    seconds = base + day * 86400 + (minute * 60).astype(np.int64) - utc_offsets()[day]
    order = np.argsort(seconds, kind="stable")
    planted = {str(planted_plates[k]): (int(p_usual[k]), int(p_site[k])) for k in range(PLANTED)}
    return plate[order], site[order], seconds[order], speed[order], planted


def csv_text(codes, plate, site, stamps, speed) -> str:
    lines = ["plate,time,site,direction,speed_mph"]
    lines += [f"{p},{t}Z,{codes[s]},N,{v}" for p, t, s, v in zip(plate, stamps, site, speed, strict=True)]
    return "\n".join(lines) + "\n"


def copy_rows(site_ids, device_ids, plate, site, stamps_dt, speed) -> None:
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {Read._meta.db_table} ({', '.join(COLUMNS)}) FROM STDIN") as copy,
    ):
        for p, s, t, v in zip(plate, site, stamps_dt, speed, strict=True):
            copy.write_row((site_ids[s], device_ids[s], p, t, "N", float(v), None, "anpr", None, None, None))


def found_windows(planted: dict) -> int:
    found = 0
    for plate, (minute, _site) in planted.items():
        task = AttendanceTask.objects.filter(offence__plate=plate).order_by("pk").first()
        if task and (minute - task.window_start_minute) % 1440 < task.window_end_minute - task.window_start_minute:
            found += 1
    return found


def main() -> None:
    if connection.vendor != "postgresql":
        sys.exit("Run on PostgreSQL: DATABASE_URL=postgres://postgres@127.0.0.1:5432/wk_N")
    call_command("migrate", verbosity=0)
    rng = np.random.default_rng(SEED)
    with transaction.atomic():
        partnership, _ = Partnership.objects.get_or_create(
            slug="bench-anpr", defaults={"name": "ANPR benchmark", "kind": Partnership.Kind.CSP}
        )
        _clear(partnership)  # an earlier run's ANPR data (the audit trail keeps its entries)
        agency, _ = Agency.objects.get_or_create(
            slug="bench-anpr-police", defaults={"name": "Bench police", "kind": Agency.Kind.POLICE}
        )
        agency.partnerships.add(partnership)
        user = User.objects.filter(username="bench-anpr").first() or User.objects.create_user(
            username="bench-anpr", agency=agency, role="analyst"
        )
        sites = sites_on_camden(partnership, rng)
    codes = [s.code for s in sites]
    site_ids = [s.pk for s in sites]
    device_ids = [s.devices.get().pk for s in sites]
    started = time.perf_counter()
    plate, site, seconds, speed, planted = generate(sites, rng)
    stamps = np.datetime_as_string(seconds.astype("datetime64[s]"), unit="s")
    print(
        f"generated {len(plate):,} reads of {len(set(plate.tolist())):,} vehicles at {len(sites)} Camden sites "
        f"over {DAYS} days in {time.perf_counter() - started:.1f} s; {PLANTED} planted repeat offenders"
    )
    chunks = [slice(i, min(i + CHUNK, len(plate))) for i in range(0, len(plate), CHUNK)]

    # The peer: COPY of the same rows (already parsed) into the same table, one transaction per file.
    peer = 0.0
    for part in chunks:
        dts = [datetime.fromtimestamp(int(s), UTC) for s in seconds[part]]
        t0 = time.perf_counter()
        with transaction.atomic():
            copy_rows(site_ids, device_ids, plate[part], site[part], dts, speed[part])
        peer += time.perf_counter() - t0
    print(f"COPY done: {peer:.1f} s", flush=True)
    with connection.cursor() as cursor:
        if Read.objects.exclude(site_id__in=site_ids).exists():
            cursor.execute(f"DELETE FROM {Read._meta.db_table} WHERE site_id = ANY(%s)", [site_ids])
        else:  # only the benchmark's rows: TRUNCATE rather than deleting millions of rows one by one
            cursor.execute(f"TRUNCATE {Read._meta.db_table} CASCADE")

    # Ours: each file through the product's import (parse, validate, calibration, store, ladder).
    ours, totals = 0.0, {"letters": 0, "watch": 0, "attend": 0, "not_calibrated": 0}
    actor = Actor(user, "benchmark")
    for n, part in enumerate(chunks):
        text = csv_text(codes, plate[part], site[part], stamps[part], speed[part])
        t0 = time.perf_counter()
        done = import_reads(actor, partnership, text, "watchkeeper", f"day-file-{n}.csv")
        ours += time.perf_counter() - t0
        for key in totals:
            totals[key] += done[key]
        if n % 10 == 9:
            print(f"  ours: {part.stop:,} reads in {ours:.1f} s ({part.stop / ours:,.0f} reads/s)", flush=True)
    found = found_windows(planted)
    rate = len(plate) / ours
    print(
        f"ours: {ours:.1f} s ({rate:,.0f} reads/s) letters={totals['letters']:,} watch={totals['watch']:,} "
        f"attend={totals['attend']:,} not_calibrated={totals['not_calibrated']:,}"
    )
    print(f"COPY: {peer:.1f} s ({len(plate) / peer:,.0f} reads/s)")
    print(f"offences recorded: {Offence.objects.filter(partnership=partnership).count():,}")
    print(f"RESULT reads_per_s={rate:.0f} vs_bulk_insert={ours / peer:.2f} usual_time_found={found}/{len(planted)}")


def _clear(partnership) -> None:
    """Remove an earlier run's ANPR records under the benchmark partnership, in SQL (the ORM's
    delete would load every read of a 10-million run into memory first)."""
    from watchkeeper.anpr.ladder.models import WarningLetter, WatchEntry
    from watchkeeper.anpr.models import Section

    offences = Offence.objects.filter(partnership=partnership)
    for queryset in (
        AttendanceTask.objects.filter(offence__in=offences),
        WatchEntry.objects.filter(offence__in=offences),
        WarningLetter.objects.filter(offence__in=offences),
        offences,
        Read.objects.filter(site__partnership=partnership),
        ImportRun.objects.filter(partnership=partnership),
        CalibrationCheck.objects.filter(device__site__partnership=partnership),
        Device.objects.filter(site__partnership=partnership),
        Section.objects.filter(partnership=partnership),
        Site.objects.filter(partnership=partnership),
    ):
        queryset._raw_delete(queryset.db)


if __name__ == "__main__":
    main()
