"""Killing the server mid-stream loses nothing it acknowledged, and leaves the audit chain intact."""

import json
import signal
import threading
import urllib.request

import pytest

from tests.support.servers import DemoSite

pytestmark = pytest.mark.server


def post(url: str, token: str, body: dict) -> int | None:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return json.loads(response.read())["id"] if response.status == 201 else None
    except OSError:
        return None


def test_kill_minus_nine_keeps_every_acknowledged_write(tmp_path):
    site = DemoSite(tmp_path).load()
    token = site.command("issue_token", "asb").stdout.strip()
    url = site.serve()
    acknowledged: list[int] = []
    stop = threading.Event()

    def writer(worker: int):
        n = 0
        while not stop.is_set():
            person_id = post(
                url + "/api/people", token, {"partnership": "safer-camden", "family_name": f"Crash{worker}x{n}"}
            )
            if person_id:
                acknowledged.append(person_id)
            n += 1

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    while len(acknowledged) < 40:
        threading.Event().wait(0.05)
    site.processes[0].send_signal(signal.SIGKILL)
    stop.set()
    for t in threads:
        t.join()
    site.processes[0].wait()
    site.processes.clear()

    found = site.command(
        "shell",
        "-c",
        "from watchkeeper.core.models import Person; "
        "print(list(Person.objects.filter(family_name__startswith='Crash').values_list('id', flat=True)))",
    )
    stored = set(json.loads(found.stdout.strip().splitlines()[-1]))
    assert set(acknowledged) <= stored
    assert site.command("verify_audit").returncode == 0
