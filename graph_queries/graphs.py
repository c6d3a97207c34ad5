"""A whole organization as networkx graphs: the input of every analysis.

Node ids are entity ids; node and edge attributes are plain values (str, int, float, date), so a
data scientist can build the same graphs from any source and call the analyses on them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from graph_queries.model import OrgSnapshot, attribute_values


@dataclass(frozen=True)
class OrgGraphs:
    """One organization at one graph version.

    - `units`: DiGraph of units, edge parent -> child (the structure); node attributes
      `name`, `kind`, `parent` (id or None), `division` (id of the top-level ancestor).
    - `reporting`: DiGraph of leaders, edge manager -> report; node attributes `name`,
      `title`, `level`, `unit`, and `attributes` (custom attribute values by name, as text)
      for a leader that has some; units likewise.
    - `collaboration`: MultiGraph of leaders (all of them, tied or not), one edge per tie,
      keyed by tie id; edge attributes `strength`, `kind`.
    - `dependencies`: MultiDiGraph of units (all of them), edge from -> to per dependency, keyed
      by dependency id; attributes `criticality`, `reliability`, `description`, `owners`.
    - `conflicts`: MultiGraph of units (all of them), one edge per conflict keyed by conflict
      id; attributes `status`, `severity`, `raised_at`, `resolved_at`, `dependency`.
    - `arcs`: MultiDiGraph of leaders (all of them), one arc leader_a -> leader_b per tie of a
      directed kind (those ties are in `collaboration` too), keyed by tie id; attributes
      `strength`, `kind`. `directed_kinds` names the organization's directed tie kinds.
    """

    organization_id: str
    version: int
    units: nx.DiGraph
    reporting: nx.DiGraph
    collaboration: nx.MultiGraph
    dependencies: nx.MultiDiGraph
    conflicts: nx.MultiGraph
    arcs: nx.MultiDiGraph = field(default_factory=nx.MultiDiGraph)
    directed_kinds: frozenset[str] = frozenset()


def build_graphs(snapshot: OrgSnapshot) -> OrgGraphs:
    units = nx.DiGraph()
    for unit in snapshot.units.values():
        units.add_node(unit.id, name=unit.name, kind=unit.kind.value, parent=unit.parent_id)
        if unit.attributes:
            units.nodes[unit.id]["attributes"] = attribute_values(unit)
    for unit in snapshot.units.values():
        if unit.parent_id is not None:
            units.add_edge(unit.parent_id, unit.id)
    for unit_id in units:
        units.nodes[unit_id]["division"] = _root(snapshot, unit_id)

    reporting = nx.DiGraph()
    for leader in snapshot.leaders.values():
        reporting.add_node(
            leader.id,
            name=leader.name,
            title=leader.title,
            level=leader.level.value,
            unit=leader.unit_id,
        )
        if leader.attributes:
            reporting.nodes[leader.id]["attributes"] = attribute_values(leader)
    for leader in snapshot.leaders.values():
        if leader.reports_to_id is not None:
            reporting.add_edge(leader.reports_to_id, leader.id)

    collaboration = nx.MultiGraph()
    collaboration.add_nodes_from(reporting.nodes(data=True))
    for tie in snapshot.ties.values():
        collaboration.add_edge(
            tie.leader_a_id, tie.leader_b_id, key=tie.id, strength=tie.strength, kind=tie.kind
        )

    directed = snapshot.directed_kinds()
    arcs = nx.MultiDiGraph()
    arcs.add_nodes_from(reporting.nodes(data=True))
    for tie in snapshot.ties.values():
        if tie.kind in directed:
            arcs.add_edge(
                tie.leader_a_id, tie.leader_b_id, key=tie.id, strength=tie.strength, kind=tie.kind
            )

    dependencies = nx.MultiDiGraph()
    dependencies.add_nodes_from(units.nodes(data=True))
    for dependency in snapshot.dependencies.values():
        dependencies.add_edge(
            dependency.from_unit_id,
            dependency.to_unit_id,
            key=dependency.id,
            criticality=dependency.criticality,
            reliability=dependency.reliability.value,
            description=dependency.description,
            owners=list(dependency.owner_ids),
        )

    conflicts = nx.MultiGraph()
    conflicts.add_nodes_from(units.nodes(data=True))
    for conflict in snapshot.conflicts.values():
        conflicts.add_edge(
            conflict.unit_a_id,
            conflict.unit_b_id,
            key=conflict.id,
            status=conflict.status.value,
            severity=conflict.severity,
            raised_at=conflict.raised_at,
            resolved_at=conflict.resolved_at,
            dependency=conflict.dependency_id,
        )

    return OrgGraphs(
        organization_id=snapshot.organization.id,
        version=snapshot.version,
        units=units,
        reporting=reporting,
        collaboration=collaboration,
        dependencies=dependencies,
        conflicts=conflicts,
        arcs=arcs,
        directed_kinds=directed,
    )


def _root(snapshot: OrgSnapshot, unit_id: str) -> str:
    # Parents form a forest (validated), so this walk ends.
    unit = snapshot.units[unit_id]
    while unit.parent_id is not None:
        unit = snapshot.units[unit.parent_id]
    return unit.id
