"""The execution report: one summary of an organization for its leadership team."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from graph_queries.analyses.conflicts import (
    BenchmarkComparison,
    HotspotReport,
    PairHotspot,
    conflict_hotspots,
)
from graph_queries.analyses.execution._signals import (
    AlignmentTrapUnit,
    ReliabilityReport,
    alignment_trap,
    dependency_reliability,
)
from graph_queries.analyses.factions import FactionReport, FactionVerdict, executive_factions
from graph_queries.analyses.silos import (
    DEFAULT_PATH_SAMPLE,
    Bottleneck,
    PathCounting,
    SiloReport,
    silo_bottlenecks,
)
from graph_queries.graphs import OrgGraphs
from graph_queries.layers import restrict_ties

__all__ = ["ExecutionArguments", "ExecutionReport", "execution_report"]


@dataclass(frozen=True, slots=True)
class ExecutionArguments:
    """The arguments of `execution_report`, by name; also its cache key."""

    as_of: date
    top: int = 5
    path_sample: int | None = DEFAULT_PATH_SAMPLE
    kinds: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class ExecutionReport:
    """The worst bottlenecks and hotspots, the faction verdict, reliable dependencies and the
    alignment-trap signal. `headlines` says the same in a few sentences, worst first; every item
    below carries the figures behind it."""

    organization_id: str
    version: int
    as_of: date
    headlines: list[str]
    bottlenecks: list[Bottleneck]
    hotspots: list[PairHotspot]
    outcome_mix: BenchmarkComparison
    faction_verdict: FactionVerdict
    faction_reason: str
    reliability: ReliabilityReport
    alignment_trap: list[AlignmentTrapUnit]
    empty_reason: str | None
    path_counting: PathCounting


def execution_report(
    graphs: OrgGraphs,
    as_of: date,
    top: int = 5,
    *,
    path_sample: int | None = DEFAULT_PATH_SAMPLE,
    kinds: frozenset[str] | None = None,
    silos: SiloReport | None = None,
    hotspots: HotspotReport | None = None,
    factions: FactionReport | None = None,
) -> ExecutionReport:
    """Run every analysis on `graphs` at `as_of` and keep the `top` items of each.

    `path_sample` and `path_counting`: as in `silo_bottlenecks`, whose bottlenecks these are.

    `kinds` restricts every part to the ties of those kinds (None: every tie).

    `silos`, `hotspots` and `factions` are reports already computed on the same graphs with
    the same `kinds`, `path_sample` and `as_of` and at least `top` items, reused instead of
    running those analyses again (an export that carries all of them runs each once).

    `alignment_trap` lists only the units where the signal is on (see
    `alignment_trap`). An organization with no units gets `empty_reason`.
    """
    graphs = restrict_ties(graphs, kinds)
    if silos is None:
        silos = silo_bottlenecks(graphs, top=top, path_sample=path_sample)
    if hotspots is None:
        hotspots = conflict_hotspots(graphs, as_of=as_of, top=top)
    if factions is None:
        factions = executive_factions(graphs)
    worst_bottlenecks, worst_hotspots = silos.bottlenecks[:top], hotspots.pairs[:top]
    reliability = dependency_reliability(graphs)
    trapped = [unit for unit in alignment_trap(graphs, as_of).units if unit.signal]

    headlines: list[str] = []
    if worst_bottlenecks:
        headlines.append(f"Worst bottleneck: {worst_bottlenecks[0].reason}")
    if worst_hotspots:
        headlines.append(f"Worst conflict hotspot: {worst_hotspots[0].reason}")
    if factions.empty_reason is None:
        headlines.append(f"Executive team: {factions.verdict_reason}")
    if reliability.overall.share is not None:
        headlines.append(reliability.overall.reason)
    if trapped:
        names = ", ".join(unit.name for unit in trapped[:3])
        more = f" and {len(trapped) - 3} more" if len(trapped) > 3 else ""
        headlines.append(
            f"Alignment trap in {len(trapped)} unit(s) ({names}{more}): ties run up and down "
            "the reporting line while cross-unit conflicts stay unresolved."
        )
    if hotspots.benchmark.p_value is not None:
        headlines.append(hotspots.benchmark.verdict)

    return ExecutionReport(
        organization_id=graphs.organization_id,
        version=graphs.version,
        as_of=as_of,
        headlines=headlines,
        bottlenecks=list(worst_bottlenecks),
        hotspots=list(worst_hotspots),
        outcome_mix=hotspots.benchmark,
        faction_verdict=factions.verdict,
        faction_reason=factions.verdict_reason,
        reliability=reliability,
        alignment_trap=trapped,
        empty_reason=None if graphs.units.number_of_nodes() else "The organization has no units.",
        path_counting=silos.path_counting,
    )
