"""Silos and bottlenecks: where coordination between units is thin or runs through one place.

`silo_bottlenecks` is the entry point. For every unit in scope it reports how inward-looking the
unit is (insularity, the E-I index), its partners and dependencies, and its position in the unit
graph (betweenness, Burt's constraint and effective size, articulation point); for every leader
who stands between units, cross-unit betweenness, brokerage roles and the ties that are the only
link between units. It ranks the bottlenecks with a score and a reason quoting the figures, and
lists the dependent unit pairs with no direct tie.

Inner modules, private to this package: `_graphs` (the leader and unit graphs), `_units` (ties,
E-I index, insularity), `_coverage` (dependencies and their coverage by ties), `_figures` (the
unit and leader rows, and which figures count the whole organization and which only the
scope), `_ranking` (score and reasons) and `_report` (the entry point). The graph-generic
measures they use are in `graph_queries.analyses.metrics`.

Units are not nested here: a leader belongs to exactly one unit, and a tie between a division
head and the head of one of its functions is external to both units.

References
----------
Brandes, U. (2001). A faster algorithm for betweenness centrality. J. Math. Sociology 25(2).
Burt, R. S. (1992). Structural Holes: The Social Structure of Competition. Harvard Univ. Press.
Freeman, L. C. (1977). A set of measures of centrality based on betweenness. Sociometry 40(1).
Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation. Sociological Methodology 19.
Krackhardt, D. & Stern, R. N. (1988). Informal networks and organizational crises: an
experimental simulation. Social Psychology Quarterly 51(2), 123-140.
"""

from graph_queries.analyses.metrics.brokerage import BrokerageRoles
from graph_queries.analyses.metrics.separations import Bridge
from graph_queries.analyses.silos._coverage import (
    RELIABILITY_RISK,
    UNRELIABLE,
    Coverage,
    DependencyCoverage,
    dependency_coverage,
)
from graph_queries.analyses.silos._figures import DependencyLink, LeaderBrokerage, UnitSilo
from graph_queries.analyses.silos._graphs import leader_graph, unit_graph
from graph_queries.analyses.silos._groups import GroupTies
from graph_queries.analyses.silos._ranking import (
    BETWEENNESS_WEIGHT,
    BUSIEST_PAIRS,
    DEPENDENCY_WEIGHT,
    SEPARATION_WEIGHT,
    Bottleneck,
    BottleneckKind,
    PairPaths,
)
from graph_queries.analyses.silos._report import (
    DEFAULT_PATH_SAMPLE,
    PathCounting,
    SiloArguments,
    SiloReport,
    scope_units,
    silo_bottlenecks,
)
from graph_queries.analyses.silos._units import (
    UnitTies,
    unit_ei_index,
    unit_insularity,
    unit_ties,
)

__all__ = [
    "BETWEENNESS_WEIGHT",
    "BUSIEST_PAIRS",
    "DEFAULT_PATH_SAMPLE",
    "DEPENDENCY_WEIGHT",
    "RELIABILITY_RISK",
    "SEPARATION_WEIGHT",
    "UNRELIABLE",
    "Bottleneck",
    "BottleneckKind",
    "Bridge",
    "BrokerageRoles",
    "Coverage",
    "DependencyCoverage",
    "DependencyLink",
    "GroupTies",
    "LeaderBrokerage",
    "PairPaths",
    "PathCounting",
    "SiloArguments",
    "SiloReport",
    "UnitSilo",
    "UnitTies",
    "dependency_coverage",
    "leader_graph",
    "scope_units",
    "silo_bottlenecks",
    "unit_ei_index",
    "unit_graph",
    "unit_insularity",
    "unit_ties",
]
