"""The silo analysis's run-time estimate: read from sizes, it grows with them and the sample."""

from __future__ import annotations

from graph_queries.analyses.run_time import silo_run_time
from graph_queries.generator import generate_organization
from graph_queries.graphs import build_graphs


def test_the_estimate_counts_the_organization_and_its_path_starts() -> None:
    graphs = build_graphs(generate_organization(leaders=400, seed=2))
    exact = silo_run_time(graphs, None)
    assert (exact.leaders, exact.ties) == (
        graphs.collaboration.number_of_nodes(),
        graphs.collaboration.number_of_edges(),
    )
    assert exact.units == graphs.units.number_of_nodes()
    assert exact.exact
    assert (exact.leader_starts, exact.unit_starts) == (exact.leaders, exact.units)
    sampled = silo_run_time(graphs, 50)
    assert not sampled.exact
    assert (sampled.leader_starts, sampled.unit_starts) == (50, min(50, exact.units))
    assert sampled.seconds < exact.seconds
    # A sample at least as large as the organization is exact, at the same cost.
    assert silo_run_time(graphs, 10_000) == exact


def test_a_larger_organization_takes_longer_and_more_than_linearly_when_exact() -> None:
    small = silo_run_time(build_graphs(generate_organization(leaders=300, seed=1)), None)
    large = silo_run_time(build_graphs(generate_organization(leaders=1200, seed=1)), None)
    assert large.seconds > small.seconds
    # Exact path counts: one search per leader, each over every leader: about n squared, so
    # the time grows faster than the organization does.
    assert large.arcs_searched / small.arcs_searched > (1200 / 300) ** 1.5
    assert large.seconds / small.seconds > large.elements / small.elements
