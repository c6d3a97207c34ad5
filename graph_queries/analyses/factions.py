"""Executive factions: whether the top team splits into groups that rarely work together.

The analysis reads the collaboration ties among EXECUTIVE leaders (`OrgGraphs.collaboration`,
node attribute `level`) and reports the connected components, the Louvain communities and their
modularity, tie density inside and between factions, the executives who bridge factions or have
no tie to the rest, a verdict, and how the factions line up with divisions (the `division`
attribute of the executive's unit in `OrgGraphs.units`).

References
----------
Blondel, V. D., Guillaume, J.-L., Lambiotte, R. & Lefebvre, E. (2008). Fast unfolding of
communities in large networks. Journal of Statistical Mechanics, P10008.
Newman, M. E. J. & Girvan, M. (2004). Finding and evaluating community structure in networks.
Physical Review E 69, 026113.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from enum import StrEnum

import networkx as nx

from graph_queries.analyses.kernels import communities, modularity
from graph_queries.graphs import OrgGraphs
from graph_queries.model import LeaderLevel

__all__ = [
    "STRONG_MODULARITY",
    "STRONG_STRENGTH_RATIO",
    "WEAK_MODULARITY",
    "BridgingExecutive",
    "DivisionAlignment",
    "ExecutiveTies",
    "Faction",
    "FactionLink",
    "FactionReport",
    "FactionVerdict",
    "IsolatedExecutive",
    "executive_factions",
]

# Verdict thresholds (see `executive_factions`).
STRONG_MODULARITY = 0.3
WEAK_MODULARITY = 0.1
STRONG_STRENGTH_RATIO = 0.25
_NOISE = 1e-12


class FactionVerdict(StrEnum):
    NONE = "NONE"
    WEAK = "WEAK"
    STRONG = "STRONG"
    DISCONNECTED = "DISCONNECTED"


# ---- results -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Faction:
    """A Louvain community of tied executives; `index` is 1-based, largest first.

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
    ``|A| x |B|`` possible pairs tied, and tie strength per possible pair."""

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


@dataclass(frozen=True, slots=True)
class ExecutiveTies:
    """One executive's ties inside the top team (sorted by id in the report).

    `within_faction_share` and `within_division_share` are shares of the executive's top-team
    tie strength (None with no ties); `division_only` is True when every tie stays inside the
    executive's division.
    """

    leader: str
    name: str
    division: str | None
    faction: int | None
    ties: int
    strength: float
    within_faction_share: float | None
    within_division_share: float | None
    division_only: bool
    reason: str


@dataclass(frozen=True, slots=True)
class DivisionAlignment:
    """How far the factions follow divisional lines.

    `within_division_share`: the share of all top-team tie strength between executives of the
    same division. `faction_purity`: the members of each faction from its dominant division,
    summed over factions, over all faction members (1.0 when every faction is one division).
    `division_only`: executives all of whose top-team ties stay in their own division.
    """

    divisions: int
    within_division_share: float | None
    faction_purity: float | None
    division_only: tuple[str, ...]
    summary: str


@dataclass(frozen=True, slots=True)
class FactionReport:
    """`executive_factions`: see that function for every definition.

    `components` are the connected components of the executive graph (ids sorted, largest
    first, isolated executives included as components of one). The pooled densities are over
    factions: `within_*` over member pairs of the same faction, `between_*` over pairs of
    members of different factions (isolated executives are left out of both); `*_density` is
    the share of those pairs tied, `*_strength` the tie strength per pair.
    """

    organization_id: str
    version: int
    executives: int
    ties: int
    density: float
    components: tuple[tuple[str, ...], ...]
    factions: tuple[Faction, ...]
    modularity: float
    within_density: float | None
    between_density: float | None
    within_strength: float | None
    between_strength: float | None
    links: tuple[FactionLink, ...]
    bridges: tuple[BridgingExecutive, ...]
    isolated: tuple[IsolatedExecutive, ...]
    members: tuple[ExecutiveTies, ...]
    alignment: DivisionAlignment
    verdict: FactionVerdict
    verdict_reason: str
    empty_reason: str | None


# ---- the analysis --------------------------------------------------------------------------------


def executive_factions(graphs: OrgGraphs) -> FactionReport:
    """Factions in the top team: groups of executives who work together but not with the rest.

    The executive graph has one node per leader at level EXECUTIVE (in the order of
    `graphs.collaboration`) and one edge per tied pair of them, weighted by the summed
    `strength` of their parallel ties. On it:

    - components: connected components; an executive with no tie to another executive is
      *isolated*;
    - communities: Louvain (Blondel et al., 2008; fixed seed, `kernels.communities`), weighted,
      and their modularity ``Q = sum_c [L_c / m - (d_c / 2m)^2]`` with ``L_c`` the weight inside
      community ``c``, ``d_c`` its total weighted degree and ``m`` the total weight (Newman &
      Girvan, 2004; `kernels.modularity`, 0 with no ties). The *factions* are the communities
      except isolated executives;
    - densities: within = tied pairs / possible pairs inside factions, pooled over factions;
      between = tied pairs / possible pairs across two factions; the `*_strength` figures
      divide summed tie strength by the same pair counts, so that weak links count as weak;
    - bridges: executives with a tie to a member of another faction, ranked by the strength of
      those ties, then id;
    - division alignment: see `DivisionAlignment` and `ExecutiveTies`; an executive's division
      is the `division` of their unit in `graphs.units`.

    Verdict, first rule that applies (thresholds are module constants):

    - DISCONNECTED: more than one component of two or more executives, or any isolated
      executive: part of the top team has no working tie to the rest at all;
    - STRONG: two or more factions, ``Q >= 0.3`` (STRONG_MODULARITY) and between-faction tie
      strength at most 0.25 (STRONG_STRENGTH_RATIO) times the within-faction strength: groups
      that are dense inside and held together by a few weak ties;
    - WEAK: two or more factions and ``Q >= 0.1`` (WEAK_MODULARITY): groups are visible but
      well linked;
    - NONE: otherwise, one cohesive team.

    With fewer than two executives or no tie among them, `empty_reason` says so and the verdict
    is NONE (not assessed).

    Parameters
    ----------
    graphs : OrgGraphs
        The organization; `collaboration` (with leader attributes) and `units` are read.

    Returns
    -------
    FactionReport

    References
    ----------
    Blondel et al. (2008), J. Stat. Mech. P10008; Newman & Girvan (2004), Phys. Rev. E 69.
    """
    executives = _executive_graph(graphs)
    count = executives.number_of_nodes()
    empty_reason = _empty_reason(executives)
    components = _components(executives)
    isolated_ids = {str(node) for node in executives if executives.degree(node) == 0}
    parts = communities(executives, weight="weight") if count else []
    q = modularity(executives, parts, weight="weight") if count else 0.0
    q = 0.0 if abs(q) < _NOISE else q  # one community gives 0 up to rounding
    factions_of = [sorted(str(n) for n in part) for part in parts if not set(part) <= isolated_ids]
    faction_index = {member: i for i, part in enumerate(factions_of, start=1) for member in part}
    component_index = {
        member: i for i, component in enumerate(components, start=1) for member in component
    }
    divisions = {str(node): _division(graphs, node) for node in executives}
    pooled = _pooled_densities(executives, factions_of, faction_index)
    factions = tuple(
        _faction(graphs, executives, i, part, component_index, divisions)
        for i, part in enumerate(factions_of, start=1)
    )
    members = tuple(
        _executive_ties(graphs, executives, leader, faction_index, divisions)
        for leader in sorted(str(node) for node in executives)
    )
    verdict, verdict_reason = _verdict(
        executives, components, factions, q, pooled, isolated_ids, empty_reason
    )
    return FactionReport(
        organization_id=graphs.organization_id,
        version=graphs.version,
        executives=count,
        ties=executives.number_of_edges(),
        density=float(nx.density(executives)) if count > 1 else 0.0,
        components=components,
        factions=factions,
        modularity=q,
        within_density=pooled[0],
        between_density=pooled[1],
        within_strength=pooled[2],
        between_strength=pooled[3],
        links=_links(executives, factions_of, faction_index),
        bridges=_bridges(graphs, executives, faction_index),
        isolated=tuple(
            _isolated(graphs, leader, divisions[leader]) for leader in sorted(isolated_ids)
        ),
        members=members,
        alignment=_alignment(graphs, executives, factions, members, divisions),
        verdict=verdict,
        verdict_reason=verdict_reason,
        empty_reason=empty_reason,
    )


# ---- the executive graph -------------------------------------------------------------------------


def _executive_graph(graphs: OrgGraphs) -> nx.Graph:
    """Executives and their ties, parallel ties merged into one edge of summed strength."""
    collaboration = graphs.collaboration
    executives = nx.Graph()
    executives.add_nodes_from(
        node for node, level in collaboration.nodes(data="level") if level == LeaderLevel.EXECUTIVE
    )
    for a, b, strength in collaboration.edges(list(executives), data="strength", default=1.0):
        if a != b and a in executives and b in executives:
            previous = executives.get_edge_data(a, b, default={"weight": 0.0})["weight"]
            executives.add_edge(a, b, weight=previous + float(strength))
    return executives


def _empty_reason(executives: nx.Graph) -> str | None:
    count = executives.number_of_nodes()
    if count == 0:
        return "The organization has no executives (leaders at level EXECUTIVE)."
    if count == 1:
        return "The organization has one executive, so there is no top team to split."
    if executives.number_of_edges() == 0:
        return f"No collaboration ties are recorded among the {count} executives."
    return None


def _components(executives: nx.Graph) -> tuple[tuple[str, ...], ...]:
    found = [tuple(sorted(str(n) for n in c)) for c in nx.connected_components(executives)]
    return tuple(sorted(found, key=lambda c: (-len(c), c)))


def _division(graphs: OrgGraphs, leader: Hashable) -> str | None:
    unit = graphs.collaboration.nodes[leader].get("unit")
    if unit is None or unit not in graphs.units:
        return None
    division = graphs.units.nodes[unit].get("division")
    return None if division is None else str(division)


def _leader_name(graphs: OrgGraphs, leader: str) -> str:
    return str(graphs.collaboration.nodes[leader].get("name", leader))


def _unit_name(graphs: OrgGraphs, unit: str | None) -> str | None:
    if unit is None:
        return None
    return str(graphs.units.nodes[unit].get("name", unit)) if unit in graphs.units else unit


def _strength(executives: nx.Graph, edges: Iterable[tuple[Hashable, Hashable]]) -> float:
    return math.fsum(float(executives.edges[a, b]["weight"]) for a, b in edges)


def _ratio(part: float, whole: float) -> float | None:
    return part / whole if whole > 0 else None


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


# ---- factions and their densities ----------------------------------------------------------------


def _pooled_densities(
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
        _ratio(within_ties, within_pairs),
        _ratio(between_ties, between_pairs),
        _ratio(within_weight, within_pairs),
        _ratio(between_weight, between_pairs),
    )


def _faction(
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
    density = _ratio(ties, pairs)
    strength = _ratio(_strength(executives, inside.edges()), pairs)
    counted = Counter(divisions[m] for m in members if divisions[m] is not None)
    dominant = min(counted, key=lambda d: (-counted[d], d)) if counted else None
    share = counted[dominant] / len(members) if dominant is not None else 0.0
    names = tuple(_leader_name(graphs, m) for m in members)
    division_name = _unit_name(graphs, dominant)
    reason = f"Faction {index}: {_plural(len(members), 'executive')} ({', '.join(names)})"
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


def _links(
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


# ---- executives: bridges, isolated, per-executive figures ----------------------------------------


def _bridges(
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
        name = _leader_name(graphs, leader)
        factions = ", ".join(str(f) for f in sorted(reaches))
        reason = (
            f"{name} (faction {own}) links to faction{'s' if len(reaches) > 1 else ''} "
            f"{factions} through {_plural(cross_ties, 'tie')} of strength {cross:.2f}, "
            f"{share:.0%} of their tie strength in the top team."
        )
        bridges.append(
            BridgingExecutive(
                rank, leader, name, own, tuple(sorted(reaches)), cross_ties, cross, share, reason
            )
        )
    return tuple(bridges)


def _isolated(graphs: OrgGraphs, leader: str, division: str | None) -> IsolatedExecutive:
    name = _leader_name(graphs, leader)
    below = sum(1 for _ in graphs.collaboration.edges(leader))
    reason = f"{name} has no collaboration tie with any other executive"
    reason += f" ({_plural(below, 'tie')} below the top team)." if below else " nor anyone else."
    return IsolatedExecutive(leader, name, division, below, reason)


def _executive_ties(
    graphs: OrgGraphs,
    executives: nx.Graph,
    leader: str,
    faction_index: dict[str, int],
    divisions: dict[str, str | None],
) -> ExecutiveTies:
    name = _leader_name(graphs, leader)
    own_division = divisions[leader]
    own_faction = faction_index.get(leader)
    total = in_faction = in_division = 0.0
    for other, data in executives[leader].items():
        weight = float(data["weight"])
        total += weight
        if own_faction is not None and faction_index.get(str(other)) == own_faction:
            in_faction += weight
        if own_division is not None and divisions[str(other)] == own_division:
            in_division += weight
    ties = executives.degree(leader)
    faction_share = _ratio(in_faction, total)
    division_share = _ratio(in_division, total)
    division_only = division_share is not None and math.isclose(division_share, 1.0)
    division_name = _unit_name(graphs, own_division) or "no known division"
    if ties == 0:
        reason = f"{name} ({division_name}) has no tie to another executive."
    else:
        reason = (
            f"{name} ({division_name}): {_plural(ties, 'tie')} in the top team, strength "
            f"{total:.2f}; {division_share or 0.0:.0%} of it within their division"
        )
        if own_faction is not None:
            reason += f", {faction_share or 0.0:.0%} within faction {own_faction}"
        reason += " - works only with their own division's executives." if division_only else "."
    return ExecutiveTies(
        leader=leader,
        name=name,
        division=own_division,
        faction=own_faction,
        ties=ties,
        strength=total,
        within_faction_share=faction_share,
        within_division_share=division_share,
        division_only=division_only,
        reason=reason,
    )


def _alignment(
    graphs: OrgGraphs,
    executives: nx.Graph,
    factions: tuple[Faction, ...],
    members: tuple[ExecutiveTies, ...],
    divisions: dict[str, str | None],
) -> DivisionAlignment:
    known = {d for d in divisions.values() if d is not None}
    total = same = 0.0
    for a, b, weight in executives.edges(data="weight"):
        total += weight
        division = divisions[str(a)]
        if division is not None and division == divisions[str(b)]:
            same += weight
    within = _ratio(same, total)
    in_factions = sum(len(f.members) for f in factions)
    dominant = sum(f.dominant_members for f in factions)
    purity = _ratio(dominant, in_factions)
    division_only = tuple(m.leader for m in members if m.division_only)
    if within is None or purity is None:
        summary = "No ties among executives, so no alignment with divisions to measure."
    else:
        summary = (
            f"{within:.0%} of the top team's tie strength stays within a division; "
            f"{purity:.0%} of faction members belong to their faction's main division "
            f"({_plural(len(known), 'division')} among {_plural(len(divisions), 'executive')})"
        )
        if division_only:
            names = ", ".join(_leader_name(graphs, leader) for leader in division_only)
            summary += f"; working only with their own division's executives: {names}."
        else:
            summary += "; no executive works only with their own division's executives."
    return DivisionAlignment(
        divisions=len(known),
        within_division_share=within,
        faction_purity=purity,
        division_only=division_only,
        summary=summary,
    )


# ---- the verdict ---------------------------------------------------------------------------------


def _verdict(
    executives: nx.Graph,
    components: tuple[tuple[str, ...], ...],
    factions: tuple[Faction, ...],
    q: float,
    pooled: tuple[float | None, float | None, float | None, float | None],
    isolated: set[str],
    empty_reason: str | None,
) -> tuple[FactionVerdict, str]:
    if empty_reason is not None:
        return FactionVerdict.NONE, f"Not assessed: {empty_reason}"
    groups = [c for c in components if len(c) >= 2]
    if len(groups) > 1 or isolated:
        parts = []
        if len(groups) > 1:
            sizes = ", ".join(str(len(c)) for c in groups)
            parts.append(f"{len(groups)} groups of executives (sizes {sizes}) have no tie between")
        if isolated:
            verb = "has" if len(isolated) == 1 else "have"
            parts.append(
                f"{_plural(len(isolated), 'executive')} {verb} no tie to any other executive"
            )
        return FactionVerdict.DISCONNECTED, "The top team is split: " + " and ".join(parts) + "."
    within, between = pooled[2], pooled[3]
    figures = f"{_plural(len(factions), 'faction')}, modularity {q:.2f}"
    if len(factions) >= 2 and within is not None and between is not None:
        ratio = between / within if within > 0 else math.inf
        figures += (
            f", tie strength {between:.3f} per pair between factions against {within:.3f} "
            f"inside ({ratio:.0%})"
        )
        if q >= STRONG_MODULARITY and ratio <= STRONG_STRENGTH_RATIO:
            return FactionVerdict.STRONG, (
                f"Strong factions: {figures}; modularity is at least {STRONG_MODULARITY:g} and "
                f"links between factions are at most {STRONG_STRENGTH_RATIO:.0%} as strong as "
                "inside."
            )
        if q >= WEAK_MODULARITY:
            return FactionVerdict.WEAK, (
                f"Weak factions: {figures}; modularity is at least {WEAK_MODULARITY:g} but the "
                f"factions are not split enough to be strong (modularity {STRONG_MODULARITY:g} "
                f"and at most {STRONG_STRENGTH_RATIO:.0%})."
            )
    return FactionVerdict.NONE, (
        f"No factions: {figures} (below {WEAK_MODULARITY:g} or a single faction); the "
        f"{executives.number_of_nodes()} executives work as one connected team."
    )
