"""The privacy floor over plain analysis results: no figures about a group of fewer than k people.

Pure functions shared by the API (`schema/privacy.py`, which looks up how many leaders each named
unit has) and the exports (`graph_queries/exports`, which count them in the graphs). Each returns
a copy with the small groups left out and how many it left out; docs/security.md#privacy-floor
lists what is withheld and why. `unit_leaders` maps a unit id to its direct members; a unit it
does not name counts as having none.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

from graph_queries.analyses.directed import DirectedReport
from graph_queries.analyses.execution import ExecutionReport
from graph_queries.analyses.factions import FactionReport
from graph_queries.analyses.silos import Bottleneck, BottleneckKind, SiloReport
from graph_queries.analyses.trends import AnalysisSummary
from graph_queries.analyses.unit_network import UnitNetwork
from graph_queries.formats.metadata import EMAIL, MEETING
from graph_queries.graphs import OrgGraphs
from graph_queries.scenarios import AddLiaison, AddTie, Recommendations, Simulation
from graph_queries.scenarios.summary import summarize

# Tie kinds read from calendars and e-mail headers: figures over them get the higher floor.
METADATA_KINDS = frozenset({MEETING, EMAIL})
TRAP_HEADLINE = "Alignment trap in "
WORST_BOTTLENECK_HEADLINE = "Worst bottleneck: "


def min_group_for(declared_kinds: Iterable[str], min_group: int, min_group_metadata: int) -> int:
    """The floor of analyses over every tie of an organization declaring `declared_kinds`.

    >>> min_group_for(["advice", "meeting"], 5, 10)
    10
    """
    return max(min_group, min_group_metadata) if METADATA_KINDS & set(declared_kinds) else min_group


def unit_leaders(graphs: OrgGraphs) -> dict[str, int]:
    """How many leaders each unit has as direct members (every unit, 0 included)."""
    counts = dict.fromkeys(graphs.units, 0)
    for _leader, unit in graphs.reporting.nodes(data="unit"):
        if unit in counts:
            counts[unit] += 1
    return counts


def unit_bottleneck_ids(bottlenecks: list[Bottleneck]) -> list[str]:
    return [b.id for b in bottlenecks if b.kind is BottleneckKind.UNIT]


def floor_silo_report(
    report: SiloReport, k: int, unit_leaders: Mapping[str, int]
) -> tuple[SiloReport, int]:
    small = {unit.unit_id for unit in report.units if unit.leaders < k}
    small |= {u for u in unit_bottleneck_ids(report.bottlenecks) if unit_leaders.get(u, 0) < k}
    groups = [group for group in report.groups if group.leaders >= k]
    if not small and len(groups) == len(report.groups):
        return report, 0
    floored = dataclasses.replace(
        report,
        units=[unit for unit in report.units if unit.unit_id not in small],
        bottlenecks=_without_units(report.bottlenecks, small),
        groups=groups,
    )
    return floored, len(small) + len(report.groups) - len(groups)


def floor_summaries(summaries: list[AnalysisSummary], k: int) -> tuple[list[AnalysisSummary], int]:
    """The snapshots' summaries without the rows of units that had fewer than `k` leaders at
    that snapshot (their tie figures and score describe those few people), so a trend has no
    point of theirs and no change to or from one; the count is of distinct units withheld."""
    small = {(i, u.unit_id) for i, s in enumerate(summaries) for u in s.units if u.leaders < k}
    if not small:
        return summaries, 0
    floored = [
        dataclasses.replace(s, units=tuple(u for u in s.units if (i, u.unit_id) not in small))
        for i, s in enumerate(summaries)
    ]
    return floored, len({unit for _i, unit in small})


def floor_directed_report(report: DirectedReport, k: int) -> tuple[DirectedReport, int]:
    kept = tuple(group for group in report.groups if group.leaders >= k)
    if len(kept) == len(report.groups):
        return report, 0
    return dataclasses.replace(report, groups=kept), len(report.groups) - len(kept)


def floor_faction_report(report: FactionReport, k: int) -> tuple[FactionReport, int]:
    small = {f.index for f in report.factions if len(f.members) < k}
    components = tuple(c for c in report.components if len(c) >= k)
    if not small and len(components) == len(report.components):
        return report, 0
    members = tuple(
        dataclasses.replace(
            m,
            faction=None,
            within_faction_share=None,
            reason=f"{m.name}: faction figures withheld (privacy floor)",
        )
        if m.faction in small
        else m
        for m in report.members
    )
    floored = dataclasses.replace(
        report,
        components=components,
        factions=tuple(f for f in report.factions if f.index not in small),
        links=tuple(link for link in report.links if not {link.faction_a, link.faction_b} & small),
        bridges=tuple(
            dataclasses.replace(b, reaches=tuple(r for r in b.reaches if r not in small))
            for b in report.bridges
            if b.faction not in small
        ),
        members=members,
    )
    return floored, len(small) + len(report.components) - len(components)


def execution_unit_ids(report: ExecutionReport) -> list[str]:
    """The units the execution report gives group figures of (the floor looks at these)."""
    return [row.unit for row in report.alignment_trap] + unit_bottleneck_ids(report.bottlenecks)


def floor_execution_report(
    report: ExecutionReport, k: int, unit_leaders: Mapping[str, int]
) -> tuple[ExecutionReport, int]:
    trapped = [row.unit for row in report.alignment_trap]
    small = {u for u in execution_unit_ids(report) if unit_leaders.get(u, 0) < k}
    if not small:
        return report, 0
    headlines = list(report.headlines)
    # Headlines name the trapped units and the worst bottleneck, small ones too: left out
    # rather than rewritten.
    if small & set(trapped):
        headlines = [h for h in headlines if not h.startswith(TRAP_HEADLINE)]
    if report.bottlenecks and report.bottlenecks[0].id in small:
        headlines = [h for h in headlines if not h.startswith(WORST_BOTTLENECK_HEADLINE)]
    floored = dataclasses.replace(
        report,
        alignment_trap=[row for row in report.alignment_trap if row.unit not in small],
        bottlenecks=_without_units(report.bottlenecks, small),
        headlines=headlines,
    )
    return floored, len(small)


def _without_units(bottlenecks: list[Bottleneck], small: set[str]) -> list[Bottleneck]:
    return [b for b in bottlenecks if not (b.kind is BottleneckKind.UNIT and b.id in small)]


def floor_unit_network_report(report: UnitNetwork, k: int) -> tuple[UnitNetwork, int]:
    """The unit network without the tie figures of links touching a unit of fewer than `k`
    people (links with dependencies stay: they join units, not people; links of ties alone
    go). Every small unit counts as withheld: even its absent links would tell that its few
    people have no ties to a unit."""
    small = {unit.id for unit in report.units if unit.people < k}
    if not small:
        return report, 0
    links = []
    for link in report.links:
        if not {link.unit_a, link.unit_b} & small:
            links.append(link)
        elif link.dependencies:
            links.append(dataclasses.replace(link, ties=None, tie_strength=None))
    return dataclasses.replace(report, links=tuple(links)), len(small)


def floor_simulation(simulation: Simulation, k: int) -> tuple[Simulation, int]:
    """A simulation without the figures of units of fewer than `k` leaders, and how many units
    it left out.

    Each execution report is floored as `floor_execution_report` does, with the units' leaders
    counted on its own side (a merge or a liaison changes them). In the differences, a unit
    under `k` on either side loses its E-I row, its unit bottleneck moves and its alignment-trap
    switches: the figures describe that unit's few people whichever side they come from. The
    summary is written again from what is left, so no sentence cites a withheld figure.
    """
    before_leaders = unit_leaders(simulation.graphs_before)
    after_leaders = unit_leaders(simulation.graphs_after)
    before, _ = floor_execution_report(simulation.before, k, before_leaders)
    after, _ = floor_execution_report(simulation.after, k, after_leaders)
    small = {u for u, n in before_leaders.items() if n < k}
    small |= {u for u, n in after_leaders.items() if n < k}
    diff = simulation.differences
    withheld = {u for u in execution_unit_ids(simulation.before) if before_leaders.get(u, 0) < k}
    withheld |= {u for u in execution_unit_ids(simulation.after) if after_leaders.get(u, 0) < k}
    withheld |= small & {
        *(s.id for s in diff.bottlenecks if s.kind is BottleneckKind.UNIT),
        *(row.unit for row in diff.units),
        *(ref.unit for ref in (*diff.alignment_trap_on, *diff.alignment_trap_off)),
    }
    if not withheld:
        return simulation, 0
    floored = dataclasses.replace(
        diff,
        bottlenecks=tuple(
            s for s in diff.bottlenecks if not (s.kind is BottleneckKind.UNIT and s.id in small)
        ),
        units=tuple(row for row in diff.units if row.unit not in small),
        alignment_trap_on=tuple(ref for ref in diff.alignment_trap_on if ref.unit not in small),
        alignment_trap_off=tuple(ref for ref in diff.alignment_trap_off if ref.unit not in small),
    )
    summary = summarize(
        floored, simulation.changes, simulation.graphs_before, simulation.graphs_after
    )
    floored = dataclasses.replace(floored, summary=summary)
    result = dataclasses.replace(simulation, before=before, after=after, differences=floored)
    return result, len(withheld)


def floor_recommendations(
    found: Recommendations, k: int, graphs: OrgGraphs, factions: FactionReport | None = None
) -> tuple[Recommendations, int]:
    """Recommendations without the figures the analyses withhold, and how many groups caused it.

    Two figures of a recommendation describe a group: the score of a unit bottleneck
    (LOWER_WORST_BOTTLENECK's target; `graphs` counts its leaders) and, for CONNECT_FACTIONS,
    that the people tied sit in different factions of the top team (`factions`: the report the
    search started from). Under `k` the silo and faction analyses withhold both, so here a unit
    target takes every recommendation, the `target` and the `start` figure with it, and a tie
    naming an executive of a faction of fewer than `k` (one tied to no other executive is a
    faction of one) is withheld with every recommendation after it, since each is measured on
    top of the ones before. People and their units are named as every analysis names them.
    """
    target = found.target
    unit = target.id if target is not None and target.kind is BottleneckKind.UNIT else None
    if unit is not None and unit_leaders(graphs).get(unit, 0) < k:
        return dataclasses.replace(found, start=None, target=None, recommendations=()), 1
    if factions is None:
        return found, 0
    faction_of = {member: f.index for f in factions.factions for member in f.members}
    small = {f.index for f in factions.factions if len(f.members) < k}
    for position, recommendation in enumerate(found.recommendations):
        people = {person for change in recommendation.changes for person in tied_leaders(change)}
        groups = {faction_of.get(person, -1) for person in people}
        if withheld := {group for group in groups if group in small or group == -1}:
            kept = found.recommendations[:position]
            return dataclasses.replace(found, recommendations=kept), len(withheld)
    return found, 0


def tied_leaders(change: AddTie | AddLiaison) -> tuple[str, ...]:
    """The existing leaders a recommended change ties."""
    if isinstance(change, AddLiaison):
        return change.ties_to
    return (change.leader_a_id, change.leader_b_id)
