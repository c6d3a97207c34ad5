"""Who is in which faction and how factions connect: links, bridging and isolated executives.

`describe_faction` describes one Louvain community of tied executives (density, strength per
pair, dominant division), `pooled_densities` and `faction_links` measure ties inside and between
factions, `bridging_executives` ranks the executives with ties into other factions, and
`isolated_executive` describes an executive with no tie to the rest of the top team.
`executive_factions` puts them in its report.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

import networkx as nx

from graph_queries.analyses.factions._executive_graph import summed_weight
from graph_queries.analyses.metrics.ratios import ratio
from graph_queries.analyses.wording import leader_name_or_id, plural, unit_name_or_id
from graph_queries.graphs import OrgGraphs

__all__ = [
    "BridgingExecutive",
    "Faction",
    "FactionLink",
    "IsolatedExecutive",
    "bridging_executives",
    "describe_faction",
    "faction_links",
    "isolated_executive",
    "pooled_densities",
]


# ---- results -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Faction:
    """A Louvain community of tied executives; `index` is 1-based, largest first, then by
    members' ids in natural order (u2 before u10).

    `density` is the share of member pairs with a tie, `strength` the tie strength per member
    pair (summed strength / possible pairs); both are None for a faction of one. The
    `dominant_division` is the most common division among members (ties to the smaller id),
    `dominant_members` how many members come from it and `division_share` their share.
    """

    index: int
    members: tuple[str, ...]
    names: tuple[str, ...]
    component: int
    ties: int
    density: float | None
    strength: float | None
    divisions: int
    dominant_division: str | None
    dominant_division_name: str | None
    dominant_members: int
    division_share: float
    reason: str


@dataclass(frozen=True, slots=True)
class FactionLink:
    """The ties between two factions (`faction_a` < `faction_b`): count, share of the
    |A| x |B| possible pairs tied, and tie strength per possible pair."""

    faction_a: int
    faction_b: int
    ties: int
    density: float
    strength: float


@dataclass(frozen=True, slots=True)
class BridgingExecutive:
    """An executive with ties into other factions; `cross_strength` is the strength of those
    ties, `cross_share` their share of the executive's top-team tie strength."""

    rank: int
    leader: str
    name: str
    faction: int
    reaches: tuple[int, ...]
    cross_ties: int
    cross_strength: float
    cross_share: float
    reason: str


@dataclass(frozen=True, slots=True)
class IsolatedExecutive:
    """An executive with no tie to any other executive; `ties_below` counts their ties to
    leaders outside the top team."""

    leader: str
    name: str
    division: str | None
    ties_below: int
    reason: str


# ---- factions and their densities ----------------------------------------------------------------


def pooled_densities(
    executives: nx.Graph, factions: list[list[str]], faction_index: dict[str, int]
) -> tuple[float | None, float | None, float | None, float | None]:
    """(within density, between density, within strength, between strength)."""
    sizes = [len(part) for part in factions]
    within_pairs = sum(size * (size - 1) // 2 for size in sizes)
    between_pairs = (sum(sizes) ** 2 - sum(size * size for size in sizes)) // 2
    within_ties = between_ties = 0
    within_weight = between_weight = 0.0
    for a, b, weight in executives.edges(data="weight"):
        fa, fb = faction_index.get(str(a)), faction_index.get(str(b))
        if fa is None or fb is None:
            continue
        if fa == fb:
            within_ties += 1
            within_weight += weight
        else:
            between_ties += 1
            between_weight += weight
    return (
        ratio(within_ties, within_pairs),
        ratio(between_ties, between_pairs),
        ratio(within_weight, within_pairs),
        ratio(between_weight, between_pairs),
    )


def describe_faction(
    graphs: OrgGraphs,
    executives: nx.Graph,
    index: int,
    members: list[str],
    component_index: dict[str, int],
    divisions: dict[str, str | None],
) -> Faction:
    inside = executives.subgraph(members)
    pairs = len(members) * (len(members) - 1) // 2
    ties = inside.number_of_edges()
    density = ratio(ties, pairs)
    strength = ratio(summed_weight(executives, inside.edges()), pairs)
    counted = Counter(divisions[m] for m in members if divisions[m] is not None)
    dominant = min(counted, key=lambda d: (-counted[d], d)) if counted else None
    share = counted[dominant] / len(members) if dominant is not None else 0.0
    names = tuple(leader_name_or_id(graphs, m) for m in members)
    division_name = None if dominant is None else unit_name_or_id(graphs, dominant)
    reason = f"Faction {index}: {plural(len(members), 'executive')} ({', '.join(names)})"
    if density is not None and strength is not None:
        reason += f", {density:.0%} of member pairs tied, strength {strength:.2f} per pair"
    if dominant is not None:
        reason += f"; {share:.0%} from {division_name}"
    return Faction(
        index=index,
        members=tuple(members),
        names=names,
        component=component_index[members[0]],
        ties=ties,
        density=density,
        strength=strength,
        divisions=len(counted),
        dominant_division=dominant,
        dominant_division_name=division_name,
        dominant_members=counted[dominant] if dominant is not None else 0,
        division_share=share,
        reason=reason + ".",
    )


def faction_links(
    executives: nx.Graph, factions: list[list[str]], faction_index: dict[str, int]
) -> tuple[FactionLink, ...]:
    ties: dict[tuple[int, int], int] = defaultdict(int)
    weight: dict[tuple[int, int], float] = defaultdict(float)
    for a, b, w in executives.edges(data="weight"):
        fa, fb = faction_index.get(str(a)), faction_index.get(str(b))
        if fa is not None and fb is not None and fa != fb:
            key = (min(fa, fb), max(fa, fb))
            ties[key] += 1
            weight[key] += w
    links: list[FactionLink] = []
    for i in range(1, len(factions) + 1):
        for j in range(i + 1, len(factions) + 1):
            pairs = len(factions[i - 1]) * len(factions[j - 1])
            links.append(
                FactionLink(
                    faction_a=i,
                    faction_b=j,
                    ties=ties[(i, j)],
                    density=ties[(i, j)] / pairs,
                    strength=weight[(i, j)] / pairs,
                )
            )
    return tuple(links)


# ---- executives: bridges, isolated ---------------------------------------------------------------


def bridging_executives(
    graphs: OrgGraphs, executives: nx.Graph, faction_index: dict[str, int]
) -> tuple[BridgingExecutive, ...]:
    found: list[tuple[str, int, set[int], int, float, float]] = []
    for node in executives:
        leader = str(node)
        own = faction_index.get(leader)
        if own is None:
            continue
        total = cross = 0.0
        cross_ties = 0
        reaches: set[int] = set()
        for other, data in executives[node].items():
            total += data["weight"]
            theirs = faction_index.get(str(other))
            if theirs is not None and theirs != own:
                cross += data["weight"]
                cross_ties += 1
                reaches.add(theirs)
        if reaches:
            found.append((leader, own, reaches, cross_ties, cross, cross / total))
    found.sort(key=lambda item: (-item[4], item[0]))
    bridges: list[BridgingExecutive] = []
    for rank, (leader, own, reaches, cross_ties, cross, share) in enumerate(found, start=1):
        name = leader_name_or_id(graphs, leader)
        factions = ", ".join(str(f) for f in sorted(reaches))
        reason = (
            f"{name} (faction {own}) links to faction{'s' if len(reaches) > 1 else ''} "
            f"{factions} through {plural(cross_ties, 'tie')} of strength {cross:.2f}, "
            f"{share:.0%} of their tie strength in the top team."
        )
        bridges.append(
            BridgingExecutive(
                rank, leader, name, own, tuple(sorted(reaches)), cross_ties, cross, share, reason
            )
        )
    return tuple(bridges)


def isolated_executive(graphs: OrgGraphs, leader: str, division: str | None) -> IsolatedExecutive:
    name = leader_name_or_id(graphs, leader)
    below = sum(1 for _ in graphs.collaboration.edges(leader))
    reason = f"{name} has no collaboration tie with any other executive"
    reason += f" ({plural(below, 'tie')} below the top team)." if below else " nor anyone else."
    return IsolatedExecutive(leader, name, division, below, reason)
