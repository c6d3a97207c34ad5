"""The compiled form of `separations`: the same depth-first search and the same judgement of
each cut vertex and bridge, over compressed adjacency arrays.

The search visits nodes in the graph's order and neighbours in its adjacency order, exactly as
the reference does, so preorder positions, lowpoints, the order cut vertices and bridges are
found in, and the parts' sizes and first positions are the same; groups are numbered in sorted
order, so sorted numbers are sorted groups. Compiled with numba in nopython mode without the
GIL; machine code is cached beside this file.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import networkx as nx
import numpy as np
from numba import njit

from graph_queries.analyses.metrics._compiled_structure import neighbour_arrays

__all__ = ["Found", "separations"]

Found = tuple[Any, tuple[str, ...], tuple[str, ...]]
"""A cut vertex (or bridge, as its two ends) with the groups it cuts off and cuts them off from."""


def separations(
    graph: nx.Graph, group_of: Mapping[Any, str], vertices: bool, edges: bool
) -> tuple[list[Found], list[Found]]:
    """The separating cut vertices (if `vertices`) and bridges (if `edges`), in the order the
    reference finds them."""
    nodes, indptr, indices = neighbour_arrays(graph)
    groups = list(map(group_of.__getitem__, nodes))
    names = sorted(set(groups))
    number = dict(zip(names, range(len(names)), strict=True))
    group = np.fromiter(map(number.__getitem__, groups), dtype=np.int64, count=len(groups))
    found = _separations(indptr, indices, group, len(names), vertices, edges)
    keys, ends, cut_ptr, cut_off, from_ptr, cut_off_from = found
    # Names picked by numpy from an object array: a cut off from thousands of groups is common.
    named = np.empty(len(names), dtype=object)
    named[:] = names
    off, off_from = named[cut_off], named[cut_off_from]
    at, then = cut_ptr.tolist(), from_ptr.tolist()
    cuts: list[Found] = []
    bridges: list[Found] = []
    for k, (key, end) in enumerate(zip(keys.tolist(), ends.tolist(), strict=True)):
        found_off = tuple(off[at[k] : at[k + 1]].tolist())
        found_from = tuple(off_from[then[k] : then[k + 1]].tolist())
        if end < 0:
            cuts.append((nodes[key], found_off, found_from))
        else:
            bridges.append(((nodes[key], nodes[end]), found_off, found_from))
    return cuts, bridges


# ---- the compiled loops --------------------------------------------------------------------------


@njit(nogil=True, cache=True)
def _depth_first(indptr, indices):  # type: ignore[no-untyped-def]
    """Iterative Hopcroft-Tarjan lowpoints, as `separations._depth_first`: per preorder position
    its node, subtree end, component root; the (parent, child) positions where the child
    separates (low >= parent) and the bridges (low > parent), in finishing order."""
    n = indptr.shape[0] - 1
    position = np.full(n, -1, dtype=np.int64)
    order = np.empty(n, dtype=np.int64)
    end = np.empty(n, dtype=np.int64)
    root = np.empty(n, dtype=np.int64)
    low = np.empty(n, dtype=np.int64)
    parent = np.empty(n, dtype=np.int64)
    stack = np.empty(n, dtype=np.int64)  # positions
    cursor = np.empty(n, dtype=np.int64)  # next adjacency entry of each stacked position
    cut_up = np.empty(n, dtype=np.int64)
    cut_child = np.empty(n, dtype=np.int64)
    bridge_up = np.empty(n, dtype=np.int64)
    bridge_child = np.empty(n, dtype=np.int64)
    seen = cuts = bridges = 0
    for start in range(n):
        if position[start] >= 0:
            continue
        top = seen
        position[start], order[top], root[top], low[top], parent[top] = top, start, top, top, -1
        seen += 1
        depth = 0
        stack[0], cursor[0] = top, indptr[start]
        while depth >= 0:
            here = stack[depth]
            node = order[here]
            e = cursor[depth]
            pushed = False
            while e < indptr[node + 1]:
                neighbour = indices[e]
                e += 1
                there = position[neighbour]
                if there < 0:
                    cursor[depth] = e
                    there = seen
                    seen += 1
                    position[neighbour], order[there], root[there] = there, neighbour, top
                    low[there], parent[there] = there, here
                    depth += 1
                    stack[depth], cursor[depth] = there, indptr[neighbour]
                    pushed = True
                    break
                if there != parent[here]:
                    low[here] = min(low[here], there)
            if pushed:
                continue
            depth -= 1
            end[here] = seen
            up = parent[here]
            if up >= 0:
                low[up] = min(low[up], low[here])
                if low[here] >= up:
                    cut_up[cuts], cut_child[cuts] = up, here
                    cuts += 1
                if low[here] > up:
                    bridge_up[bridges], bridge_child[bridges] = up, here
                    bridges += 1
    return (
        order,
        end,
        root,
        cut_up[:cuts],
        cut_child[:cuts],
        bridge_up[:bridges],
        bridge_child[:bridges],
    )


@njit(nogil=True, cache=True)
def _separations(indptr, indices, group, groups, vertices, edges):  # type: ignore[no-untyped-def]
    order, end, root, cut_up, cut_child, bridge_up, bridge_child = _depth_first(indptr, indices)
    n = order.shape[0]
    group_at = group[order]
    totals = np.zeros(groups, dtype=np.int64)  # of the current component
    present = np.empty(groups, dtype=np.int64)  # its groups, sorted
    # Counts in a part, flags, touched groups (twice as many: those of earlier parts and the
    # current part's, which may repeat them).
    scratch = np.zeros((3, 2 * groups), dtype=np.int64)
    out_off = np.empty(groups, dtype=np.int64)
    out_from = np.empty(groups, dtype=np.int64)
    keys = [0 for _ in range(0)]
    ends = [0 for _ in range(0)]
    off = [0 for _ in range(0)]
    off_from = [0 for _ in range(0)]
    off_at = [0]
    from_at = [0]
    component, kinds = -1, 0
    # Cut vertices in the order each first separates a child; its children in finishing order.
    ups = [0 for _ in range(0)]
    first = np.zeros(n + 1, dtype=np.int64)
    if vertices:
        for k in range(cut_up.shape[0]):
            if first[cut_up[k] + 1] == 0:
                ups.append(cut_up[k])
            first[cut_up[k] + 1] += 1
        first = np.cumsum(first)
    filled = first.copy()
    children = np.empty(cut_up.shape[0], dtype=np.int64)
    for k in range(cut_up.shape[0] if vertices else 0):
        children[filled[cut_up[k]]] = cut_child[k]
        filled[cut_up[k]] += 1
    candidates = len(ups) + (bridge_up.shape[0] if edges else 0)
    for c in range(candidates):
        if c < len(ups):
            up = ups[c]
            mine = children[first[up] : first[up + 1]]
            holes = mine.shape[0] + 1
        else:
            up, child = bridge_up[c - len(ups)], bridge_child[c - len(ups)]
            mine = np.array([child])
            holes = 1
        start = root[up]
        stop = end[start]
        if start != component:
            for t in range(kinds):
                totals[present[t]] = 0
            kinds = 0
            for q in range(start, stop):
                if totals[group_at[q]] == 0:
                    present[kinds] = group_at[q]
                    kinds += 1
                totals[group_at[q]] += 1
            present[:kinds].sort()
            component = start
        # Parts: each child's subtree, then what is left of the component (the removed node
        # aside), as spans.
        lo = np.empty(2 * mine.shape[0] + 2, dtype=np.int64)
        hi = np.empty(2 * mine.shape[0] + 2, dtype=np.int64)
        for k in range(mine.shape[0]):
            lo[k], hi[k] = mine[k], end[mine[k]]
        spans, cursor = mine.shape[0], start
        for k in range(-1 if holes > mine.shape[0] else 0, mine.shape[0]):
            low, high = (up, up + 1) if k < 0 else (mine[k], end[mine[k]])
            if cursor < low:
                lo[spans], hi[spans] = cursor, low
                spans += 1
            cursor = max(cursor, high)
        if cursor < stop:
            lo[spans], hi[spans] = cursor, stop
            spans += 1
        parts = mine.shape[0] + (1 if spans > mine.shape[0] else 0)
        if parts < 2:
            continue
        if holes > mine.shape[0]:
            totals[group_at[up]] -= 1
        cut, reach = _judge(
            lo[:spans],
            hi[:spans],
            parts,
            group_at,
            totals,
            present[:kinds],
            scratch,
            out_off,
            out_from,
        )
        if holes > mine.shape[0]:
            totals[group_at[up]] += 1
        if cut == 0:
            continue
        keys.append(order[up])
        ends.append(-1 if holes > mine.shape[0] else order[mine[0]])
        for t in range(cut):
            off.append(out_off[t])
        for t in range(reach):
            off_from.append(out_from[t])
        off_at.append(len(off))
        from_at.append(len(off_from))
    return (
        _array(keys),
        _array(ends),
        _array(off_at),
        _array(off),
        _array(from_at),
        _array(off_from),
    )


@njit(nogil=True, cache=True)
def _array(values):  # type: ignore[no-untyped-def]
    found = np.empty(len(values), dtype=np.int64)
    for k in range(len(values)):
        found[k] = values[k]
    return found


@njit(nogil=True, cache=True)
def _judge(lo, hi, parts, group_at, totals, present, scratch, out_off, out_from):  # type: ignore[no-untyped-def]
    """`separations._separation` for spans [lo[k], hi[k]) making up `parts` parts (span k
    belongs to part min(k, parts - 1): the last part may hold several). Writes the groups cut
    off and those cut off from to `out_off`, `out_from`; returns how many of each (0 cut off:
    no separation). `scratch` (counts in a part, flags, touched groups) must be zero in its
    first two rows, and is left so."""
    inside, flags, listed = scratch[0], scratch[1], scratch[2]  # flags: 1 touched, 2 cut off
    spans = lo.shape[0]
    # The largest part is the rest; equal sizes go to the earliest first position.
    rest, best_size, best_first = -1, -1, 0
    for p in range(parts):
        size = 0
        for k in range(p, spans if p == parts - 1 else p + 1):
            size += hi[k] - lo[k]
        if size > best_size or (size == best_size and lo[p] < best_first):
            rest, best_size, best_first = p, size, lo[p]
    cut, with_cut, touched = 0, 0, 0
    for p in range(parts):
        if p == rest:
            continue
        fresh = touched  # this part's groups are listed from here on
        for k in range(p, spans if p == parts - 1 else p + 1):
            for q in range(lo[k], hi[k]):
                g = group_at[q]
                if inside[g] == 0:
                    listed[touched] = g
                    touched += 1
                inside[g] += 1
        whole = False
        for t in range(fresh, touched):
            g = listed[t]
            if inside[g] == totals[g]:
                whole = True
                flags[g] = 2
                out_off[cut] = g
                cut += 1
            elif flags[g] == 0:
                flags[g] = 1
            inside[g] = 0
        with_cut += whole
    reach = 0
    if cut > 0:
        for g in present:
            if totals[g] > 0 and flags[g] == 0:
                out_from[reach] = g
                reach += 1
    for t in range(touched):
        flags[listed[t]] = 0
    if cut == 0 or (reach == 0 and with_cut < 2):
        return 0, 0
    out_off[:cut].sort()
    return cut, reach
