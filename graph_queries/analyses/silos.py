"""Silos and bottlenecks: where coordination between units is thin or runs through one place.

`silo_bottlenecks` is the entry point. For every unit in scope it reports how inward-looking the
unit is (insularity, the E-I index), its partners and dependencies, and its position in the unit
graph (betweenness, Burt's constraint and effective size, articulation point); for every leader
who stands between units, cross-unit betweenness, brokerage roles and the ties that are the only
link between units. It ranks the bottlenecks with a score and a reason quoting the figures, and
lists the dependent unit pairs with no direct tie. The building blocks are public functions here
and in `graph_queries.analyses.brokerage`.

Two kinds of figures, on purpose:

- *What a unit is* (tie counts, E-I, insularity, partner units, dependencies) counts all of the
  unit's ties and dependencies, wherever the other end is: a unit whose ties all leave its
  division is not insular, whichever scope is viewed.
- *Where a unit or leader sits* (betweenness, constraint, effective size, cut points, bridges,
  brokerage, dependency coverage) is computed on the scope only: the units in scope, their
  leaders, the ties among those leaders and the dependencies among those units.

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

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

import networkx as nx

from graph_queries.analyses import kernels
from graph_queries.analyses.brokerage import (
    Bridge,
    BrokerageRoles,
    GroupPaths,
    Separation,
    brokerage_roles,
    constraint,
    cross_unit_loads,
    cut_points,
    effective_size,
    leader_graph,
    unit_bridges,
)
from graph_queries.graphs import OrgGraphs
from graph_queries.model import Reliability

__all__ = [
    "BETWEENNESS_WEIGHT",
    "DEPENDENCY_WEIGHT",
    "RELIABILITY_RISK",
    "SEPARATION_WEIGHT",
    "Bottleneck",
    "BottleneckKind",
    "Bridge",
    "BrokerageRoles",
    "Coverage",
    "DependencyCoverage",
    "DependencyLink",
    "LeaderBrokerage",
    "PairPaths",
    "SiloReport",
    "UnitSilo",
    "UnitTies",
    "dependency_coverage",
    "ei_index",
    "insularity",
    "scope_units",
    "silo_bottlenecks",
    "unit_graph",
    "unit_ties",
]

# The score (see `silo_bottlenecks`): weights of its three parts, summing to 1.
BETWEENNESS_WEIGHT = 0.45
SEPARATION_WEIGHT = 0.35
DEPENDENCY_WEIGHT = 0.20
# How much a dependency with this reliability puts the depending unit at risk.
RELIABILITY_RISK: dict[str, float] = {
    Reliability.ALWAYS: 0.0,
    Reliability.MOSTLY: 0.25,
    Reliability.SOMETIMES: 0.5,
    Reliability.RARELY: 0.75,
    Reliability.NEVER: 1.0,
}
_UNRELIABLE = 0.5  # SOMETIMES or worse
_MAX_CRITICALITY = 5


class BottleneckKind(StrEnum):
    UNIT = "UNIT"
    LEADER = "LEADER"


class Coverage(StrEnum):
    """How two dependent units are connected by collaboration ties (see `dependency_coverage`)."""

    DIRECT = "DIRECT"
    NO_BROKER = "NO_BROKER"
    SINGLE_BROKER = "SINGLE_BROKER"
    BROKERED = "BROKERED"


_COVERAGE_ORDER = {Coverage.NO_BROKER: 0, Coverage.SINGLE_BROKER: 1, Coverage.BROKERED: 2}


# ---- results -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UnitTies:
    """A unit's collaboration ties, counted per tie (two ties between the same leaders count
    twice) and as summed strength; `partners` are the other units reached by a tie."""

    internal: int
    external: int
    internal_strength: float
    external_strength: float
    partners: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DependencyLink:
    """One dependency seen from a unit: `unit_id` is the unit at the other end."""

    dependency_id: str
    unit_id: str
    criticality: int
    reliability: str


@dataclass(frozen=True, slots=True)
class UnitSilo:
    """Every figure of one unit (see the module docstring for which count the whole
    organization and which only the scope).

    - `leaders`: leaders whose unit this is; `ties`: `unit_ties`; `partner_units`: how many
      other units its leaders have a tie to.
    - `ei_index`, `insularity` (tie counts) and their `_weighted` forms (summed strengths):
      `ei_index`, `insularity`; None when the unit has no ties.
    - `depends_on`: its dependencies on other units; `depended_on_by`: other units'
      dependencies on it, each by dependency id; `unreliable_...`: how many of them are rated
      SOMETIMES, RARELY or NEVER.
    - `betweenness`: normalized, weighted betweenness in the scope's `unit_graph`;
      `constraint`, `effective_size`: Burt's measures there, None for a unit with no link.
    - `articulation_point`: removing the unit leaves other units with no link to each other;
      `cut_off` / `cut_off_from`: which (see `brokerage.Separation`).
    - `note`: why a figure is None, or None.
    """

    unit_id: str
    name: str
    division: str
    leaders: int
    ties: UnitTies
    ei_index: float | None
    ei_index_weighted: float | None
    insularity: float | None
    insularity_weighted: float | None
    partner_units: int
    depends_on: tuple[DependencyLink, ...]
    depended_on_by: tuple[DependencyLink, ...]
    unreliable_depends_on: int
    unreliable_depended_on_by: int
    betweenness: float
    constraint: float | None
    effective_size: float | None
    articulation_point: bool
    cut_off: tuple[str, ...]
    cut_off_from: tuple[str, ...]
    note: str | None


@dataclass(frozen=True, slots=True)
class LeaderBrokerage:
    """A leader who stands between units (see `silo_bottlenecks` for who is listed).

    - `cross_unit_betweenness` = `cross_unit_paths` / `cross_unit_pairs`
      (`brokerage.CrossUnitLoad`); `top_units`: the units whose leaders' paths run through
      this leader most.
    - `roles`: Gould & Fernandez brokerage counts with units as groups.
    - `cut_off` / `cut_off_from`: the units that removing the leader cuts off, and from whom.
    - `bridge_partners`: leaders with whom this leader has a tie that is the only link between
      units (`SiloReport.bridges`).
    - `sole_broker_for`: dependency ids of the dependent unit pairs with no direct tie whose
      only go-between is this leader.
    """

    leader_id: str
    name: str
    title: str
    unit_id: str
    cross_unit_betweenness: float
    cross_unit_paths: float
    cross_unit_pairs: int
    top_units: tuple[str, ...]
    roles: BrokerageRoles
    cut_off: tuple[str, ...]
    cut_off_from: tuple[str, ...]
    bridge_partners: tuple[str, ...]
    sole_broker_for: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PairPaths:
    """`through` of the `pairs` connected leader pairs (one in each unit; `unit_b` None: one in
    `unit_a`, one in any other unit in scope) have their shortest paths through the bottleneck
    (a pair whose equally short paths split counts in part)."""

    unit_a: str
    unit_b: str | None
    through: float
    pairs: int


@dataclass(frozen=True, slots=True)
class Bottleneck:
    """A ranked unit or leader: score = 0.45 B + 0.35 S + 0.2 D (see `silo_bottlenecks`).

    `betweenness` is the unit's or leader's own (unit graph, or cross-unit) betweenness;
    `relative_betweenness` (B), `separation` (S) and `dependency_risk` (D) the parts of the
    score; `cut_off` / `cut_off_from` what removing it does; `busiest_pair` (leaders only) the
    unit pair quoted in the reason.
    """

    kind: BottleneckKind
    id: str
    name: str
    score: float
    reason: str
    betweenness: float
    relative_betweenness: float
    separation: float
    dependency_risk: float
    cut_off: tuple[str, ...]
    cut_off_from: tuple[str, ...]
    busiest_pair: PairPaths | None


@dataclass(frozen=True, slots=True)
class DependencyCoverage:
    """Two units with at least one dependency between them (either way), unit_a < unit_b.

    `criticality` is the highest and `reliability` the worst of their dependencies;
    `direct_ties` counts ties between their leaders; `brokers` are the leaders outside both
    units tied to a leader of each.
    """

    unit_a: str
    unit_b: str
    dependency_ids: tuple[str, ...]
    criticality: int
    reliability: str
    direct_ties: int
    brokers: tuple[str, ...]
    status: Coverage
    reason: str


@dataclass(frozen=True, slots=True)
class SiloReport:
    """The result of `silo_bottlenecks`; `empty_reason` says why `bottlenecks` is empty (None
    when it is not, or when `top` was 0)."""

    scope: str | None
    units: list[UnitSilo]
    leaders: list[LeaderBrokerage]
    bottlenecks: list[Bottleneck]
    bridges: list[Bridge]
    uncovered_dependencies: list[DependencyCoverage]
    empty_reason: str | None


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


# ---- what a unit is: ties ------------------------------------------------------------------------


def unit_ties(graphs: OrgGraphs, unit: str) -> UnitTies:
    """Internal (both leaders in `unit`) and external (one leader in it) collaboration ties."""
    return _unit_ties(graphs, {unit}).get(unit, UnitTies(0, 0, 0.0, 0.0, ()))


def ei_index(graphs: OrgGraphs, unit: str, *, weighted: bool = False) -> float | None:
    """The E-I index of Krackhardt & Stern (1988): (E - I) / (E + I).

    E counts the unit's external ties, I its internal ties (`unit_ties`); with `weighted`, E and
    I are summed tie strengths instead. The value is in [-1, 1]: -1 when all ties stay inside,
    +1 when all go out. None when the unit has no ties at all (E + I = 0): it is then neither
    open nor closed, just unconnected.
    """
    ties = unit_ties(graphs, unit)
    if weighted:
        return _ei(ties.external_strength, ties.internal_strength)
    return _ei(ties.external, ties.internal)


def insularity(graphs: OrgGraphs, unit: str, *, weighted: bool = False) -> float | None:
    """The share of the unit's ties that stay inside it: I / (I + E), in [0, 1].

    Equal to (1 - EI) / 2. Counts ties, or sums strengths with `weighted`; None when the unit
    has no ties (I + E = 0).
    """
    ties = unit_ties(graphs, unit)
    if weighted:
        return _share(ties.internal_strength, ties.external_strength)
    return _share(ties.internal, ties.external)


def _ei(external: float, internal: float) -> float | None:
    return (external - internal) / (external + internal) if external + internal > 0 else None


def _share(internal: float, external: float) -> float | None:
    return internal / (internal + external) if internal + external > 0 else None


def _unit_ties(graphs: OrgGraphs, units: set[str]) -> dict[str, UnitTies]:
    unit_of: dict[str, str] = dict(graphs.collaboration.nodes(data="unit"))
    members = [leader for leader, unit in unit_of.items() if unit in units]
    counts: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0.0, 0.0])
    partners: dict[str, set[str]] = defaultdict(set)
    for a, b, strength in _ties_by_id(graphs, members):
        unit_a, unit_b = unit_of[a], unit_of[b]
        if unit_a == unit_b:
            counts[unit_a][0] += 1
            counts[unit_a][2] += strength
            continue
        for unit, other in ((unit_a, unit_b), (unit_b, unit_a)):
            if unit in units:
                counts[unit][1] += 1
                counts[unit][3] += strength
                partners[unit].add(other)
    return {
        unit: UnitTies(int(c[0]), int(c[1]), c[2], c[3], tuple(sorted(partners[unit])))
        for unit, c in counts.items()
    }


# ---- where a unit sits: the unit graph -----------------------------------------------------------


def unit_graph(graphs: OrgGraphs, units: Iterable[str] | None = None) -> nx.Graph:
    """The units (default: all) as a weighted graph, nodes and edges added in id order.

    Two units are joined when a leader of one has a collaboration tie to a leader of the other,
    or one depends on the other: a dependency is a working interface, a channel for
    coordination even without a personal tie (`dependency_coverage` reports that gap). Edge
    attributes: `ties` (count), `strength` (summed tie strength), `dependencies` (count, both
    directions), `criticality` (summed), and
        weight = strength + criticality / 5,
    so a tie of strength 1 and a dependency of the highest criticality weigh the same, and
    `distance` = 1 / weight, the length betweenness uses (a strong link is a short path).
    Node attributes: `name`, `division`.
    """
    chosen = sorted(graphs.units if units is None else set(units))
    inside = set(chosen)
    graph = nx.Graph()
    for unit in chosen:
        data = graphs.units.nodes[unit]
        graph.add_node(unit, name=data["name"], division=data["division"])
    links: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0, 0.0, 0, 0])
    unit_of: dict[str, str] = dict(graphs.collaboration.nodes(data="unit"))
    members = [leader for leader, unit in unit_of.items() if unit in inside]
    for a, b, strength in _ties_by_id(graphs, members):
        pair = _pair(unit_of[a], unit_of[b])
        if pair[0] != pair[1] and pair[0] in inside and pair[1] in inside:
            links[pair][0] += 1
            links[pair][1] += strength
    for a, b, criticality in graphs.dependencies.edges(chosen, data="criticality"):
        if a != b and b in inside:
            links[_pair(a, b)][2] += 1
            links[_pair(a, b)][3] += criticality
    for (a, b), (ties, strength, dependencies, criticality) in sorted(links.items()):
        weight = strength + criticality / _MAX_CRITICALITY
        graph.add_edge(
            a,
            b,
            ties=int(ties),
            strength=strength,
            dependencies=int(dependencies),
            criticality=int(criticality),
            weight=weight,
            distance=1 / weight,
        )
    return graph


# ---- dependencies and their coverage by ties -----------------------------------------------------


def dependency_coverage(
    graphs: OrgGraphs, units: Iterable[str] | None = None
) -> list[DependencyCoverage]:
    """How each pair of dependent units (among `units`, default all) is linked by ties.

    For units A and B with at least one dependency between them (either way), looking only at
    the leaders of the given units: DIRECT when a leader of A has a tie to a leader of B.
    Otherwise the brokers are the leaders tied to a leader of A and to a leader of B (so in a
    third unit), and the status is NO_BROKER (nobody: the units are three or more steps apart,
    or not connected), SINGLE_BROKER (their coordination hangs on one person) or BROKERED.
    Sorted NO_BROKER, SINGLE_BROKER, BROKERED, DIRECT, then by highest criticality, worst
    reliability and unit ids.
    """
    chosen = set(graphs.units if units is None else units)
    return _coverage(graphs, chosen, leader_graph(graphs, _leaders_in(graphs, chosen)))


# A dependency as (id, from unit, to unit, criticality, reliability).
_Need = tuple[str, str, str, int, str]


def _coverage(graphs: OrgGraphs, units: set[str], people: nx.Graph) -> list[DependencyCoverage]:
    needs: dict[tuple[str, str], list[_Need]] = defaultdict(list)
    for a, b, key, data in graphs.dependencies.edges(sorted(units), keys=True, data=True):
        if a != b and b in units:
            needs[_pair(a, b)].append((key, a, b, data["criticality"], data["reliability"]))
    direct: Counter[tuple[str, str]] = Counter()
    reach: dict[str, set[str]] = defaultdict(set)  # unit -> outside leaders tied to a member
    for a, b, ties in people.edges(data="ties"):
        unit_a, unit_b = people.nodes[a]["unit"], people.nodes[b]["unit"]
        if unit_a != unit_b:
            direct[_pair(unit_a, unit_b)] += len(ties)
            reach[unit_a].add(b)
            reach[unit_b].add(a)
    result = []
    for (a, b), found in needs.items():
        found.sort(key=lambda need: (-need[3], -RELIABILITY_RISK[need[4]], need[0]))
        brokers = () if direct[a, b] else tuple(sorted(reach[a] & reach[b]))
        status = _status(direct[a, b], brokers)
        result.append(
            DependencyCoverage(
                unit_a=a,
                unit_b=b,
                dependency_ids=tuple(sorted(need[0] for need in found)),
                criticality=found[0][3],
                reliability=max((need[4] for need in found), key=RELIABILITY_RISK.__getitem__),
                direct_ties=direct[a, b],
                brokers=brokers,
                status=status,
                reason=_coverage_reason(graphs, found, direct[a, b], brokers),
            )
        )
    result.sort(
        key=lambda c: (
            _COVERAGE_ORDER.get(c.status, 3),
            -c.criticality,
            -RELIABILITY_RISK[c.reliability],
            c.unit_a,
            c.unit_b,
        )
    )
    return result


def _status(direct: int, brokers: tuple[str, ...]) -> Coverage:
    if direct:
        return Coverage.DIRECT
    if not brokers:
        return Coverage.NO_BROKER
    return Coverage.SINGLE_BROKER if len(brokers) == 1 else Coverage.BROKERED


def _coverage_reason(
    graphs: OrgGraphs, found: list[_Need], direct: int, brokers: tuple[str, ...]
) -> str:
    _, start, end, criticality, reliability = found[0]
    need = (
        f"{_unit_name(graphs, start)} depends on {_unit_name(graphs, end)} "
        f"(criticality {criticality}, reliability {reliability})"
    )
    if len(found) > 1:
        more = _plural(len(found) - 1, "more dependency", "more dependencies")
        need += f" and {more} between them"
    if direct:
        return f"{need}; {_plural(direct, 'direct tie')} between their leaders"
    if not brokers:
        return f"{need}, but no leader of either has a tie to the other unit or to a common contact"
    gap = f"{need}, but no leader of one has a tie to a leader of the other"
    if len(brokers) == 1:
        return f"{gap}: {_who(graphs, brokers[0])} is their only go-between"
    return f"{gap}: they go through {len(brokers)} brokers ({_leader_names(graphs, brokers)})"


# ---- the report ----------------------------------------------------------------------------------


def silo_bottlenecks(graphs: OrgGraphs, scope: str | None = None, top: int = 10) -> SiloReport:
    """Silos, brokers and bottlenecks of the units in `scope` (see `scope_units`).

    `units` has a `UnitSilo` for every unit in scope (by id): tie counts, E-I index and
    insularity (`ei_index`, `insularity`, both plain and weighted), partner units, dependencies
    both ways with the number rated SOMETIMES or worse, and in the scope's `unit_graph`:
    betweenness (`kernels.betweenness`, distance = 1 / weight, normalized by the
    (n - 1)(n - 2) / 2 pairs of other units), Burt's `constraint` and `effective_size`, and
    whether removing the unit cuts others off (`brokerage.cut_points`).

    `leaders` has a `LeaderBrokerage` (by id) for every leader in scope with a cross-unit role:
    cross-unit betweenness > 0, a brokerage role other than coordinator, a cut point or bridge
    that cuts units off, or the only broker of a dependent pair. `bridges` are the ties whose
    removal cuts units off (`brokerage.unit_bridges`); `uncovered_dependencies` the dependent
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
    built from its figures. Relative parts (B, D) make the list a ranking within the scope, not
    an absolute grade.

    Never fails on thin data: with no units, one unit, no leaders or no ties in scope, or when
    no one scores, the lists hold what is defined and `empty_reason` says why there are no
    bottlenecks. Raises ValueError for an unknown scope or a negative `top`.
    """
    if top < 0:
        raise ValueError(f"top must be 0 or more, not {top}")
    units = scope_units(graphs, scope)
    inside = set(units)
    people = leader_graph(graphs, _leaders_in(graphs, inside))
    places = unit_graph(graphs, units)
    coverage = _coverage(graphs, inside, people)
    unit_of: dict[str, str] = dict(people.nodes(data="unit"))
    bridges = unit_bridges(people, unit_of)
    unit_rows = _unit_rows(graphs, places)
    leader_rows = _leader_rows(people, coverage, bridges)
    empty_reason = _empty_reason(graphs, units, people, coverage)
    bottlenecks: list[Bottleneck] = []
    if empty_reason is None:
        candidates = _candidates(unit_rows, leader_rows, coverage, len(units))
        paths = GroupPaths(people, unit_of)
        bottlenecks = [_bottleneck(graphs, paths, c, len(units)) for c in candidates[:top]]
        if not candidates:
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
    )


def _unit_rows(graphs: OrgGraphs, places: nx.Graph) -> list[UnitSilo]:
    units = list(places)
    ties = _unit_ties(graphs, set(units))
    links = _dependency_links(graphs, set(units))
    members = Counter(unit for _, unit in graphs.reporting.nodes(data="unit"))
    between = kernels.betweenness(places, weight="distance")
    burt, size = constraint(places), effective_size(places)
    cuts = cut_points(places, {unit: unit for unit in units})
    rows = []
    for unit in units:
        tie = ties.get(unit, UnitTies(0, 0, 0.0, 0.0, ()))
        out, into = links.get(unit, ((), ()))
        cut = cuts.get(unit, Separation((), ()))
        notes = []
        if tie.internal + tie.external == 0:
            notes.append("no collaboration ties, so E-I index and insularity are undefined")
        if burt[unit] is None:
            notes.append(
                "no tie or dependency to another unit in scope, so constraint and effective "
                "size are undefined"
            )
        rows.append(
            UnitSilo(
                unit_id=unit,
                name=_unit_name(graphs, unit),
                division=places.nodes[unit]["division"],
                leaders=members[unit],
                ties=tie,
                ei_index=_ei(tie.external, tie.internal),
                ei_index_weighted=_ei(tie.external_strength, tie.internal_strength),
                insularity=_share(tie.internal, tie.external),
                insularity_weighted=_share(tie.internal_strength, tie.external_strength),
                partner_units=len(tie.partners),
                depends_on=out,
                depended_on_by=into,
                unreliable_depends_on=sum(_risky(link) for link in out),
                unreliable_depended_on_by=sum(_risky(link) for link in into),
                betweenness=float(between[unit]),
                constraint=burt[unit],
                effective_size=size[unit],
                articulation_point=bool(cut.cut_off),
                cut_off=cut.cut_off,
                cut_off_from=cut.cut_off_from,
                note=_sentence("; ".join(notes)) or None,
            )
        )
    return rows


def _dependency_links(
    graphs: OrgGraphs, units: set[str]
) -> dict[str, tuple[tuple[DependencyLink, ...], tuple[DependencyLink, ...]]]:
    """Per unit: the dependencies it has on others and those others have on it, by id."""
    out: dict[str, list[DependencyLink]] = defaultdict(list)
    into: dict[str, list[DependencyLink]] = defaultdict(list)
    for a, b, key, data in graphs.dependencies.edges(keys=True, data=True):
        criticality, reliability = data["criticality"], data["reliability"]
        if a in units:
            out[a].append(DependencyLink(key, b, criticality, reliability))
        if b in units:
            into[b].append(DependencyLink(key, a, criticality, reliability))
    return {
        unit: (_by_id(out[unit]), _by_id(into[unit]))
        for unit in units
        if unit in out or unit in into
    }


def _by_id(links: list[DependencyLink]) -> tuple[DependencyLink, ...]:
    return tuple(sorted(links, key=lambda link: link.dependency_id))


def _risky(link: DependencyLink) -> bool:
    return RELIABILITY_RISK[link.reliability] >= _UNRELIABLE


def _leader_rows(
    people: nx.Graph, coverage: list[DependencyCoverage], bridges: list[Bridge]
) -> list[LeaderBrokerage]:
    unit_of: dict[str, str] = dict(people.nodes(data="unit"))
    loads = cross_unit_loads(people, unit_of)
    roles = brokerage_roles(people, unit_of)
    cuts = cut_points(people, unit_of)
    partners: dict[str, set[str]] = defaultdict(set)
    for bridge in bridges:
        partners[bridge.leader_a].add(bridge.leader_b)
        partners[bridge.leader_b].add(bridge.leader_a)
    sole: dict[str, list[str]] = defaultdict(list)
    for pair in coverage:
        if pair.status is Coverage.SINGLE_BROKER:
            sole[pair.brokers[0]] += pair.dependency_ids
    rows = []
    for leader, data in people.nodes(data=True):
        load, cut = loads[leader], cuts.get(leader, Separation((), ()))
        role = load.paths > 0 or roles[leader].cross_unit or cut.cut_off
        if role or leader in partners or leader in sole:
            rows.append(
                LeaderBrokerage(
                    leader_id=leader,
                    name=data["name"],
                    title=data["title"],
                    unit_id=data["unit"],
                    cross_unit_betweenness=load.betweenness,
                    cross_unit_paths=load.paths,
                    cross_unit_pairs=load.pairs,
                    top_units=load.top_groups,
                    roles=roles[leader],
                    cut_off=cut.cut_off,
                    cut_off_from=cut.cut_off_from,
                    bridge_partners=tuple(sorted(partners[leader])),
                    sole_broker_for=tuple(sorted(sole[leader])),
                )
            )
    return rows


def _empty_reason(
    graphs: OrgGraphs, units: list[str], people: nx.Graph, coverage: list[DependencyCoverage]
) -> str | None:
    if not units:
        return "The organization has no units, so there is no coordination between units."
    if len(units) == 1:
        return (
            f"Only one unit ({_unit_name(graphs, units[0])}) is in scope, so there is no "
            "coordination between units to analyse."
        )
    if people.number_of_nodes() == 0:
        return (
            f"None of the {len(units)} units in scope has leaders, so no leader can stand "
            "between units."
        )
    if people.number_of_edges() == 0:
        leaders, unlinked = people.number_of_nodes(), len(coverage)
        have = "has" if leaders == 1 else "have"
        also = (
            f"; {_plural(unlinked, 'pair')} of dependent units {'has' if unlinked == 1 else 'have'}"
            " no tie between them (see uncovered dependencies)"
        )
        return (
            f"The {_plural(leaders, 'leader')} in scope {have} no collaboration ties, so no one "
            f"brokers between units{also if unlinked else ''}."
        )
    return None


# ---- scoring and reasons -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Candidate:
    kind: BottleneckKind
    id: str
    betweenness: float
    relative_betweenness: float
    separation: float
    dependency_risk: float
    cut_off: tuple[str, ...]
    cut_off_from: tuple[str, ...]
    score: float
    row: UnitSilo | LeaderBrokerage


def _candidates(
    unit_rows: list[UnitSilo],
    leader_rows: list[LeaderBrokerage],
    coverage: list[DependencyCoverage],
    units: int,
) -> list[_Candidate]:
    """Every unit and leader with a score above 0, best first (see `silo_bottlenecks`)."""
    sole: dict[str, float] = defaultdict(float)
    for pair in coverage:
        if pair.status is Coverage.SINGLE_BROKER:
            sole[pair.brokers[0]] += pair.criticality / _MAX_CRITICALITY
    at_stake = {
        row.unit_id: sum(
            link.criticality / _MAX_CRITICALITY * RELIABILITY_RISK[link.reliability]
            for link in row.depended_on_by
        )
        for row in unit_rows
    }
    figures: list[tuple[BottleneckKind, UnitSilo | LeaderBrokerage, str, float, float]] = [
        (BottleneckKind.UNIT, row, row.unit_id, row.betweenness, at_stake[row.unit_id])
        for row in unit_rows
    ]
    figures += [
        (BottleneckKind.LEADER, row, row.leader_id, row.cross_unit_betweenness, sole[row.leader_id])
        for row in leader_rows
    ]
    top_between: dict[BottleneckKind, float] = defaultdict(float)
    top_risk: dict[BottleneckKind, float] = defaultdict(float)
    for kind, _, _, between, risk in figures:
        top_between[kind] = max(top_between[kind], between)
        top_risk[kind] = max(top_risk[kind], risk)
    candidates = []
    for kind, row, id, between, risk in figures:
        b = between / top_between[kind] if top_between[kind] > 0 else 0.0
        d = risk / top_risk[kind] if top_risk[kind] > 0 else 0.0
        s = 0.5 + 0.5 * min(1.0, len(row.cut_off) / max(1, units - 1)) if row.cut_off else 0.0
        score = round(BETWEENNESS_WEIGHT * b + SEPARATION_WEIGHT * s + DEPENDENCY_WEIGHT * d, 6)
        if score > 0:
            candidates.append(
                _Candidate(kind, id, between, b, s, d, row.cut_off, row.cut_off_from, score, row)
            )
    candidates.sort(key=lambda c: (-c.score, c.id, c.kind))
    return candidates


def _bottleneck(
    graphs: OrgGraphs, paths: GroupPaths, candidate: _Candidate, units: int
) -> Bottleneck:
    row = candidate.row
    pair = None
    if isinstance(row, LeaderBrokerage):
        name, reason, pair = row.name, *_leader_reason(graphs, paths, row)
    else:
        name, reason = row.name, _unit_reason(graphs, row, units)
    return Bottleneck(
        kind=candidate.kind,
        id=candidate.id,
        name=name,
        score=candidate.score,
        reason=reason,
        betweenness=candidate.betweenness,
        relative_betweenness=candidate.relative_betweenness,
        separation=candidate.separation,
        dependency_risk=candidate.dependency_risk,
        cut_off=candidate.cut_off,
        cut_off_from=candidate.cut_off_from,
        busiest_pair=pair,
    )


def _leader_reason(
    graphs: OrgGraphs, paths: GroupPaths, row: LeaderBrokerage
) -> tuple[str, PairPaths | None]:
    """The busiest pair: of the pairs among the leader's `top_units`, the one with the most
    leader pairs whose shortest paths run through the leader (`GroupPaths.busiest_pair`). When
    none of those pairs routes through the leader (they all lie on one side of it), the top
    unit and all other units (`unit_b` None)."""
    who, parts, pair = _who(graphs, row.leader_id), [], None
    found = paths.busiest_pair(row.leader_id, row.top_units)
    if found is not None:
        pair = PairPaths(*found)
    elif row.top_units:
        pair = PairPaths(row.top_units[0], None, *paths.through(row.leader_id, row.top_units[0]))
    if pair is not None:
        between = f"{_unit_name(graphs, pair.unit_a)} and " + (
            f"{_unit_name(graphs, pair.unit_b)} leaders"
            if pair.unit_b
            else "leaders of other units"
        )
        parts.append(
            f"{who} is on {_paths(pair.through, pair.pairs)} between {between} "
            f"({_pct(row.cross_unit_betweenness)} of all shortest paths between leaders of "
            "different units in scope)"
        )
    if row.cut_off:
        parts.append(f"removing {row.name} {_cuts(graphs, row.cut_off, row.cut_off_from)}")
    if row.sole_broker_for:
        parts.append(f"{row.name} is the only go-between for {_needs(graphs, row.sole_broker_for)}")
    if row.roles.cross_unit and not parts:
        parts.append(
            f"{who} links {_plural(row.roles.cross_unit, 'pair')} of untied contacts across units"
        )
    return _sentence("; ".join(parts)), pair


def _unit_reason(graphs: OrgGraphs, row: UnitSilo, units: int) -> str:
    """Unit-graph paths are weighted (distance = 1 / weight), so a pair of units rarely has
    several shortest paths: "k of the n" counts pairs of other units, split where paths tie."""
    parts = []
    if row.betweenness > 0:
        pairs = (units - 1) * (units - 2) // 2
        parts.append(
            f"{row.name} is on {_paths(row.betweenness * pairs, pairs)} between pairs of other "
            "units (ties and dependencies, weighted by strength and criticality)"
        )
    if row.cut_off:
        parts.append(f"removing {row.name} {_cuts(graphs, row.cut_off, row.cut_off_from)}")
    if row.depended_on_by:
        risky = sorted(
            (link for link in row.depended_on_by if _risky(link)),
            key=lambda link: (-RELIABILITY_RISK[link.reliability], -link.criticality, link.unit_id),
        )
        text = f"{_plural(len(row.depended_on_by), 'dependency', 'dependencies')} on {row.name}"
        if risky:
            worst = ", ".join(
                f"{_unit_name(graphs, link.unit_id)}: criticality {link.criticality}, "
                f"{link.reliability}"
                for link in risky[:2]
            )
            text += f", {len(risky)} rated SOMETIMES or worse ({worst})"
        parts.append(text)
    return _sentence("; ".join(parts))


def _cuts(graphs: OrgGraphs, cut_off: tuple[str, ...], cut_off_from: tuple[str, ...]) -> str:
    if cut_off_from:
        return f"cuts {_unit_names(graphs, cut_off)} off from {_unit_names(graphs, cut_off_from)}"
    return f"splits {_unit_names(graphs, cut_off)} apart"


def _needs(graphs: OrgGraphs, dependency_ids: tuple[str, ...]) -> str:
    wanted = set(dependency_ids)
    found = sorted(
        (-data["criticality"], key, a, b, data["reliability"])
        for a, b, key, data in graphs.dependencies.edges(keys=True, data=True)
        if key in wanted
    )
    texts = [
        f"{_unit_name(graphs, a)} depending on {_unit_name(graphs, b)} "
        f"(criticality {-criticality}, reliability {reliability})"
        for criticality, _, a, b, reliability in found[:2]
    ]
    if len(found) > 2:
        texts.append(_plural(len(found) - 2, "more dependency", "more dependencies"))
    return _join(texts)


# ---- small helpers -------------------------------------------------------------------------------


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def _ties_by_id(graphs: OrgGraphs, leaders: list[str]) -> list[tuple[str, str, float]]:
    """The ties touching `leaders` in id order, so that strengths add up in the same order
    (to the last bit) however the graphs were built."""
    found = graphs.collaboration.edges(leaders, keys=True, data="strength")
    return [(a, b, strength) for a, b, _, strength in sorted(found, key=lambda edge: edge[2])]


def _leaders_in(graphs: OrgGraphs, units: set[str]) -> list[str]:
    return sorted(leader for leader, unit in graphs.reporting.nodes(data="unit") if unit in units)


def _unit_name(graphs: OrgGraphs, unit: str) -> str:
    return str(graphs.units.nodes[unit]["name"])


def _who(graphs: OrgGraphs, leader: str) -> str:
    data = graphs.reporting.nodes[leader]
    return f"{data['name']} ({data['title']})" if data["title"] else str(data["name"])


def _unit_names(graphs: OrgGraphs, units: Iterable[str], limit: int = 3) -> str:
    return _names([_unit_name(graphs, unit) for unit in units], limit, "other unit")


def _leader_names(graphs: OrgGraphs, leaders: Iterable[str], limit: int = 3) -> str:
    return _names([_who(graphs, leader) for leader in leaders], limit, "other")


def _names(names: list[str], limit: int, other: str) -> str:
    if len(names) <= limit:
        return _join(names)
    return _join([*names[:limit], _plural(len(names) - limit, other, other + "s")])


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else many or one + 's'}"


def _count(value: float) -> str:
    return str(round(value)) if abs(value - round(value)) < 1e-6 else f"{value:.1f}"


def _paths(part: float, whole: int) -> str:
    """'7 of the 9 shortest paths' (a pair split between paths: '6.5 of the 9'), or 'the only
    shortest path', 'both shortest paths', 'all 9 shortest paths'."""
    if abs(part - whole) > 1e-6:
        return f"{_count(part)} of the {whole} shortest paths"
    return {1: "the only shortest path", 2: "both shortest paths"}.get(
        whole, f"all {whole} shortest paths"
    )


def _pct(share: float) -> str:
    return f"{share:.0%}" if share >= 0.01 or share == 0 else "under 1%"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]
