"""The plain-language summary of a simulation: one sentence per difference, biggest first.

Order: dependent units that gain or lose their only go-between (a change in who coordinates
two units), then bottleneck scores by the size of their move, executive factions, the share of
reliable dependencies, the alignment-trap signal, the E-I index of the units the changes touch,
conflict hotspots, and last a note when betweenness was estimated from a sample.
"""

from __future__ import annotations

from graph_queries.analyses.silos import BottleneckKind, Coverage
from graph_queries.analyses.wording import join_and, percent
from graph_queries.graphs import OrgGraphs
from graph_queries.scenarios.apply import AppliedChange
from graph_queries.scenarios.diff import (
    BottleneckShift,
    CoverageShift,
    SimulationDiff,
    UnitEiShift,
)

__all__ = ["BOTTLENECK_SENTENCES", "possessive", "summarize", "two_figures"]

# The summary names this many bottleneck moves besides those of go-betweens; the list has all.
BOTTLENECK_SENTENCES = 5


def two_figures(before: float, after: float) -> tuple[str, str]:
    """Both figures with 2 decimals, or with as many more (up to 6) as it takes to tell them
    apart."""
    for places in range(2, 7):
        shown = f"{before:.{places}f}", f"{after:.{places}f}"
        if shown[0] != shown[1]:
            return shown
    return f"{before:.6f}", f"{after:.6f}"


def summarize(
    diff: SimulationDiff,
    applied: tuple[AppliedChange, ...],
    before: OrgGraphs,
    after: OrgGraphs,
) -> tuple[str, ...]:
    """The sentences, from the figures of `diff` and the names in the graphs of both sides."""
    sentences: list[str] = []
    cited: set[str] = set()
    moves = {s.id: s for s in diff.bottlenecks if s.kind is BottleneckKind.LEADER}
    for coverage in diff.coverage:
        sentence, brokers = _coverage_sentence(coverage, applied, before, after)
        if sentence is None:
            continue
        for broker in brokers:
            if broker in moves:
                sentence += f": {_score_move(moves[broker])}"
                cited.add(broker)
        sentences.append(sentence + ".")
    others = [
        shift
        for shift in diff.bottlenecks
        if shift.kind is not BottleneckKind.LEADER or shift.id not in cited
    ]
    sentences += [_score_move(shift) + "." for shift in others[:BOTTLENECK_SENTENCES]]
    factions = diff.factions
    if (factions.factions_before, factions.verdict_before) != (
        factions.factions_after,
        factions.verdict_after,
    ) or (factions.merged or factions.split):
        # Members crossing both ways regroup the factions, whatever their count does.
        what = (
            "regroup"
            if factions.merged and factions.split
            else "merge"
            if factions.merged
            else "split"
            if factions.split
            else "change"
        )
        q_before, q_after = two_figures(factions.modularity_before, factions.modularity_after)
        sentences.append(
            f"Executive factions {what}: {factions.factions_before} -> {factions.factions_after} "
            f"factions, verdict {factions.verdict_before.value} -> {factions.verdict_after.value}, "
            f"modularity {q_before} -> {q_after}."
        )
    reliability = diff.reliability
    if (reliability.reliable_before, reliability.dependencies_before) != (
        reliability.reliable_after,
        reliability.dependencies_after,
    ):
        sentences.append(
            "Reliable dependencies: "
            f"{_share(reliability.reliable_before, reliability.dependencies_before)} -> "
            f"{_share(reliability.reliable_after, reliability.dependencies_after)}."
        )
    if diff.alignment_trap_off:
        names = join_and([ref.name for ref in diff.alignment_trap_off])
        sentences.append(f"The alignment-trap signal switches off in {names}.")
    if diff.alignment_trap_on:
        names = join_and([ref.name for ref in diff.alignment_trap_on])
        sentences.append(f"The alignment-trap signal switches on in {names}.")
    sentences += [
        _ei_sentence(unit, after)
        for unit in diff.units
        if unit.merged_into is not None or unit.ei_before != unit.ei_after
    ]
    for hotspot in diff.hotspots:
        old, new = two_figures(hotspot.score_before, hotspot.score_after)
        sentences.append(
            f"Conflict hotspot {hotspot.unit_a_name} and {hotspot.unit_b_name}: score {old} -> "
            f"{new}, unresolved conflicts {hotspot.unresolved_before} -> "
            f"{hotspot.unresolved_after}."
        )
    if diff.estimated and diff.bottlenecks:
        sentences.append(
            "Betweenness is estimated from a sample of path starts on both sides, so a small "
            "move in a bottleneck score may come from the sample rather than the changes."
        )
    return tuple(sentences)


def _share(reliable: int, total: int) -> str:
    return f"{reliable} of {total} ({percent(reliable / total)})" if total else "none"


def possessive(name: str) -> str:
    """`Cy's`, `Logistics'`."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _score_move(shift: BottleneckShift) -> str:
    old, new = two_figures(shift.score_before, shift.score_after)
    old = "0" if shift.rank_before is None else old
    new = "0" if shift.rank_after is None else new
    rank_before = "not ranked" if shift.rank_before is None else f"rank {shift.rank_before}"
    rank_after = "not ranked" if shift.rank_after is None else f"rank {shift.rank_after}"
    verb = "rises" if shift.change > 0 else "falls"
    return (
        f"{possessive(shift.name)} bottleneck score {verb} from {old} to {new} "
        f"({rank_before} -> {rank_after})"
    )


def _lead(units: set[str], applied: tuple[AppliedChange, ...]) -> str:
    """The description of the change that touches both units, when one does."""
    for change in applied:
        if units <= set(change.units):
            return change.description
    return applied[0].description if len(applied) == 1 else MANY


# The subject of a sentence about several changes, and its verbs in the plural.
MANY = "The changes"
PLURAL_VERBS = {"leaves": "leave", "removes": "remove", "gives": "give", "changes": "change"}


def _acts(lead: str, verb: str) -> str:
    """`Adding a tie ... removes`, `The changes remove`."""
    return f"{lead} {PLURAL_VERBS[verb] if lead == MANY else verb}"


def _leader(leader: str, before: OrgGraphs, after: OrgGraphs) -> str:
    graphs = after if leader in after.reporting else before
    return str(graphs.reporting.nodes[leader]["name"]) if leader in graphs.reporting else leader


def _coverage_sentence(
    shift: CoverageShift, applied: tuple[AppliedChange, ...], before: OrgGraphs, after: OrgGraphs
) -> tuple[str | None, tuple[str, ...]]:
    """The sentence about one pair of dependent units, and the brokers it names."""
    pair = f"{shift.unit_a_name} and {shift.unit_b_name}"
    old, new = shift.status_before, shift.status_after
    if new is None or old is None:  # merged into one unit, or dependent only on one side
        return None, ()
    lead = _lead({shift.unit_a, shift.unit_b}, applied)
    if new is Coverage.NO_BROKER:
        return (
            f"{_acts(lead, 'leaves')} {pair} with no direct tie and no go-between",
            shift.brokers_before,
        )
    if new is Coverage.SINGLE_BROKER:
        sole = shift.brokers_after
        named = _leader(sole[0], before, after)
        return f"{_acts(lead, 'leaves')} {named} as the only go-between of {pair}", sole
    if old is Coverage.SINGLE_BROKER:  # now a direct tie, or several go-betweens
        return f"{_acts(lead, 'removes')} the only go-between of {pair}", shift.brokers_before
    if new is Coverage.DIRECT:
        return f"{_acts(lead, 'gives')} {pair} a direct tie", ()
    counts = f"{len(shift.brokers_before)} -> {len(shift.brokers_after)} go-betweens"
    if old is Coverage.DIRECT:
        return f"{_acts(lead, 'leaves')} {pair} without a direct tie ({counts})", ()
    return f"{_acts(lead, 'changes')} the go-betweens of {pair} ({counts})", ()


def _ei(value: float | None) -> str:
    return "none (no ties)" if value is None else f"{value:.2f}"


def _ei_sentence(unit: UnitEiShift, after: OrgGraphs) -> str:
    if unit.merged_into is not None:
        into = (
            after.units.nodes[unit.merged_into]["name"] if unit.merged_into in after.units else ""
        )
        return (
            f"{unit.name} is merged into {into or unit.merged_into}: its own E-I index "
            f"({_ei(unit.ei_before)}) is gone."
        )
    return (
        f"{possessive(unit.name)} E-I index goes from {_ei(unit.ei_before)} to "
        f"{_ei(unit.ei_after)} "
        f"({unit.internal_before} internal and {unit.external_before} external ties -> "
        f"{unit.internal_after} and {unit.external_after})."
    )
