"""The goal of connecting executive factions: its candidate ties and how each is measured.

Candidates are new ties between two executives of different factions (an isolated executive
counts as a faction of one) who share no tie yet: the structural holes of the top team, whose
spanning Burt (1992; 2005, "Brokerage and Closure") finds to carry ideas and coordination
across groups. The pool is bounded by a cheap proxy: pairs of the best-connected executives
first (summed top-team tie strength of the two), since a tie between the people each faction
already listens to joins the factions more than one at their edges (Valente, 2012, on choosing
key players for a network intervention). The figure is the modularity of the Louvain partition
that `executive_factions` finds (0 once the top team is one faction), measured on the executive
graph with the candidate ties added: the faction analysis reads nothing else, so it gives what
it would on the whole changed organization. A liaison candidate is a new executive tied into
the best-connected executive of two factions (or of each of the largest few): a broker placed
across the hole rather than a tie asked of two people already there.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

import networkx as nx

from graph_queries.analyses.factions import FactionReport, executive_factions
from graph_queries.graphs import OrgGraphs
from graph_queries.model import LeaderLevel
from graph_queries.natural_order import natural_key
from graph_queries.scenarios.moves import (
    MAX_LIAISON_CONTACTS,
    Liaison,
    Move,
    Pair,
    grow,
    grown_graphs,
)

__all__ = ["executive_graphs", "faction_candidates", "faction_figure", "faction_liaisons"]


def executive_graphs(graphs: OrgGraphs) -> OrgGraphs:
    """`graphs` with only the executives in `collaboration` (the faction analysis' input), in
    the order of `collaboration`: Louvain's partition depends on the order it visits nodes in,
    so the figure is the faction analysis' own only if the order is the whole graph's (a
    subgraph view would iterate them as a set)."""
    whole = graphs.collaboration
    executives = {
        node for node, level in whole.nodes(data="level") if level == LeaderLevel.EXECUTIVE
    }
    team = nx.MultiGraph()
    team.add_nodes_from((node, data) for node, data in whole.nodes(data=True) if node in executives)
    team.add_edges_from(
        (a, b, key, data)
        for a, b, key, data in whole.edges(keys=True, data=True)
        if a in executives and b in executives
    )
    return dataclasses.replace(graphs, collaboration=team)


def faction_candidates(
    graphs: OrgGraphs, everyone: OrgGraphs, report: FactionReport, limit: int
) -> list[Pair]:
    """Untied executive pairs across factions, best-connected pairs first, at most `limit`.

    `graphs` is the executive graph of the layer read (`executive_graphs`); `everyone` holds
    every tie, so that a pair tied in another layer is not offered a second tie. A pair is
    ordered by its ids; ties in the proxy by the ids."""
    group: dict[str, str] = {}
    for number, faction in enumerate(report.factions):
        group.update((member, f"f{number}") for member in faction.members)
    for alone in report.isolated:
        group[alone.leader] = f"alone-{alone.leader}"
    strength = dict(graphs.collaboration.degree(weight="strength"))
    people = sorted(group, key=natural_key)
    pairs = [
        (a, b)
        for i, a in enumerate(people)
        for b in people[i + 1 :]
        if group[a] != group[b] and not everyone.collaboration.has_edge(a, b)
    ]
    pairs.sort(key=lambda p: (-(strength[p[0]] + strength[p[1]]), *map(natural_key, p)))
    return pairs[:limit]


def faction_liaisons(graphs: OrgGraphs, report: FactionReport, limit: int) -> list[Liaison]:
    """New executives tied into the best-connected executive of each of two factions (the
    largest factions first), homed in the first one's unit, at most `limit`; with three
    factions or more, first one tied into each of the `MAX_LIAISON_CONTACTS` largest."""
    strength = dict(graphs.collaboration.degree(weight="strength"))
    tops = [
        min(faction.members, key=lambda m: (-strength[m], natural_key(m)))
        for faction in report.factions
    ]
    sets = [tuple(tops[:MAX_LIAISON_CONTACTS])] if len(tops) > 2 else []
    sets += [(a, b) for i, a in enumerate(tops) for b in tops[i + 1 :]]
    unit = dict(graphs.collaboration.nodes(data="unit"))
    return [Liaison(str(unit[people[0]]), people, LeaderLevel.EXECUTIVE) for people in sets][:limit]


def faction_figure(
    graphs: OrgGraphs,
    kind: str | None,
    strength: float,
    liaison_ids: Sequence[str],
    liaison_names: Sequence[str],
) -> Callable[[Sequence[Move]], tuple[float, FactionReport]]:
    """The modularity of the factions of `graphs` (`executive_graphs`) with the moves given
    (ties of `kind` and `strength`; the k-th liaison is `liaison_ids[k]`, named
    `liaison_names[k]`, added last as `build_graphs` adds a new leader), and the faction
    report it comes from."""

    def figure(moves: Sequence[Move]) -> tuple[float, FactionReport]:
        growth = grow(moves, liaison_ids)
        report = executive_factions(grown_graphs(graphs, growth, liaison_names, kind, strength))
        return report.modularity, report

    return figure
