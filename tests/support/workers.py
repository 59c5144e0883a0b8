"""What differs between pytest-xdist workers (`make test` and `make test-fast` run two): each has
its own in-memory SQLite test database, PostgreSQL test database (pytest-django names it
test_<db>_gw<N>), tmp paths and free ports already; its Redis database is chosen here. Tests that
start real servers run on one worker (conftest.py groups them), because a Redis channel layer's
pub/sub channels are shared by every Redis database of the server."""

from __future__ import annotations

import os
from urllib.parse import urlsplit, urlunsplit

REDIS_DATABASES = 16  # Redis's default `databases`


def number() -> int:
    """0 for gw0 and for a run without xdist, 1 for gw1, ..."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    return int(worker.removeprefix("gw")) if worker.startswith("gw") else 0


def redis_url(url: str, worker: int | None = None) -> str:
    """The Redis URL's database number plus the worker's (wrapping at 16): redis://h:6379/1 is
    /1 for gw0 and /2 for gw1."""
    worker = number() if worker is None else worker
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{(base + worker) % REDIS_DATABASES}"))
