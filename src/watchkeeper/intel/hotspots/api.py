"""Hotspots API: hotspot cells as GeoJSON."""

from ninja import Query, Router
from ninja.errors import HttpError

from watchkeeper.api import operation
from watchkeeper.intel.crime import queries
from watchkeeper.intel.crime.scope import api_scope
from watchkeeper.intel.hotspots import surfaces as hotspots
from watchkeeper.intel.hotspots.schemas import HotspotQuery

router = Router(tags=["intel"])


@router.get("/intel/hotspots", summary="Hotspot cells as GeoJSON (KDE or Gi* with FDR); each has a colour")
@operation("intel.view")
def hotspot_cells(request, filters: Query[HotspotQuery]):
    scope = api_scope(request, filters)
    qs = queries.crimes_in(request.auth, scope)
    try:
        if filters.method == "gistar":
            surface = hotspots.gistar_surface(scope.partnership, qs, cell=filters.cell)
        else:
            surface = hotspots.kde_surface(
                scope.partnership, qs, cell=filters.cell, bandwidth_m=max(2 * filters.cell, 200)
            )
    except hotspots.HotspotError as exc:
        raise HttpError(400, str(exc)) from None
    return surface.geojson()


__all__ = ["router"]
