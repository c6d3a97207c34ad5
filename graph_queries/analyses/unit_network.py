"""The unit network: units with their head count, and what links each pair of units.

One aggregate instead of every tie and dependency page by page, for drawing an organization's
units as a network (docs/explorer.md). A link joins two units, unordered, when a dependency
runs between them either way or a collaboration tie joins one of their leaders to the other's:

- dependencies: how many, the highest criticality (1-5), and how many are rated unreliable
  (SOMETIMES or worse, the silo analysis's `UNRELIABLE`: Mortensen & Hinds' unreliable hand-offs
  as docs/analyses.md reads them);
- ties: how many collaboration ties join a leader of one unit to a leader of the other, and
  their summed strength (0-1 each), the between-unit ties of Krackhardt & Stern's E-I index.

Ties within one unit are not links. `people` counts a unit's own leaders (not its sub-units'),
the count the privacy floor compares with k.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from graph_queries.analyses.silos import RELIABILITY_RISK, UNRELIABLE
from graph_queries.graphs import OrgGraphs
from graph_queries.natural_order import natural_key


@dataclass(frozen=True, slots=True)
class UnitNetworkArguments:
    """The arguments of `unit_network`: the tie kinds read (None: every tie); its cache key."""

    kinds: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class NetworkUnit:
    """A unit: its id within the organization, `parent_id` (None for a division), and
    `people`, how many leaders belong to it directly."""

    id: str
    name: str
    kind: str
    parent_id: str | None
    people: int


@dataclass(frozen=True, slots=True)
class UnitLink:
    """What joins two units (`unit_a` before `unit_b` in natural order). `dependencies` run
    either way, `max_criticality` is the highest of theirs (None without any), `unreliable`
    how many are rated SOMETIMES or worse; `ties` and `tie_strength` are the collaboration ties
    between their leaders, None when the privacy floor withheld them."""

    unit_a: str
    unit_b: str
    dependencies: int
    max_criticality: int | None
    unreliable: int
    ties: int | None
    tie_strength: float | None


@dataclass(frozen=True, slots=True)
class UnitNetwork:
    """The units of an organization, in natural id order, and the links between them, in
    natural order of their pair."""

    organization_id: str
    version: int
    units: tuple[NetworkUnit, ...]
    links: tuple[UnitLink, ...]


def unit_network(graphs: OrgGraphs, kinds: frozenset[str] | None = None) -> UnitNetwork:
    """Every unit and every pair of units a dependency or a tie (of `kinds`, None: every kind)
    joins.

    >>> from graph_queries.graphs import build_graphs
    >>> from graph_queries.model import (
    ...     Dependency, Leader, Organization, OrgSnapshot, Reliability, Tie, Unit)
    >>> snapshot = OrgSnapshot.of(Organization("o", "O"), [
    ...     Unit("u1", "Sales"), Unit("u2", "Plant"),
    ...     Leader("l1", "Ada", "u1"), Leader("l2", "Ben", "u1"), Leader("l3", "Cy", "u2"),
    ...     Dependency("d1", "u1", "u2", 5, Reliability.RARELY), Dependency("d2", "u2", "u1", 2),
    ...     Tie("t1", "l1", "l3", 0.5), Tie("t2", "l2", "l3", 0.25), Tie("t3", "l1", "l2", 1.0),
    ... ])
    >>> network = unit_network(build_graphs(snapshot))
    >>> [(unit.id, unit.people) for unit in network.units]
    [('u1', 2), ('u2', 1)]
    >>> [(link.unit_a, link.unit_b) for link in network.links]
    [('u1', 'u2')]
    >>> link = network.links[0]
    >>> link.dependencies, link.max_criticality, link.unreliable, link.ties, link.tie_strength
    (2, 5, 1, 2, 0.75)
    """
    people = Counter(unit for _, unit in graphs.reporting.nodes(data="unit"))
    units = tuple(
        NetworkUnit(
            id=unit,
            name=data["name"],
            kind=data["kind"],
            parent_id=data["parent"],
            people=people[unit],
        )
        for unit, data in sorted(graphs.units.nodes(data=True), key=lambda n: natural_key(n[0]))
    )
    dependencies: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for source, target, data in graphs.dependencies.edges(data=True):
        if source != target:
            dependencies[_pair(source, target)].append((data["criticality"], data["reliability"]))
    ties: dict[tuple[str, str], list[float]] = defaultdict(list)
    unit_of = dict(graphs.reporting.nodes(data="unit"))
    for leader_a, leader_b, data in graphs.collaboration.edges(data=True):
        if kinds is not None and data["kind"] not in kinds:
            continue
        unit_a, unit_b = unit_of[leader_a], unit_of[leader_b]
        if unit_a != unit_b:
            ties[_pair(unit_a, unit_b)].append(data["strength"])
    pairs = sorted(
        dependencies.keys() | ties.keys(), key=lambda p: (natural_key(p[0]), natural_key(p[1]))
    )
    links = tuple(_link(pair, dependencies.get(pair, []), ties.get(pair, [])) for pair in pairs)
    return UnitNetwork(graphs.organization_id, graphs.version, units, links)


def _pair(unit_a: str, unit_b: str) -> tuple[str, str]:
    first, second = sorted((unit_a, unit_b), key=natural_key)
    return first, second


def _link(
    pair: tuple[str, str], dependencies: list[tuple[int, str]], ties: list[float]
) -> UnitLink:
    return UnitLink(
        unit_a=pair[0],
        unit_b=pair[1],
        dependencies=len(dependencies),
        max_criticality=max((c for c, _ in dependencies), default=None),
        unreliable=sum(RELIABILITY_RISK[r] >= UNRELIABLE for _, r in dependencies),
        ties=len(ties),
        tie_strength=round(sum(ties), 6),
    )
