"""The inputs that create and update entities, and what they mean to the domain."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import strawberry
from strawberry.utils.str_converters import to_camel_case

from graph_queries import commands, model
from graph_queries.errors import ErrorCode, FieldError, ValidationFailed
from graph_queries.model import EntityKind
from schema.enums import ConflictStatus, LeaderLevel, Reliability, UnitKind

# Fields that may be set to null by an update; any other field given as null is refused.
NULLABLE = {"parent_id", "reports_to_id", "dependency_id", "resolved_at", "kind"}


def changes(update: object) -> dict[str, Any]:
    """The fields an update input sets, by domain field name; refuses null for required ones."""
    changes: dict[str, Any] = {}
    errors: list[FieldError] = []
    for field in dataclasses.fields(update):  # type: ignore[arg-type]
        value = getattr(update, field.name)
        if value is strawberry.UNSET:
            continue
        if value is None and field.name not in NULLABLE:
            camel = to_camel_case(field.name)
            errors.append(FieldError(f"input.{camel}", ErrorCode.REQUIRED, "must not be null"))
            continue
        changes[field.name] = tuple(value) if isinstance(value, list) else value
    if errors:
        raise ValidationFailed(errors)
    return changes


def new_id(id: str | None, kind: EntityKind) -> str:
    return str(id) if id else commands.new_id(kind)


@strawberry.input(description="Without an id, one is generated.")
class CreateUnitInput:
    name: str
    id: strawberry.ID | None = None
    kind: UnitKind = model.UnitKind.TEAM  # type: ignore[valid-type]
    parent_id: strawberry.ID | None = None

    def to_model(self) -> model.Unit:
        return model.Unit(new_id(self.id, EntityKind.UNIT), self.name, self.kind, self.parent_id)


@strawberry.input(description="Only the fields given are changed; null clears an optional one.")
class UpdateUnitInput:
    name: str | None = strawberry.UNSET
    kind: UnitKind | None = strawberry.UNSET  # type: ignore[valid-type]
    parent_id: strawberry.ID | None = strawberry.UNSET


@strawberry.input(description="Without an id, one is generated.")
class CreateLeaderInput:
    name: str
    unit_id: strawberry.ID
    id: strawberry.ID | None = None
    title: str = ""
    level: LeaderLevel = model.LeaderLevel.MIDDLE  # type: ignore[valid-type]
    reports_to_id: strawberry.ID | None = None

    def to_model(self) -> model.Leader:
        return model.Leader(
            id=new_id(self.id, EntityKind.LEADER),
            name=self.name,
            unit_id=self.unit_id,
            level=self.level,
            title=self.title,
            reports_to_id=self.reports_to_id,
        )


@strawberry.input(description="Only the fields given are changed; null clears an optional one.")
class UpdateLeaderInput:
    name: str | None = strawberry.UNSET
    unit_id: strawberry.ID | None = strawberry.UNSET
    title: str | None = strawberry.UNSET
    level: LeaderLevel | None = strawberry.UNSET  # type: ignore[valid-type]
    reports_to_id: strawberry.ID | None = strawberry.UNSET


@strawberry.input(description="fromUnitId relies on toUnitId. Without an id, one is generated.")
class CreateDependencyInput:
    from_unit_id: strawberry.ID
    to_unit_id: strawberry.ID
    id: strawberry.ID | None = None
    description: str = ""
    criticality: int = 3
    reliability: Reliability = model.Reliability.MOSTLY  # type: ignore[valid-type]
    owner_ids: list[strawberry.ID] = strawberry.field(default_factory=list)

    def to_model(self) -> model.Dependency:
        return model.Dependency(
            id=new_id(self.id, EntityKind.DEPENDENCY),
            from_unit_id=self.from_unit_id,
            to_unit_id=self.to_unit_id,
            criticality=self.criticality,
            reliability=self.reliability,
            description=self.description,
            owner_ids=tuple(self.owner_ids),
        )


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

    def to_model(self) -> model.Conflict:
        return model.Conflict(
            id=new_id(self.id, EntityKind.CONFLICT),
            unit_a_id=self.unit_a_id,
            unit_b_id=self.unit_b_id,
            raised_at=self.raised_at,
            status=self.status,
            severity=self.severity,
            summary=self.summary,
            dependency_id=self.dependency_id,
            resolved_at=self.resolved_at,
        )


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

    def to_model(self) -> model.Tie:
        return model.Tie(
            id=new_id(self.id, EntityKind.TIE),
            leader_a_id=self.leader_a_id,
            leader_b_id=self.leader_b_id,
            strength=self.strength,
            kind=self.kind,
        )


@strawberry.input(description="Only the fields given are changed; null clears an optional one.")
class UpdateTieInput:
    leader_a_id: strawberry.ID | None = strawberry.UNSET
    leader_b_id: strawberry.ID | None = strawberry.UNSET
    strength: float | None = strawberry.UNSET
    kind: str | None = strawberry.UNSET
