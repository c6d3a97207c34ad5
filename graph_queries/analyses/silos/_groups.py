"""Ties within and between groups of leaders given by a custom attribute (`group_by`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from graph_queries.analyses.metrics.ei import ei_index, insularity

__all__ = ["GroupTies", "group_ties"]


@dataclass(frozen=True, slots=True)
class GroupTies:
    """A group of the leaders in scope who share a value of the `groupedBy` attribute: its
    `internal` ties (both leaders in it) and `external` ones (one leader in it), counted per
    tie, with the E-I index and insularity of those counts (Krackhardt & Stern 1988)."""

    group: str
    leaders: int
    internal: int
    external: int
    ei_index: float | None
    insularity: float | None


def group_ties(ties: list[tuple[str, str, float]], group_of: dict[str, str]) -> list[GroupTies]:
    """Per group, sorted by value; a tie with a leader outside every group is external to the
    other leader's group (E-I compares a group with everyone else)."""
    internal: Counter[str] = Counter()
    external: Counter[str] = Counter()
    for a, b, _ in ties:
        group_a, group_b = group_of.get(a), group_of.get(b)
        if group_a is not None and group_a == group_b:
            internal[group_a] += 1
            continue
        for group in (group_a, group_b):
            if group is not None:
                external[group] += 1
    members = Counter(group_of.values())
    return [
        GroupTies(
            group=group,
            leaders=members[group],
            internal=internal[group],
            external=external[group],
            ei_index=ei_index(internal[group], external[group]),
            insularity=insularity(internal[group], external[group]),
        )
        for group in sorted(members)
    ]
