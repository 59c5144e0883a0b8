"""Real `watchkeeper serve` processes on a throwaway data dir, for browser and multi-process tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class DemoSite:
    """A data dir loaded with the demo borough, and the server processes started on it."""

    def __init__(self, data_dir: Path, extra_env: dict | None = None):
        self.data_dir = data_dir
        self.env = {**os.environ, "WATCHKEEPER_DATA_DIR": str(data_dir)}
        self.env.pop("DATABASE_URL", None)  # SQLite in the data dir unless extra_env names a database
        self.env.update(extra_env or {})
        self.processes: list[subprocess.Popen] = []

    def command(self, *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "watchkeeper", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
        )

    def load(self) -> DemoSite:
        self.command("demo", "--no-serve")
        return self

    def serve(self, workers: int = 1, ready_seconds: float = 60) -> str:
        port = free_port()
        log = open(self.data_dir / f"serve-{port}.log", "w")  # noqa: SIM115 (closed with the process)
        proc = subprocess.Popen(
            [sys.executable, "-m", "watchkeeper", "serve", "--port", str(port), "--workers", str(workers)],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.processes.append(proc)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + ready_seconds
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited: {(self.data_dir / f'serve-{port}.log').read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(url + "/readyz", timeout=2) as response:
                    if response.status == 200:
                        return url
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"server did not become ready within {ready_seconds:.0f} s")

    def stop(self) -> None:
        for proc in self.processes:
            proc.terminate()
        for proc in self.processes:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        self.processes.clear()
