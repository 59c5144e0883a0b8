"""In-process figures for benchmarks/intake.py: queries per request and CPU per complete incident,
with Django's test client in one process against the benchmark's demo site (no HTTP, no other
process competing for the same core, so less sensitive to the machine's load than the HTTP run).

Run by intake.py as `watchkeeper shell -c` in the site's environment:
    from benchmarks.intake_inprocess import main; main(token, n)
"""

from __future__ import annotations

import statistics
import time

from django.test import Client
from django.test.utils import setup_test_environment

from tests.support.intake import REQUESTS, complete_incident

CAMDEN_TOWN = (51.5392, -0.1426)


def main(token: str, n: int = 50) -> None:
    setup_test_environment()  # lets the test client's host in; nothing else changes for the requests
    client, headers = Client(), {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    for _ in range(5):  # warm: imports, reference data, the road network
        complete_incident(client, headers, *CAMDEN_TOWN)
    cpu, wall, counts = [], [], None
    for _ in range(n):
        started_cpu, started = time.process_time(), time.perf_counter()
        counts, _ = complete_incident(client, headers, *CAMDEN_TOWN)
        cpu.append(time.process_time() - started_cpu)
        wall.append(time.perf_counter() - started)
    queries = ", ".join(f"{kind} {counts[kind]}" for kind in REQUESTS)
    print(f"in-process: queries per request: {queries}; {sum(counts.values())} per complete incident")
    print(
        f"in-process: CPU per complete incident {statistics.median(cpu) * 1000:.1f} ms median, "
        f"{min(cpu) * 1000:.1f} ms best of {n}; wall {statistics.median(wall) * 1000:.1f} ms median "
        f"(one client, no HTTP: at most {1 / min(cpu):.0f} complete incidents a second per core)"
    )
