"""The silo report: its arguments, the scope, and `silo_bottlenecks`, which puts the figures
of `_figures` and the ranking of `_ranking` together."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import networkx as nx

from graph_queries.analyses.metrics import kernels
from graph_queries.analyses.metrics.cross_group import GroupPaths
from graph_queries.analyses.metrics.separations import Bridge, unit_bridges
from graph_queries.analyses.silos._coverage import Coverage, DependencyCoverage, coverage_of
from graph_queries.analyses.silos._figures import (
    LeaderBrokerage,
    UnitSilo,
    leader_brokerages,
    unit_silos,
)
from graph_queries.analyses.silos._graphs import leader_graph, leaders_in, scope_ties, unit_graph
from graph_queries.analyses.silos._groups import GroupTies, group_ties
from graph_queries.analyses.silos._ranking import (
    BUSIEST_PAIRS,
    Bottleneck,
    Reasons,
    scored_candidates,
)
from graph_queries.analyses.wording import plural, unit_name
from graph_queries.graphs import OrgGraphs
from graph_queries.layers import leader_groups, restrict_ties

__all__ = [
    "DEFAULT_PATH_SAMPLE",
    "PathCounting",
    "SiloArguments",
    "SiloReport",
    "scope_units",
    "silo_bottlenecks",
]

# Path starts searched at most per graph: exact up to this many units or leaders, estimated
# above. At 10,000 generated leaders, 2,000 starts keep 90-95% of the exact top 20 brokers
# (three seeds; docs/performance.md) at a fifth of the cost.
DEFAULT_PATH_SAMPLE = 2000


@dataclass(frozen=True, slots=True)
class SiloArguments:
    """The arguments of `silo_bottlenecks`, by name; also its cache key."""

    scope: str | None = None
    top: int = 10
    path_sample: int | None = DEFAULT_PATH_SAMPLE
    kinds: frozenset[str] | None = None
    group_by: str | None = None


@dataclass(frozen=True, slots=True)
class PathCounting:
    """How the shortest-path figures were counted. `exact`: from every unit and every leader in
    scope. Otherwise estimated from `unit_sources` of the `units` and `leader_sources` of the
    `leaders`, drawn at random with `seed` (so the same graph gives the same figures), and
    scaled up (Brandes & Pich, 2007): units' `betweenness`, leaders' `cross_unit_betweenness`
    and `cross_unit_paths`, and the betweenness part of every bottleneck's score are then
    estimates. Counts of paths between two named units in reasons stay exact. `unit_engine`:
    what computed the units' betweenness, "local" (this process) or "gds" (Neo4j Graph Data
    Science in the database, always from every unit)."""

    exact: bool
    unit_sources: int
    units: int
    leader_sources: int
    leaders: int
    seed: int
    unit_engine: str = "local"


# ---- results -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SiloReport:
    """The result of `silo_bottlenecks`; `empty_reason` says why `bottlenecks` is empty (None
    when it is not, or when `top` was 0). `groups` compares the groups of the leader attribute
    `grouped_by` (empty when the analysis was not asked to group)."""

    scope: str | None
    units: list[UnitSilo]
    leaders: list[LeaderBrokerage]
    bottlenecks: list[Bottleneck]
    bridges: list[Bridge]
    uncovered_dependencies: list[DependencyCoverage]
    empty_reason: str | None
    path_counting: PathCounting
    grouped_by: str | None = None
    groups: list[GroupTies] = field(default_factory=list)


# ---- scope ---------------------------------------------------------------------------------------


def scope_units(graphs: OrgGraphs, scope: str | None = None) -> list[str]:
    """The ids of the units in scope, sorted: all units, or those whose `division` is `scope`.

    A scope is a top-level unit (its own division), whatever its kind. Raises ValueError for an
    id that is not a unit of the organization or not a top-level unit.
    """
    if scope is None:
        return sorted(graphs.units)
    if scope not in graphs.units:
        raise ValueError(
            f"unknown scope {scope!r}: organization {graphs.organization_id!r} has no unit "
            "with this id"
        )
    division = graphs.units.nodes[scope]["division"]
    if division != scope:
        raise ValueError(
            f"scope {scope!r} is not a division: it belongs to division {division!r}; "
            "a scope must be a top-level unit"
        )
    return sorted(unit for unit, found in graphs.units.nodes(data="division") if found == scope)


# ---- the report ----------------------------------------------------------------------------------


def silo_bottlenecks(
    graphs: OrgGraphs,
    scope: str | None = None,
    top: int = 10,
    *,
    path_sample: int | None = DEFAULT_PATH_SAMPLE,
    unit_betweenness: Mapping[str, float] | None = None,
    kinds: frozenset[str] | None = None,
    group_by: str | None = None,
    busiest_pairs: int = BUSIEST_PAIRS,
) -> SiloReport:
    """Silos, brokers and bottlenecks of the units in `scope` (see `scope_units`).

    `units` has a `UnitSilo` for every unit in scope (by id): tie counts, E-I index and
    insularity (`metrics.ei`, both plain and weighted), partner units, dependencies
    both ways with the number rated SOMETIMES or worse, and in the scope's `unit_graph`:
    betweenness (`metrics.betweenness`, distance = 1 / weight, normalized by the
    (n - 1)(n - 2) / 2 pairs of other units), Burt's `constraint` and `effective_size`, and
    whether removing the unit cuts others off (`metrics.cut_points`).

    `leaders` has a `LeaderBrokerage` (by id) for every leader in scope with a cross-unit role:
    cross-unit betweenness > 0, a brokerage role other than coordinator, a cut point or bridge
    that cuts units off, or the only broker of a dependent pair. `bridges` are the ties whose
    removal cuts units off (`metrics.unit_bridges`); `uncovered_dependencies` the dependent
    pairs with no direct tie (`dependency_coverage`, status other than DIRECT).

    Score of a unit or leader x, each part in [0, 1]:
        score = 0.45 B + 0.35 S + 0.20 D, rounded to 6 places,
    - B = betweenness(x) / the highest betweenness of its kind in scope (units: unit graph;
      leaders: cross-unit betweenness), 0 when nobody has any;
    - S = 0 if removing x cuts no unit off, else 0.5 + 0.5 k / (N - 1) for k units cut off of
      the N in scope: any single point of failure counts, more so when it cuts off more;
    - D = d(x) / the highest d of its kind in scope. For a unit, d = sum over dependencies on
      it (from any unit, in scope or not) of criticality / 5 * risk (ALWAYS 0, MOSTLY 0.25,
      SOMETIMES 0.5, RARELY 0.75, NEVER 1): what others stake on it. For a leader, d = sum of
      criticality / 5 over the dependent pairs of which it is the single broker.
    The `top` highest scores above 0 are returned, ties by id then kind, each with a reason
    built from its figures. A leader among the first `busiest_pairs` bottlenecks also has the
    pair of units with the most shortest paths through it named (`Bottleneck.busiest_pair`),
    which costs a search per leader of those units; leaders further down quote only their share
    of the paths. Relative parts (B, D) make the list a ranking within the scope, not
    an absolute grade.

    Shortest paths are counted from every unit and leader when there are at most `path_sample`
    of them (None: always), and estimated from a seeded sample of `path_sample` otherwise;
    `path_counting` says which (see `PathCounting`). `unit_betweenness`, when given, is the
    units' betweenness already computed on this scope's `unit_graph` (by id, as defined above;
    e.g. in the database, `stores.neo4j_gds`): used instead of counting paths here.

    `kinds` restricts the ties read to those kinds (`layers.restrict_ties`; None: every tie).
    `group_by` names a custom leader attribute: `groups` then has the E-I index and
    insularity of each of its values over the ties in scope (`GroupTies`), beside the units'.

    Never fails on thin data: with no units, one unit, no leaders or no ties in scope, or when
    no one scores, the lists hold what is defined and `empty_reason` says why there are no
    bottlenecks. Raises ValueError for an unknown scope, a negative `top` or `busiest_pairs`,
    or a `path_sample` under 2.
    """
    if top < 0:
        raise ValueError(f"top must be 0 or more, not {top}")
    if busiest_pairs < 0:
        raise ValueError(f"busiest pairs must be 0 or more, not {busiest_pairs}")
    if path_sample is not None and path_sample < 2:
        raise ValueError(f"path sample must be 2 or more, not {path_sample}")
    graphs = restrict_ties(graphs, kinds)
    units = scope_units(graphs, scope)
    inside = set(units)
    people = leader_graph(graphs, leaders_in(graphs, inside))
    ties = scope_ties(graphs, inside)
    places = unit_graph(graphs, units, ties)
    coverage = coverage_of(graphs, inside, people)
    unit_of: dict[str, str] = dict(people.nodes(data="unit"))
    bridges = unit_bridges(people, unit_of)
    unit_rows = unit_silos(graphs, places, path_sample, unit_betweenness, ties)
    leader_rows = leader_brokerages(people, coverage, bridges, path_sample)
    counting = _counting(
        len(units), people.number_of_nodes(), path_sample, in_database=unit_betweenness is not None
    )
    empty_reason = _empty_reason(graphs, units, people, coverage)
    bottlenecks: list[Bottleneck] = []
    if empty_reason is None:
        candidates, any_scored = scored_candidates(
            unit_rows, leader_rows, coverage, len(units), top
        )
        reasons = Reasons(
            graphs, GroupPaths(people, unit_of), len(units), estimated=not counting.exact
        )
        bottlenecks = [
            reasons.bottleneck_of(candidate, name_pair=rank < busiest_pairs)
            for rank, candidate in enumerate(candidates)
        ]
        if not any_scored:
            empty_reason = (
                "No unit or leader stands out as a bottleneck: no shortest path between units "
                "runs through another unit or leader, no removal cuts a unit off, and no unit "
                "is relied on with less than full reliability."
            )
    return SiloReport(
        scope=scope,
        units=unit_rows,
        leaders=leader_rows,
        bottlenecks=bottlenecks,
        bridges=bridges,
        uncovered_dependencies=[c for c in coverage if c.status is not Coverage.DIRECT],
        empty_reason=empty_reason,
        path_counting=counting,
        grouped_by=group_by,
        groups=[] if group_by is None else group_ties(ties, _in_scope(graphs, group_by, people)),
    )


def _in_scope(graphs: OrgGraphs, group_by: str, people: nx.Graph) -> dict[str, str]:
    return {
        leader: group
        for leader, group in leader_groups(graphs, group_by).items()
        if leader in people
    }


def _counting(
    units: int, leaders: int, path_sample: int | None, *, in_database: bool = False
) -> PathCounting:
    """What `shortest_paths.betweenness` and `cross_group_loads` did with `path_sample`
    (the database counts units' paths from every unit)."""

    def searched(nodes: int) -> int:
        return nodes if path_sample is None else min(nodes, path_sample)

    unit_sources = units if in_database else searched(units)
    return PathCounting(
        exact=unit_sources == units and searched(leaders) == leaders,
        unit_sources=unit_sources,
        units=units,
        leader_sources=searched(leaders),
        leaders=leaders,
        seed=kernels.SEED,
        unit_engine="gds" if in_database else "local",
    )


def _empty_reason(
    graphs: OrgGraphs, units: list[str], people: nx.Graph, coverage: list[DependencyCoverage]
) -> str | None:
    if not units:
        return "The organization has no units, so there is no coordination between units."
    if len(units) == 1:
        return (
            f"Only one unit ({unit_name(graphs, units[0])}) is in scope, so there is no "
            "coordination between units to analyse."
        )
    if people.number_of_nodes() == 0:
        return (
            f"None of the {len(units)} units in scope has leaders, so no leader can stand "
            "between units."
        )
    if nx.is_empty(people):  # stops at the first tie; an edge count walks every leader
        leaders, unlinked = people.number_of_nodes(), len(coverage)
        have = "has" if leaders == 1 else "have"
        also = (
            f"; {plural(unlinked, 'pair')} of dependent units {'has' if unlinked == 1 else 'have'}"
            " no tie between them (see uncovered dependencies)"
        )
        return (
            f"The {plural(leaders, 'leader')} in scope {have} no collaboration ties, so no one "
            f"brokers between units{also if unlinked else ''}."
        )
    return None
