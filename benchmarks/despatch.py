"""Directed despatch: how long it takes to rank every available unit by driving time to an incident.

Headline: ours searches a *contracted* graph (junctions only) with scipy; networkx and pandana
search the *full* graph. The ratio is what the product gains by contracting and using scipy, not
scipy against networkx on the same graph.

On the Camden network, for 50, 500 and 2,000 units and 1,000 random incidents, times one complete
ranking (snap the units and the incident, search, sort) with:
  ours      watchkeeper.routing.rank_units (one scipy Dijkstra over the reversed junction graph,
            degree-2 chains and dead ends contracted)
  networkx  single-source Dijkstra from the incident on the reversed graph, same snapping and sort
  pandana   contraction hierarchies (pandana 0.8), unit -> incident pairs, same snapping and sort
Then how our time grows on generated street grids up to about a million junctions.
Ratios are peer p99 / our p99, so above 1 means ours is faster. The last line is the headline.

    .venv/bin/python benchmarks/despatch.py
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from pathlib import Path

import networkx as nx
import numpy as np
from rich.console import Console
from rich.progress import Progress

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from tests.support.shared_data import locate  # noqa: E402
from watchkeeper.routing import RoadNetwork, build_network, rank_units  # noqa: E402
from watchkeeper.routing.engine import UNIT_OFFSET_KPH  # noqa: E402

BUNDLED = REPO / "src" / "watchkeeper" / "demo" / "data" / "camden-network.npz"
FLEETS = (50, 500, 2000)
INCIDENTS = int(os.environ.get("DESPATCH_INCIDENTS", 1000))
console = Console(stderr=True)  # progress on stderr: stdout stays a clean table


def camden() -> tuple[RoadNetwork, str]:
    """Camden from the shared OSM extract, else the network bundled with the demo (same area)."""
    pbf = locate("osm", "camden.osm.pbf")
    if pbf is None:
        return RoadNetwork.load(BUNDLED), f"bundled {BUNDLED.name} (no osm/camden.osm.pbf in the shared data)"
    return build_network(pbf), str(pbf)


def contraction_summary(network: RoadNetwork) -> str:
    started = time.perf_counter()
    chains = network.chains
    built = time.perf_counter() - started
    return (
        f"contraction: the search visits {chains.n_kept:,} of {network.n_nodes:,} nodes "
        f"({chains.n_core:,} junctions after merging degree-2 chains, dead ends reached through their neighbour); "
        f"topology built once in {built:.2f} s"
    )


def random_fleet(network: RoadNetwork, size: int, rng) -> list[tuple[str, float, float]]:
    """Units parked near random junctions (within about 10 m), as GPS positions would be."""
    spots = rng.choice(network.n_nodes, size=size, replace=size > network.n_nodes)
    jitter = rng.normal(0, 5e-5, size=(size, 2))
    return [
        (f"U{i}", network.lat[n] + dy, network.lon[n] + dx)
        for i, (n, (dy, dx)) in enumerate(zip(spots, jitter, strict=True))
    ]


def reversed_nx(network: RoadNetwork) -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_nodes_from(range(network.n_nodes))
    graph.add_weighted_edges_from(
        zip(network.heads.tolist(), network.tails.tolist(), network.seconds.tolist(), strict=True)
    )
    return graph


def rank_with_networkx(network, graph, incident, units):
    nodes, _ = network.nearest_nodes([u[1] for u in units], [u[2] for u in units])
    target = network.snap(*incident).node
    seconds = nx.single_source_dijkstra_path_length(graph, target)
    return sorted((seconds.get(int(n), np.inf), u[0]) for n, u in zip(nodes, units, strict=True))


@contextlib.contextmanager
def quiet_stdout():
    """pandana's C++ prints progress straight to file descriptor 1; keep it out of the table."""
    sys.stdout.flush()
    saved = os.dup(1)
    with open(os.devnull, "w") as devnull:
        os.dup2(devnull.fileno(), 1)
        try:
            yield
        finally:
            sys.stdout.flush()
            os.dup2(saved, 1)
            os.close(saved)


def pandana_network(network: RoadNetwork):
    try:
        import pandana
        import pandas as pd

        x, y = network.bng
        with quiet_stdout():
            return pandana.Network(
                pd.Series(x),
                pd.Series(y),
                pd.Series(network.tails),
                pd.Series(network.heads),
                pd.DataFrame({"seconds": network.seconds}),
                twoway=False,
            )
    except Exception as error:  # any failure to install, import or build: report n/a, keep going
        console.print(f"pandana unavailable: {error!r}")
        return None


def rank_with_pandana(network, ch, incident, units):
    nodes, _ = network.nearest_nodes([u[1] for u in units], [u[2] for u in units])
    target = network.snap(*incident).node
    seconds = ch.shortest_path_lengths(nodes, np.full(len(nodes), target))
    return sorted(zip(seconds, (u[0] for u in units), strict=True))


def timed(rank, incidents) -> tuple[np.ndarray, list]:
    times, answers = [], []
    for incident in incidents:
        start = time.perf_counter()
        answers.append(rank(incident))
        times.append(time.perf_counter() - start)
    return np.array(times) * 1000, answers


def pct(times) -> str:
    return "n/a" if times is None else f"{np.percentile(times, 50):8.3f} {np.percentile(times, 99):8.3f}"


def camden_table(network, rng, progress) -> dict:
    graph = reversed_nx(network)
    ch = pandana_network(network)
    spots = rng.choice(network.n_nodes, size=INCIDENTS)
    incidents = [(network.lat[n], network.lon[n]) for n in spots]
    results = {}
    task = progress.add_task("Camden rankings", total=len(FLEETS) * 3)
    for size in FLEETS:
        fleet = random_fleet(network, size, rng)
        ours, answers = timed(lambda inc, net=network, f=fleet: rank_units(net, inc, f), incidents)
        progress.advance(task)
        theirs, reference = timed(lambda inc, f=fleet: rank_with_networkx(network, graph, inc, f), incidents)
        progress.advance(task)
        _check_same(network, fleet, answers, reference, "networkx", 1e-6)
        pandana_times = None
        if ch is not None:
            try:
                pandana_times, ch_answers = timed(
                    lambda inc, net=network, c=ch, f=fleet: rank_with_pandana(net, c, inc, f), incidents
                )
                # pandana's CH works on edge weights rounded to whole hundredths, so allow ~1 s over a route.
                _check_same(network, fleet, answers, ch_answers, "pandana", 1.0)
            except Exception as error:
                console.print(f"pandana failed at run time: {error!r}")
        progress.advance(task)
        results[size] = (ours, theirs, pandana_times)
    return results


def _check_same(network, fleet, ours, theirs, peer, tolerance):
    """Guard the comparison: a fast wrong answer would make the timing meaningless. Ours adds the
    unit's snap offset (incidents sit on junctions, so theirs is 0), so compare after removing it."""
    _, offsets = network.nearest_nodes([u[1] for u in fleet], [u[2] for u in fleet])
    offset = dict(zip((u[0] for u in fleet), offsets * 3.6 / UNIT_OFFSET_KPH, strict=True))
    for ranked, reference in zip(ours[:50], theirs[:50], strict=True):
        by_id = {r.unit_id: r.seconds - offset[r.unit_id] for r in ranked}
        worst = max(abs(by_id[unit_id] - seconds) for seconds, unit_id in reference)
        if worst > tolerance:
            raise SystemExit(f"ours and {peer} disagree by {worst:.6f} s: timing comparison aborted")


def grid_network(side: int, rng) -> RoadNetwork:
    """A side x side street grid with two-way streets, 50-150 m blocks at 20 or 30 mph."""
    n = side * side
    index = np.arange(n).reshape(side, side)
    a = np.concatenate([index[:, :-1].ravel(), index[:-1, :].ravel()])
    b = np.concatenate([index[:, 1:].ravel(), index[1:, :].ravel()])
    tails, heads = np.concatenate([a, b]), np.concatenate([b, a])
    order = np.argsort(tails, kind="stable")
    tails, heads = tails[order], heads[order]
    indptr = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(np.bincount(tails, minlength=n), out=indptr[1:])
    edges = len(tails)
    row, col = np.divmod(np.arange(n), side)
    return RoadNetwork(
        lat=51.3 + row * 9e-4,
        lon=-0.5 + col * 1.4e-3,
        indptr=indptr,
        heads=heads.astype(np.int32),
        length_m=rng.uniform(50, 150, edges),
        speed_kph=rng.choice([32.19, 48.28], edges),
        way_id=np.arange(edges, dtype=np.int64),
        name_index=np.full(edges, -1, dtype=np.int32),
        class_index=np.zeros(edges, dtype=np.uint8),
        names=[],
        road_classes=["residential"],
    )


def scaling_table(rng, progress) -> list[tuple]:
    rows = []
    sides = (100, 316, 1000)
    task = progress.add_task("Generated grids", total=len(sides))
    for side in sides:
        network = grid_network(side, rng)
        fleet = random_fleet(network, 500, rng)
        count = 20 if side < 1000 else 10
        incidents = [(network.lat[n], network.lon[n]) for n in rng.choice(network.n_nodes, size=count)]
        rank_units(network, incidents[0], fleet)  # first call builds the k-d tree and reversed graph
        ours, _ = timed(lambda inc, net=network, f=fleet: rank_units(net, inc, f), incidents)
        nx_times = pandana_times = None
        if side <= 316:  # networkx needs ~1 GB and ~1 s a search at a million nodes: not run there
            graph = reversed_nx(network)
            nx_times, _ = timed(
                lambda inc, net=network, g=graph, f=fleet: rank_with_networkx(net, g, inc, f), incidents[:10]
            )
        if side <= 100:  # pandana's CH preprocessing took over 3 minutes on the 100k grid
            ch = pandana_network(network)
            if ch is not None:
                pandana_times, _ = timed(
                    lambda inc, net=network, c=ch, f=fleet: rank_with_pandana(net, c, inc, f), incidents
                )
        rows.append((network.n_nodes, network.n_edges, ours, nx_times, pandana_times))
        progress.advance(task)
    return rows


def main() -> None:
    rng = np.random.default_rng(2024)
    network, source = camden()
    contraction = contraction_summary(network)
    with Progress(console=console, transient=True) as progress:
        results = camden_table(network, rng, progress)
        rows = scaling_table(rng, progress)
    print(f"Camden road network ({source}): {network.n_nodes:,} nodes, {network.n_edges:,} links")
    print(f"{INCIDENTS} random incidents")
    print(contraction)
    print("ours: scipy Dijkstra on the contracted graph; networkx and pandana CH: the full graph")
    print("ms per ranking      ours p50/p99     networkx p50/p99   pandana CH p50/p99   vs nx  vs pandana")
    for size, (ours, theirs, ch) in results.items():
        ratio_nx = np.percentile(theirs, 99) / np.percentile(ours, 99)
        ratio_ch = "n/a" if ch is None else f"{np.percentile(ch, 99) / np.percentile(ours, 99):.2f}"
        print(f"{size:>5} units   {pct(ours)}   {pct(theirs)}   {pct(ch):>17}   {ratio_nx:5.1f}  {ratio_ch:>6}")
    print("\nGrowth on generated grids (500 units; ms per ranking p50/p99)")
    print("   junctions      links          ours         networkx       pandana CH")
    for nodes, edges, ours, nx_times, ch in rows:
        print(f"{nodes:>12,} {edges:>10,}   {pct(ours)}   {pct(nx_times):>17}   {pct(ch):>17}")
    ours, theirs, ch = results[500]
    p99 = np.percentile(ours, 99)
    vs_pandana = "n/a" if ch is None else f"{np.percentile(ch, 99) / p99:.2f}"
    print(f"RESULT p99_ms_500={p99:.3f} vs_networkx={np.percentile(theirs, 99) / p99:.1f} vs_pandana={vs_pandana}")


if __name__ == "__main__":
    main()
