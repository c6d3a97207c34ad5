"""The compiled Dijkstra form of weighted betweenness, over `_compiled.Adjacency` arrays.

Repeats networkx's `_single_source_dijkstra_path_basic` and `_accumulate_basic` operation for
operation (the heap pops in the same (distance, push count) order), so the result is the same
floats to the last bit. Compiled with numba without the GIL; cached beside this file.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numba import njit

from graph_queries.analyses.metrics._compiled import Adjacency, Floats, Ints, halves, in_parallel

__all__ = ["weighted_betweenness"]


def weighted_betweenness(graph: Adjacency, sources: Sequence[int]) -> Floats:
    """networkx's raw (unscaled) betweenness of every node from `sources`, over Dijkstra
    searches on `graph.lengths` (two halves at once from `SPLIT_AT` sources on)."""

    def run(part: Ints) -> Floats:
        found: Floats = _weighted_betweenness(graph.indptr, graph.indices, graph.lengths, part)
        return found

    parts = halves(np.asarray(sources, dtype=np.int64))
    if len(parts) == 1:
        return run(parts[0])
    first, second = in_parallel(lambda: run(parts[0]), lambda: run(parts[1]))
    return first + second


@njit(nogil=True, cache=True)
def _weighted_betweenness(indptr, indices, lengths, sources):  # type: ignore[no-untyped-def]
    n = indptr.shape[0] - 1
    m = indices.shape[0]
    result = np.zeros(n)
    order = np.empty(n, dtype=np.int64)
    done = np.zeros(n, dtype=np.bool_)
    seen = np.full(n, np.inf)
    sigma = np.zeros(n)
    delta = np.zeros(n)
    # Predecessor lists as linked lists in one pool; a shorter path found later restarts the
    # node's list, as networkx's `P[w] = [v]` does.
    pred_head = np.full(n, -1, dtype=np.int64)
    pred_node = np.empty(m + 1, dtype=np.int64)
    pred_next = np.empty(m + 1, dtype=np.int64)
    # A binary heap of (distance, push count) keys with the pushing node and the node pushed,
    # popped in the same order as networkx's heapq of (distance, count, pred, node).
    heap_dist = np.empty(m + 1)
    heap_count = np.empty(m + 1, dtype=np.int64)
    heap_pred = np.empty(m + 1, dtype=np.int64)
    heap_node = np.empty(m + 1, dtype=np.int64)
    for s in sources:
        pool = 0
        size = 0
        pushes = 0
        reached = 0
        sigma[s] = 1.0
        seen[s] = 0.0
        size = _heap_push(heap_dist, heap_count, heap_pred, heap_node, size, 0.0, pushes, s, s)
        pushes += 1
        while size > 0:
            dist = heap_dist[0]
            pred = heap_pred[0]
            v = heap_node[0]
            size = _heap_pop(heap_dist, heap_count, heap_pred, heap_node, size)
            if done[v]:
                continue
            sigma[v] += sigma[pred]
            order[reached] = v
            reached += 1
            done[v] = True
            for e in range(indptr[v], indptr[v + 1]):
                w = indices[e]
                vw_dist = dist + lengths[e]
                if not done[w] and vw_dist < seen[w]:
                    seen[w] = vw_dist
                    size = _heap_push(
                        heap_dist, heap_count, heap_pred, heap_node, size, vw_dist, pushes, v, w
                    )
                    pushes += 1
                    sigma[w] = 0.0
                    pred_node[pool] = v
                    pred_next[pool] = -1
                    pred_head[w] = pool
                    pool += 1
                elif vw_dist == seen[w]:
                    sigma[w] += sigma[v]
                    pred_node[pool] = v
                    pred_next[pool] = pred_head[w]
                    pred_head[w] = pool
                    pool += 1
        for j in range(reached - 1, -1, -1):
            w = order[j]
            coeff = (1.0 + delta[w]) / sigma[w]
            p = pred_head[w]
            while p >= 0:
                v = pred_node[p]
                delta[v] += sigma[v] * coeff
                p = pred_next[p]
            if w != s:
                result[w] += delta[w]
        for j in range(reached):
            w = order[j]
            done[w] = False
            seen[w] = np.inf
            sigma[w] = 0.0
            delta[w] = 0.0
            pred_head[w] = -1
        # Nodes seen but never reached cannot exist: every pushed node is popped.
    return result


@njit(nogil=True, cache=True)
def _heap_push(heap_dist, heap_count, heap_pred, heap_node, size, dist, count, pred, node):  # type: ignore[no-untyped-def]
    i = size
    while i > 0:
        parent = (i - 1) // 2
        if heap_dist[parent] < dist or (heap_dist[parent] == dist and heap_count[parent] < count):
            break
        heap_dist[i] = heap_dist[parent]
        heap_count[i] = heap_count[parent]
        heap_pred[i] = heap_pred[parent]
        heap_node[i] = heap_node[parent]
        i = parent
    heap_dist[i] = dist
    heap_count[i] = count
    heap_pred[i] = pred
    heap_node[i] = node
    return size + 1


@njit(nogil=True, cache=True)
def _heap_pop(heap_dist, heap_count, heap_pred, heap_node, size):  # type: ignore[no-untyped-def]
    size -= 1
    dist, count = heap_dist[size], heap_count[size]
    pred, node = heap_pred[size], heap_node[size]
    i = 0
    while True:
        child = 2 * i + 1
        if child >= size:
            break
        right = child + 1
        if right < size and (
            heap_dist[right] < heap_dist[child]
            or (heap_dist[right] == heap_dist[child] and heap_count[right] < heap_count[child])
        ):
            child = right
        if dist < heap_dist[child] or (dist == heap_dist[child] and count < heap_count[child]):
            break
        heap_dist[i] = heap_dist[child]
        heap_count[i] = heap_count[child]
        heap_pred[i] = heap_pred[child]
        heap_node[i] = heap_node[child]
        i = child
    if size > 0:
        heap_dist[i] = dist
        heap_count[i] = count
        heap_pred[i] = pred
        heap_node[i] = node
    return size
