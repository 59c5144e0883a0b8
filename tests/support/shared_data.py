"""Where ../shared/data (real extracts: OSM, police.uk, calls for service) is, for the tests and
the benchmarks alike. WATCHKEEPER_SHARED_DATA points elsewhere; the default is the folder beside
the repository. A missing file skips a test with its path, or fails it under CI=true."""

from __future__ import annotations

import os
from pathlib import Path

ENV = "WATCHKEEPER_SHARED_DATA"
BESIDE_REPOSITORY = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def root() -> Path:
    configured = os.environ.get(ENV, "").strip()
    return Path(configured).expanduser().resolve() if configured else BESIDE_REPOSITORY


def locate(*parts: str) -> Path | None:
    """The path under the shared data folder, or None when it is not there (benchmarks say so)."""
    path = root().joinpath(*parts)
    return path if path.exists() else None


def need(available: bool, what: str) -> None:
    """Skip when an optional real part is missing; under CI=true it is mandatory instead."""
    import pytest

    if available:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true: {what} is required but not available")
    pytest.skip(f"{what} not available here")


def shared_data(*parts: str) -> Path:
    """A path under the shared data folder; skip when missing, except under CI=true."""
    path = root().joinpath(*parts)
    need(path.exists(), f"shared data {path} (the folder is set by {ENV})")
    return path
