"""The analysis summary of one graph version: the headline figures a trend is drawn from.

A summary is small (a few numbers per unit) so that a store can keep hundreds per organization
where it could not keep hundreds of whole graphs. It keeps the counts behind every share, since
the noise test of `trend` needs them.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from graph_queries.analyses.conflicts import conflict_hotspots
from graph_queries.analyses.execution import dependency_reliability
from graph_queries.analyses.factions import FactionVerdict, executive_factions
from graph_queries.analyses.silos import DEFAULT_PATH_SAMPLE, BottleneckKind, silo_bottlenecks
from graph_queries.graphs import OrgGraphs

# The version of the stored form: a reader refuses a summary of a format it does not know.
SUMMARY_FORMAT = 1


@dataclass(frozen=True, slots=True)
class UnitSummary:
    """One unit's headline figures: `internal_ties` and `external_ties` are the collaboration
    ties behind `ei_index` and `insularity` (`silo_bottlenecks`); `bottleneck_score` is the
    unit's silo score (0.0 when it does not score) and `bottleneck_rank` its place among the
    units that score (1 = highest; None when it does not). `leaders` (direct members) decides
    the privacy floor."""

    unit_id: str
    name: str
    leaders: int
    internal_ties: int
    external_ties: int
    ei_index: float | None
    insularity: float | None
    bottleneck_score: float
    bottleneck_rank: int | None


@dataclass(frozen=True, slots=True)
class ShareCount:
    """`count` of `total` (e.g. unresolved conflicts of all conflicts); `share` is their ratio,
    None when `total` is 0."""

    count: int
    total: int
    share: float | None


@dataclass(frozen=True, slots=True)
class AnalysisSummary:
    """The headline figures of one graph version at `as_of` (the effective date of the data).

    `unresolved_conflicts` counts the conflicts unresolved at `as_of` of those raised by then
    (`conflict_hotspots`); `reliable_dependencies` the dependencies rated ALWAYS or MOSTLY
    (`dependency_reliability`); `faction_verdict`, `factions` and `modularity` come from
    `executive_factions`. Leaders' bottleneck scores are not kept: they are figures about one
    person, and a series of them would be a record of that person over time.
    """

    format: int
    organization_id: str
    version: int
    as_of: date
    units: tuple[UnitSummary, ...]
    unresolved_conflicts: ShareCount
    reliable_dependencies: ShareCount
    faction_verdict: FactionVerdict
    factions: int
    modularity: float


def analysis_summary(
    graphs: OrgGraphs, as_of: date, path_sample: int | None = DEFAULT_PATH_SAMPLE
) -> AnalysisSummary:
    """Run the silo, conflict, faction and reliability analyses on `graphs` and keep their
    headline figures (see `AnalysisSummary`).

    `path_sample` is the silo analysis's (`silo_bottlenecks`): bottleneck scores rest on
    shortest-path counts, estimated from that many sources above it. Every unit and leader
    that scores is ranked, so that no unit's score is cut off by a shorter list.
    """
    everyone = graphs.units.number_of_nodes() + graphs.reporting.number_of_nodes()
    silos = silo_bottlenecks(graphs, top=everyone, path_sample=path_sample)
    scores = [b for b in silos.bottlenecks if b.kind is BottleneckKind.UNIT]
    ranks = {b.id: rank for rank, b in enumerate(scores, start=1)}
    score_of = {b.id: b.score for b in scores}
    units = tuple(
        UnitSummary(
            unit_id=unit.unit_id,
            name=unit.name,
            leaders=unit.leaders,
            internal_ties=unit.ties.internal,
            external_ties=unit.ties.external,
            ei_index=unit.ei_index,
            insularity=unit.insularity,
            bottleneck_score=score_of.get(unit.unit_id, 0.0),
            bottleneck_rank=ranks.get(unit.unit_id),
        )
        for unit in silos.units
    )
    conflicts = conflict_hotspots(graphs, as_of=as_of, top=0).overall
    reliability = dependency_reliability(graphs).overall
    factions = executive_factions(graphs)
    return AnalysisSummary(
        format=SUMMARY_FORMAT,
        organization_id=graphs.organization_id,
        version=graphs.version,
        as_of=as_of,
        units=units,
        unresolved_conflicts=_share(conflicts.counts.unresolved, conflicts.counts.total),
        reliable_dependencies=_share(reliability.reliable, reliability.dependencies),
        faction_verdict=factions.verdict,
        factions=len(factions.factions),
        modularity=factions.modularity,
    )


def _share(count: int, total: int) -> ShareCount:
    return ShareCount(count, total, count / total if total else None)


def summary_to_json(summary: AnalysisSummary) -> str:
    """The summary as compact JSON text (dates as ISO 8601), what a store keeps."""
    plain = dataclasses.asdict(summary)
    plain["as_of"] = summary.as_of.isoformat()
    plain["faction_verdict"] = summary.faction_verdict.value
    return json.dumps(plain, separators=(",", ":"), sort_keys=True)


def summary_from_json(text: str) -> AnalysisSummary:
    """The summary `summary_to_json` wrote; ValueError for another format or a malformed one."""
    plain: dict[str, Any] = json.loads(text)
    if plain.get("format") != SUMMARY_FORMAT:
        raise ValueError(f"summary format {plain.get('format')!r} is not {SUMMARY_FORMAT}")
    try:
        return AnalysisSummary(
            format=SUMMARY_FORMAT,
            organization_id=plain["organization_id"],
            version=plain["version"],
            as_of=date.fromisoformat(plain["as_of"]),
            units=tuple(UnitSummary(**unit) for unit in plain["units"]),
            unresolved_conflicts=ShareCount(**plain["unresolved_conflicts"]),
            reliable_dependencies=ShareCount(**plain["reliable_dependencies"]),
            faction_verdict=FactionVerdict(plain["faction_verdict"]),
            factions=plain["factions"],
            modularity=plain["modularity"],
        )
    except (KeyError, TypeError) as error:
        raise ValueError(f"malformed summary: {error}") from error
