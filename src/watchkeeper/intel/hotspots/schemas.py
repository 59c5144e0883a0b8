"""API shapes for hotspots (no `from __future__ import annotations`: ninja needs real types)."""

from ninja import Field

from watchkeeper.core.input import StrictSchema
from watchkeeper.intel.schemas import ScopeQuery


class SurfaceOptions(StrictSchema):
    """How to draw the surface; the hotspot pages read these with the API's bounds (core.input.parse)."""

    method: str = Field("kde", pattern="^(kde|gistar)$")
    cell: float = Field(100, ge=50, le=1000)


class HotspotQuery(ScopeQuery, SurfaceOptions):
    pass
