"""What each filter field means to a store: the entity fields it looks at and how it matches."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from graph_queries.stores.port import (
    ConflictFilter,
    DependencyFilter,
    EntityFilter,
    LeaderFilter,
    TieFilter,
    UnitFilter,
)
from graph_queries.stores.records import Scalar, stored_value


class Match(StrEnum):
    CONTAINS = "CONTAINS"  # the text occurs in one of the fields, whatever the case
    EQUALS = "EQUALS"  # one of the fields equals the value
    AT_LEAST = "AT_LEAST"
    AT_MOST = "AT_MOST"
    HAS = "HAS"  # one of the fields is a list holding the value


@dataclass(frozen=True, slots=True)
class Condition:
    """What one filter field means: an entity passes when `match` holds for one of `fields`."""

    name: str  # the filter's field
    match: Match
    fields: tuple[str, ...]  # the entity's fields


# Each store turns these into its own query language; a filter field left None (or an empty
# text) does not filter.
CONDITIONS: dict[type, tuple[Condition, ...]] = {
    UnitFilter: (
        Condition("text", Match.CONTAINS, ("name",)),
        Condition("kind", Match.EQUALS, ("kind",)),
        Condition("parent_id", Match.EQUALS, ("parent_id",)),
        Condition("attribute", Match.HAS, ("attributes",)),
    ),
    LeaderFilter: (
        Condition("text", Match.CONTAINS, ("name", "title")),
        Condition("unit_id", Match.EQUALS, ("unit_id",)),
        Condition("level", Match.EQUALS, ("level",)),
        Condition("attribute", Match.HAS, ("attributes",)),
    ),
    DependencyFilter: (
        Condition("text", Match.CONTAINS, ("description",)),
        Condition("unit_id", Match.EQUALS, ("from_unit_id", "to_unit_id")),
        Condition("reliability", Match.EQUALS, ("reliability",)),
    ),
    ConflictFilter: (
        Condition("text", Match.CONTAINS, ("summary",)),
        Condition("unit_id", Match.EQUALS, ("unit_a_id", "unit_b_id")),
        Condition("status", Match.EQUALS, ("status",)),
        Condition("raised_from", Match.AT_LEAST, ("raised_at",)),
        Condition("raised_to", Match.AT_MOST, ("raised_at",)),
    ),
    TieFilter: (
        Condition("leader_id", Match.EQUALS, ("leader_a_id", "leader_b_id")),
        Condition("kind", Match.EQUALS, ("kind",)),
    ),
}


def conditions(entity_filter: EntityFilter) -> list[tuple[Condition, Scalar]]:
    """Every condition of the filter with its value as the stores keep it; None when unused."""
    found: list[tuple[Condition, Scalar]] = []
    for condition in CONDITIONS[type(entity_filter)]:
        value = getattr(entity_filter, condition.name)
        unused = value is None or (condition.match is Match.CONTAINS and not value)
        found.append((condition, None if unused else stored_value(value)))
    return found
