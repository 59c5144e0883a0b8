"""Real `watchkeeper serve` processes on a throwaway data dir, for browser and multi-process tests."""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from tests.support import db_cache


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


_TEMPLATE: Path | None = None


def _loaded_template() -> Path:
    """A data dir loaded by the real command once per test process (removed when it exits).
    Loaded without Redis, so no cache entry of it outlives the load; the keys and the SQLite file
    are copied with it, so each copy's audit chain verifies as a fresh load's does."""
    global _TEMPLATE
    if _TEMPLATE is None:
        holder = Path(tempfile.mkdtemp(prefix="watchkeeper-demo-site-"))
        atexit.register(shutil.rmtree, holder, ignore_errors=True)
        template = holder / "data"
        template.mkdir(mode=0o700)
        # The schema from the test database cache when this run has it (the same tree migrated in
        # this process): migrating from nothing costs a real process about 30 s of CPU.
        migrated = db_cache.migrated_file()
        if migrated:
            shutil.copyfile(migrated, template / "watchkeeper.sqlite3")
            (template / "watchkeeper.sqlite3").chmod(0o600)
        DemoSite(template, {"REDIS_URL": ""}).command("demo", "--no-serve")
        _TEMPLATE = template
    return _TEMPLATE


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
        """The demo borough in this data dir: a copy of the one this test process loaded first
        (`watchkeeper demo --no-serve` in a real process, about 25 s of CPU each time), since every
        load of the same tree on the same day gives the same database. A site on another database
        than its own SQLite file loads for itself."""
        if "DATABASE_URL" in self.env:
            self.command("demo", "--no-serve")
            return self
        shutil.copytree(_loaded_template(), self.data_dir, dirs_exist_ok=True)
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
