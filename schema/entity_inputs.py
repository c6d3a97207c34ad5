"""The inputs that create and update entities, and what they mean to the domain.

Input fields carry the domain's field names, so one mapping serves every kind.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import strawberry
from strawberry.utils.str_converters import to_camel_case

from graph_queries import commands, model
from graph_queries.errors import ErrorCode, FieldError, ValidationFailed
from graph_queries.model import KINDS, EntityKind
from schema.enums import ConflictStatus, LeaderLevel, Reliability, UnitKind

# Fields that may be set to null by an update; any other field given as null is refused.
NULLABLE = {"parent_id", "reports_to_id", "dependency_id", "resolved_at", "kind"}


def changes(update: object) -> dict[str, Any]:
    """The fields an update input sets, by domain field name; refuses null for required ones."""
    changed: dict[str, Any] = {}
    errors: list[FieldError] = []
    for field in dataclasses.fields(update):  # type: ignore[arg-type]
        value = getattr(update, field.name)
        if value is strawberry.UNSET:
            continue
        if value is None and field.name not in NULLABLE:
            camel = to_camel_case(field.name)
            errors.append(FieldError(f"input.{camel}", ErrorCode.REQUIRED, "must not be null"))
            continue
        changed[field.name] = _domain_value(value)
    if errors:
        raise ValidationFailed(errors)
    return changed


def new_entity(kind: EntityKind, create: object) -> model.Entity:
    """The entity a create input describes, by field name; without an id, one is generated."""
    values = {
        field.name: _domain_value(getattr(create, field.name))
        for field in dataclasses.fields(create)  # type: ignore[arg-type]
    }
    values["id"] = str(values["id"]) if values["id"] else commands.new_id(kind)
    return KINDS[kind].entity(**values)


def _domain_value(value: Any) -> Any:
    # The domain's dataclasses are immutable, so GraphQL lists become tuples.
    if isinstance(value, list):
        return tuple(item.entry() if isinstance(item, AttributeInput) else item for item in value)
    return value


@strawberry.input(
    description=(
        "A custom attribute's value as the text of its declared type: `42`, `3.5`, `true`, "
        "`2024-05-31` or the string itself."
    )
)
class AttributeInput:
    name: str
    value: str

    def entry(self) -> str:
        return model.attribute_entry(self.name, self.value)


@strawberry.input(description="Without an id, one is generated.")
class CreateUnitInput:
    name: str
    id: strawberry.ID | None = None
    kind: UnitKind = model.UnitKind.TEAM  # type: ignore[valid-type]
    parent_id: strawberry.ID | None = None
    attributes: list[AttributeInput] = strawberry.field(default_factory=list)


@strawberry.input(description="Only the fields given are changed; null clears an optional one.")
class UpdateUnitInput:
    name: str | None = strawberry.UNSET
    kind: UnitKind | None = strawberry.UNSET  # type: ignore[valid-type]
    parent_id: strawberry.ID | None = strawberry.UNSET
    attributes: list[AttributeInput] | None = strawberry.field(
        default=strawberry.UNSET, description="Replaces every value; an empty list clears them."
    )


@strawberry.input(
    description=(
        "Without an id, one is generated. Without a name, the leader is anonymous: the "
        "analyses name them by id."
    )
)
class CreateLeaderInput:
    unit_id: strawberry.ID
    name: str = ""
    id: strawberry.ID | None = None
    title: str = ""
    level: LeaderLevel = model.LeaderLevel.MIDDLE  # type: ignore[valid-type]
    reports_to_id: strawberry.ID | None = None
    attributes: list[AttributeInput] = strawberry.field(default_factory=list)


@strawberry.input(description="Only the fields given are changed; null clears an optional one.")
class UpdateLeaderInput:
    name: str | None = strawberry.UNSET
    unit_id: strawberry.ID | None = strawberry.UNSET
    title: str | None = strawberry.UNSET
    level: LeaderLevel | None = strawberry.UNSET  # type: ignore[valid-type]
    reports_to_id: strawberry.ID | None = strawberry.UNSET
    attributes: list[AttributeInput] | None = strawberry.field(
        default=strawberry.UNSET, description="Replaces every value; an empty list clears them."
    )


@strawberry.input(description="fromUnitId relies on toUnitId. Without an id, one is generated.")
class CreateDependencyInput:
    from_unit_id: strawberry.ID
    to_unit_id: strawberry.ID
    id: strawberry.ID | None = None
    description: str = ""
    criticality: int = 3
    reliability: Reliability = model.Reliability.MOSTLY  # type: ignore[valid-type]
    owner_ids: list[strawberry.ID] = strawberry.field(default_factory=list)


@strawberry.input(description="Only the fields given are changed; null clears an optional one.")
class UpdateDependencyInput:
    from_unit_id: strawberry.ID | None = strawberry.UNSET
    to_unit_id: strawberry.ID | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    criticality: int | None = strawberry.UNSET
    reliability: Reliability | None = strawberry.UNSET  # type: ignore[valid-type]
    owner_ids: list[strawberry.ID] | None = strawberry.UNSET


@strawberry.input(description="Without an id, one is generated.")
class CreateConflictInput:
    unit_a_id: strawberry.ID
    unit_b_id: strawberry.ID
    raised_at: date
    id: strawberry.ID | None = None
    status: ConflictStatus = model.ConflictStatus.OPEN  # type: ignore[valid-type]
    severity: int = 3
    summary: str = ""
    dependency_id: strawberry.ID | None = None
    resolved_at: date | None = None


@strawberry.input(description="Only the fields given are changed; null clears an optional one.")
class UpdateConflictInput:
    unit_a_id: strawberry.ID | None = strawberry.UNSET
    unit_b_id: strawberry.ID | None = strawberry.UNSET
    raised_at: date | None = strawberry.UNSET
    status: ConflictStatus | None = strawberry.UNSET  # type: ignore[valid-type]
    severity: int | None = strawberry.UNSET
    summary: str | None = strawberry.UNSET
    dependency_id: strawberry.ID | None = strawberry.UNSET
    resolved_at: date | None = strawberry.UNSET


@strawberry.input(description="Without an id, one is generated.")
class CreateTieInput:
    leader_a_id: strawberry.ID
    leader_b_id: strawberry.ID
    id: strawberry.ID | None = None
    strength: float = 1.0
    kind: str | None = None


@strawberry.input(description="Only the fields given are changed; null clears an optional one.")
class UpdateTieInput:
    leader_a_id: strawberry.ID | None = strawberry.UNSET
    leader_b_id: strawberry.ID | None = strawberry.UNSET
    strength: float | None = strawberry.UNSET
    kind: str | None = strawberry.UNSET
