"""Small helpers shared by the silo modules: id-ordered lookups and plain-language pieces.

They are the "small helpers" of the silo analysis (`silos`, `unit_measures`,
`dependency_coverage`, `silo_figures`, `silo_ranking`): unit pairs in id order, ties and leaders
looked up in id order (so that sums come out the same however the graphs were built), and the
pieces the reasons are written with: unit and leader names, lists ("A, B and 2 other units"),
plurals, "k of the n shortest paths", percentages and sentence case. All are private to the
silo analysis.
"""

from __future__ import annotations

from collections.abc import Iterable

from graph_queries.graphs import OrgGraphs

# ---- small helpers -------------------------------------------------------------------------------


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def _ties_by_id(graphs: OrgGraphs, leaders: list[str]) -> list[tuple[str, str, float]]:
    """The ties touching `leaders` in id order, so that strengths add up in the same order
    (to the last bit) however the graphs were built."""
    found = graphs.collaboration.edges(leaders, keys=True, data="strength")
    return [(a, b, strength) for a, b, _, strength in sorted(found, key=lambda edge: edge[2])]


def _leaders_in(graphs: OrgGraphs, units: set[str]) -> list[str]:
    return sorted(leader for leader, unit in graphs.reporting.nodes(data="unit") if unit in units)


def _unit_name(graphs: OrgGraphs, unit: str) -> str:
    return str(graphs.units.nodes[unit]["name"])


def _who(graphs: OrgGraphs, leader: str) -> str:
    data = graphs.reporting.nodes[leader]
    return f"{data['name']} ({data['title']})" if data["title"] else str(data["name"])


def _unit_names(graphs: OrgGraphs, units: Iterable[str], limit: int = 3) -> str:
    return _names([_unit_name(graphs, unit) for unit in units], limit, "other unit")


def _leader_names(graphs: OrgGraphs, leaders: Iterable[str], limit: int = 3) -> str:
    return _names([_who(graphs, leader) for leader in leaders], limit, "other")


def _names(names: list[str], limit: int, other: str) -> str:
    if len(names) <= limit:
        return _join(names)
    return _join([*names[:limit], _plural(len(names) - limit, other, other + "s")])


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else many or one + 's'}"


def _count(value: float) -> str:
    return str(round(value)) if abs(value - round(value)) < 1e-6 else f"{value:.1f}"


def _paths(part: float, whole: int) -> str:
    """'7 of the 9 shortest paths' (a pair split between paths: '6.5 of the 9'), or 'the only
    shortest path', 'both shortest paths', 'all 9 shortest paths'."""
    if abs(part - whole) > 1e-6:
        return f"{_count(part)} of the {whole} shortest paths"
    return {1: "the only shortest path", 2: "both shortest paths"}.get(
        whole, f"all {whole} shortest paths"
    )


def _pct(share: float) -> str:
    return f"{share:.0%}" if share >= 0.01 or share == 0 else "under 1%"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]
