"""How long the silo analysis will take, known before it starts.

The silo analysis (and the execution report, which runs it) is the only analysis whose cost
grows faster than the organization: one shortest-path search per path start over the leader
graph, and one per unit over the unit graph (`silo_bottlenecks`, `PathCounting`). The others
take well under a second at 20,000 leaders. So the estimate is a two-term cost model:

    seconds = PER_ELEMENT * (leaders + ties + units + dependencies)
            + PER_ARC_SEARCHED * (leader starts * leader arcs + WEIGHTED * unit starts * unit arcs)

where arcs count each edge both ways plus the nodes, starts are `min(nodes, path_sample)`, and
WEIGHTED is the extra cost of a Dijkstra search (the unit graph's paths are weighted) over a
breadth-first one. The constants were fitted by `bench/bench_run_time.py` (which prints the
estimate beside the measured time) on generated organizations of 5,000 to 20,000 leaders on a
2-core machine and checked up to 40,000: measured / estimated between 0.84 and 1.62 there.
Expect the right order of magnitude, not the second.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph_queries.analyses.silos import DEFAULT_PATH_SAMPLE
from graph_queries.graphs import OrgGraphs

__all__ = ["LONG_RUN_SECONDS", "RunTimeEstimate", "silo_run_time"]

PER_ELEMENT = 1.6e-5
PER_ARC_SEARCHED = 4.0e-9
WEIGHTED = 3.0
# From this many seconds on, a command says how long it expects to take before starting.
LONG_RUN_SECONDS = 10.0


@dataclass(frozen=True, slots=True)
class RunTimeEstimate:
    """The expected wall time of `silo_bottlenecks` on one organization, with the sizes that
    drive it: `elements` (leaders, ties, units and dependencies) and `arcs_searched` (the
    model's second term before its constant). `exact`: every node is a path start."""

    seconds: float
    elements: int
    arcs_searched: float
    leaders: int
    ties: int
    units: int
    leader_starts: int
    unit_starts: int

    @property
    def exact(self) -> bool:
        return self.leader_starts == self.leaders and self.unit_starts == self.units


def silo_run_time(
    graphs: OrgGraphs, path_sample: int | None = DEFAULT_PATH_SAMPLE
) -> RunTimeEstimate:
    """The estimated wall time of `silo_bottlenecks(graphs, path_sample=path_sample)` over the
    whole organization (see the module's description for the model). Reads only sizes: no
    graph is built or searched.

    Examples
    --------
    >>> from graph_queries.generator import generate_organization
    >>> from graph_queries.graphs import build_graphs
    >>> estimate = silo_run_time(build_graphs(generate_organization(leaders=100)))
    >>> estimate.exact, estimate.seconds < LONG_RUN_SECONDS
    (True, True)
    """
    leaders = graphs.collaboration.number_of_nodes()
    ties = graphs.collaboration.number_of_edges()
    units = graphs.units.number_of_nodes()
    dependencies = graphs.dependencies.number_of_edges()
    # The unit graph joins two units per tie across them or dependency, at most once a pair.
    unit_edges = min(ties + dependencies, units * (units - 1) // 2)
    leader_starts, unit_starts = _starts(leaders, path_sample), _starts(units, path_sample)
    searched = leader_starts * (leaders + 2 * ties) + WEIGHTED * unit_starts * (
        units + 2 * unit_edges
    )
    elements = leaders + ties + units + dependencies
    seconds = PER_ELEMENT * elements + PER_ARC_SEARCHED * searched
    return RunTimeEstimate(
        seconds, elements, searched, leaders, ties, units, leader_starts, unit_starts
    )


def _starts(nodes: int, path_sample: int | None) -> int:
    return nodes if path_sample is None else min(nodes, path_sample)
