"""Compiled forms of the kernels in `shortest_paths`, over compressed adjacency arrays.

Each function repeats the arithmetic of its networkx counterpart operation for operation and in
the same order (breadth-first or Dijkstra order from each source, dependencies accumulated over
the reversed search order), so results are the same floats to the last bit; the tests compare
them on random graphs. Compiled with numba in nopython mode without the GIL, so a running
analysis leaves the event loop and other requests free; machine code is cached beside this file
after the first compilation.

From `shortest_paths.SPLIT_AT` path starts on, the starts are cut in two halves searched on
two threads at once (see there).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Hashable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

import networkx as nx
import numpy as np
import numpy.typing as npt
from numba import njit

from graph_queries.analyses.metrics._compiled_structure import neighbour_arrays
from graph_queries.analyses.metrics.shortest_paths import SPLIT_AT

__all__ = [
    "Adjacency",
    "adjacency",
    "betweenness_raw",
    "group_loads",
    "halves",
    "in_parallel",
    "paths_through",
    "summed_in_halves",
]

Ints = npt.NDArray[np.int64]
# Node numbers and arc offsets in 32 bits: the searches are bound by memory traffic, and the
# narrower arrays make them about a fifth faster at 100,000 nodes.
Index = npt.NDArray[np.int32]
INDEX_LIMIT = np.iinfo(np.int32).max
Floats = npt.NDArray[np.float64]
T = TypeVar("T")


def in_parallel(first: Callable[[], T], second: Callable[[], T]) -> tuple[T, T]:
    """Both calls at once on two threads (the compiled loops release the GIL)."""
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="unsilo-kernel") as pool:
        running = pool.submit(second)
        return first(), running.result()


def halves(sources: Ints, cut_after: Callable[[int], bool] | None = None) -> list[Ints]:
    """`sources` whole below `SPLIT_AT`, else in two halves; `cut_after(i)` says whether a cut
    may fall after position i (the first allowed cut from the middle on, else before it)."""
    if sources.shape[0] < SPLIT_AT:
        return [sources]
    middle = sources.shape[0] // 2
    positions = itertools.chain(range(middle, sources.shape[0] - 1), range(middle - 1, -1, -1))
    cut = next((i for i in positions if cut_after is None or cut_after(i)), None)
    if cut is None:
        return [sources]
    return [sources[: cut + 1], sources[cut + 1 :]]


@dataclass(frozen=True, slots=True)
class Adjacency:
    """A graph as arrays: node i's successors are `indices[indptr[i]:indptr[i + 1]]`, in the
    graph's own adjacency order (which fixes the search order, hence the sums' order), and its
    predecessors `rindices[rindptr[i]:rindptr[i + 1]]` (the same arrays when undirected)."""

    nodes: list[Hashable]
    index: dict[Hashable, int]
    indptr: Index
    indices: Index
    lengths: Floats  # edge lengths parallel to `indices` (1.0 when unweighted)
    rindptr: Index
    rindices: Index


def adjacency(graph: nx.Graph, weight: str | None = None) -> Adjacency:
    """The arrays of `graph` (an undirected graph is read as its directed version), read by
    `_compiled_structure.neighbour_arrays` like every compiled metric's."""
    nodes, indptr, indices = neighbour_arrays(graph)
    index = {node: i for i, node in enumerate(nodes)}
    if weight is None:
        lengths = np.ones(indices.shape[0], dtype=np.float64)
    else:
        # Node by node in the order neighbour_arrays read, so lengths line up with `indices`.
        around = dict(graph.adjacency())
        lengths = np.fromiter(
            (data.get(weight, 1) for node in nodes for data in around[node].values()),
            dtype=np.float64,
            count=indices.shape[0],
        )
    rindptr, rindices = indptr, indices
    if graph.is_directed():
        _, rindptr, rindices = neighbour_arrays(graph.reverse(copy=False))
    if indptr[-1] > INDEX_LIMIT:
        raise ValueError(f"{int(indptr[-1]):,} arcs are more than the kernels can number")
    narrow = [array.astype(np.int32) for array in (indptr, indices, rindptr, rindices)]
    return Adjacency(nodes, index, narrow[0], narrow[1], lengths, narrow[2], narrow[3])


def group_loads(
    graph: Adjacency,
    groups: Sequence[int],
    sources: Sequence[int],
    scale: float,
    top: int,
    noise: float,
) -> tuple[Floats, Ints]:
    """Per node: the summed load over groups, and its `top` groups by load (-1 pads).

    `sources` come group after group; the load of group g on v is `scale` times the sum over
    g's sources s of networkx's subset dependency of s on v (targets: every node of another
    group). Loads above `noise` are added to the total and ranked by (-round(load, 9), g).
    """
    group = np.asarray(groups, dtype=np.int32)
    ordered = np.asarray(sources, dtype=np.int64)
    parts = halves(ordered, lambda i: bool(group[ordered[i]] != group[ordered[i + 1]]))

    def run(part: Ints) -> tuple[Floats, Floats, Ints]:
        found: tuple[Floats, Floats, Ints] = _group_loads(
            graph.indptr,
            graph.indices,
            graph.rindptr,
            graph.rindices,
            group,
            part,
            scale,
            top,
            noise,
        )
        return found

    if len(parts) == 1:
        total, _, best = run(parts[0])
        return total, best
    (total_a, key_a, best_a), (total_b, key_b, best_b) = in_parallel(
        lambda: run(parts[0]), lambda: run(parts[1])
    )
    merged: Ints = _merge_tops(key_a, best_a, key_b, best_b)
    return total_a + total_b, merged


def betweenness_raw(graph: Adjacency, sources: Sequence[int]) -> Floats:
    """networkx's raw (unscaled) betweenness of every node from `sources`, over breadth-first
    searches (every edge one hop)."""

    def run(part: Ints) -> Floats:
        found: Floats = _betweenness_raw(
            graph.indptr, graph.indices, graph.rindptr, graph.rindices, part
        )
        return found

    return summed_in_halves(run, sources)


def summed_in_halves(run: Callable[[Ints], Floats], sources: Sequence[int]) -> Floats:
    """`run(sources)`, or from `SPLIT_AT` sources on the sum of `run` on each half, the two
    halves at once."""
    parts = halves(np.asarray(sources, dtype=np.int64))
    if len(parts) == 1:
        return run(parts[0])
    first, second = in_parallel(lambda: run(parts[0]), lambda: run(parts[1]))
    return first + second


def paths_through(
    graph: Adjacency, node: int, sources: Sequence[int], target_sets: Sequence[Sequence[int]]
) -> list[float]:
    """`shortest_paths.betweenness_through` over the arrays: see there."""
    n = len(graph.nodes)
    wanted = np.zeros((len(target_sets), n), dtype=np.bool_)
    for k, targets in enumerate(target_sets):
        wanted[k, np.asarray(targets, dtype=np.int64)] = True
    ordered = np.asarray(sources, dtype=np.int64)
    found = _paths_through(
        graph.indptr, graph.indices, graph.rindptr, graph.rindices, node, ordered, wanted
    )
    return [float(x) for x in found]


# ---- the compiled loops --------------------------------------------------------------------------


@njit(nogil=True, cache=True)
def _search(indptr, indices, source, order, dist, sigma):  # type: ignore[no-untyped-def]
    """Brandes' breadth-first search: fills `order` (search order), `dist` and `sigma` (number
    of shortest paths); returns how many nodes it reached. `dist` must be -1 everywhere."""
    dist[source] = 0
    sigma[source] = 1.0
    order[0] = source
    head, tail = 0, 1
    while head < tail:
        v = order[head]
        head += 1
        step = dist[v] + 1
        sigma_v = sigma[v]
        for e in range(indptr[v], indptr[v + 1]):
            w = indices[e]
            if dist[w] < 0:
                order[tail] = w
                tail += 1
                dist[w] = step
            if dist[w] == step:
                sigma[w] += sigma_v
    return tail


@njit(nogil=True, cache=True)
def _betweenness_raw(indptr, indices, rindptr, rindices, sources):  # type: ignore[no-untyped-def]
    n = indptr.shape[0] - 1
    result = np.zeros(n)
    order = np.empty(n, dtype=np.int32)
    dist = np.full(n, -1, dtype=np.int32)
    sigma = np.zeros(n)
    delta = np.zeros(n)
    everyone = np.zeros(n, dtype=np.int32)  # one group, and -1 below is none: all are targets
    for s in sources:
        reached = _search(indptr, indices, s, order, dist, sigma)
        _accumulate(rindptr, rindices, s, order, reached, dist, sigma, delta, everyone, -1, result)
    return result


@njit(nogil=True, cache=True)
def _accumulate(rindptr, rindices, s, order, reached, dist, sigma, delta, group, g, out):  # type: ignore[no-untyped-def]
    """Brandes' dependencies of source `s` on every node it reached, targets being the nodes
    outside group `g`, added to `out`; then `dist`, `sigma` and `delta` are reset for the next
    search (networkx's `_accumulate_subset`, in its order)."""
    for j in range(reached - 1, -1, -1):
        w = order[j]
        coeff = (delta[w] + 1.0) / sigma[w] if group[w] != g else delta[w] / sigma[w]
        below = dist[w] - 1
        for e in range(rindptr[w], rindptr[w + 1]):
            v = rindices[e]
            if dist[v] == below:
                delta[v] += sigma[v] * coeff
        if w != s:
            out[w] += delta[w]
    for j in range(reached):
        w = order[j]
        dist[w] = -1
        sigma[w] = 0.0
        delta[w] = 0.0


@njit(nogil=True, cache=True)
def _group_loads(indptr, indices, rindptr, rindices, group, sources, scale, top, noise):  # type: ignore[no-untyped-def]
    n = indptr.shape[0] - 1
    total = np.zeros(n)
    top_key = np.full((n, top), np.inf)
    top_group = np.full((n, top), -1, dtype=np.int64)
    kept = np.zeros(n, dtype=np.int64)
    load = np.zeros(n)
    order = np.empty(n, dtype=np.int32)
    dist = np.full(n, -1, dtype=np.int32)
    sigma = np.zeros(n)
    delta = np.zeros(n)
    start = 0
    while start < sources.shape[0]:
        g = group[sources[start]]
        end = start
        while end < sources.shape[0] and group[sources[end]] == g:
            end += 1
        for i in range(start, end):
            s = sources[i]
            reached = _search(indptr, indices, s, order, dist, sigma)
            _accumulate(rindptr, rindices, s, order, reached, dist, sigma, delta, group, g, load)
        for v in range(n):
            x = load[v] * scale
            load[v] = 0.0
            if x > noise:
                total[v] += x
                if kept[v] == top and -x - 1e-9 > top_key[v, top - 1]:
                    continue  # clearly below v's fourth: skip the costly rounding
                key = -round(x, 9)
                # Insert (key, g) into v's sorted list; g only grows, so equal keys stay in
                # group order.
                if kept[v] < top or key < top_key[v, top - 1]:
                    slot = min(kept[v], top - 1)
                    while slot > 0 and top_key[v, slot - 1] > key:
                        top_key[v, slot] = top_key[v, slot - 1]
                        top_group[v, slot] = top_group[v, slot - 1]
                        slot -= 1
                    top_key[v, slot] = key
                    top_group[v, slot] = g
                    kept[v] = min(kept[v] + 1, top)
        start = end
    return total, top_key, top_group


@njit(nogil=True, cache=True)
def _merge_tops(key_a, group_a, key_b, group_b):  # type: ignore[no-untyped-def]
    """Each row's smallest (key, group) pairs of both halves, as one sorted row."""
    n, top = group_a.shape
    merged = np.full((n, top), -1, dtype=np.int64)
    for v in range(n):
        i = j = 0
        for slot in range(top):
            take_a = group_a[v, i] >= 0 if i < top else False
            take_b = group_b[v, j] >= 0 if j < top else False
            if take_a and take_b:
                take_a = key_a[v, i] < key_b[v, j] or (
                    key_a[v, i] == key_b[v, j] and group_a[v, i] < group_b[v, j]
                )
            if take_a:
                merged[v, slot] = group_a[v, i]
                i += 1
            elif take_b:
                merged[v, slot] = group_b[v, j]
                j += 1
    return merged


@njit(nogil=True, cache=True)
def _paths_through(indptr, indices, rindptr, rindices, node, sources, wanted):  # type: ignore[no-untyped-def]
    n = indptr.shape[0] - 1
    sets = wanted.shape[0]
    totals = np.zeros(sets)
    order = np.empty(n, dtype=np.int32)
    dist = np.full(n, -1, dtype=np.int32)
    sigma = np.zeros(n)
    delta = np.zeros(n)
    below = np.zeros(n, dtype=np.bool_)
    for s in sources:
        if s == node:
            continue  # a path's own ends are not on it
        reached = _search(indptr, indices, s, order, dist, sigma)
        if dist[node] >= 0:
            # The nodes at or after `node` in search order with a predecessor already below it.
            first = 0
            while order[first] != node:
                first += 1
            below[node] = True
            for j in range(first + 1, reached):
                w = order[j]
                for e in range(rindptr[w], rindptr[w + 1]):
                    v = rindices[e]
                    if below[v] and dist[v] == dist[w] - 1:
                        below[w] = True
                        break
            for k in range(sets):
                for j in range(reached - 1, first - 1, -1):
                    w = order[j]
                    if not below[w]:
                        continue
                    coeff = (delta[w] + 1.0) / sigma[w] if wanted[k, w] else delta[w] / sigma[w]
                    for e in range(rindptr[w], rindptr[w + 1]):
                        v = rindices[e]
                        if below[v] and dist[v] == dist[w] - 1:
                            delta[v] += sigma[v] * coeff
                totals[k] += delta[node]
                for j in range(first, reached):
                    delta[order[j]] = 0.0
            for j in range(first, reached):
                below[order[j]] = False
        for j in range(reached):
            w = order[j]
            dist[w] = -1
            sigma[w] = 0.0
    return totals
