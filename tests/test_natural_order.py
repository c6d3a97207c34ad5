"""Ids in the analyses' lists and communities come in natural order: u2 before u10."""

from __future__ import annotations

import networkx as nx

from graph_queries.analyses.metrics.kernels import communities
from graph_queries.natural_order import community_order, natural_key, natural_sorted


def test_digit_runs_compare_as_numbers() -> None:
    assert natural_sorted(["m14", "m18", "m2", "u10", "u2", "u1"]) == [
        "m2", "m14", "m18", "u1", "u2", "u10"
    ]  # fmt: skip
    assert natural_sorted(["a10b2", "a2b10", "a2b9", "a", "a01", "a1"]) == [
        "a", "a01", "a1", "a2b9", "a2b10", "a10b2"
    ]  # fmt: skip
    assert natural_key("x") < natural_key("x0")


def test_communities_are_in_natural_order() -> None:
    assert community_order({"u10", "u2"}) < community_order({"u3", "u4"})
    two = nx.Graph([("u10", "u11"), ("u2", "u3")])
    assert communities(two) == [{"u2", "u3"}, {"u10", "u11"}]
