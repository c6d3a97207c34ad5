"""Warnings about an organization's structure that change what the analyses mean.

Nothing here is an error: the organization is valid and is imported. But the analyses compare
divisions (the top-level units) and read the executives as the top team, so a structure where
those do not stand for what the analyses assume makes their figures say something else. The
common case is a "silo at the top": departments nested under one root unit make the whole
organization one division, and the executives, all in that division, look like one silo. Each
warning says what was found and what it does to the results.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from graph_queries.model import LeaderLevel, OrgSnapshot

__all__ = ["HierarchyWarning", "WarningCode", "hierarchy_warnings"]


class WarningCode(StrEnum):
    ONE_DIVISION = "ONE_DIVISION"
    EXECUTIVES_IN_ONE_DIVISION = "EXECUTIVES_IN_ONE_DIVISION"
    NO_EXECUTIVES = "NO_EXECUTIVES"


@dataclass(frozen=True, slots=True)
class HierarchyWarning:
    code: WarningCode
    path: str
    message: str


def hierarchy_warnings(snapshot: OrgSnapshot) -> list[HierarchyWarning]:
    """The structures of `snapshot` that change what the analyses mean, in a fixed order."""
    division = _divisions(snapshot)
    roots = sorted(set(division.values()))
    warnings: list[HierarchyWarning] = []
    if len(roots) == 1 and len(division) > 1:
        [root] = roots
        warnings.append(
            HierarchyWarning(
                WarningCode.ONE_DIVISION,
                f"units[{root}]",
                f"every unit is under {snapshot.units[root].name!r}, so the organization has "
                "one division: division figures (faction alignment, silo scopes, reliability "
                "by division) compare nothing. Make the units below it top-level units, or "
                "group by a custom attribute, to compare its parts.",
            )
        )
    leaders = list(snapshot.leaders.values())
    executives = [leader for leader in leaders if leader.level is LeaderLevel.EXECUTIVE]
    if leaders and not executives:
        warnings.append(
            HierarchyWarning(
                WarningCode.NO_EXECUTIVES,
                "leaders",
                "no leader is EXECUTIVE, so the faction analysis has no top team to read.",
            )
        )
    homes = Counter(division[leader.unit_id] for leader in executives if leader.unit_id in division)
    if len(executives) > 1 and len(homes) == 1 and len(roots) > 1:
        [(home, count)] = homes.items()
        warnings.append(
            HierarchyWarning(
                WarningCode.EXECUTIVES_IN_ONE_DIVISION,
                f"units[{home}]",
                f"all {count} executives are in division {snapshot.units[home].name!r}: the top "
                "team looks like a silo of that division. If they lead the other divisions, "
                "place each in the division they lead.",
            )
        )
    return warnings


def _divisions(snapshot: OrgSnapshot) -> dict[str, str]:
    """Each unit's top-level ancestor (the organization is valid: parents form a forest)."""
    division: dict[str, str] = {}
    for unit_id in snapshot.units:
        path: list[str] = []
        node = unit_id
        while node not in division:
            path.append(node)
            parent = snapshot.units[node].parent_id
            if parent is None:
                top = node
                break
            node = parent
        else:
            top = division[node]
        for unit in path:
            division[unit] = top
    return division
