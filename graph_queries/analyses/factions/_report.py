"""The faction report: `executive_factions`, its arguments, the report and the verdict."""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import dataclass
from enum import StrEnum

import networkx as nx

from graph_queries.analyses.factions._alignment import (
    DivisionAlignment,
    ExecutiveTies,
    division_alignment,
    executive_ties,
)
from graph_queries.analyses.factions._executive_graph import (
    components_of,
    division_of,
    executive_graph,
    thin_team_reason,
)
from graph_queries.analyses.factions._structure import (
    BridgingExecutive,
    Faction,
    FactionLink,
    IsolatedExecutive,
    bridging_executives,
    describe_faction,
    faction_links,
    isolated_executive,
    pooled_densities,
)
from graph_queries.analyses.metrics.kernels import communities, modularity
from graph_queries.analyses.wording import plural
from graph_queries.graphs import OrgGraphs
from graph_queries.layers import leader_groups, restrict_ties
from graph_queries.natural_order import natural_sorted

__all__ = [
    "STRONG_MODULARITY",
    "STRONG_STRENGTH_RATIO",
    "WEAK_MODULARITY",
    "FactionArguments",
    "FactionReport",
    "FactionVerdict",
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


@dataclass(frozen=True, slots=True)
class FactionArguments:
    """The arguments of `executive_factions` (the tie kinds read; it reads the whole top team);
    also its cache key."""

    kinds: frozenset[str] | None = None
    group_by: str | None = None


# ---- results -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FactionReport:
    """The factions of an organization's top team, with the verdict (`executive_factions`
    defines every figure).

    `components` are the connected components of the executive graph (ids sorted, largest
    first, isolated executives included as components of one). The pooled densities are over
    factions: `within_*` over member pairs of the same faction, `between_*` over pairs of
    members of different factions (isolated executives are left out of both); `*_density` is
    the share of those pairs tied, `*_strength` the tie strength per pair. `grouped_by` is
    the leader attribute the alignment compares with, in place of divisions (None: divisions).
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
    grouped_by: str | None = None


# ---- the analysis --------------------------------------------------------------------------------


def executive_factions(
    graphs: OrgGraphs,
    *,
    communities_found: list[set[str]] | None = None,
    kinds: frozenset[str] | None = None,
    group_by: str | None = None,
) -> FactionReport:
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
    communities_found : list of sets, optional
        The Louvain communities of this executive graph (by leader id, in the order of
        `kernels.communities`) computed elsewhere, e.g. in the database
        (`stores.neo4j_gds`); used instead of computing them here.

    Returns
    -------
    FactionReport

    References
    ----------
    Blondel et al. (2008), J. Stat. Mech. P10008; Newman & Girvan (2004), Phys. Rev. E 69.
    """
    graphs = restrict_ties(graphs, kinds)
    executives = executive_graph(graphs)
    count = executives.number_of_nodes()
    empty_reason = thin_team_reason(executives)
    components = components_of(executives)
    isolated_ids = {str(node) for node in executives if executives.degree(node) == 0}
    parts: list[set[Hashable]] = (
        [set(part) for part in communities_found]
        if communities_found is not None
        else communities(executives, weight="weight")
        if count
        else []
    )
    q = modularity(executives, parts, weight="weight") if count else 0.0
    q = 0.0 if abs(q) < _NOISE else q  # one community gives 0 up to rounding
    factions_of = [
        natural_sorted(str(n) for n in part) for part in parts if not set(part) <= isolated_ids
    ]
    faction_index = {member: i for i, part in enumerate(factions_of, start=1) for member in part}
    component_index = {
        member: i for i, component in enumerate(components, start=1) for member in component
    }
    if group_by is None:
        divisions = {str(node): division_of(graphs, node) for node in executives}
    else:  # the executives' values of a custom attribute stand for their divisions
        values = leader_groups(graphs, group_by)
        divisions = {str(node): values.get(str(node)) for node in executives}
    pooled = pooled_densities(executives, factions_of, faction_index)
    factions = tuple(
        describe_faction(graphs, executives, i, part, component_index, divisions)
        for i, part in enumerate(factions_of, start=1)
    )
    members = tuple(
        executive_ties(graphs, executives, leader, faction_index, divisions)
        for leader in natural_sorted(str(node) for node in executives)
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
        links=faction_links(executives, factions_of, faction_index),
        bridges=bridging_executives(graphs, executives, faction_index),
        isolated=tuple(
            isolated_executive(graphs, leader, divisions[leader])
            for leader in natural_sorted(isolated_ids)
        ),
        members=members,
        alignment=division_alignment(graphs, executives, factions, members, divisions),
        verdict=verdict,
        verdict_reason=verdict_reason,
        empty_reason=empty_reason,
        grouped_by=group_by,
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
                f"{plural(len(isolated), 'executive')} {verb} no tie to any other executive"
            )
        return FactionVerdict.DISCONNECTED, "The top team is split: " + " and ".join(parts) + "."
    within, between = pooled[2], pooled[3]
    figures = f"{plural(len(factions), 'faction')}, modularity {q:.2f}"
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
    team = f"the {executives.number_of_nodes()} executives work as one connected team"
    if len(factions) >= 2:
        # Louvain splits almost any graph; below the threshold the split is not a faction line.
        return FactionVerdict.NONE, (
            f"No factions: the best split found ({figures}) is below modularity "
            f"{WEAK_MODULARITY:g}; {team}."
        )
    return FactionVerdict.NONE, f"No factions: {figures}; {team}."
