"""The filters of the Organization connections, each mapped to the store's filter."""

from __future__ import annotations

import contextlib
from datetime import date

import strawberry

from graph_queries.attributes import BadAttribute, canonical, parsed
from graph_queries.model import AttributeType, attribute_entry
from graph_queries.stores import port as store
from schema.enums import ConflictStatus, LeaderLevel, Reliability, UnitKind


@strawberry.input(description="Entities whose custom attribute `name` has this value.")
class AttributeFilter:
    name: str
    value: str = strawberry.field(
        description="The value as text (`42`, `3.5`, `true`, `2024-05-31`, a string)."
    )

    def entry(self, types: dict[str, AttributeType]) -> str:
        """The stored form of the value: the canonical text of the declared type, so that
        `42.0` finds an INTEGER 42; a value that does not parse is looked for as given."""
        type = types.get(self.name)
        if type is not None:
            with contextlib.suppress(BadAttribute, ValueError):
                return attribute_entry(self.name, canonical(parsed(self.value, type), type))
        return attribute_entry(self.name, self.value)


@strawberry.input
class UnitFilter:
    text: str | None = strawberry.field(default=None, description="Part of the name.")
    kind: UnitKind | None = None  # type: ignore[valid-type]
    parent_id: strawberry.ID | None = None
    attribute: AttributeFilter | None = None

    def to_store(self, types: dict[str, AttributeType] | None = None) -> store.UnitFilter:
        entry = None if self.attribute is None else self.attribute.entry(types or {})
        return store.UnitFilter(
            text=self.text, kind=self.kind, parent_id=self.parent_id, attribute=entry
        )


@strawberry.input
class LeaderFilter:
    text: str | None = strawberry.field(default=None, description="Part of the name or title.")
    unit_id: strawberry.ID | None = None
    level: LeaderLevel | None = None  # type: ignore[valid-type]
    attribute: AttributeFilter | None = None

    def to_store(self, types: dict[str, AttributeType] | None = None) -> store.LeaderFilter:
        entry = None if self.attribute is None else self.attribute.entry(types or {})
        return store.LeaderFilter(
            text=self.text, unit_id=self.unit_id, level=self.level, attribute=entry
        )


@strawberry.input
class DependencyFilter:
    text: str | None = strawberry.field(default=None, description="Part of the description.")
    unit_id: strawberry.ID | None = strawberry.field(default=None, description="Either end.")
    reliability: Reliability | None = None  # type: ignore[valid-type]

    def to_store(self) -> store.DependencyFilter:
        return store.DependencyFilter(
            text=self.text, unit_id=self.unit_id, reliability=self.reliability
        )


@strawberry.input
class ConflictFilter:
    text: str | None = strawberry.field(default=None, description="Part of the summary.")
    unit_id: strawberry.ID | None = strawberry.field(default=None, description="Either unit.")
    status: ConflictStatus | None = None  # type: ignore[valid-type]
    raised_from: date | None = strawberry.field(default=None, description="Inclusive.")
    raised_to: date | None = strawberry.field(default=None, description="Inclusive.")

    def to_store(self) -> store.ConflictFilter:
        return store.ConflictFilter(
            text=self.text,
            unit_id=self.unit_id,
            status=self.status,
            raised_from=self.raised_from,
            raised_to=self.raised_to,
        )


@strawberry.input
class TieFilter:
    leader_id: strawberry.ID | None = strawberry.field(default=None, description="Either end.")
    kind: str | None = None

    def to_store(self) -> store.TieFilter:
        return store.TieFilter(leader_id=self.leader_id, kind=self.kind)
