"""Road travel time in the control room: where the available units cannot reach within the Immediate
target, and the route a unit would drive to an incident (drawn by coverage.js). The pages (coverage
and temporary road closures) are in views.py, the API operations in api.py.

Everything runs on the process-wide network from core.roads (loaded once, never per request) with
the closures in force applied as an overlay. Units and
incidents come from the control app's models when it has them; until then coverage counts no units
and the route endpoint answers 404.
"""

from django.apps import apps
from django.core.exceptions import FieldError, ValidationError
from ninja.errors import HttpError

from watchkeeper.core import roads
from watchkeeper.core.visibility import visible

DEFAULT_IMMEDIATE_MINUTES = 15.0  # Met default for grade I (urban) when no grade table exists yet
AVAILABLE = ("available",)


# -- control-room data (read through the app registry: the control app owns these models) ---------


def _control_model(name: str):
    try:
        return apps.get_model("control", name)
    except LookupError:
        return None


def immediate_minutes() -> float:
    """Target minutes of the active grade set's Immediate grade (its `immediate` flag, most urgent
    first), else 15. Read from the reference data, so an administrator's edit or a switch of grade
    set applies at once."""
    from watchkeeper.control.models import reference_data

    for grade in reference_data().active_grades:
        if grade.immediate and grade.target_minutes:
            return float(grade.target_minutes)
    return DEFAULT_IMMEDIATE_MINUTES


def available_units(user) -> list[tuple[object, float, float]]:
    """(unit id, lat, lon) of the units the user may see that are available and have a position."""
    unit = _control_model("Unit")
    if unit is None:
        return []
    try:
        rows = visible(unit, user).filter(status__in=AVAILABLE, lat__isnull=False, lon__isnull=False)
        return [(pk, float(lat), float(lon)) for pk, lat, lon in rows.values_list("pk", "lat", "lon")]
    except FieldError:
        return []


def visible_record(model_name: str, user, pk: int):
    model = _control_model(model_name)
    if model is None:
        raise HttpError(404, "The control room has no incidents or units yet.")
    found = visible(model, user).filter(pk=pk).first()
    if found is None or getattr(found, "lat", None) is None or getattr(found, "lon", None) is None:
        raise HttpError(404, f"No {model_name.lower()} {pk} with a known location that you can see.")
    return found


# -- route ---------------------------------------------------------------------------------------


def route_feature(unit: tuple[float, float], incident: tuple[float, float]) -> dict:
    """The road route (closures applied) as a GeoJSON Feature, or a straight line labelled as an
    estimate when either end cannot be snapped to the network or no open road joins them."""
    from watchkeeper.routing import route, straight_line_seconds

    network = roads.network()
    found = route(network, unit, incident, overlay=roads.overlay()) if network is not None else None
    if found is None:
        seconds, line, streets, method = straight_line_seconds(unit, incident), [unit, incident], [], "straight-line"
    else:
        seconds, line, streets, method = found.seconds, found.coordinates, found.streets, "road"
    return {
        "type": "Feature",
        "geometry": {"type": "LineString", "coordinates": [[round(lon, 6), round(lat, 6)] for lat, lon in line]},
        "properties": {
            "seconds": round(seconds, 1),
            "minutes": round(seconds / 60, 1),
            "streets": streets,
            "method": method,
            "estimate": method != "road",
        },
    }


# -- coverage ------------------------------------------------------------------------------------


def parse_positions(text: str) -> list[tuple[float, float]]:
    from watchkeeper.core.geo import valid_latlon

    positions = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        try:
            lat, lon = (float(v) for v in part.split(","))
        except ValueError:
            raise ValidationError(f"'{part}' is not 'lat,lon' (e.g. 51.539,-0.142).") from None
        if not valid_latlon(lat, lon):
            raise ValidationError(f"'{part}' is not a valid latitude,longitude.")
        positions.append((lat, lon))
    return positions


def coverage_now(user, minutes: float | None = None, positions=None) -> dict:
    """Share of road length some available unit reaches within `minutes`, and the GeoJSON layer."""
    from watchkeeper.routing import coverage

    minutes = float(minutes or immediate_minutes())
    if positions is None:
        positions = [(lat, lon) for _, lat, lon in available_units(user)]
    network = roads.network()
    if network is None:
        return {"minutes": minutes, "covered_share": None, "units": len(positions), "geojson": None}
    closures = roads.overlay()
    result = coverage(network, positions, minutes, overlay=closures)
    return {
        "minutes": minutes,
        "covered_share": round(result.covered_share, 6),
        "units": len(positions),
        "units_on_network": result.units_used,
        "closures_applied": bool(closures),
        "attribution": network.metadata.get("attribution"),
        "geojson": result.geojson(network),
    }
