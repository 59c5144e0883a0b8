"""API shapes for hotspots (no `from __future__ import annotations`: ninja needs real types)."""

from ninja import Field

from watchkeeper.intel.schemas import ScopeQuery


class HotspotQuery(ScopeQuery):
    method: str = Field("kde", pattern="^(kde|gistar)$")
    cell: float = Field(100, ge=50, le=1000)
