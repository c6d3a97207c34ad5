"""The analyses the service runs, each named, with the type of its arguments and how to compute it.

An `Analysis` joins a name (its part of the cache key), the frozen dataclass of its arguments
(the other part) and the pure function that computes it from `OrgGraphs` and those arguments.
`graph_queries.runner.AnalysisRunner` runs them; `schema/analyses.py` exposes them. The entry
points themselves keep their keyword signatures for direct calls
(`silo_bottlenecks(graphs, scope=None, top=10)`).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Generic, TypeVar

from graph_queries.analyses.conflicts import HotspotArguments, HotspotReport, conflict_hotspots
from graph_queries.analyses.directed import DirectedArguments, DirectedReport, directed_network
from graph_queries.analyses.execution import (
    ExecutionArguments,
    ExecutionReport,
    execution_report,
)
from graph_queries.analyses.factions import FactionArguments, FactionReport, executive_factions
from graph_queries.analyses.silos import SiloArguments, SiloReport, silo_bottlenecks
from graph_queries.analyses.unit_network import UnitNetwork, UnitNetworkArguments, unit_network
from graph_queries.graphs import OrgGraphs

__all__ = [
    "CONFLICT_HOTSPOTS",
    "DIRECTED_NETWORK",
    "EXECUTION_REPORT",
    "EXECUTIVE_FACTIONS",
    "SILO_BOTTLENECKS",
    "UNIT_NETWORK",
    "Analysis",
]

A = TypeVar("A", bound=Hashable)
R = TypeVar("R")


@dataclass(frozen=True)
class Analysis(Generic[A, R]):
    """An analysis: `compute(graphs, arguments)` with `arguments` an instance of `arguments`
    (a frozen dataclass, so that it can key a cache); `name` tells analyses apart."""

    name: str
    arguments: type[A]
    compute: Callable[[OrgGraphs, A], R]


def _silo_bottlenecks(graphs: OrgGraphs, arguments: SiloArguments) -> SiloReport:
    return silo_bottlenecks(
        graphs,
        scope=arguments.scope,
        top=arguments.top,
        path_sample=arguments.path_sample,
        kinds=arguments.kinds,
        group_by=arguments.group_by,
    )


def _conflict_hotspots(graphs: OrgGraphs, arguments: HotspotArguments) -> HotspotReport:
    return conflict_hotspots(graphs, as_of=arguments.as_of, top=arguments.top)


def _executive_factions(graphs: OrgGraphs, arguments: FactionArguments) -> FactionReport:
    return executive_factions(graphs, kinds=arguments.kinds, group_by=arguments.group_by)


def _execution_report(graphs: OrgGraphs, arguments: ExecutionArguments) -> ExecutionReport:
    return execution_report(
        graphs,
        as_of=arguments.as_of,
        top=arguments.top,
        path_sample=arguments.path_sample,
        kinds=arguments.kinds,
    )


def _directed_network(graphs: OrgGraphs, arguments: DirectedArguments) -> DirectedReport:
    return directed_network(
        graphs,
        arguments.kinds,
        top=arguments.top,
        path_sample=arguments.path_sample,
        group_by=arguments.group_by,
    )


def _unit_network(graphs: OrgGraphs, arguments: UnitNetworkArguments) -> UnitNetwork:
    return unit_network(graphs, kinds=arguments.kinds)


SILO_BOTTLENECKS: Analysis[SiloArguments, SiloReport] = Analysis(
    "silo_bottlenecks", SiloArguments, _silo_bottlenecks
)
CONFLICT_HOTSPOTS: Analysis[HotspotArguments, HotspotReport] = Analysis(
    "conflict_hotspots", HotspotArguments, _conflict_hotspots
)
EXECUTIVE_FACTIONS: Analysis[FactionArguments, FactionReport] = Analysis(
    "executive_factions", FactionArguments, _executive_factions
)
DIRECTED_NETWORK: Analysis[DirectedArguments, DirectedReport] = Analysis(
    "directed_network", DirectedArguments, _directed_network
)
EXECUTION_REPORT: Analysis[ExecutionArguments, ExecutionReport] = Analysis(
    "execution_report", ExecutionArguments, _execution_report
)
UNIT_NETWORK: Analysis[UnitNetworkArguments, UnitNetwork] = Analysis(
    "unit_network", UnitNetworkArguments, _unit_network
)
