"""The compiled structural metrics against their pure Python reference: the same floats to the
last bit and the same counts, on random graphs of every shape the analyses meet (weighted with
repeated weights, ties without a weight, disconnected, isolated nodes, self-loops)."""

from __future__ import annotations

import math
import random

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph_queries.analyses.metrics import brokerage, separations, structural_holes

# Repeated weights make equal shares and equal strongest ties common; ints as a store gives them.
WEIGHTS = [1.0, 2.0, 0.5, 3, 1 / 3, 0.2, 1.4, 7]


@st.composite
def graphs(draw: st.DrawFn, self_loops: bool = True) -> nx.Graph:
    n = draw(st.integers(0, 26))
    seed = draw(st.integers(0, 10_000))
    graph = nx.gnp_random_graph(n, draw(st.floats(0.0, 0.6)), seed=seed)
    chosen = random.Random(seed)
    for _, _, data in graph.edges(data=True):
        if chosen.random() < 0.9:  # some ties carry no weight (1 by default)
            data["weight"] = chosen.choice(WEIGHTS)
    if self_loops and n:
        for node in chosen.sample(list(graph), min(n, draw(st.integers(0, 3)))):
            graph.add_edge(node, node, weight=chosen.choice(WEIGHTS))
    # Node order unlike label order, so that nothing depends on sorted labels.
    labels = [f"n{i:02d}" for i in graph]
    chosen.shuffle(labels)
    return nx.relabel_nodes(graph, dict(zip(graph, labels, strict=True)))


def groups_of(graph: nx.Graph, draw: st.DrawFn) -> dict[str, str]:
    labels = draw(st.lists(st.sampled_from("ABCDE"), min_size=len(graph), max_size=len(graph)))
    return dict(zip(graph, labels, strict=True))


def same_floats(a: dict[str, float | None], b: dict[str, float | None]) -> bool:
    """Equal keys in equal order, values equal to the last bit (NaN equal to NaN)."""
    return list(a) == list(b) and all(
        x is y
        or (x is not None and y is not None and (x == y or (math.isnan(x) and math.isnan(y))))
        for x, y in zip(a.values(), b.values(), strict=True)
    )


@settings(max_examples=150, deadline=None)
@given(graphs(), st.sampled_from(["weight", None]))
def test_constraint_is_the_same_compiled(graph: nx.Graph, weight: str | None) -> None:
    compiled = structural_holes.constraint(graph, weight)
    reference = structural_holes.constraint(graph, weight, engine="networkx")
    assert same_floats(compiled, reference)


@settings(max_examples=150, deadline=None)
@given(graphs(), st.sampled_from(["weight", None]))
def test_effective_size_is_the_same_compiled(graph: nx.Graph, weight: str | None) -> None:
    compiled = structural_holes.effective_size(graph, weight)
    reference = structural_holes.effective_size(graph, weight, engine="networkx")
    assert same_floats(compiled, reference)


def test_burt_measures_keep_the_reference_rounding() -> None:
    """Shares whose squares Python's `x ** 2` (the C library's pow) and `x * x` round apart,
    and sums of many shares, on a dense weighted graph: still the reference's floats."""
    # (Seed 26: one node's constraint differs in the last bit when squared as x * x.)
    chosen = random.Random(26)
    graph = nx.gnp_random_graph(40, 0.3, seed=26)
    for _, _, data in graph.edges(data=True):
        data["weight"] = chosen.choice([0.1, 0.3, 1.7, 2.9, 1 / 7, 13])
    for measure in (structural_holes.constraint, structural_holes.effective_size):
        assert same_floats(measure(graph), measure(graph, engine="networkx"))


@pytest.mark.parametrize("measure", [structural_holes.constraint, structural_holes.effective_size])
def test_burt_measures_fail_alike_on_zero_weights(measure: object) -> None:
    graph = nx.Graph([("a", "b", {"weight": 0.0}), ("b", "c", {"weight": 0.0})])
    for engine in ("compiled", "networkx"):
        with pytest.raises(ZeroDivisionError):
            measure(graph, engine=engine)  # type: ignore[operator]


@pytest.mark.parametrize("kind", [nx.DiGraph, nx.MultiGraph])
def test_burt_measures_of_other_graph_kinds_take_the_reference(kind: type[nx.Graph]) -> None:
    graph = kind([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("d", "a")])
    for measure in (structural_holes.constraint, structural_holes.effective_size):
        assert same_floats(measure(graph), measure(graph, engine="networkx"))


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_brokerage_roles_are_the_same_compiled(data: st.DataObject) -> None:
    graph = data.draw(graphs())
    if data.draw(st.booleans()):
        graph = graph.to_directed()  # successors as neighbours, as the reference reads them
    group_of = groups_of(graph, data.draw)
    compiled = brokerage.brokerage_roles(graph, group_of)
    reference = brokerage.brokerage_roles(graph, group_of, engine="networkx")
    assert compiled == reference
    assert list(compiled) == list(reference)


@st.composite
def separable_graphs(draw: st.DrawFn) -> nx.Graph:
    """Random graphs, sparse ones (forests: every inner node a cut point), or small blocks
    chained and branching at shared nodes, with self-loops at times."""
    shape = draw(st.sampled_from(["random", "sparse", "blocks"]))
    if shape != "blocks":
        return draw(graphs()) if shape == "random" else sparse(draw(st.integers(0, 10_000)))
    seed = draw(st.integers(0, 10_000))
    chosen = random.Random(seed)
    graph = nx.Graph()
    graph.add_node(0)
    for _ in range(chosen.randrange(1, 8)):
        at, size = chosen.choice(list(graph)), chosen.randrange(1, 5)
        block = nx.gnp_random_graph(size + 1, 0.7, seed=chosen.randrange(10_000))
        graph.add_edges_from(
            (at if u == 0 else len(graph) + u, at if v == 0 else len(graph) + v)
            for u, v in block.edges
        )
    if draw(st.booleans()):
        graph.add_edge(0, 0)
    return nx.relabel_nodes(graph, {i: f"n{i:02d}" for i in graph})


def sparse(seed: int) -> nx.Graph:
    graph = nx.gnp_random_graph(random.Random(seed).randrange(1, 30), 0.08, seed=seed)
    return nx.relabel_nodes(graph, {i: f"n{i:02d}" for i in graph})


@settings(max_examples=250, deadline=None)
@given(st.data())
def test_cut_points_and_bridges_are_the_same_compiled(data: st.DataObject) -> None:
    graph = data.draw(separable_graphs())
    for u, v in graph.edges:
        graph.edges[u, v]["ties"] = [f"t-{u}-{v}"]
    group_of = (
        {node: node for node in graph} if data.draw(st.booleans()) else groups_of(graph, data.draw)
    )
    compiled = separations.cut_points(graph, group_of)
    reference = separations.cut_points(graph, group_of, engine="networkx")
    assert compiled == reference
    assert list(compiled) == list(reference)
    bridges = separations.unit_bridges(graph, group_of)
    assert bridges == separations.unit_bridges(graph, group_of, engine="networkx")


def test_neighbours_held_as_equal_but_distinct_objects() -> None:
    """Neighbours are first found by identity; one held as an equal object of its own (an int
    built apart from the node's) is found by equality, with the same results."""
    graph = nx.Graph()
    graph.add_nodes_from([1000, 2000, 3000, 4000])
    graph.add_edge(int("1000"), 2000, weight=2)  # 2000's neighbour is another 1000 object
    graph.add_edges_from([(2000, 3000), (3000, 1000), (3000, 4000)])
    assert next(iter(graph.adj[2000])) is not next(iter(graph))
    group_of = {1000: "A", 2000: "A", 3000: "B", 4000: "C"}
    for measure in (structural_holes.constraint, structural_holes.effective_size):
        assert same_floats(measure(graph), measure(graph, engine="networkx"))
    roles = brokerage.brokerage_roles(graph, group_of)  # type: ignore[arg-type]
    assert roles == brokerage.brokerage_roles(graph, group_of, engine="networkx")  # type: ignore[arg-type]
    cuts = separations.cut_points(graph, group_of)  # type: ignore[arg-type]
    assert cuts == separations.cut_points(graph, group_of, engine="networkx")  # type: ignore[arg-type]
    assert cuts  # 3000 cuts C off
