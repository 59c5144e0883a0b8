"""Each pytest-xdist worker's Redis database (tests/support/workers.py): distinct per worker,
within Redis's 16 databases, and the configured one itself without xdist."""

import pytest

from tests.support import workers

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
