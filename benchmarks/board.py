"""How long a change made by another process takes to reach an open live board (issue 11).

A demo site (SQLite data dir) with two `watchkeeper serve` processes A and B; a dispatcher's board
(a websocket client signed in through /login/) is open on B. Two sources of change, each moving a
unit (a position report: the board message carries the new latitude, which names the change):

- worker: the REST API of server A (another server worker), one change at a time;
- cli: a separate command-line process calling the control-room service (as `simulate` or an
  import does), one change every CLI_GAP_S seconds.

Latency = board message received on B - just before the change was made (same machine clock), so
it includes the write and its commit. Run once with the embedded default (no Redis: the database
change feed, live/feed.py) and once with Redis (REDIS_URL, or redis://127.0.0.1:6379/3). The peer is
the Redis channel layer; the ratio is default p99 / redis p99.

    .venv/bin/python benchmarks/board.py            # BOARD_CHANGES=200 per source
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

CHANGES = int(os.environ.get("BOARD_CHANGES", "200"))
CLI_GAP_S = 0.05
BASE_LAT, BASE_LON, STEP = 51.53, -0.14, 1e-5
WAIT_S = 10
DEMO_PASSWORD = "watchkeeper-demo"  # watchkeeper.demo.borough (not imported: no Django here)


def writer(unit_call_sign: str, count: int, offset: int) -> None:
    """The CLI side (run in its own process): `count` position reports through the service."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "watchkeeper.settings")
    import django

    django.setup()
    from watchkeeper.control import services
    from watchkeeper.control.models import Unit
    from watchkeeper.core.audit import Actor
    from watchkeeper.core.models import User

    actor = Actor(User.objects.get(username="dispatcher"), "cli:benchmark")
    unit = Unit.objects.get(call_sign=unit_call_sign)
    print("ready", flush=True)
    for i in range(offset, offset + count):
        started = time.time()
        services.set_unit_status(actor, unit, "available", lat=BASE_LAT + i * STEP, lon=BASE_LON)
        print(f"{i} {started}", flush=True)
        time.sleep(CLI_GAP_S)


def session_cookie(base_url: str, username: str) -> str:
    """Sign in through the login form like a browser; the session cookie's value."""
    import httpx

    with httpx.Client(base_url=base_url, follow_redirects=False, timeout=10) as client:
        client.get("/login/")
        token = client.cookies["csrftoken"]
        client.post("/login/", data={"username": username, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token})
        return client.cookies["sessionid"]


async def open_board(base_url: str, sessionid: str):
    import websockets

    url = base_url.replace("http://", "ws://") + "/ws/board/"
    return await websockets.connect(url, origin=base_url, additional_headers={"Cookie": f"sessionid={sessionid}"})


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


async def measure(site, url_a: str, url_b: str, token: str, unit: dict) -> dict[str, list[float]]:
    import httpx

    received: dict[int, float] = {}
    sessionid = session_cookie(url_b, "dispatcher")
    async with await open_board(url_b, sessionid) as ws:

        async def listen():
            while True:
                message = json.loads(await ws.recv())
                if message.get("type") == "unit" and message.get("id") == unit["id"] and message.get("lat"):
                    received[round((message["lat"] - BASE_LAT) / STEP)] = time.time()

        listener = asyncio.create_task(listen())
        await asyncio.sleep(0.5)
        results: dict[str, list[float]] = {"worker": [], "cli": []}
        async with httpx.AsyncClient(base_url=url_a, headers={"Authorization": f"Bearer {token}"}) as api:
            for i in range(CHANGES):
                started = time.time()
                body = {"status": "available", "lat": BASE_LAT + i * STEP, "lon": BASE_LON}
                response = await api.post(f"/api/units/{unit['id']}/status", json=body, timeout=10)
                assert response.status_code == 200, response.text
                deadline = time.monotonic() + WAIT_S
                while i not in received and time.monotonic() < deadline:
                    await asyncio.sleep(0.002)
                if i in received:
                    results["worker"].append((received[i] - started) * 1000)
        sent = await asyncio.to_thread(run_cli_writer, site, unit["call_sign"], CHANGES, CHANGES)
        deadline = time.monotonic() + WAIT_S
        while any(i not in received for i in sent) and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        results["cli"] = [(received[i] - t) * 1000 for i, t in sent.items() if i in received]
        results["missed"] = [float(i) for i in list(range(CHANGES)) + list(sent) if i not in received]
        listener.cancel()
    return results


def run_cli_writer(site, call_sign: str, count: int, offset: int) -> dict[int, float]:
    proc = subprocess.run(
        [sys.executable, __file__, "--writer", call_sign, str(count), str(offset)],
        env=site.env,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    sent = {}
    for line in proc.stdout.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0].isdigit():
            sent[int(parts[0])] = float(parts[1])
    return sent


def run_layer(name: str, extra_env: dict, loaded: Path) -> float:
    import httpx

    from tests.support.servers import DemoSite

    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(loaded, Path(tmp) / "data")
        site = DemoSite(Path(tmp) / "data", extra_env)
        site.env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT)])
        try:
            token = site.command("issue_token", "dispatcher").stdout.strip()
            url_a, url_b = site.serve(), site.serve()
            headers = {"Authorization": f"Bearer {token}"}
            units = httpx.get(url_a + "/api/units?status=available", headers=headers, timeout=10).json()
            unit = units["items"][0]
            results = asyncio.run(measure(site, url_a, url_b, token, unit))
        finally:
            site.stop()
    worst = 0.0
    for source in ("worker", "cli"):
        values = results[source]
        if not values:
            print(f"[{name}] {source}: nothing reached the board")
            worst = float("inf")
            continue
        p50, p99 = statistics.median(values), percentile(values, 99)
        worst = max(worst, p99)
        print(f"[{name}] {source:6} n={len(values)} p50={p50:.0f} ms p99={p99:.0f} ms max={max(values):.0f} ms")
    print(f"[{name}] missed: {len(results['missed'])}")
    return worst if not results["missed"] else float("inf")


def main() -> None:
    redis_url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/3"
    print(f"{CHANGES} changes per source; board on server B; uptime: {os.getloadavg()}")
    from tests.support.servers import DemoSite

    with tempfile.TemporaryDirectory() as tmp:
        loaded = Path(tmp) / "loaded"
        loaded.mkdir()
        print("loading the demo borough once...", flush=True)
        DemoSite(loaded, {"REDIS_URL": ""}).load()
        default = run_layer("default", {"REDIS_URL": ""}, loaded)
        redis = run_layer("redis", {"REDIS_URL": redis_url}, loaded)
    print(f"ratio default/redis p99: {default / redis:.2f}" if redis else "ratio: n/a")
    print(f"RESULT layer=default board_p99_ms={default:.0f}")
    print(f"RESULT layer=redis board_p99_ms={redis:.0f}")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--writer":
        writer(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    else:
        main()
