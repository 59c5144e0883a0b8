"""Each pytest-xdist worker's Redis database (tests/support/workers.py): distinct per worker,
within Redis's 16 databases, and the configured one itself without xdist; and the real-server
tests kept on one worker (tests/support/scheduling.py)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import workers

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.kernel


@pytest.mark.parametrize(
    ("url", "worker", "expected"),
    [
        ("redis://127.0.0.1:6379/1", 0, "redis://127.0.0.1:6379/1"),
        ("redis://127.0.0.1:6379/1", 1, "redis://127.0.0.1:6379/2"),
        ("redis://127.0.0.1:6379/15", 1, "redis://127.0.0.1:6379/0"),
        ("redis://127.0.0.1:6379", 1, "redis://127.0.0.1:6379/1"),
    ],
)
def test_each_worker_has_its_own_redis_database(url, worker, expected):
    assert workers.redis_url(url, worker) == expected


def test_the_worker_number_comes_from_xdist(monkeypatch):
    monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)
    assert workers.number() == 0
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw3")
    assert workers.number() == 3


SUITE_CONFTEST = """
from tests.support import scheduling


def pytest_configure(config):
    config.addinivalue_line("markers", "server: starts real servers")
    config.addinivalue_line("markers", "browser: drives a browser")
    scheduling.configure(config)


def pytest_collection_modifyitems(config, items):
    scheduling.record(config, items)
"""

SUITE_TESTS = """
import os
from pathlib import Path

import pytest


def _note(name):
    with open(Path(__file__).parent / "ran.txt", "a") as ran:
        ran.write(f"{name} {os.environ['PYTEST_XDIST_WORKER']}\\n")


@pytest.mark.parametrize("n", range(4))
def test_plain(n):
    _note("plain")


@pytest.mark.server
@pytest.mark.parametrize("n", range(3))
def test_server(n):
    _note("real")


@pytest.mark.browser
def test_browser():
    _note("real")
"""


def test_server_and_browser_tests_run_on_one_worker(tmp_path):
    """A small suite on two workers with `--dist loadgroup` (as `make test` runs): every test
    marked `server` or `browser`, from two files, ran on the same worker."""
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    (tmp_path / "conftest.py").write_text(SUITE_CONFTEST)
    for name in ("test_one.py", "test_two.py"):
        (tmp_path / name).write_text(SUITE_TESTS)
    # Only xdist among the installed plugins (the others cost seconds of start-up in 3 processes).
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("PYTEST_XDIST_WORKER", None)
    pytest = [sys.executable, "-m", "pytest", "-p", "xdist.plugin", "-p", "no:cacheprovider"]
    done = subprocess.run(
        [*pytest, "-n", "2", "--dist", "loadgroup"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    ran = [line.split() for line in (tmp_path / "ran.txt").read_text().splitlines()]
    assert len(ran) == 16
    real = {worker for kind, worker in ran if kind == "real"}
    assert len([kind for kind, _ in ran if kind == "real"]) == 8
    assert len(real) == 1, ran
