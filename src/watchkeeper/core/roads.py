"""The active road network for the map, despatch and coverage: the one imported with
`watchkeeper import_roads` (DATA_DIR/network/active.npz), or else the Camden network bundled for the
demo. Loaded once per process and reloaded only when the active file changes; temporary closures
(RoadClosure rows) are applied on top as an Overlay, without a rebuild.

Services here are the only place road data changes: importing a network and adding or ending a
closure, each in one transaction with its audit entry.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from watchkeeper.core import audit
from watchkeeper.core.audit import Actor
from watchkeeper.core.models import AuditEntry, RoadClosure, RoadNetworkVersion, RoadSpeed
from watchkeeper.core.prepared import Prepared

BUNDLED = Path(__file__).resolve().parents[1] / "demo" / "data" / "camden-network.npz"
_lock = threading.Lock()
_cache: dict[str, object] = {}


def network_dir() -> Path:
    return Path(settings.DATA_DIR) / "network"


def active_path() -> Path | None:
    imported = network_dir() / "active.npz"
    if imported.exists():
        return imported
    return BUNDLED if BUNDLED.exists() else None


def _key(path: Path) -> str:
    # active.npz is replaced atomically by a hard link (or copy) of the new version: the inode
    # changes even when two imports land within one mtime tick.
    stat = path.stat()
    return f"{path}:{stat.st_ino}:{stat.st_mtime_ns}:{stat.st_size}"


def network():
    """The loaded network (cached per process, reloaded when the active file changes), or None."""
    path = active_path()
    if path is None:
        return None
    from watchkeeper.routing import RoadNetwork

    key = _key(path)
    with _lock:
        if _cache.get("key") != key:
            loaded = RoadNetwork.load(path)
            loaded.contracted()  # build the despatch search once here, not in the first request
            _cache.clear()
            _cache["network"] = loaded
            _cache["key"] = key
        return _cache["network"]


def bounds() -> tuple[float, float, float, float] | None:
    """(south, west, north, east) of the loaded network's junctions, or None without a network: a
    map outside these bounds has no roads to draw and no road times to give."""
    net = network()
    if net is None or not len(net.lat):
        return None
    return float(net.lat.min()), float(net.lon.min()), float(net.lat.max()), float(net.lon.max())


def covers(south: float, west: float, north: float, east: float) -> bool:
    """Whether the loaded network overlaps the box at all."""
    box = bounds()
    if box is None:
        return False
    return not (north < box[0] or south > box[2] or east < box[1] or west > box[3])


def geojson_bytes() -> bytes:
    net = network()
    if net is None:
        return json.dumps({"type": "FeatureCollection", "features": []}).encode()
    from watchkeeper.routing import network_geojson

    with _lock:
        if "geojson" not in _cache:
            _cache["geojson"] = json.dumps(network_geojson(net, major_only=False), separators=(",", ":")).encode()
        return _cache["geojson"]


# On every recommendation and assignment: compiled once (core/prepared.py).
_IN_FORCE = Prepared(
    RoadClosure,
    lambda slot: (
        RoadClosure.objects.in_force(slot("at")).order_by("pk").values_list("pk", "way_id", "area", "speed_factor")
    ),
)


def overlay(at=None):
    """The closures and speed changes in force now, as a routing Overlay (None when there are none).

    The same Overlay object is handed out while the set of closures is unchanged, so its weights
    and the despatch search built on them are worked out once, not per request."""
    from shapely.geometry import shape

    from watchkeeper.routing import Overlay

    rows = _IN_FORCE.all(at=at or timezone.now())
    if not rows:
        return None
    key = json.dumps(rows, sort_keys=True, default=str)
    with _lock:
        cached = _cache.get("overlay")
        if cached is not None and cached[0] == key:
            return cached[1]
    result = Overlay()
    for _, way_id, area, factor in rows:
        if way_id is not None:
            result.slow_way(way_id, factor)
        if area:
            result.slow_area(shape(area), factor)
    with _lock:
        _cache["overlay"] = (key, result)
    return result


def speed_table() -> dict[str, float]:
    """km/h by highway class for the next import: the RoadSpeed rows, or the engine's defaults."""
    from watchkeeper.routing import DEFAULT_SPEEDS_KPH

    rows = dict(RoadSpeed.objects.values_list("highway", "kph"))
    return rows or dict(DEFAULT_SPEEDS_KPH)


def import_network(
    actor: Actor, source: str | Path, name: str = "", progress: Callable[[float, str], None] | None = None
) -> RoadNetworkVersion:
    """Build a network from an OSM extract, store it under DATA_DIR/network/<sha>.npz, record the
    version (the only active one) and make it active. Raises routing.NetworkImportError, leaving
    the previous network active, when the extract cannot be used."""
    from watchkeeper.routing import build_network

    speeds = speed_table()
    built = build_network(source, speeds=speeds, progress=progress)
    meta = built.metadata
    folder = network_dir()
    folder.mkdir(parents=True, exist_ok=True)
    file_name = f"{meta['sha256'][:16]}-{timezone.now():%Y%m%d%H%M%S}.npz"
    partial = folder / f".{file_name}.partial.npz"
    built.save(partial)
    os.replace(partial, folder / file_name)
    with transaction.atomic():
        RoadNetworkVersion.objects.filter(active=True).update(active=False)
        version = RoadNetworkVersion.objects.create(
            source_name=meta["source"],
            sha256=meta["sha256"],
            file_name=file_name,
            name=name,
            attribution="(c) OpenStreetMap contributors",
            junctions=built.n_nodes,
            links=built.n_edges,
            speeds_kph=speeds,
            built_by=actor.user if getattr(actor.user, "pk", None) else None,
            active=True,
        )
        audit.record(
            actor,
            AuditEntry.Kind.CREATE,
            version,
            fields=["source_name", "sha256", "junctions", "links", "active"],
            summary=f"Imported road network {meta['source']} ({built.n_nodes:,} junctions); now active",
        )
    # Only after the row is saved: a failed write leaves the previous network in use.
    _point_active_at(folder / file_name)
    return version


def _point_active_at(target: Path) -> None:
    """Swap active.npz to the new file in one rename, so a reader sees the old or the new network,
    never half of one."""
    staging = target.parent / ".active.npz.new"
    staging.unlink(missing_ok=True)
    try:
        os.link(target, staging)
    except OSError:
        shutil.copyfile(target, staging)
    os.replace(staging, target.parent / "active.npz")


def _checked_closure(way_id, area, speed_factor, reason, starts_at, ends_at) -> None:
    if way_id is None and not area:
        raise ValidationError("Give the OSM way id of the road, or draw the area affected.")
    if speed_factor is None or not 0 <= float(speed_factor) <= 4:
        raise ValidationError("The speed factor must be between 0 (closed) and 4.")
    if not (reason or "").strip():
        raise ValidationError("Say why the road is closed or slowed (e.g. 'water main, Camden Road').")
    if ends_at and starts_at and ends_at <= starts_at:
        raise ValidationError("The closure must end after it starts.")
    if area:
        from shapely.geometry import shape

        try:
            geometry = shape(area)
        except (AttributeError, KeyError, TypeError, ValueError, IndexError) as error:
            raise ValidationError(f"The area is not a GeoJSON polygon ({error}).") from error
        if geometry.geom_type not in ("Polygon", "MultiPolygon") or geometry.is_empty or not geometry.is_valid:
            raise ValidationError("The area must be a valid GeoJSON Polygon in lon/lat.")


@transaction.atomic
def add_closure(
    actor: Actor,
    reason: str,
    way_id: int | None = None,
    area: dict | None = None,
    speed_factor: float = 0.0,
    starts_at=None,
    ends_at=None,
) -> RoadClosure:
    """Record a closure or speed change; recommendations, routes and coverage use it at once."""
    starts_at = starts_at or timezone.now()
    _checked_closure(way_id, area, speed_factor, reason, starts_at, ends_at)
    closure = RoadClosure.objects.create(
        way_id=way_id,
        area=area or None,
        speed_factor=float(speed_factor),
        reason=reason.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        created_by=actor.user if getattr(actor.user, "pk", None) else None,
    )
    audit.record(
        actor,
        AuditEntry.Kind.CREATE,
        closure,
        fields=["way_id", "area", "speed_factor", "reason", "starts_at", "ends_at"],
        summary=str(closure)[:300],
    )
    return closure


@transaction.atomic
def end_closure(actor: Actor, closure: RoadClosure) -> RoadClosure:
    """Reopen the road now (the row stays, for the record)."""
    closure.ends_at = timezone.now()
    closure.save(update_fields=["ends_at"])
    audit.record(actor, AuditEntry.Kind.UPDATE, closure, fields=["ends_at"], summary=f"Reopened: {closure}"[:300])
    return closure


def rank_units(incident: tuple[float, float], units) -> list:
    """Despatch recommendation order: routing.rank_units on the active network with the closures in
    force. Each row says method="road", or "straight-line" (an estimate) for a point that cannot be
    snapped; with no network at all every row is a straight-line estimate."""
    from watchkeeper.routing import Ranked, straight_line_seconds
    from watchkeeper.routing import rank_units as rank

    net = network()
    if net is not None:
        return rank(net, incident, units, overlay=overlay())
    rows = [Ranked(u[0], straight_line_seconds((u[1], u[2]), incident), False, "straight-line") for u in units]
    return sorted(rows, key=lambda r: (r.seconds, str(r.unit_id)))
