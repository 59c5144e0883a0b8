"""Degree-2 chain contraction for the despatch search.

About three quarters of an urban OSM network's nodes are shape points along a street: a node with
exactly two neighbours, passed straight through. The search only needs the junctions ("core"
nodes); each chain of shape points between two junctions A and B becomes one core link A -> B (and
B -> A on a two-way street) whose time is the sum along the chain. Times stay exact:

- a point on a chain reaches the core through its chain ends (the time along the chain to each end
  is a difference of cumulative sums), and
- an incident on a chain is reached from the ends through a virtual search source whose two links
  carry the time from each end along the chain to the incident, and
- a unit on the same chain as the incident may also drive straight along it.

The structure depends only on the topology, so an overlay's weights (closures as inf) turn into
core weights in O(E) without rebuilding anything. Routes and coverage keep using the full graph:
they need every shape point for the line drawn on the map.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra


@dataclass
class Chains:
    """Topology of the contraction (independent of weights)."""

    core: np.ndarray  # bool per node
    core_index: np.ndarray  # int64 per node: its core number, -1 for a chain interior node
    n_core: int
    # Per interior node: its chain, its position (1..k-1) and the chain's length k (links).
    chain_of: np.ndarray
    position: np.ndarray
    # Per chain: end junctions (core numbers) and where its links start in the slot arrays.
    chain_a: np.ndarray
    chain_b: np.ndarray
    chain_start: np.ndarray  # slot index of link 0; a chain of k links uses slots start..start+k-1
    chain_links: np.ndarray
    forward_edge: np.ndarray  # per slot: edge n_j -> n_j+1
    backward_edge: np.ndarray  # per slot: edge n_j+1 -> n_j, -1 on a one-way chain
    # Candidate core links (tail, head in core numbers), sorted by (head, tail) for the reversed CSR,
    # and where each comes from: a direct edge (source >= 0) or a chain (-1 - 2*chain - backwards).
    link_head: np.ndarray
    link_tail: np.ndarray
    link_source: np.ndarray
    # Dead ends: a junction whose only neighbour is one other junction (a cul-de-sac's turning
    # head) is left out of the search too and reached through that neighbour, its parent.
    parent: np.ndarray  # per core node: the parent's core number, -1 when the node is searched
    kept_index: np.ndarray  # per core node: its number in the searched graph, -1 for a dead end
    n_kept: int


def contract(n_nodes: int, indptr: np.ndarray, heads: np.ndarray) -> Chains:
    """Find the degree-2 chains of a directed graph given as CSR (tail -> head)."""
    tails = np.repeat(np.arange(n_nodes), np.diff(indptr))
    out_lists = [heads[indptr[v] : indptr[v + 1]].tolist() for v in range(n_nodes)]
    in_lists: list[list[int]] = [[] for _ in range(n_nodes)]
    for t, h in zip(tails.tolist(), heads.tolist(), strict=True):
        in_lists[h].append(t)
    edge_of = {(int(t), int(h)): i for i, (t, h) in enumerate(zip(tails.tolist(), heads.tolist(), strict=True))}
    neighbours = [set(o) | set(i) for o, i in zip(out_lists, in_lists, strict=True)]

    def interior(v: int) -> bool:
        out, inn = out_lists[v], in_lists[v]
        if len(neighbours[v]) != 2 or v in neighbours[v]:
            return False
        two_way = len(out) == 2 and len(inn) == 2 and set(out) == set(inn)
        one_way = len(out) == 1 and len(inn) == 1 and out[0] != inn[0]
        return two_way or one_way

    core = np.array([not interior(v) for v in range(n_nodes)], dtype=bool)
    assigned = np.zeros(n_nodes, dtype=bool)
    chains: list[list[int]] = []

    def walk_from(start: int) -> None:
        for first in out_lists[start]:
            if core[first] or assigned[first]:
                continue
            nodes, prev, here = [start], start, first
            while not core[here]:
                assigned[here] = True
                nodes.append(here)
                prev, here = here, next(x for x in neighbours[here] if x != prev)
            nodes.append(here)
            chains.append(nodes)

    for v in np.flatnonzero(core).tolist():
        walk_from(v)
    # A ring of shape points with no junction on it: promote one of its nodes to a junction.
    while True:
        left = np.flatnonzero(~core & ~assigned)
        if len(left) == 0:
            break
        core[left[0]] = True
        walk_from(int(left[0]))

    core_index = np.full(n_nodes, -1, dtype=np.int64)
    core_index[core] = np.arange(int(core.sum()))
    chain_of = np.full(n_nodes, -1, dtype=np.int64)
    position = np.zeros(n_nodes, dtype=np.int64)
    forward, backward, starts, links = [], [], [], []
    for c, nodes in enumerate(chains):
        starts.append(len(forward))
        links.append(len(nodes) - 1)
        for j, (a, b) in enumerate(zip(nodes, nodes[1:], strict=False)):
            forward.append(edge_of[(a, b)])
            backward.append(edge_of.get((b, a), -1))
            if j > 0:
                chain_of[a] = c
                position[a] = j
    chain_a = np.array([core_index[c[0]] for c in chains], dtype=np.int64)
    chain_b = np.array([core_index[c[-1]] for c in chains], dtype=np.int64)
    backward_arr = np.array(backward, dtype=np.int64)
    starts_arr = np.array(starts, dtype=np.int64)
    two_way = np.array([backward_arr[s] >= 0 for s in starts], dtype=bool)

    direct = np.flatnonzero(core[tails] & core[heads])
    chain_ids = np.arange(len(chains), dtype=np.int64)
    back_ids = chain_ids[two_way]
    link_tail = np.concatenate([core_index[tails[direct]], chain_a, chain_b[two_way]])
    link_head = np.concatenate([core_index[heads[direct]], chain_b, chain_a[two_way]])
    link_source = np.concatenate([direct, -1 - 2 * chain_ids, -2 - 2 * back_ids])
    keep = link_tail != link_head  # a loop back to its own junction never shortens a search
    order = np.lexsort((link_tail[keep], link_head[keep]))
    parent = _dead_ends(int(core.sum()), link_tail[keep], link_head[keep])
    kept = parent < 0
    kept_index = np.where(kept, np.cumsum(kept) - 1, -1)
    return Chains(
        core=core,
        core_index=core_index,
        n_core=int(core.sum()),
        chain_of=chain_of,
        position=position,
        chain_a=chain_a,
        chain_b=chain_b,
        chain_start=starts_arr,
        chain_links=np.array(links, dtype=np.int64),
        forward_edge=np.array(forward, dtype=np.int64),
        backward_edge=backward_arr,
        link_head=link_head[keep][order],
        link_tail=link_tail[keep][order],
        link_source=link_source[keep][order],
        parent=parent,
        kept_index=kept_index,
        n_kept=int(kept.sum()),
    )


def _dead_ends(n_core: int, tails: np.ndarray, heads: np.ndarray) -> np.ndarray:
    """Parent per core node for junctions with a single neighbouring junction that itself has
    several (a leaf of the junction graph); -1 for every other node."""
    neighbours: list[set[int]] = [set() for _ in range(n_core)]
    for t, h in zip(tails.tolist(), heads.tolist(), strict=True):
        neighbours[t].add(h)
        neighbours[h].add(t)
    parent = np.full(n_core, -1, dtype=np.int64)
    for v, around in enumerate(neighbours):
        if len(around) == 1:
            (p,) = around
            if len(neighbours[p]) > 1:
                parent[v] = p
    return parent


def _cumulative(weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Prefix sums of the finite weights and prefix counts of closed (inf) links, with a leading 0:
    the time between two positions is a difference, inf when a closed link lies between."""
    closed = ~np.isfinite(weights)
    total = np.concatenate([[0.0], np.cumsum(np.where(closed, 0.0, weights))])
    count = np.concatenate([[0], np.cumsum(closed)])
    return total, count


def _between(cum: tuple[np.ndarray, np.ndarray], lo, hi) -> np.ndarray:
    total, count = cum
    return np.where(count[hi] > count[lo], np.inf, total[hi] - total[lo])


class ContractedSearch:
    """The reversed core graph for one set of edge weights, ready for searches to an incident."""

    def __init__(self, chains: Chains, weights: np.ndarray) -> None:
        self.chains = chains
        with np.errstate(invalid="ignore"):
            forward = weights[chains.forward_edge]
            backward = np.where(chains.backward_edge >= 0, weights[chains.backward_edge], np.inf)
        # Slot prefix sums; position i of chain c is slot prefix index start_c + i.
        self.forward = _cumulative(forward)
        self.backward = _cumulative(backward)
        start, links = chains.chain_start, chains.chain_links
        chain_forward = _between(self.forward, start, start + links)
        chain_backward = _between(self.backward, start, start + links)
        source = chains.link_source
        is_chain = source < 0
        link_weight = np.empty(len(source))
        link_weight[~is_chain] = weights[source[~is_chain]]
        chain, backwards = np.divmod(-1 - source[is_chain], 2)
        link_weight[is_chain] = np.where(backwards == 1, chain_backward[chain], chain_forward[chain])
        # Parallel links between the same two junctions (a street and a chain beside it): the
        # quicker one; csr_matrix would otherwise add them together.
        m = chains.n_core
        pair = chains.link_head * (m + 1) + chains.link_tail
        first = np.concatenate([[True], pair[1:] != pair[:-1]]) if len(pair) else np.zeros(0, dtype=bool)
        starts = np.flatnonzero(first)
        best = np.minimum.reduceat(link_weight, starts) if len(starts) else np.zeros(0)
        heads, tails = chains.link_head[starts], chains.link_tail[starts]
        # Links to and from dead ends leave the searched graph: a dead end's time is its parent's
        # plus the link out (t_out); an incident in a dead end is entered from its parent (t_in).
        self.t_out = np.full(m, np.inf)
        self.t_in = np.full(m, np.inf)
        dead_tail, dead_head = chains.parent[tails] >= 0, chains.parent[heads] >= 0
        self.t_out[tails[dead_tail]] = best[dead_tail]
        self.t_in[heads[dead_head]] = best[dead_head]
        searched = ~dead_tail & ~dead_head
        k = chains.n_kept
        rows, cols = chains.kept_index[heads[searched]], chains.kept_index[tails[searched]]
        indptr = np.zeros(k + 2, dtype=np.int32)
        np.cumsum(np.bincount(rows, minlength=k + 1), out=indptr[1 : k + 2])
        # Row k is the virtual source: two slots whose heads and weights are set per search.
        indptr = np.append(indptr[: k + 1], indptr[k] + 2).astype(np.int32)
        self._indices = np.concatenate([cols, [k, k]]).astype(np.int32)
        self._data = np.concatenate([best[searched], [np.inf, np.inf]])
        self._indptr = indptr
        self._graph = csr_matrix((self._data, self._indices, self._indptr), shape=(k + 1, k + 1))
        self._dead = np.flatnonzero(chains.parent >= 0)
        self._lock = threading.Lock()

    def _offsets(self, node: int) -> tuple[tuple[int, float], tuple[int, float]]:
        """(core node, seconds from it along the chain to `node`) for both chain ends."""
        c = self.chains
        chain, i = int(c.chain_of[node]), int(c.position[node])
        start, k = int(c.chain_start[chain]), int(c.chain_links[chain])
        from_a = float(_between(self.forward, start, start + i))
        from_b = float(_between(self.backward, start + i, start + k))
        return (int(c.chain_a[chain]), from_a), (int(c.chain_b[chain]), from_b)

    def core_seconds(self, node: int) -> np.ndarray:
        """Seconds from every core node to `node` (one per core node)."""
        c = self.chains
        here = int(c.core_index[node])
        if c.core[node] and c.parent[here] < 0:
            return self._spread(dijkstra(self._graph, indices=int(c.kept_index[here])), {})
        ends = [(here, 0.0)] if c.core[node] else list(self._offsets(node))
        # Each way in becomes a virtual-source link to a searched junction; a way in through a dead
        # end starts at its parent and drives into the dead end first.
        entries: dict[int, float] = {}
        dead_end_times: dict[int, float] = {}
        for end, seconds in ends:
            target = end
            if c.parent[end] >= 0:
                dead_end_times[end] = min(dead_end_times.get(end, np.inf), seconds)
                target, seconds = int(c.parent[end]), self.t_in[end] + seconds
            target = int(c.kept_index[target])
            entries[target] = min(entries.get(target, np.inf), seconds)
        slots = list(entries.items()) + [(c.n_kept, np.inf)]  # unused slot: a harmless self-loop
        # The graph is shared by every search on this weight set; the two virtual slots are its
        # only mutable part, so searches take turns (each is well under a millisecond).
        with self._lock:
            self._indices[-2:] = (slots[0][0], slots[1][0])
            self._data[-2:] = (slots[0][1], slots[1][1])
            searched = dijkstra(self._graph, indices=c.n_kept)
        return self._spread(searched, dead_end_times)

    def _spread(self, searched: np.ndarray, dead_end_times: dict[int, float]) -> np.ndarray:
        """Searched-graph times to every core node: a dead end goes through its parent, or straight
        to the incident when the incident lies beyond it."""
        c = self.chains
        result = np.empty(c.n_core)
        kept = c.kept_index >= 0
        result[kept] = searched[: c.n_kept]
        dead = self._dead
        result[dead] = self.t_out[dead] + searched[c.kept_index[c.parent[dead]]]
        for end, seconds in dead_end_times.items():
            result[end] = min(result[end], seconds)
        return result

    def seconds_for(self, node: int, core_seconds: np.ndarray, nodes: np.ndarray) -> np.ndarray:
        """Seconds from each of `nodes` to `node`, given core_seconds(node)."""
        c = self.chains
        nodes = np.asarray(nodes, dtype=np.int64)
        result = np.empty(len(nodes))
        on_core = c.core[nodes]
        result[on_core] = core_seconds[c.core_index[nodes[on_core]]]
        inner = nodes[~on_core]
        if len(inner) == 0:
            return result
        chain = c.chain_of[inner]
        start, k, i = c.chain_start[chain], c.chain_links[chain], c.position[inner]
        with np.errstate(invalid="ignore"):
            via_b = _between(self.forward, start + i, start + k) + core_seconds[c.chain_b[chain]]
            via_a = _between(self.backward, start, start + i) + core_seconds[c.chain_a[chain]]
        best = np.minimum(via_a, via_b)
        if not c.core[node]:
            # A unit on the incident's own street can drive straight along it.
            target_chain, j = c.chain_of[node], c.position[node]
            same = chain == target_chain
            if same.any():
                s, p = start[same], i[same]
                ahead = _between(self.forward, s + np.minimum(p, j), s + np.maximum(p, j))
                behind = _between(self.backward, s + np.minimum(p, j), s + np.maximum(p, j))
                direct = np.where(p < j, ahead, np.where(p > j, behind, 0.0))
                best[same] = np.minimum(best[same], direct)
        result[~on_core] = best
        return result
