"""The moves a recommendation search weighs: a new tie between two people, or a liaison.

A liaison is a new person whose job is the link (an `AddLiaison` change): placed in a home unit
and tied into a few named leaders, so that one new role can span several structural holes at
once (Burt, 1992, on the broker's position; Valente, 2012, on adding nodes as a network
intervention). The cap of new ties per person applies to the existing people a move ties into,
one per tie; the liaison, whose role is the link, is not capped. A move only describes: `grow`
gives the leaders and ties it adds, with the ids `apply_scenario` would give the liaisons, so
that each goal measures exactly the organization the simulation builds.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from graph_queries.graphs import OrgGraphs
from graph_queries.model import EntityKind, LeaderLevel, OrgSnapshot
from graph_queries.scenarios.plans import IdMaker

__all__ = [
    "MAX_LIAISON_CONTACTS",
    "Growth",
    "Liaison",
    "Move",
    "Pair",
    "grow",
    "grown_graphs",
    "liaison_ids",
    "liaison_names",
    "people",
]

Pair = tuple[str, str]
# A liaison ties into at most this many leaders: a role between a few units, not a hub.
MAX_LIAISON_CONTACTS = 4


@dataclass(frozen=True, slots=True)
class Liaison:
    """A new person in `unit_id` tied to each leader of `ties_to` (2 to
    `MAX_LIAISON_CONTACTS`), at `level`."""

    unit_id: str
    ties_to: tuple[str, ...]
    level: LeaderLevel = LeaderLevel.MIDDLE


Move = Pair | Liaison


@dataclass(frozen=True, slots=True)
class Growth:
    """What some moves add: new leaders as (id, home unit, level), in order, and new ties."""

    leaders: tuple[tuple[str, str, LeaderLevel], ...]
    ties: tuple[Pair, ...]


def people(move: Move) -> tuple[str, ...]:
    """The existing people a move gives a new tie to, once per tie (what the cap counts)."""
    return move.ties_to if isinstance(move, Liaison) else move


def grow(moves: Sequence[Move], ids: Sequence[str], first: int = 0) -> Growth:
    """The leaders and ties `moves` add, the k-th liaison of the whole sequence taking
    `ids[k]`; `first` is the number of liaisons among moves made before these."""
    leaders: list[tuple[str, str, LeaderLevel]] = []
    ties: list[Pair] = []
    for move in moves:
        if isinstance(move, Liaison):
            new = ids[first + len(leaders)]
            leaders.append((new, move.unit_id, move.level))
            ties.extend((new, other) for other in move.ties_to)
        else:
            ties.append(move)
    return Growth(tuple(leaders), tuple(ties))


def grown_graphs(
    graphs: OrgGraphs, growth: Growth, names: Sequence[str], kind: str | None, strength: float
) -> OrgGraphs:
    """`graphs` with the leaders of `growth` (the k-th named `names[k]`, added last as
    `build_graphs` adds a new leader) and its ties (of `kind` and `strength`); `graphs` is
    left as it is."""
    team = graphs.collaboration.copy()
    reporting = graphs.reporting.copy() if growth.leaders else graphs.reporting
    for (leader, unit, level), name in zip(growth.leaders, names, strict=False):
        data = {"name": name, "title": "", "level": level.value, "unit": unit}
        team.add_node(leader, **data)
        reporting.add_node(leader, **data)
    for number, (a, b) in enumerate(growth.ties):
        team.add_edge(a, b, key=f"recommended-{number}", strength=strength, kind=kind)
    return dataclasses.replace(graphs, collaboration=team, reporting=reporting)


def liaison_ids(snapshot: OrgSnapshot, count: int) -> list[str]:
    """The ids `apply_scenario` gives the first `count` new leaders of a scenario, in order:
    ties are ordered by id in the analyses, so the figures need the same ones."""
    maker = IdMaker()
    return [maker.new(snapshot, EntityKind.LEADER) for _ in range(count)]


def liaison_names(snapshot: OrgSnapshot, count: int) -> list[str]:
    """Plain names for `count` liaisons ("Liaison 1", ...), skipping any a leader has."""
    taken = {leader.name for leader in snapshot.leaders.values()}
    names: list[str] = []
    number = 1
    while len(names) < count:
        if f"Liaison {number}" not in taken:
            names.append(f"Liaison {number}")
        number += 1
    return names
