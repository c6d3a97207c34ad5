"""The compiled kernels against their networkx reference: the same floats to the last bit, on
random graphs of every shape the analyses meet (disconnected, weighted with tied lengths,
directed, with sampled path starts)."""

from __future__ import annotations

import random

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph_queries.analyses.metrics import shortest_paths as paths
from graph_queries.analyses.metrics.cross_group import GroupPaths, cross_group_loads


@st.composite
def graphs(draw: st.DrawFn, directed: bool = False) -> nx.Graph:
    n = draw(st.integers(1, 24))
    seed = draw(st.integers(0, 10_000))
    graph = nx.gnp_random_graph(n, draw(st.floats(0.05, 0.5)), seed=seed, directed=directed)
    # Lengths from a few values, so that equally short weighted paths are common.
    lengths = random.Random(seed)
    for _, _, data in graph.edges(data=True):
        data["distance"] = lengths.choice([1.0, 0.5, 1 / 3, 0.25, 1 / 6, 2.0])
    return nx.relabel_nodes(graph, {i: f"n{i:02d}" for i in graph})


def groups_of(graph: nx.Graph, draw: st.DrawFn) -> dict[str, str]:
    labels = draw(st.lists(st.sampled_from("ABCDE"), min_size=len(graph), max_size=len(graph)))
    return dict(zip(graph, labels, strict=True))


@settings(max_examples=80, deadline=None)
@given(graphs(), st.sampled_from([None, "distance"]))
def test_betweenness_is_the_same_compiled(graph: nx.Graph, weight: str | None) -> None:
    compiled = paths.betweenness(graph, weight=weight)
    reference = paths.betweenness(graph, weight=weight, engine="networkx")
    assert compiled == reference
    assert list(compiled) == list(reference)


@settings(max_examples=40, deadline=None)
@given(graphs(directed=True), st.sampled_from([None, "distance"]))
def test_directed_betweenness_is_the_same_compiled(graph: nx.DiGraph, weight: str | None) -> None:
    assert paths.betweenness(graph, weight=weight) == paths.betweenness(
        graph, weight=weight, engine="networkx"
    )


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_cross_group_paths_are_the_same_compiled(data: st.DataObject) -> None:
    graph = data.draw(graphs())
    group_of = groups_of(graph, data.draw)
    sources = data.draw(st.lists(st.sampled_from(list(graph)), unique=True)) or None
    scale = len(graph) / len(sources) if sources else 1.0
    compiled = paths.cross_group_paths(graph, group_of, sources, scale=scale)
    reference = paths.cross_group_paths(graph, group_of, sources, scale=scale, engine="networkx")
    assert compiled == reference


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_paths_through_a_node_are_the_same_compiled(data: st.DataObject) -> None:
    graph = data.draw(graphs(directed=data.draw(st.booleans())))
    nodes = list(graph)
    node = data.draw(st.sampled_from(nodes))
    sources = data.draw(st.lists(st.sampled_from(nodes), unique=True))
    target_sets = data.draw(st.lists(st.lists(st.sampled_from(nodes), unique=True), max_size=3))
    compiled = paths.betweenness_through(graph, node, sources, target_sets)
    reference = paths.betweenness_through(graph, node, sources, target_sets, engine="networkx")
    assert compiled == reference
    # And both are the subset betweenness they stand for.
    directed = graph if graph.is_directed() else graph.to_directed()
    for targets, found in zip(target_sets, compiled, strict=True):
        expected = paths.betweenness_between(directed, sources, targets)[node]
        assert found == pytest.approx(expected, abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_the_busiest_pairs_are_the_same_compiled(data: st.DataObject) -> None:
    graph = data.draw(graphs())
    group_of = groups_of(graph, data.draw)
    node = data.draw(st.sampled_from(list(graph)))
    groups = sorted(set(group_of.values()))
    compiled = GroupPaths(graph, group_of).busiest_pair(node, groups)
    reference = GroupPaths(graph, group_of, engine="networkx").busiest_pair(node, groups)
    assert compiled == reference


def test_a_sample_of_every_node_is_the_exact_answer() -> None:
    graph = nx.les_miserables_graph()
    group_of = {node: node[0] for node in graph}  # initials as groups
    exact = cross_group_loads(graph, group_of)
    everyone = cross_group_loads(graph, group_of, sample=len(graph))
    assert everyone == exact
    assert all(load.exact for load in exact.values())


def test_sampled_loads_are_seeded_and_flagged_as_estimates() -> None:
    graph = nx.les_miserables_graph()
    group_of = {node: node[0] for node in graph}
    first = cross_group_loads(graph, group_of, sample=30, seed=7)
    assert first == cross_group_loads(graph, group_of, sample=30, seed=7)
    assert first != cross_group_loads(graph, group_of, sample=30, seed=8)
    assert not any(load.exact for load in first.values())
    # The estimate is unbiased: averaged over many samples it comes close to the exact total.
    exact = sum(load.paths for load in cross_group_loads(graph, group_of).values())
    estimates = [
        sum(load.paths for load in cross_group_loads(graph, group_of, sample=30, seed=s).values())
        for s in range(40)
    ]
    assert sum(estimates) / len(estimates) == pytest.approx(exact, rel=0.05)


def test_a_sample_must_hold_a_node() -> None:
    with pytest.raises(ValueError, match="sample must be 1 or more"):
        cross_group_loads(nx.path_graph(["a", "b"]), {"a": "X", "b": "Y"}, sample=0)


@settings(max_examples=60, deadline=None)
@given(graphs(), st.sampled_from([None, "distance"]), st.integers(2, 30), st.integers(0, 99))
def test_sampled_betweenness_is_networkx_estimate(
    graph: nx.Graph, weight: str | None, sample: int, seed: int
) -> None:
    compiled = paths.betweenness(graph, weight=weight, sample=sample, seed=seed)
    reference = paths.betweenness(graph, weight=weight, sample=sample, seed=seed, engine="networkx")
    assert compiled == reference


def test_from_split_at_sources_the_two_halves_agree_with_networkx() -> None:
    """Two halves on two threads: sums to a relative 1e-12, rankings exactly."""
    graph = nx.relabel_nodes(
        nx.powerlaw_cluster_graph(paths.SPLIT_AT + 150, 3, 0.3, seed=5), lambda i: f"n{i:04d}"
    )
    for _, _, data in graph.edges(data=True):
        data["distance"] = 1.0 / (1 + len(data))
    group_of = {node: f"g{int(node[1:]) % 37:02d}" for node in graph}
    totals, top = paths.cross_group_paths(graph, group_of)
    reference_totals, reference_top = paths.cross_group_paths(graph, group_of, engine="networkx")
    assert top == reference_top
    assert list(totals) == list(reference_totals)
    for node, value in totals.items():
        assert value == pytest.approx(reference_totals[node], rel=1e-12, abs=1e-12)
    for weight in (None, "distance"):
        found = paths.betweenness(graph, weight=weight)
        expected = paths.betweenness(graph, weight=weight, engine="networkx")
        assert found == pytest.approx(expected, rel=1e-12, abs=1e-15)
