"""Dependencies and their coverage by ties: which dependent unit pairs have no tie between them.

`dependency_coverage` takes every pair of units with a dependency between them (either way) and
says how their leaders are connected: DIRECT (a tie between them) or, failing that, through how
many brokers (NO_BROKER, SINGLE_BROKER, BROKERED: `Coverage`), each pair with a reason quoting
its dependencies. `RELIABILITY_RISK` rates how much a dependency of each reliability puts the
depending unit at risk; the silo figures and score use it too.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

import networkx as nx

from graph_queries.analyses.silos._graphs import leader_graph, leaders_in, ordered_pair
from graph_queries.analyses.wording import leader_names, leader_with_title, plural, unit_name
from graph_queries.graphs import OrgGraphs
from graph_queries.model import Reliability

__all__ = ["RELIABILITY_RISK", "Coverage", "DependencyCoverage", "dependency_coverage"]


# How much a dependency with this reliability puts the depending unit at risk.
RELIABILITY_RISK: dict[str, float] = {
    Reliability.ALWAYS: 0.0,
    Reliability.MOSTLY: 0.25,
    Reliability.SOMETIMES: 0.5,
    Reliability.RARELY: 0.75,
    Reliability.NEVER: 1.0,
}
UNRELIABLE = 0.5  # SOMETIMES or worse


class Coverage(StrEnum):
    """How two dependent units are connected by collaboration ties (see `dependency_coverage`)."""

    DIRECT = "DIRECT"
    NO_BROKER = "NO_BROKER"
    SINGLE_BROKER = "SINGLE_BROKER"
    BROKERED = "BROKERED"


_COVERAGE_ORDER = {Coverage.NO_BROKER: 0, Coverage.SINGLE_BROKER: 1, Coverage.BROKERED: 2}


# ---- results -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DependencyCoverage:
    """Two units with at least one dependency between them (either way), `unit_a` < `unit_b`.

    `criticality` is the highest and `reliability` the worst of their dependencies;
    `direct_ties` counts ties between their leaders; `brokers` are the leaders outside both
    units tied to a leader of each.
    """

    unit_a: str
    unit_b: str
    dependency_ids: tuple[str, ...]
    criticality: int
    reliability: str
    direct_ties: int
    brokers: tuple[str, ...]
    status: Coverage
    reason: str


# ---- dependencies and their coverage by ties -----------------------------------------------------


def dependency_coverage(
    graphs: OrgGraphs, units: Iterable[str] | None = None
) -> list[DependencyCoverage]:
    """How each pair of dependent units (among `units`, default all) is linked by ties.

    For units A and B with at least one dependency between them (either way), looking only at
    the leaders of the given units: DIRECT when a leader of A has a tie to a leader of B.
    Otherwise the brokers are the leaders tied to a leader of A and to a leader of B (so in a
    third unit), and the status is NO_BROKER (nobody: the units are three or more steps apart,
    or not connected), SINGLE_BROKER (their coordination hangs on one person) or BROKERED.
    Sorted NO_BROKER, SINGLE_BROKER, BROKERED, DIRECT, then by highest criticality, worst
    reliability and unit ids.
    """
    chosen = set(graphs.units if units is None else units)
    return coverage_of(graphs, chosen, leader_graph(graphs, leaders_in(graphs, chosen)))


# A dependency as (id, from unit, to unit, criticality, reliability).
_Need = tuple[str, str, str, int, str]


def coverage_of(graphs: OrgGraphs, units: set[str], people: nx.Graph) -> list[DependencyCoverage]:
    needs: dict[tuple[str, str], list[_Need]] = defaultdict(list)
    for a, b, key, data in graphs.dependencies.edges(sorted(units), keys=True, data=True):
        if a != b and b in units:
            needs[ordered_pair(a, b)].append((key, a, b, data["criticality"], data["reliability"]))
    direct: Counter[tuple[str, str]] = Counter()
    reach: dict[str, set[str]] = defaultdict(set)  # unit -> outside leaders tied to a member
    unit_of: dict[str, str] = dict(people.nodes(data="unit"))
    for a, b, ties in people.edges(data="ties"):
        unit_a, unit_b = unit_of[a], unit_of[b]
        if unit_a != unit_b:
            direct[ordered_pair(unit_a, unit_b)] += len(ties)
            reach[unit_a].add(b)
            reach[unit_b].add(a)
    result = []
    for (a, b), found in needs.items():
        found.sort(key=lambda need: (-need[3], -RELIABILITY_RISK[need[4]], need[0]))
        brokers = () if direct[a, b] else tuple(sorted(reach[a] & reach[b]))
        status = _status(direct[a, b], brokers)
        result.append(
            DependencyCoverage(
                unit_a=a,
                unit_b=b,
                dependency_ids=tuple(sorted(need[0] for need in found)),
                criticality=found[0][3],
                reliability=max((need[4] for need in found), key=RELIABILITY_RISK.__getitem__),
                direct_ties=direct[a, b],
                brokers=brokers,
                status=status,
                reason=_coverage_reason(graphs, found, direct[a, b], brokers),
            )
        )
    result.sort(
        key=lambda c: (
            _COVERAGE_ORDER.get(c.status, 3),
            -c.criticality,
            -RELIABILITY_RISK[c.reliability],
            c.unit_a,
            c.unit_b,
        )
    )
    return result


def _status(direct: int, brokers: tuple[str, ...]) -> Coverage:
    if direct:
        return Coverage.DIRECT
    if not brokers:
        return Coverage.NO_BROKER
    return Coverage.SINGLE_BROKER if len(brokers) == 1 else Coverage.BROKERED


def _coverage_reason(
    graphs: OrgGraphs, found: list[_Need], direct: int, brokers: tuple[str, ...]
) -> str:
    _, start, end, criticality, reliability = found[0]
    need = (
        f"{unit_name(graphs, start)} depends on {unit_name(graphs, end)} "
        f"(criticality {criticality}, reliability {reliability})"
    )
    if len(found) > 1:
        more = plural(len(found) - 1, "more dependency", "more dependencies")
        need += f" and {more} between them"
    if direct:
        return f"{need}; {plural(direct, 'direct tie')} between their leaders"
    if not brokers:
        return f"{need}, but no leader of either has a tie to the other unit or to a common contact"
    gap = f"{need}, but no leader of one has a tie to a leader of the other"
    if len(brokers) == 1:
        return f"{gap}: {leader_with_title(graphs, brokers[0])} is their only go-between"
    return f"{gap}: they go through {len(brokers)} brokers ({leader_names(graphs, brokers)})"
