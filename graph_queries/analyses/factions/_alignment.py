"""Division alignment: how far the top team's ties and factions follow divisional lines.

`executive_ties` gives each executive's top-team ties with the shares that stay inside their
faction and their division (`ExecutiveTies`), and `division_alignment` sums them for the whole
team: the share of tie strength within divisions, how pure the factions are in divisions, and
the executives who work only with their own division (`DivisionAlignment`).
`executive_factions` puts them in its report.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx

from graph_queries.analyses.factions._structure import Faction
from graph_queries.analyses.metrics.ratios import ratio
from graph_queries.analyses.wording import leader_name_or_id, plural, unit_name_or_id
from graph_queries.graphs import OrgGraphs

__all__ = ["DivisionAlignment", "ExecutiveTies", "division_alignment", "executive_ties"]


# ---- results -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExecutiveTies:
    """One executive's ties inside the top team (in natural id order in the report: u2 before u10).

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


# ---- per executive and for the team --------------------------------------------------------------


def executive_ties(
    graphs: OrgGraphs,
    executives: nx.Graph,
    leader: str,
    faction_index: dict[str, int],
    divisions: dict[str, str | None],
) -> ExecutiveTies:
    name = leader_name_or_id(graphs, leader)
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
    faction_share = ratio(in_faction, total)
    division_share = ratio(in_division, total)
    division_only = division_share is not None and math.isclose(division_share, 1.0)
    division_name = (
        None if own_division is None else unit_name_or_id(graphs, own_division)
    ) or "no known division"
    if ties == 0:
        reason = f"{name} ({division_name}) has no tie to another executive."
    else:
        reason = (
            f"{name} ({division_name}): {plural(ties, 'tie')} in the top team, strength "
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


def division_alignment(
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
    within = ratio(same, total)
    in_factions = sum(len(f.members) for f in factions)
    dominant = sum(f.dominant_members for f in factions)
    purity = ratio(dominant, in_factions)
    division_only = tuple(m.leader for m in members if m.division_only)
    if within is None or purity is None:
        summary = "No ties among executives, so no alignment with divisions to measure."
    else:
        summary = (
            f"{within:.0%} of the top team's tie strength stays within a division; "
            f"{purity:.0%} of faction members belong to their faction's main division "
            f"({plural(len(known), 'division')} among {plural(len(divisions), 'executive')})"
        )
        if division_only:
            names = ", ".join(leader_name_or_id(graphs, leader) for leader in division_only)
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
