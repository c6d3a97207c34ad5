"""The cross-group measures against their plain definitions, to the last bit."""

from __future__ import annotations

import itertools

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from graph_queries.analyses.metrics import shortest_paths
from graph_queries.analyses.metrics.cross_group import GroupPaths, cross_group_loads


@st.composite
def grouped_graphs(draw: st.DrawFn) -> tuple[nx.Graph, dict[str, str]]:
    n = draw(st.integers(2, 14))
    seed = draw(st.integers(0, 10_000))
    graph = nx.gnp_random_graph(n, draw(st.floats(0.1, 0.6)), seed=seed)
    graph = nx.relabel_nodes(graph, {i: f"n{i:02d}" for i in graph})
    groups = draw(st.lists(st.sampled_from("ABCDEF"), min_size=n, max_size=n))
    return graph, dict(zip(graph, groups, strict=True))


@settings(max_examples=60, deadline=None)
@given(grouped_graphs())
def test_top_groups_are_the_four_busiest_of_all_group_loads(
    case: tuple[nx.Graph, dict[str, str]],
) -> None:
    graph, group_of = case
    directed = graph.to_directed()
    loads: dict[str, list[tuple[float, str]]] = {node: [] for node in graph}
    for group in sorted(set(group_of.values())):
        nodes = [node for node in graph if group_of[node] == group]
        others = [node for node in graph if group_of[node] != group]
        if others:
            for node, load in shortest_paths.betweenness_between(directed, nodes, others).items():
                if load > 1e-9:
                    loads[str(node)].append((load, group))
    found = cross_group_loads(graph, group_of)
    for node, pairs in loads.items():
        ranked = sorted(pairs, key=lambda item: (-round(item[0], 9), item[1]))
        assert found[node].top_groups == tuple(group for _, group in ranked[:4])


@settings(max_examples=60, deadline=None)
@given(grouped_graphs())
def test_busiest_pair_has_the_figures_of_through(case: tuple[nx.Graph, dict[str, str]]) -> None:
    graph, group_of = case
    paths = GroupPaths(graph, group_of)
    groups = sorted(set(group_of.values()))
    for node in graph:
        best = paths.busiest_pair(node, groups)
        expected = None
        best_key = (0.0, 0.0)
        for a, b in itertools.combinations(groups, 2):
            through, pairs = paths.through(node, a, b)
            key = (round(through, 9), round(through / pairs, 9) if pairs else 0.0)
            if through > 1e-9 and key > best_key:
                expected, best_key = (a, b, through, pairs), key
        assert best == expected  # floats compared exactly


@settings(max_examples=60, deadline=None)
@given(grouped_graphs(), st.data())
def test_betweenness_through_is_betweenness_between_to_the_bit(
    case: tuple[nx.Graph, dict[str, str]], data: st.DataObject
) -> None:
    graph, _ = case
    directed = graph.to_directed()
    nodes = list(graph)
    node = data.draw(st.sampled_from(nodes))
    sources = data.draw(st.lists(st.sampled_from(nodes), unique=True))
    target_sets = data.draw(st.lists(st.lists(st.sampled_from(nodes), unique=True), max_size=3))
    found = shortest_paths.betweenness_through(directed, node, sources, target_sets)
    for targets, value in zip(target_sets, found, strict=True):
        assert value == shortest_paths.betweenness_between(directed, sources, targets)[node]
