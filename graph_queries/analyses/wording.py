"""The plain-language pieces the analyses write their reasons with: counts, lists, names, shares.

Each helper has one meaning. Two ways of naming a unit are kept apart on purpose:
`unit_name` raises KeyError for an id that is not a unit (the silo analysis only names units it
has found), `unit_name_or_id` falls back to the id (conflicts and factions may meet units the
graphs do not describe).
"""

from __future__ import annotations

from collections.abc import Iterable

from graph_queries.graphs import OrgGraphs

__all__ = [
    "count_text",
    "join_and",
    "leader_name_or_id",
    "leader_names",
    "leader_with_title",
    "name_list",
    "percent",
    "plural",
    "sentence_case",
    "shortest_paths",
    "unit_name",
    "unit_name_or_id",
    "unit_names",
]


# ---- words and numbers ---------------------------------------------------------------------------


def plural(count: int, one: str, many: str | None = None) -> str:
    """'1 unit', '3 units'; `many` for an irregular plural ('2 dependencies')."""
    return f"{count} {one if count == 1 else many or one + 's'}"


def join_and(items: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def name_list(names: list[str], limit: int, other: str) -> str:
    """Up to `limit` names, then how many more: 'A, B, C and 2 other units'."""
    if len(names) <= limit:
        return join_and(names)
    return join_and([*names[:limit], plural(len(names) - limit, other, other + "s")])


def count_text(value: float) -> str:
    """A count that may be fractional (a pair split between equal paths): '7' or '6.5'."""
    return str(round(value)) if abs(value - round(value)) < 1e-6 else f"{value:.1f}"


def shortest_paths(part: float, whole: int) -> str:
    """'7 of the 9 shortest paths' (a pair split between paths: '6.5 of the 9'), or 'the only
    shortest path', 'both shortest paths', 'all 9 shortest paths'."""
    if abs(part - whole) > 1e-6:
        return f"{count_text(part)} of the {whole} shortest paths"
    return {1: "the only shortest path", 2: "both shortest paths"}.get(
        whole, f"all {whole} shortest paths"
    )


def percent(share: float) -> str:
    """A share as a whole percentage, 'under 1%' for a small positive one."""
    return f"{share:.0%}" if share >= 0.01 or share == 0 else "under 1%"


def sentence_case(text: str) -> str:
    """The text with its first letter in upper case."""
    return text[:1].upper() + text[1:]


# ---- names ---------------------------------------------------------------------------------------


def unit_name(graphs: OrgGraphs, unit: str) -> str:
    """The unit's name; KeyError when `unit` is not a unit of `graphs`."""
    return str(graphs.units.nodes[unit]["name"])


def unit_name_or_id(graphs: OrgGraphs, unit: str) -> str:
    """The unit's name, or the id itself when the graphs do not name it."""
    if unit in graphs.units:
        return str(graphs.units.nodes[unit].get("name", unit))
    return unit


def unit_names(graphs: OrgGraphs, units: Iterable[str], limit: int = 3) -> str:
    """'Sales, Finance and 2 other units' (`unit_name` of each)."""
    return name_list([unit_name(graphs, unit) for unit in units], limit, "other unit")


def leader_with_title(graphs: OrgGraphs, leader: str) -> str:
    """'Ada Lovelace (CFO)', or the name alone without a title; KeyError for an unknown id."""
    data = graphs.reporting.nodes[leader]
    return f"{data['name']} ({data['title']})" if data["title"] else str(data["name"])


def leader_name_or_id(graphs: OrgGraphs, leader: str) -> str:
    """The leader's name, or the id itself when their node has no name."""
    return str(graphs.collaboration.nodes[leader].get("name", leader))


def leader_names(graphs: OrgGraphs, leaders: Iterable[str], limit: int = 3) -> str:
    """'Ada Lovelace (CFO), Alan Turing and 2 others' (`leader_with_title` of each)."""
    return name_list([leader_with_title(graphs, leader) for leader in leaders], limit, "other")
