"""Create, update and delete for every entity, and the all-or-nothing import.

Expected failures come back as members of each result union (ValidationError, NotFoundError),
so clients can show them field by field; only unexpected ones become GraphQL errors.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Annotated, Any, TypeVar

import strawberry
from strawberry.scalars import JSON
from strawberry.utils.str_converters import to_camel_case

from graph_queries import commands, model
from graph_queries.documents import parse_document
from graph_queries.errors import ErrorCode, FieldError, NotFound, ValidationFailed
from graph_queries.model import KINDS, EntityKind
from schema.context import Info
from schema.enums import ConflictStatus, LeaderLevel, Reliability, UnitKind
from schema.failures import NotFoundError, ValidationError
from schema.organization import Organization
from schema.types import Conflict as ConflictType
from schema.types import Dependency as DependencyType
from schema.types import Leader as LeaderType
from schema.types import Tie as TieType
from schema.types import Unit as UnitType
from schema.types import wrap

P = TypeVar("P")

# Fields that may be set to null by an update; any other field given as null is refused.
NULLABLE = {"parent_id", "reports_to_id", "dependency_id", "resolved_at", "kind"}


@strawberry.type
class OrganizationPayload:
    organization: Organization


@strawberry.type
class UnitPayload:
    unit: UnitType


@strawberry.type
class LeaderPayload:
    leader: LeaderType


@strawberry.type
class DependencyPayload:
    dependency: DependencyType


@strawberry.type
class ConflictPayload:
    conflict: ConflictType


@strawberry.type
class TiePayload:
    tie: TieType


@strawberry.type
class DeletePayload:
    entity: str
    id: strawberry.ID


@strawberry.type
class EntityCounts:
    units: int
    leaders: int
    dependencies: int
    conflicts: int
    ties: int


@strawberry.type
class ImportPayload:
    organization: Organization
    graph_version: int
    counts: EntityCounts


OrganizationResult = Annotated[
    OrganizationPayload | ValidationError | NotFoundError, strawberry.union("OrganizationResult")
]
UnitResult = Annotated[
    UnitPayload | ValidationError | NotFoundError, strawberry.union("UnitResult")
]
LeaderResult = Annotated[
    LeaderPayload | ValidationError | NotFoundError, strawberry.union("LeaderResult")
]
DependencyResult = Annotated[
    DependencyPayload | ValidationError | NotFoundError, strawberry.union("DependencyResult")
]
ConflictResult = Annotated[
    ConflictPayload | ValidationError | NotFoundError, strawberry.union("ConflictResult")
]
TieResult = Annotated[TiePayload | ValidationError | NotFoundError, strawberry.union("TieResult")]
DeleteResult = Annotated[
    DeletePayload | ValidationError | NotFoundError, strawberry.union("DeleteResult")
]
ImportResult = Annotated[ImportPayload | ValidationError, strawberry.union("ImportResult")]


async def _attempt(work: Callable[[], Awaitable[P]]) -> P | ValidationError | NotFoundError:
    try:
        return await work()
    except ValidationFailed as failure:
        return ValidationError.from_domain(failure.errors)
    except NotFound as missing:
        return NotFoundError(
            message=str(missing), entity=missing.kind, id=strawberry.ID(missing.id)
        )


def _changes(update: object) -> dict[str, Any]:
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


def _new_id(id: str | None, kind: EntityKind) -> str:
    return str(id) if id else commands.new_id(kind)


# ---- inputs -----------------------------------------------------------------------------------


@strawberry.input
class CreateOrganizationInput:
    id: strawberry.ID
    name: str


@strawberry.input
class UpdateOrganizationInput:
    name: str


@strawberry.input(description="Without an id, one is generated.")
class CreateUnitInput:
    name: str
    id: strawberry.ID | None = None
    kind: UnitKind = model.UnitKind.TEAM  # type: ignore[valid-type]
    parent_id: strawberry.ID | None = None

    def to_model(self) -> model.Unit:
        return model.Unit(_new_id(self.id, EntityKind.UNIT), self.name, self.kind, self.parent_id)


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
            id=_new_id(self.id, EntityKind.LEADER),
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
            id=_new_id(self.id, EntityKind.DEPENDENCY),
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
            id=_new_id(self.id, EntityKind.CONFLICT),
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
            id=_new_id(self.id, EntityKind.TIE),
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


# ---- the root Mutation --------------------------------------------------------------------------


def _org(org: model.Organization) -> Organization:
    return Organization(id=strawberry.ID(org.id), name=org.name)


@strawberry.type
class Mutation:
    @strawberry.mutation
    async def create_organization(
        self, info: Info, input: CreateOrganizationInput
    ) -> OrganizationResult:
        async def work() -> OrganizationPayload:
            org = model.Organization(str(input.id), input.name)
            created = await commands.create_organization(
                info.context.store, info.context.request_context, org
            )
            return OrganizationPayload(organization=_org(created))

        return await _attempt(work)

    @strawberry.mutation
    async def update_organization(
        self, info: Info, id: strawberry.ID, input: UpdateOrganizationInput
    ) -> OrganizationResult:
        async def work() -> OrganizationPayload:
            renamed = await commands.rename_organization(
                info.context.store, info.context.request_context, id, input.name
            )
            return OrganizationPayload(organization=_org(renamed))

        return await _attempt(work)

    @strawberry.mutation(description="Deletes the organization and everything in it.")
    async def delete_organization(self, info: Info, id: strawberry.ID) -> DeleteResult:
        async def work() -> DeletePayload:
            await commands.delete_organization(info.context.store, info.context.request_context, id)
            return DeletePayload(entity="Organization", id=id)

        return await _attempt(work)

    @strawberry.mutation(
        description="Loads a whole organization (the JSON document format) in one transaction."
    )
    async def import_organization(
        self,
        info: Info,
        document: JSON,
        replace: Annotated[
            bool,
            strawberry.argument(description="Overwrite an existing organization with this id."),
        ] = False,
    ) -> ImportResult:
        try:
            snapshot = parse_document(document, source="document")
            version = await commands.import_organization(
                info.context.store, info.context.request_context, snapshot, replace
            )
        except ValidationFailed as failure:
            return ValidationError.from_domain(failure.errors)
        counts = snapshot.counts()
        return ImportPayload(
            organization=_org(snapshot.organization),
            graph_version=version,
            counts=EntityCounts(
                units=counts[EntityKind.UNIT],
                leaders=counts[EntityKind.LEADER],
                dependencies=counts[EntityKind.DEPENDENCY],
                conflicts=counts[EntityKind.CONFLICT],
                ties=counts[EntityKind.TIE],
            ),
        )

    @strawberry.mutation
    async def create_unit(
        self, info: Info, organization_id: strawberry.ID, input: CreateUnitInput
    ) -> UnitResult:
        return await _attempt(lambda: _create(info, organization_id, input.to_model(), UnitPayload))

    @strawberry.mutation
    async def update_unit(
        self, info: Info, organization_id: strawberry.ID, id: strawberry.ID, input: UpdateUnitInput
    ) -> UnitResult:
        return await _attempt(
            lambda: _update(info, organization_id, EntityKind.UNIT, id, input, UnitPayload)
        )

    @strawberry.mutation(
        description="Refused while leaders, units, dependencies or conflicts use it."
    )
    async def delete_unit(
        self, info: Info, organization_id: strawberry.ID, id: strawberry.ID
    ) -> DeleteResult:
        return await _attempt(lambda: _delete(info, organization_id, EntityKind.UNIT, id))

    @strawberry.mutation
    async def create_leader(
        self, info: Info, organization_id: strawberry.ID, input: CreateLeaderInput
    ) -> LeaderResult:
        return await _attempt(
            lambda: _create(info, organization_id, input.to_model(), LeaderPayload)
        )

    @strawberry.mutation
    async def update_leader(
        self,
        info: Info,
        organization_id: strawberry.ID,
        id: strawberry.ID,
        input: UpdateLeaderInput,
    ) -> LeaderResult:
        return await _attempt(
            lambda: _update(info, organization_id, EntityKind.LEADER, id, input, LeaderPayload)
        )

    @strawberry.mutation(description="Refused while reports, ties or dependencies use the leader.")
    async def delete_leader(
        self, info: Info, organization_id: strawberry.ID, id: strawberry.ID
    ) -> DeleteResult:
        return await _attempt(lambda: _delete(info, organization_id, EntityKind.LEADER, id))

    @strawberry.mutation
    async def create_dependency(
        self, info: Info, organization_id: strawberry.ID, input: CreateDependencyInput
    ) -> DependencyResult:
        return await _attempt(
            lambda: _create(info, organization_id, input.to_model(), DependencyPayload)
        )

    @strawberry.mutation
    async def update_dependency(
        self,
        info: Info,
        organization_id: strawberry.ID,
        id: strawberry.ID,
        input: UpdateDependencyInput,
    ) -> DependencyResult:
        return await _attempt(
            lambda: _update(
                info, organization_id, EntityKind.DEPENDENCY, id, input, DependencyPayload
            )
        )

    @strawberry.mutation(description="Refused while conflicts refer to the dependency.")
    async def delete_dependency(
        self, info: Info, organization_id: strawberry.ID, id: strawberry.ID
    ) -> DeleteResult:
        return await _attempt(lambda: _delete(info, organization_id, EntityKind.DEPENDENCY, id))

    @strawberry.mutation
    async def create_conflict(
        self, info: Info, organization_id: strawberry.ID, input: CreateConflictInput
    ) -> ConflictResult:
        return await _attempt(
            lambda: _create(info, organization_id, input.to_model(), ConflictPayload)
        )

    @strawberry.mutation
    async def update_conflict(
        self,
        info: Info,
        organization_id: strawberry.ID,
        id: strawberry.ID,
        input: UpdateConflictInput,
    ) -> ConflictResult:
        return await _attempt(
            lambda: _update(info, organization_id, EntityKind.CONFLICT, id, input, ConflictPayload)
        )

    @strawberry.mutation
    async def delete_conflict(
        self, info: Info, organization_id: strawberry.ID, id: strawberry.ID
    ) -> DeleteResult:
        return await _attempt(lambda: _delete(info, organization_id, EntityKind.CONFLICT, id))

    @strawberry.mutation
    async def create_tie(
        self, info: Info, organization_id: strawberry.ID, input: CreateTieInput
    ) -> TieResult:
        return await _attempt(lambda: _create(info, organization_id, input.to_model(), TiePayload))

    @strawberry.mutation
    async def update_tie(
        self, info: Info, organization_id: strawberry.ID, id: strawberry.ID, input: UpdateTieInput
    ) -> TieResult:
        return await _attempt(
            lambda: _update(info, organization_id, EntityKind.TIE, id, input, TiePayload)
        )

    @strawberry.mutation
    async def delete_tie(
        self, info: Info, organization_id: strawberry.ID, id: strawberry.ID
    ) -> DeleteResult:
        return await _attempt(lambda: _delete(info, organization_id, EntityKind.TIE, id))


async def _create(info: Info, organization_id: str, entity: model.Entity, payload: Any) -> Any:
    context = info.context
    created = await commands.create_entity(
        context.store, context.request_context, organization_id, entity
    )
    return payload(**{_payload_field(model.kind_of(created)): wrap(organization_id, created)})


async def _update(
    info: Info, organization_id: str, kind: EntityKind, id: str, update: object, payload: Any
) -> Any:
    context = info.context
    updated = await commands.update_entity(
        context.store, context.request_context, organization_id, kind, id, _changes(update)
    )
    return payload(**{_payload_field(kind): wrap(organization_id, updated)})


def _payload_field(kind: EntityKind) -> str:
    """UnitPayload.unit, LeaderPayload.leader, ...: each payload names its entity."""
    return KINDS[kind].type_name.lower()


async def _delete(info: Info, organization_id: str, kind: EntityKind, id: str) -> DeletePayload:
    context = info.context
    await commands.delete_entity(context.store, context.request_context, organization_id, kind, id)
    return DeletePayload(entity=KINDS[kind].type_name, id=strawberry.ID(id))
