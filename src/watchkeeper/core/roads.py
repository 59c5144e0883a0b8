"""The active road network for the map and for despatch: the one imported with
`watchkeeper import_roads`, or else the Camden network bundled for the demo."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from django.conf import settings

BUNDLED = Path(__file__).resolve().parents[1] / "demo" / "data" / "camden-network.npz"
_lock = threading.Lock()
_cache: dict[str, object] = {}


def active_path() -> Path | None:
    imported = Path(settings.DATA_DIR) / "network" / "active.npz"
    if imported.exists():
        return imported
    return BUNDLED if BUNDLED.exists() else None


def _key(path: Path) -> str:
    return f"{path}:{path.stat().st_mtime_ns}"


def network():
    """The loaded network (cached per process, reloaded when the file changes), or None."""
    path = active_path()
    if path is None:
        return None
    from watchkeeper.routing import RoadNetwork

    key = _key(path)
    with _lock:
        if _cache.get("key") != key:
            _cache["network"] = RoadNetwork.load(path)
            _cache.pop("geojson", None)
            _cache["key"] = key
        return _cache["network"]


def geojson_bytes() -> bytes:
    net = network()
    if net is None:
        return json.dumps({"type": "FeatureCollection", "features": []}).encode()
    from watchkeeper.routing import network_geojson

    with _lock:
        if "geojson" not in _cache:
            _cache["geojson"] = json.dumps(network_geojson(net, major_only=False), separators=(",", ":")).encode()
        return _cache["geojson"]
