"""Build a RoadNetwork from an OpenStreetMap extract (.osm.pbf, .osm, .osm.bz2).

A pure function so the `watchkeeper import_roads FILE` command only has to wrap it with a progress
bar and swap the active network when it succeeds; any failure raises NetworkImportError and the
caller keeps the previous network.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Mapping
from pathlib import Path

import numpy as np
import osmium
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components

from watchkeeper.routing import rules
from watchkeeper.routing.network import FORMAT_VERSION, RoadNetwork

ATTRIBUTION = "(c) OpenStreetMap contributors, ODbL 1.0"
EARTH_RADIUS_M = 6_371_008.8
Progress = Callable[[float, str], None]


class NetworkImportError(Exception):
    """The extract could not be turned into a road network; the message says what to do."""


def build_network(
    path: str | Path,
    speeds: Mapping[str, float] | None = None,
    progress: Progress | None = None,
) -> RoadNetwork:
    """Read an OSM extract into a drivable travel-time network.

    speeds maps OSM highway classes to km/h for ways without a usable maxspeed, and doubles as the
    list of drivable classes (default rules.DEFAULT_SPEEDS_KPH). progress(fraction, step) is called
    as the import advances. Only the largest strongly connected part is kept, so every kept node
    can reach, and be reached from, every other.
    """
    path = Path(path)
    speeds = dict(rules.DEFAULT_SPEEDS_KPH if speeds is None else speeds)
    report = progress or (lambda fraction, step: None)
    _check_file(path)
    report(0.0, f"Reading {path.name}")
    ways = _read_ways(path, speeds, report)
    if not ways.edges_from:
        raise NetworkImportError(
            f"{path.name} contains no drivable roads (highway=residential, primary, ...). Check that it is "
            "an extract of the right area with its ways included, not only points or boundaries."
        )
    report(0.6, "Building the travel-time graph")
    network = _assemble(ways, speeds)
    report(0.8, "Keeping the largest strongly connected part")
    network = _largest_strong_component(network)
    network.metadata = {
        "source": path.name,
        "sha256": _sha256(path),
        "attribution": ATTRIBUTION,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "speeds_kph": speeds,
        "format_version": FORMAT_VERSION,
        "nodes": network.n_nodes,
        "edges": network.n_edges,
    }
    report(1.0, f"{network.n_nodes:,} junctions and {network.n_edges:,} one-way road links")
    return network


def _check_file(path: Path) -> None:
    if not path.is_file():
        raise NetworkImportError(f"{path} does not exist or is not a file; give the path of an .osm.pbf extract.")
    if path.stat().st_size == 0:
        raise NetworkImportError(f"{path.name} is empty (0 bytes); download the extract again.")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class _Ways:
    """Edges as parallel Python lists while reading; turned into arrays once at the end."""

    def __init__(self) -> None:
        self.node_ids: dict[int, int] = {}
        self.lat: list[float] = []
        self.lon: list[float] = []
        self.edges_from: list[int] = []
        self.edges_to: list[int] = []
        self.speed: list[float] = []
        self.way: list[int] = []
        self.name: list[int] = []
        self.road_class: list[int] = []
        self.names: dict[str, int] = {}
        self.classes: dict[str, int] = {}

    def node(self, osm_id: int, lat: float, lon: float) -> int:
        index = self.node_ids.get(osm_id)
        if index is None:
            index = self.node_ids[osm_id] = len(self.lat)
            self.lat.append(lat)
            self.lon.append(lon)
        return index

    def add_way(self, way_id: int, nodes: list[int], tags: Mapping[str, str], speed: float) -> None:
        forward, backward = rules.direction(tags)
        name = tags.get("name") or tags.get("ref")
        name_index = self.names.setdefault(name, len(self.names)) if name else -1
        class_index = self.classes.setdefault(tags["highway"], len(self.classes))
        for a, b in zip(nodes, nodes[1:], strict=False):
            if a is None or b is None or a == b:
                continue  # a node outside the extract, or a duplicated node in the way
            for tail, head, allowed in ((a, b, forward), (b, a, backward)):
                if allowed:
                    self.edges_from.append(tail)
                    self.edges_to.append(head)
                    self.speed.append(speed)
                    self.way.append(way_id)
                    self.name.append(name_index)
                    self.road_class.append(class_index)


_TAG_KEYS = (
    "highway",
    "oneway",
    "junction",
    "maxspeed",
    "access",
    "vehicle",
    "motor_vehicle",
    "motorcar",
    "area",
    "name",
    "ref",
)


def _read_ways(path: Path, speeds: Mapping[str, float], report: Progress) -> _Ways:
    ways = _Ways()
    try:
        processor = (
            osmium.FileProcessor(str(path), osmium.osm.NODE | osmium.osm.WAY)
            .with_locations()  # node locations are cached before the filters drop the nodes
            .with_filter(osmium.filter.EntityFilter(osmium.osm.WAY))
            .with_filter(osmium.filter.KeyFilter("highway"))
        )
        for count, way in enumerate(processor, start=1):
            tags = {key: way.tags[key] for key in _TAG_KEYS if key in way.tags}
            if not rules.drivable(tags, speeds):
                continue
            forward, backward = rules.direction(tags)
            speed = rules.way_speed_kph(tags, speeds, oneway=forward != backward)
            nodes = [
                ways.node(ref.ref, ref.location.lat, ref.location.lon) if ref.location.valid() else None
                for ref in way.nodes
            ]
            ways.add_way(way.id, nodes, tags, speed)
            if count % 5000 == 0:
                report(min(0.55, 0.05 + count / 200_000), f"Read {count:,} highway ways")
    except (RuntimeError, ValueError, OSError) as error:
        raise NetworkImportError(
            f"{path.name} could not be read as an OpenStreetMap extract ({error}). Use an .osm.pbf, .osm or "
            ".osm.bz2 file, e.g. from download.geofabrik.de, and check the download is complete."
        ) from error
    return ways


def _haversine_m(lat1, lon1, lat2, lon2) -> np.ndarray:
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(lon2 - lon1)
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(a))


def _assemble(ways: _Ways, speeds: Mapping[str, float]) -> RoadNetwork:
    lat, lon = np.array(ways.lat), np.array(ways.lon)
    tails, heads = np.array(ways.edges_from, dtype=np.int64), np.array(ways.edges_to, dtype=np.int64)
    # Distinct nodes drawn at one spot would give a 0 m edge; a centimetre keeps every weight
    # positive, which sparse-graph code can otherwise mistake for "no edge".
    length = np.maximum(_haversine_m(lat[tails], lon[tails], lat[heads], lon[heads]), 0.01)
    speed = np.array(ways.speed)
    seconds = length * 3.6 / speed
    # Two ways joining the same pair of nodes (a slip road drawn twice, a dual carriageway sharing a
    # node pair) become one edge: the quicker one, which is the one any shortest path would use.
    order = np.lexsort((seconds, heads, tails))
    keep = np.ones(len(order), dtype=bool)
    sorted_pairs = tails[order] * len(lat) + heads[order]
    keep[1:] = sorted_pairs[1:] != sorted_pairs[:-1]
    chosen = order[keep]
    names = [""] * len(ways.names)
    for name, index in ways.names.items():
        names[index] = name
    classes = [""] * len(ways.classes)
    for road_class, index in ways.classes.items():
        classes[index] = road_class
    indptr = np.zeros(len(lat) + 1, dtype=np.int32)
    np.cumsum(np.bincount(tails[chosen], minlength=len(lat)), out=indptr[1:])
    return RoadNetwork(
        lat=lat,
        lon=lon,
        indptr=indptr,
        heads=heads[chosen].astype(np.int32),
        length_m=length[chosen],
        speed_kph=speed[chosen],
        way_id=np.array(ways.way, dtype=np.int64)[chosen],
        name_index=np.array(ways.name, dtype=np.int32)[chosen],
        class_index=np.array(ways.road_class, dtype=np.uint8)[chosen],
        names=names,
        road_classes=classes,
    )


def _largest_strong_component(network: RoadNetwork) -> RoadNetwork:
    """Drop islands and dead ends a unit could drive into but not out of (or the reverse), so a
    search from any kept node reaches every other kept node."""
    n = network.n_nodes
    graph = csr_matrix((np.ones(network.n_edges), network.heads, network.indptr), shape=(n, n))
    _, labels = connected_components(graph, directed=True, connection="strong")
    largest = np.argmax(np.bincount(labels))
    kept_nodes = labels == largest
    new_index = np.cumsum(kept_nodes) - 1
    kept_edges = kept_nodes[network.tails] & kept_nodes[network.heads]
    tails = new_index[network.tails[kept_edges]]
    indptr = np.zeros(int(kept_nodes.sum()) + 1, dtype=np.int32)
    np.cumsum(np.bincount(tails, minlength=len(indptr) - 1), out=indptr[1:])
    return RoadNetwork(
        lat=network.lat[kept_nodes],
        lon=network.lon[kept_nodes],
        indptr=indptr,
        heads=new_index[network.heads[kept_edges]].astype(np.int32),
        length_m=network.length_m[kept_edges],
        speed_kph=network.speed_kph[kept_edges],
        way_id=network.way_id[kept_edges],
        name_index=network.name_index[kept_edges],
        class_index=network.class_index[kept_edges],
        names=network.names,
        road_classes=network.road_classes,
    )
