"""Create, update and delete for every entity, and the all-or-nothing import.

Expected failures come back as members of each result union (ValidationError, NotFoundError),
so clients can show them field by field; only unexpected ones become GraphQL errors.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any, TypeVar

import strawberry
from strawberry.scalars import JSON

from graph_queries import commands, model
from graph_queries.documents import parse_document
from graph_queries.errors import NotFound, ValidationFailed
from graph_queries.model import KINDS, EntityKind
from schema.context import Info
from schema.entity_inputs import (
    CreateConflictInput,
    CreateDependencyInput,
    CreateLeaderInput,
    CreateTieInput,
    CreateUnitInput,
    UpdateConflictInput,
    UpdateDependencyInput,
    UpdateLeaderInput,
    UpdateTieInput,
    UpdateUnitInput,
    changes,
)
from schema.failures import NotFoundError, ValidationError
from schema.organization import Organization
from schema.types import Conflict as ConflictType
from schema.types import Dependency as DependencyType
from schema.types import Leader as LeaderType
from schema.types import Tie as TieType
from schema.types import Unit as UnitType
from schema.types import wrap

P = TypeVar("P")


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


@strawberry.input
class CreateOrganizationInput:
    id: strawberry.ID
    name: str


@strawberry.input
class UpdateOrganizationInput:
    name: str


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
        context.store, context.request_context, organization_id, kind, id, changes(update)
    )
    return payload(**{_payload_field(kind): wrap(organization_id, updated)})


def _payload_field(kind: EntityKind) -> str:
    """UnitPayload.unit, LeaderPayload.leader, ...: each payload names its entity."""
    return KINDS[kind].type_name.lower()


async def _delete(info: Info, organization_id: str, kind: EntityKind, id: str) -> DeletePayload:
    context = info.context
    await commands.delete_entity(context.store, context.request_context, organization_id, kind, id)
    return DeletePayload(entity=KINDS[kind].type_name, id=strawberry.ID(id))
