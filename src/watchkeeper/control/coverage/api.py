"""API for road travel time in the control room: the route a unit would drive to an incident and
the coverage of the road network within a target time (logic in coverage.py)."""

from django.core.exceptions import ValidationError
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from watchkeeper.api import operation
from watchkeeper.control.coverage.services import coverage_now, parse_positions, route_feature, visible_record
from watchkeeper.core.access import allowed

router = Router(tags=["coverage"])


@router.get("/incidents/{incident_id}/route", summary="The route a unit would drive to an incident (GeoJSON)")
@operation("incident.view")
def incident_route(request, incident_id: int, unit: int):
    if not allowed(request.auth, "unit.view"):
        raise HttpError(403, "Your role or token does not allow unit.view.")
    found_incident = visible_record("Incident", request.auth, incident_id)
    found_unit = visible_record("Unit", request.auth, unit)
    feature = route_feature((found_unit.lat, found_unit.lon), (found_incident.lat, found_incident.lon))
    feature["properties"].update(incident=incident_id, unit=unit)
    return feature


class CoverageQuery(Schema):
    minutes: float | None = Field(None, gt=0, le=240, description="Target minutes (default: the Immediate grade)")
    at: str | None = Field(
        None,
        max_length=20_000,
        description="What-if unit positions 'lat,lon;lat,lon' instead of the available units",
    )


@router.get("/coverage", summary="Where available units can reach within the target (share + GeoJSON)")
@operation("unit.view")
def coverage_api(request, query: Query[CoverageQuery]):
    try:
        positions = parse_positions(query.at) if query.at is not None else None
    except ValidationError as error:
        raise HttpError(422, "; ".join(error.messages)) from None
    return coverage_now(request.auth, query.minutes, positions)
