"""Compiled forms of Burt's measures (`structural_holes`) and the brokerage counts
(`brokerage`), over compressed adjacency arrays.

Each loop repeats the arithmetic of its pure Python counterpart operation for operation and in
the same order (every neighbour in the graph's own adjacency order, the same terms added in the
same sequence, zeros included), so results are the same floats to the last bit; the tests
compare them on random graphs. Python's `sum` is mirrored as it runs on this interpreter:
plain additions up to 3.11, Neumaier's compensated summation from 3.12 on. Squares go through
the C library's `pow`, as Python's `x ** 2` does, with the exponent passed in at run time so
that the compiler cannot turn it into a product (which may round differently). Compiled with
numba in nopython mode without the GIL; machine code is cached beside this file.
"""

from __future__ import annotations

import sys
from collections.abc import Hashable, Mapping
from itertools import chain
from operator import methodcaller
from typing import Any

import networkx as nx
import numpy as np
import numpy.typing as npt
from numba import njit

__all__ = [
    "COMPENSATED",
    "brokerage_counts",
    "constraint_values",
    "effective_size_values",
    "group_numbers",
    "neighbour_arrays",
    "weighted_arrays",
]

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]

COMPENSATED = sys.version_info >= (3, 12)
"""Whether this interpreter's `sum` of floats is compensated (Neumaier), as from 3.12 on."""


def neighbour_arrays(graph: nx.Graph) -> tuple[list[Any], Ints, Ints]:
    """The nodes of `graph`, and its adjacency as arrays: node i's neighbours (successors when
    directed) are `indices[indptr[i]:indptr[i + 1]]`, in the graph's adjacency order."""
    nodes, rows = _rows(graph)
    indptr = np.zeros(len(nodes) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, rows), dtype=np.int64, count=len(rows)), out=indptr[1:])
    count = int(indptr[-1])
    # Neighbours are found by identity: reading a large graph is memory-bound, and a numbered
    # table of the nodes' addresses is far cheaper to look up than a dict keyed by the nodes.
    # Identity implies equality, and a live object that is not a node has no node's address;
    # a neighbour held as an equal but distinct object is looked up by equality instead.
    addresses = np.fromiter(map(id, nodes), dtype=np.int64, count=len(nodes))
    wanted = np.fromiter(map(id, chain.from_iterable(rows)), dtype=np.int64, count=count)
    indices: Ints = _positions(addresses, wanted)
    if count and indices.min() < 0:
        index = dict(zip(nodes, range(len(nodes)), strict=True))
        around = map(index.__getitem__, chain.from_iterable(rows))
        indices = np.fromiter(around, dtype=np.int64, count=count)
    return nodes, indptr, indices


def weighted_arrays(graph: nx.Graph, weight: str | None) -> tuple[list[Any], Ints, Ints, Floats]:
    """As `neighbour_arrays`, without self-loops, with each tie's weight as
    `structural_holes` reads it (`float(weight)`, 1 when absent or with no `weight`)."""
    nodes, indptr, indices = neighbour_arrays(graph)
    if weight:
        data = chain.from_iterable(map(methodcaller("values"), _rows(graph)[1]))
        read = map(float, map(methodcaller("get", weight, 1), data))
        weights = np.fromiter(read, dtype=np.float64, count=indices.shape[0])
    else:
        weights = np.ones(indices.shape[0], dtype=np.float64)
    rows = np.repeat(np.arange(len(nodes), dtype=np.int64), np.diff(indptr))
    kept = indices != rows  # a self-loop is no contact
    if not kept.all():
        indices, weights = indices[kept], weights[kept]
        np.cumsum(np.bincount(rows[kept], minlength=len(nodes)), out=indptr[1:])
    return nodes, indptr, indices, weights


def _rows(graph: nx.Graph) -> tuple[list[Any], list[Mapping[Any, Any]]]:
    """The nodes in the graph's order and their neighbour mappings, read through
    `adjacency()`'s plain dicts: a view per node would be garbage-collector work over the
    whole (large) graph."""
    nodes = list(graph)
    if [node for node, _ in graph.adjacency()] == nodes:
        return nodes, [around for _, around in graph.adjacency()]
    return nodes, [graph.adj[node] for node in nodes]


def group_numbers(nodes: list[Hashable], group_of: Mapping[Any, Hashable]) -> Ints:
    """Each node's group as a number (equal groups, equal numbers)."""
    number: dict[Hashable, int] = {}
    return np.fromiter(
        (number.setdefault(group_of[node], len(number)) for node in nodes),
        dtype=np.int64,
        count=len(nodes),
    )


def constraint_values(indptr: Ints, indices: Ints, weights: Floats) -> Floats:
    """Burt's constraint of every node (NaN for a node with no contact)."""
    found: Floats = _constraint(indptr, indices, weights, COMPENSATED, 2.0)
    return found


def effective_size_values(indptr: Ints, indices: Ints, weights: Floats) -> Floats:
    """Burt's effective size of every node (NaN for a node with no contact)."""
    found: Floats = _effective_size(indptr, indices, weights, COMPENSATED)
    return found


def brokerage_counts(indptr: Ints, indices: Ints, group: Ints) -> Ints:
    """Per node, its open triads as coordinator, representative (= gatekeeper), itinerant and
    liaison: the columns of an (n, 4) array."""
    found: Ints = _brokerage(indptr, indices, group)
    return found


# ---- the compiled loops --------------------------------------------------------------------------


@njit(nogil=True, cache=True)
def _positions(addresses, wanted):  # type: ignore[no-untyped-def]
    """The position in `addresses` (distinct) of each of `wanted`, -1 if absent: a hash table
    with linear probing, at most half full."""
    bits = 1
    while (1 << bits) < 2 * addresses.shape[0]:
        bits += 1
    mask = (1 << bits) - 1
    table = np.full(1 << bits, -1, dtype=np.int64)
    for i in range(addresses.shape[0]):
        slot = _slot(addresses[i], bits)
        while table[slot] >= 0:
            slot = (slot + 1) & mask
        table[slot] = i
    found = np.empty(wanted.shape[0], dtype=np.int64)
    for k in range(wanted.shape[0]):
        slot = _slot(wanted[k], bits)
        found[k] = -1
        while table[slot] >= 0:
            if addresses[table[slot]] == wanted[k]:
                found[k] = table[slot]
                break
            slot = (slot + 1) & mask
    return found


@njit(nogil=True, cache=True)
def _slot(address, bits):  # type: ignore[no-untyped-def]
    """Fibonacci hashing of an address into `bits` bits (its top ones: an address's low bits
    are alignment, always the same)."""
    spread = np.uint64(address) * np.uint64(0x9E3779B97F4A7C15)
    return np.int64(spread >> np.uint64(64 - bits))


@njit(nogil=True, cache=True)
def _add(total, carry, x, count, compensated):  # type: ignore[no-untyped-def]
    """One step of Python's `sum` of floats: `total` and `carry` after adding the count-th term x
    (the first term replaces the start 0; from 3.12 on the rounding errors go to `carry`)."""
    if count == 0:
        return 0.0 + x, carry
    t = total + x
    if compensated:
        if abs(total) >= abs(x):
            carry += (total - t) + x
        else:
            carry += (x - t) + total
    return t, carry


@njit(nogil=True, cache=True)
def _done(total, carry, compensated):  # type: ignore[no-untyped-def]
    """The end of Python's `sum`: from 3.12 on, a finite non-zero carry is added."""
    if compensated and carry != 0.0 and np.isfinite(carry):
        return total + carry
    return total


@njit(nogil=True, cache=True)
def _shares(indptr, indices, weights, compensated):  # type: ignore[no-untyped-def]
    """p_ij = w_ij / sum_k w_ik per tie, and the share of each tie's far end towards its near
    end (p_ji, from the same weight: ties are undirected)."""
    n = indptr.shape[0] - 1
    total = np.zeros(n)
    for i in range(n):
        s, carry = 0.0, 0.0
        for e in range(indptr[i], indptr[i + 1]):
            s, carry = _add(s, carry, weights[e], e - indptr[i], compensated)
        total[i] = _done(s, carry, compensated)
    share = np.empty(weights.shape[0])
    back = np.empty(weights.shape[0])
    for i in range(n):
        for e in range(indptr[i], indptr[i + 1]):
            share[e] = weights[e] / total[i]
            back[e] = weights[e] / total[indices[e]]
    return share, back


@njit(nogil=True, cache=True)
def _constraint(indptr, indices, weights, compensated, two):  # type: ignore[no-untyped-def]
    n = indptr.shape[0] - 1
    share, back = _shares(indptr, indices, weights, compensated)
    result = np.full(n, np.nan)
    toward = np.zeros(n)  # p_qj of every q, for the current j
    for i in range(n):
        if indptr[i] == indptr[i + 1]:
            continue
        total = 0.0
        for e in range(indptr[i], indptr[i + 1]):
            j = indices[e]
            for f in range(indptr[j], indptr[j + 1]):
                toward[indices[f]] = back[f]
            indirect, carry, count = 0.0, 0.0, 0
            for f in range(indptr[i], indptr[i + 1]):
                q = indices[f]
                if q != j:
                    term = share[f] * toward[q]
                    indirect, carry = _add(indirect, carry, term, count, compensated)
                    count += 1
            indirect = _done(indirect, carry, compensated)
            total += (share[e] + indirect) ** two
            for f in range(indptr[j], indptr[j + 1]):
                toward[indices[f]] = 0.0
        result[i] = total
    return result


@njit(nogil=True, cache=True)
def _effective_size(indptr, indices, weights, compensated):  # type: ignore[no-untyped-def]
    n = indptr.shape[0] - 1
    share, _ = _shares(indptr, indices, weights, compensated)
    result = np.full(n, np.nan)
    weight_of = np.zeros(n)  # w_jq of every q, for the current j
    for i in range(n):
        if indptr[i] == indptr[i + 1]:
            continue
        size = 0.0
        for e in range(indptr[i], indptr[i + 1]):
            j = indices[e]
            strongest = weights[indptr[j]]  # Python's max: the first, replaced by any larger
            for f in range(indptr[j], indptr[j + 1]):
                weight_of[indices[f]] = weights[f]
                if weights[f] > strongest:
                    strongest = weights[f]
            redundancy, carry, count = 0.0, 0.0, 0
            for f in range(indptr[i], indptr[i + 1]):
                q = indices[f]
                if q != j:
                    term = share[f] * weight_of[q]
                    redundancy, carry = _add(redundancy, carry, term, count, compensated)
                    count += 1
            redundancy = _done(redundancy, carry, compensated)
            size += 1.0 - redundancy / strongest
            for f in range(indptr[j], indptr[j + 1]):
                weight_of[indices[f]] = 0.0
        result[i] = size
    return result


@njit(nogil=True, cache=True)
def _brokerage(indptr, indices, group):  # type: ignore[no-untyped-def]
    n = indptr.shape[0] - 1
    counts = np.zeros((n, 4), dtype=np.int64)
    seen = np.full(n, -1, dtype=np.int64)  # seen[x] == e: x is tied to the neighbour at e
    for broker in range(n):
        own = group[broker]
        last = indptr[broker + 1]
        for e in range(indptr[broker], last):
            a = indices[e]
            for f in range(indptr[a], indptr[a + 1]):
                seen[indices[f]] = e
            group_a = group[a]
            for f in range(e + 1, last):
                c = indices[f]
                if seen[c] == e:
                    continue
                group_c = group[c]
                if group_a == group_c:
                    counts[broker, 0 if group_a == own else 2] += 1
                elif own in (group_a, group_c):
                    counts[broker, 1] += 1
                else:
                    counts[broker, 3] += 1
    return counts
