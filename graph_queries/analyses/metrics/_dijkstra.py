"""The compiled Dijkstra form of weighted betweenness, over `_compiled.Adjacency` arrays.

Repeats networkx's `_single_source_dijkstra_path_basic` and `_accumulate_basic` operation for
operation (the heap pops in the same (distance, push count) order), so the result is the same
floats to the last bit. Compiled with numba without the GIL; cached beside this file.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numba import njit

from graph_queries.analyses.metrics._compiled import Adjacency, Floats, Ints, summed_in_halves

__all__ = ["weighted_betweenness"]


def weighted_betweenness(graph: Adjacency, sources: Sequence[int]) -> Floats:
    """networkx's raw (unscaled) betweenness of every node from `sources`, over Dijkstra
    searches on `graph.lengths` (two halves at once from `SPLIT_AT` sources on)."""

    def run(part: Ints) -> Floats:
        found: Floats = _weighted_betweenness(graph.indptr, graph.indices, graph.lengths, part)
        return found

    return summed_in_halves(run, sources)


@njit(nogil=True, cache=True)
def _weighted_betweenness(indptr, indices, lengths, sources):  # type: ignore[no-untyped-def]
    n = indptr.shape[0] - 1
    m = indices.shape[0]
    result = np.zeros(n)
    order = np.empty(n, dtype=np.int32)
    done = np.zeros(n, dtype=np.bool_)
    seen = np.full(n, np.inf)
    sigma = np.zeros(n)
    delta = np.zeros(n)
    # Predecessor lists as linked lists in one pool; a shorter path found later restarts the
    # node's list, as networkx's `P[w] = [v]` does.
    pred_head = np.full(n, -1, dtype=np.int32)
    pred_node = np.empty(m + 1, dtype=np.int32)
    pred_next = np.empty(m + 1, dtype=np.int32)
    # An indexed binary heap of nodes keyed by (distance, push count), each with the node that
    # pushed it last. networkx pushes a node again whenever a shorter path appears and skips
    # the stale entries; lowering the key in place pops the same nodes in the same order, with
    # a heap of at most n entries instead of one per improvement.
    heap = np.empty(n, dtype=np.int32)
    position = np.full(n, -1, dtype=np.int32)
    key_dist = np.empty(n)
    key_count = np.empty(n, dtype=np.int64)
    key_pred = np.empty(n, dtype=np.int32)
    for s in sources:
        pool = 0
        pushes = 0
        reached = 0
        sigma[s] = 1.0
        seen[s] = 0.0
        key_dist[s], key_count[s], key_pred[s] = 0.0, pushes, s
        pushes += 1
        heap[0] = s
        position[s] = 0
        size = 1
        while size > 0:
            v = heap[0]
            size = _pop(heap, position, key_dist, key_count, size)
            dist = key_dist[v]
            sigma[v] += sigma[key_pred[v]]
            order[reached] = v
            reached += 1
            done[v] = True
            for e in range(indptr[v], indptr[v + 1]):
                w = indices[e]
                vw_dist = dist + lengths[e]
                if not done[w] and vw_dist < seen[w]:
                    seen[w] = vw_dist
                    key_dist[w], key_count[w], key_pred[w] = vw_dist, pushes, v
                    pushes += 1
                    if position[w] < 0:
                        heap[size] = w
                        position[w] = size
                        size += 1
                    _sift_up(heap, position, key_dist, key_count, position[w])
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
        # Every node pushed is popped, so `order` holds every node touched.
    return result


@njit(nogil=True, cache=True)
def _before(key_dist, key_count, a, b):  # type: ignore[no-untyped-def]
    return key_dist[a] < key_dist[b] or (key_dist[a] == key_dist[b] and key_count[a] < key_count[b])


@njit(nogil=True, cache=True)
def _sift_up(heap, position, key_dist, key_count, i):  # type: ignore[no-untyped-def]
    node = heap[i]
    while i > 0:
        parent = (i - 1) // 2
        if not _before(key_dist, key_count, node, heap[parent]):
            break
        heap[i] = heap[parent]
        position[heap[i]] = i
        i = parent
    heap[i] = node
    position[node] = i


@njit(nogil=True, cache=True)
def _pop(heap, position, key_dist, key_count, size):  # type: ignore[no-untyped-def]
    """Remove the first node (heap[0]); returns the new size."""
    position[heap[0]] = -1
    size -= 1
    if size == 0:
        return 0
    node = heap[size]
    i = 0
    while True:
        child = 2 * i + 1
        if child >= size:
            break
        if child + 1 < size and _before(key_dist, key_count, heap[child + 1], heap[child]):
            child += 1
        if not _before(key_dist, key_count, heap[child], node):
            break
        heap[i] = heap[child]
        position[heap[i]] = i
        i = child
    heap[i] = node
    position[node] = i
    return size
