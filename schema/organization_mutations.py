"""Create, rename and delete an organization, and the all-or-nothing import of a whole one."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.scalars import JSON

from graph_queries import commands, model
from graph_queries.errors import ValidationFailed
from graph_queries.formats.json_document import parse_document
from graph_queries.hierarchy_check import hierarchy_warnings
from graph_queries.model import EntityKind
from schema.context import Info
from schema.declarations import TieKind
from schema.entity_mutations import DeletePayload, DeleteResult
from schema.failures import NotFoundError, ValidationError, attempt
from schema.organization import Organization


@strawberry.type
class OrganizationPayload:
    organization: Organization


@strawberry.type
class EntityCounts:
    units: int
    leaders: int
    dependencies: int
    conflicts: int
    ties: int


@strawberry.type(description="A structure that changes what the analyses mean; not an error.")
class ImportWarning:
    code: str = strawberry.field(
        description="ONE_DIVISION, EXECUTIVES_IN_ONE_DIVISION or NO_EXECUTIVES."
    )
    path: str
    message: str


@strawberry.type
class ImportPayload:
    organization: Organization
    graph_version: int
    counts: EntityCounts
    warnings: list[ImportWarning] = strawberry.field(
        description="What the hierarchy check found (docs/data-format.md); the import landed."
    )


OrganizationResult = Annotated[
    OrganizationPayload | ValidationError | NotFoundError, strawberry.union("OrganizationResult")
]
ImportResult = Annotated[ImportPayload | ValidationError, strawberry.union("ImportResult")]


@strawberry.input
class CreateOrganizationInput:
    id: strawberry.ID
    name: str


@strawberry.input
class UpdateOrganizationInput:
    name: str


@strawberry.input(description="A tie kind to declare.")
class TieKindInput:
    name: str
    directed: bool = False


@strawberry.type
class TieKindsPayload:
    tie_kinds: list[TieKind]


TieKindsResult = Annotated[
    TieKindsPayload | ValidationError | NotFoundError, strawberry.union("TieKindsResult")
]


def _org(org: model.Organization) -> Organization:
    return Organization.of(org)


@strawberry.type
class OrganizationMutation:
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

        return await attempt(work)

    @strawberry.mutation
    async def update_organization(
        self, info: Info, id: strawberry.ID, input: UpdateOrganizationInput
    ) -> OrganizationResult:
        async def work() -> OrganizationPayload:
            renamed = await commands.rename_organization(
                info.context.store,
                info.context.request_context,
                id,
                input.name,
                retry=info.context.retry,
            )
            return OrganizationPayload(organization=_org(renamed))

        return await attempt(work)

    @strawberry.mutation(
        description=(
            "Replaces the organization's tie kinds. Refused when a tie would then repeat "
            "another: making a kind undirected while both arcs of a pair exist."
        )
    )
    async def declare_tie_kinds(
        self, info: Info, organization_id: strawberry.ID, tie_kinds: list[TieKindInput]
    ) -> TieKindsResult:
        async def work() -> TieKindsPayload:
            declared = await commands.declare_tie_kinds(
                info.context.store,
                info.context.request_context,
                organization_id,
                tuple(model.TieKind(kind.name, kind.directed) for kind in tie_kinds),
                retry=info.context.retry,
            )
            found = [TieKind(name=kind.name, directed=kind.directed) for kind in declared]
            return TieKindsPayload(tie_kinds=found)

        return await attempt(work)

    @strawberry.mutation(description="Deletes the organization and everything in it.")
    async def delete_organization(self, info: Info, id: strawberry.ID) -> DeleteResult:
        async def work() -> DeletePayload:
            await commands.delete_organization(info.context.store, info.context.request_context, id)
            info.context.forget(id)
            return DeletePayload(entity="Organization", id=id)

        return await attempt(work)

    @strawberry.mutation(
        description=(
            "Loads a whole organization (the JSON document format), all or nothing: readers "
            "see the old content or the new, never a mix."
        )
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
                info.context.store, info.context.request_context, snapshot, replace, validated=True
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
            warnings=[
                ImportWarning(code=w.code.value, path=w.path, message=w.message)
                for w in hierarchy_warnings(snapshot)
            ],
        )
