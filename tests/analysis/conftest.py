"""Fixtures for the analysis kernels: the shared real data folder (skipped with a message when it
is absent, a failure under CI=true) and small grids built by hand."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def shared_data(*parts: str) -> Path:
    """A path under ../shared/data; skip when missing, except under CI=true where it must exist."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        message = f"shared data {path} is not available"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true: {message}")
        pytest.skip(message)
    return path
