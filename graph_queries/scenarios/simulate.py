"""`simulate`: the execution report before and after hypothetical changes, and what differs.

The "after" organization is analysed by the same functions as the "before" one, with the same
path sample, so every difference is the changes' own (Valente, 2012, on network interventions:
the effect of adding, removing or rewiring ties is read on the network as a whole, not on the
tie alone). An analysis whose inputs no change touches is not run again but reused
(`Aspect`): the silo analysis (the costly one: shortest paths) after changes to conflicts only,
the conflict hotspots when no conflict changes, the executive factions when no executive's ties
or unit change. The dependency reliability and alignment-trap figures are linear and always
recomputed. After changes to dependencies or conflicts only, the graphs of units, leaders and
ties are kept and only the changed graph is built again (`changed_graphs`).

`baseline` computes the "before" once; a service keeps it per graph version and passes it to
every simulation of that version.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from graph_queries.analyses.conflicts import HotspotReport, conflict_hotspots
from graph_queries.analyses.execution import ExecutionReport, execution_report
from graph_queries.analyses.factions import FactionReport, executive_factions
from graph_queries.analyses.silos import DEFAULT_PATH_SAMPLE, SiloReport, silo_bottlenecks
from graph_queries.graphs import OrgGraphs, build_graphs
from graph_queries.model import KINDS, OrgSnapshot
from graph_queries.scenarios.apply import AppliedChange, Scenario, apply_scenario
from graph_queries.scenarios.changes import Change
from graph_queries.scenarios.diff import (
    FactionShift,
    SimulationDiff,
    UnitRef,
    bottleneck_shifts,
    coverage_shifts,
    faction_shift,
    hotspot_shifts,
    reliability_shift,
    trap_switches,
    unit_ei_shifts,
)
from graph_queries.scenarios.plans import Aspect
from graph_queries.scenarios.summary import summarize

__all__ = ["DIFF_LIMIT", "Baseline", "Simulation", "baseline", "simulate"]

# Bottleneck and hotspot moves listed at most (the largest first).
DIFF_LIMIT = 20
# The aspects each reusable analysis reads.
SILO_INPUTS = frozenset({Aspect.TIES, Aspect.MEMBERS, Aspect.DEPENDENCIES})
HOTSPOT_INPUTS = frozenset({Aspect.CONFLICTS})
FACTION_INPUTS = frozenset({Aspect.EXECUTIVES})
# Changes touching only these leave the unit, leader and tie graphs as they were.
PARTIAL_GRAPHS = frozenset({Aspect.DEPENDENCIES, Aspect.CONFLICTS})


@dataclass(frozen=True)
class Baseline:
    """An organization's analyses at `as_of`, complete enough to compare: the silo report ranks
    every bottleneck and the hotspot report lists every pair; `report` is the execution report
    keeping the `top` of each, as `execution_report` gives it."""

    organization_id: str
    version: int
    as_of: date
    top: int
    path_sample: int | None
    kinds: frozenset[str] | None
    graphs: OrgGraphs
    silos: SiloReport
    hotspots: HotspotReport
    factions: FactionReport
    report: ExecutionReport


@dataclass(frozen=True, slots=True)
class Simulation:
    """The execution report `before` and `after` the `changes`, the `differences`, the ids of
    the entities that exist only in the simulation (`hypothetical`) and the analyses that ran
    again on the changed organization (`recomputed`; the others were reused).

    `graphs_before` and `graphs_after` are the graphs both sides were analysed on: any other
    analysis can run on the "after" organization, and a privacy floor counts each unit's
    leaders on the side a figure describes. They are left out of equality and repr."""

    before: ExecutionReport
    after: ExecutionReport
    differences: SimulationDiff
    changes: tuple[AppliedChange, ...]
    hypothetical: tuple[str, ...]
    recomputed: tuple[str, ...]
    graphs_before: OrgGraphs = field(compare=False, repr=False)
    graphs_after: OrgGraphs = field(compare=False, repr=False)


def baseline(
    snapshot: OrgSnapshot,
    as_of: date,
    *,
    top: int = 5,
    path_sample: int | None = DEFAULT_PATH_SAMPLE,
    kinds: frozenset[str] | None = None,
) -> Baseline:
    """The analyses of `snapshot` that `simulate` compares against."""
    arguments = _Arguments(as_of, top, path_sample, kinds)
    return _analysed(build_graphs(snapshot), arguments, None, frozenset(Aspect))


def simulate(
    snapshot: OrgSnapshot,
    changes: Sequence[Change],
    as_of: date,
    *,
    top: int = 5,
    path_sample: int | None = DEFAULT_PATH_SAMPLE,
    kinds: frozenset[str] | None = None,
    before: Baseline | None = None,
    limit: int = DIFF_LIMIT,
) -> Simulation:
    """Apply `changes` to a copy of `snapshot` (`apply_scenario`: ValidationFailed names every
    problem) and compare the execution reports at `as_of` of both organizations.

    `top`, `path_sample` and `kinds` (the layer of ties read) are those of `execution_report`.
    `before`, when given, is `baseline(snapshot, as_of, ...)` with the same arguments, computed
    earlier (ValueError if it was computed for another organization, version or arguments).
    `limit` bounds the bottleneck and hotspot moves listed. Nothing is written and `snapshot` is
    left as it was.
    """
    if limit < 0:
        raise ValueError(f"limit must be 0 or more, not {limit}")
    scenario = apply_scenario(snapshot, changes)
    arguments = _Arguments(as_of, top, path_sample, kinds)
    if before is None:
        before = _analysed(build_graphs(snapshot), arguments, None, frozenset(Aspect))
    else:
        _check_baseline(before, snapshot, arguments)
    aspects = scenario.aspects()
    after_graphs = changed_graphs(before.graphs, scenario.snapshot, aspects)
    after = _analysed(after_graphs, arguments, before, aspects)
    recomputed = [
        name
        for name, inputs in (
            ("silo_bottlenecks", SILO_INPUTS),
            ("conflict_hotspots", HOTSPOT_INPUTS),
            ("executive_factions", FACTION_INPUTS),
        )
        if inputs & aspects
    ]
    return Simulation(
        before=before.report,
        after=after.report,
        differences=compare(before, after, scenario, limit),
        changes=scenario.applied,
        hypothetical=tuple(sorted(scenario.hypothetical)),
        recomputed=tuple(recomputed),
        graphs_before=before.graphs,
        graphs_after=after.graphs,
    )


def compare(before: Baseline, after: Baseline, scenario: Scenario, limit: int) -> SimulationDiff:
    """Every difference between the two sides, and the summary saying it."""
    merged_into = {  # a merge's units: the merged one, then the one it joined
        change.units[0]: change.units[1]
        for change in scenario.applied
        if change.change == "mergeUnits"
    }
    for unit in merged_into:  # a unit merged into one merged further ends in the last one
        while merged_into[unit] in merged_into:
            merged_into[unit] = merged_into[merged_into[unit]]
    touched = list(dict.fromkeys(unit for change in scenario.applied for unit in change.units))
    trapped_before = tuple(UnitRef(u.unit, u.name) for u in before.report.alignment_trap)
    trapped_after = tuple(UnitRef(u.unit, u.name) for u in after.report.alignment_trap)
    switched_on, switched_off = trap_switches(trapped_before, trapped_after)
    factions: FactionShift = faction_shift(before.factions, after.factions)
    diff = SimulationDiff(
        bottlenecks=tuple(bottleneck_shifts(before.silos, after.silos, limit)),
        coverage=tuple(coverage_shifts(before.silos, after.silos, before.graphs, after.graphs)),
        factions=factions,
        reliability=reliability_shift(before.report.reliability, after.report.reliability),
        alignment_trap_on=switched_on,
        alignment_trap_off=switched_off,
        units=tuple(unit_ei_shifts(before.silos, after.silos, touched, merged_into)),
        hotspots=tuple(hotspot_shifts(before.hotspots, after.hotspots, limit)),
        estimated=not (before.silos.path_counting.exact and after.silos.path_counting.exact),
        summary=(),
    )
    return replace(diff, summary=summarize(diff, scenario.applied, before.graphs, after.graphs))


def changed_graphs(
    graphs: OrgGraphs, changed: OrgSnapshot, aspects: frozenset[Aspect]
) -> OrgGraphs:
    """The graphs of `changed`, the organization of `graphs` after changes touching `aspects`.

    Changes to dependencies or conflicts only leave the units, leaders and ties as they were:
    those graphs are kept and only the dependency or conflict graph is built again (from the
    units and that table alone, as `build_graphs` builds it); no change at all keeps `graphs`.
    Otherwise every graph is built.
    """
    if not aspects:
        return graphs
    if not aspects <= PARTIAL_GRAPHS:
        return build_graphs(changed)
    dependencies = Aspect.DEPENDENCIES in aspects
    conflicts = Aspect.CONFLICTS in aspects
    partial = build_graphs(
        OrgSnapshot(
            changed.organization,
            changed.version,
            units=changed.units,
            dependencies=changed.dependencies if dependencies else {},
            conflicts=changed.conflicts if conflicts else {},
        )
    )
    return replace(
        graphs,
        dependencies=partial.dependencies if dependencies else graphs.dependencies,
        conflicts=partial.conflicts if conflicts else graphs.conflicts,
        counts={KINDS[kind].collection: count for kind, count in changed.counts().items()},
    )


@dataclass(frozen=True, slots=True)
class _Arguments:
    as_of: date
    top: int
    path_sample: int | None
    kinds: frozenset[str] | None


def _analysed(
    graphs: OrgGraphs, arguments: _Arguments, reuse: Baseline | None, touched: frozenset[Aspect]
) -> Baseline:
    """The analyses of `graphs`, taking from `reuse` those whose inputs are not `touched`."""
    as_of, top = arguments.as_of, arguments.top
    path_sample, kinds = arguments.path_sample, arguments.kinds
    if reuse is not None and not SILO_INPUTS & touched:
        silos = reuse.silos
    else:
        everyone = graphs.units.number_of_nodes() + graphs.reporting.number_of_nodes()
        # Every bottleneck ranked, so that a rank can be compared far down the list; only the
        # first `top` name their busiest pair, as in the execution report.
        silos = silo_bottlenecks(
            graphs, top=everyone, path_sample=path_sample, kinds=kinds, busiest_pairs=top
        )
    if reuse is not None and not HOTSPOT_INPUTS & touched:
        hotspots = reuse.hotspots
    else:
        pairs = graphs.conflicts.number_of_edges() + graphs.units.number_of_nodes()
        hotspots = conflict_hotspots(graphs, as_of=as_of, top=pairs)
    if reuse is not None and not FACTION_INPUTS & touched:
        factions = reuse.factions
    else:
        factions = executive_factions(graphs, kinds=kinds)
    report = execution_report(
        graphs,
        as_of,
        top,
        path_sample=path_sample,
        kinds=kinds,
        silos=silos,
        hotspots=hotspots,
        factions=factions,
    )
    return Baseline(
        graphs.organization_id,
        graphs.version,
        as_of,
        top,
        path_sample,
        kinds,
        graphs,
        silos,
        hotspots,
        factions,
        report,
    )


def _check_baseline(before: Baseline, snapshot: OrgSnapshot, arguments: _Arguments) -> None:
    expected = (snapshot.organization.id, snapshot.version, arguments)
    found = (
        before.organization_id,
        before.version,
        _Arguments(before.as_of, before.top, before.path_sample, before.kinds),
    )
    if found != expected:
        raise ValueError(
            f"the baseline is of (organization, version, arguments) {found}, the simulation "
            f"asks for {expected}"
        )
