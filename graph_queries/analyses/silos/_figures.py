"""The rows of the silo report: a `UnitSilo` per unit in scope, a `LeaderBrokerage` per broker.

`unit_silos` gathers, for every unit in scope, its ties, E-I index and insularity
(`_units`), its dependencies both ways, and its position in the scope's unit graph;
`leader_brokerages` gathers, for every leader who stands between units, cross-unit betweenness,
brokerage roles, cut points and bridges (`metrics`) and the dependent pairs of
which the leader is the only go-between (`_coverage`). `_ranking` scores these rows.

Two kinds of figures, on purpose:

- *What a unit is* (tie counts, E-I, insularity, partner units, dependencies) counts all of the
  unit's ties and dependencies, wherever the other end is: a unit whose ties all leave its
  division is not insular, whichever scope is viewed.
- *Where a unit or leader sits* (betweenness, constraint, effective size, cut points, bridges,
  brokerage, dependency coverage) is computed on the scope only: the units in scope, their
  leaders, the ties among those leaders and the dependencies among those units.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx

from graph_queries.analyses.metrics import shortest_paths
from graph_queries.analyses.metrics.brokerage import BrokerageRoles, brokerage_roles
from graph_queries.analyses.metrics.cross_group import cross_group_loads
from graph_queries.analyses.metrics.ei import ei_index, insularity
from graph_queries.analyses.metrics.separations import Bridge, Separation, cut_points
from graph_queries.analyses.metrics.structural_holes import constraint, effective_size
from graph_queries.analyses.silos._coverage import (
    RELIABILITY_RISK,
    UNRELIABLE,
    Coverage,
    DependencyCoverage,
)
from graph_queries.analyses.silos._units import NO_TIES, UnitTies, ties_per_unit
from graph_queries.analyses.wording import sentence_case, unit_name
from graph_queries.graphs import OrgGraphs

__all__ = ["DependencyLink", "LeaderBrokerage", "UnitSilo"]


# ---- results -------------------------------------------------------------------------------------


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
    - `ei_index`, `insularity` (tie counts, `metrics.ei`) and their `_weighted` forms (summed
      strengths); None when the unit has no ties.
    - `depends_on`: its dependencies on other units; `depended_on_by`: other units'
      dependencies on it, each by dependency id; `unreliable_...`: how many of them are rated
      SOMETIMES, RARELY or NEVER.
    - `betweenness`: normalized, weighted betweenness in the scope's `unit_graph`;
      `constraint`, `effective_size`: Burt's measures there, None for a unit with no link.
    - `articulation_point`: removing the unit leaves other units with no link to each other;
      `cut_off` / `cut_off_from`: which (see `metrics.Separation`).
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
      (`metrics.CrossGroupLoad`); `top_units`: the units whose leaders' paths run through
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


# ---- the rows ------------------------------------------------------------------------------------


def unit_silos(
    graphs: OrgGraphs,
    places: nx.Graph,
    path_sample: int | None,
    betweenness: Mapping[str, float] | None = None,
    scoped_ties: list[tuple[str, str, float]] | None = None,
) -> list[UnitSilo]:
    """The rows of `places`' units; `betweenness`, when given, is their normalized weighted
    betweenness computed elsewhere (in the database) on the same graph, used as it is;
    `scoped_ties`, the units' `scope_ties` when already found."""
    units = list(places)
    ties = ties_per_unit(graphs, set(units), scoped_ties)
    links = _dependency_links(graphs, set(units))
    members = Counter(unit for _, unit in graphs.reporting.nodes(data="unit"))
    between = (
        shortest_paths.betweenness(places, weight="distance", sample=path_sample)
        if betweenness is None
        else {unit: betweenness.get(unit, 0.0) for unit in units}
    )
    burt, size = constraint(places), effective_size(places)
    cuts = cut_points(places, {unit: unit for unit in units})
    rows = []
    for unit in units:
        tie = ties.get(unit, NO_TIES)
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
                name=unit_name(graphs, unit),
                division=places.nodes[unit]["division"],
                leaders=members[unit],
                ties=tie,
                ei_index=ei_index(internal=tie.internal, external=tie.external),
                ei_index_weighted=ei_index(
                    internal=tie.internal_strength, external=tie.external_strength
                ),
                insularity=insularity(internal=tie.internal, external=tie.external),
                insularity_weighted=insularity(
                    internal=tie.internal_strength, external=tie.external_strength
                ),
                partner_units=len(tie.partners),
                depends_on=out,
                depended_on_by=into,
                unreliable_depends_on=sum(is_risky(link) for link in out),
                unreliable_depended_on_by=sum(is_risky(link) for link in into),
                betweenness=float(between[unit]),
                constraint=burt[unit],
                effective_size=size[unit],
                articulation_point=bool(cut.cut_off),
                cut_off=cut.cut_off,
                cut_off_from=cut.cut_off_from,
                note=sentence_case("; ".join(notes)) or None,
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


def is_risky(link: DependencyLink) -> bool:
    return RELIABILITY_RISK[link.reliability] >= UNRELIABLE


def leader_brokerages(
    people: nx.Graph,
    coverage: list[DependencyCoverage],
    bridges: list[Bridge],
    path_sample: int | None,
) -> list[LeaderBrokerage]:
    unit_of: dict[str, str] = dict(people.nodes(data="unit"))
    loads = cross_group_loads(people, unit_of, sample=path_sample)
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
