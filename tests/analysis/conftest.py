"""Fixtures for the analysis kernels: the shared real data folder (skipped with a message when it
is absent, a failure under CI=true) and small grids built by hand."""

from __future__ import annotations

from tests.support.shared_data import shared_data  # noqa: F401  (one helper for tests and benchmarks)
