"""Each analysis's per-node and per-edge figures as plain attributes, by entity id.

Names (docs/exports.md lists them with their meaning):

- a unit: `silo_*` (its `UnitSilo` row: `silo_leaders`, `silo_ei_index`, `silo_betweenness`...),
  `conflict_*` (its `UnitHotspot` row: `conflict_rank`, `conflict_score`, `conflicts_total`,
  `conflicts_unresolved`, `conflicts_open`...), `alignment_*` (its alignment-trap row);
- a unit or a leader: `bottleneck_rank`, `bottleneck_score` and the parts of the score;
- a leader: `broker_*` (its `LeaderBrokerage` row), `faction`, `faction_*` (its row among the
  executives), `faction_bridge_rank`;
- a tie: `silo_bridge` (True when removing it cuts units off);
- a conflict: `conflict_pair_rank`, `conflict_pair_score` (the figures of its pair of units).

Figures the privacy floor withheld are simply absent.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from graph_queries.analyses.conflicts import UnitHotspot
from graph_queries.exports.results import AnalysisResults
from graph_queries.exports.values import Plain, flatten

Attributes = dict[str, Plain]
# The row's own identity is already on the node.
_IDENTITY = frozenset({"unit_id", "leader_id", "unit", "leader", "name", "title", "division"})
# Lists of records (dependency links) are tables in the CSV export, not attributes.
_LINK_LISTS = frozenset({"depends_on", "depended_on_by"})


@dataclass
class Annotations:
    """Attributes to add, by unit id, leader id, tie id and conflict id."""

    units: defaultdict[str, Attributes] = field(default_factory=lambda: defaultdict(dict))
    leaders: defaultdict[str, Attributes] = field(default_factory=lambda: defaultdict(dict))
    ties: defaultdict[str, Attributes] = field(default_factory=lambda: defaultdict(dict))
    conflicts: defaultdict[tuple[str, str], Attributes] = field(
        default_factory=lambda: defaultdict(dict)
    )

    def conflict_pair(self, unit_a: str, unit_b: str) -> Attributes:
        """The figures of the pair of units a conflict is between, in either order."""
        return self.conflicts.get(_pair(unit_a, unit_b), {})


def analysis_annotations(results: AnalysisResults) -> Annotations:
    found = Annotations()
    if (silos := results.silo_bottlenecks) is not None:
        for unit in silos.units:
            found.units[unit.unit_id].update(
                _figures(unit, "silo_", skip=_IDENTITY | _LINK_LISTS | {"note"})
            )
        for leader in silos.leaders:
            found.leaders[leader.leader_id].update(_figures(leader, "broker_", skip=_IDENTITY))
        for rank, bottleneck in enumerate(silos.bottlenecks, start=1):
            target = found.units if bottleneck.kind.value == "UNIT" else found.leaders
            target[bottleneck.id].update(
                {"bottleneck_rank": rank}
                | _figures(
                    bottleneck,
                    "bottleneck_",
                    skip=frozenset({"kind", "id", "name", "reason", "busiest_pair"}),
                )
            )
        for bridge in silos.bridges:
            for tie_id in bridge.tie_ids:
                found.ties[tie_id]["silo_bridge"] = True
    if (hotspots := results.conflict_hotspots) is not None:
        for unit_row in hotspots.units:
            found.units[unit_row.unit].update(_unit_conflicts(unit_row))
        for pair in hotspots.pairs:
            found.conflicts[_pair(pair.unit_a, pair.unit_b)].update(
                {"conflict_pair_rank": pair.rank, "conflict_pair_score": pair.figures.score}
            )
    if (factions := results.executive_factions) is not None:
        for member in factions.members:
            found.leaders[member.leader].update(
                _figures(member, "faction_", skip=_IDENTITY | {"faction", "reason"})
            )
            if member.faction is not None:
                found.leaders[member.leader]["faction"] = member.faction
        for bridging in factions.bridges:
            found.leaders[bridging.leader]["faction_bridge_rank"] = bridging.rank
    if (execution := results.execution_report) is not None:
        for row in execution.alignment_trap:
            found.units[row.unit].update(
                _figures(row, "alignment_", skip=_IDENTITY | {"reason", "signal"})
                | {"alignment_trap": row.signal}
            )
    return found


def _unit_conflicts(unit: UnitHotspot) -> Attributes:
    figures = unit.figures
    named = {
        "conflict_rank": unit.rank,
        "conflict_score": figures.score,
        "conflict_score_share": unit.score_share,
        "conflict_partners": unit.partners,
        "conflict_unresolved_share": figures.unresolved_share,
    }
    counts = {f"conflicts_{name}": count for name, count in _figures(figures.counts).items()}
    ages = _figures(figures, "conflict_", skip=frozenset({"counts", "unresolved_share", "score"}))
    attributes: Attributes = {}
    for name, value in (named | counts | ages).items():
        if value is not None:
            attributes[name] = value
    return attributes


def _figures(record: Any, prefix: str = "", skip: frozenset[str] = frozenset()) -> Attributes:
    return {
        name: value for name, value in flatten(record, prefix, skip).items() if value is not None
    }


def _pair(unit_a: str, unit_b: str) -> tuple[str, str]:
    return (unit_a, unit_b) if unit_a <= unit_b else (unit_b, unit_a)
