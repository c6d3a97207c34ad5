"""Create, update and delete for every entity kind: one pattern, one table entry per kind.

Each kind gets `create<Type>(organizationId, input)`, `update<Type>(organizationId, id, input)`
and `delete<Type>(organizationId, id)`, a `<Type>Payload` that holds the entity under its
singular name (`UnitPayload.unit`) and a `<Type>Result` union of that payload and the failures.
Names come from `KINDS`; the table below holds only what the names cannot tell.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

import strawberry
from strawberry.types.field import StrawberryField

from graph_queries import commands, model
from graph_queries.model import KINDS, EntityKind, KindInfo
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
    new_entity,
)
from schema.failures import NotFoundError, ValidationError, attempt
from schema.types import NODE_TYPES, wrap


@dataclass(frozen=True, slots=True)
class EntityMutations:
    """What the mutations of one entity kind take and give.

    A new kind needs its GraphQL type in `NODE_TYPES` (schema/types.py), its two inputs
    (schema/entity_inputs.py) and one entry in `ENTITY_MUTATIONS`.
    """

    kind: EntityKind
    create_input: type
    update_input: type
    delete_description: str | None = None


ENTITY_MUTATIONS = (
    EntityMutations(
        EntityKind.UNIT,
        CreateUnitInput,
        UpdateUnitInput,
        "Refused while leaders, units, dependencies or conflicts use it.",
    ),
    EntityMutations(
        EntityKind.LEADER,
        CreateLeaderInput,
        UpdateLeaderInput,
        "Refused while reports, ties or dependencies use the leader.",
    ),
    EntityMutations(
        EntityKind.DEPENDENCY,
        CreateDependencyInput,
        UpdateDependencyInput,
        "Refused while conflicts refer to the dependency.",
    ),
    EntityMutations(EntityKind.CONFLICT, CreateConflictInput, UpdateConflictInput),
    EntityMutations(EntityKind.TIE, CreateTieInput, UpdateTieInput),
)


# Mutations take and give local ids, as imports and exports do (not the global `id`).
OrganizationLocalId = Annotated[
    strawberry.ID, strawberry.argument(description="The organization's local id (`localId`).")
]
EntityLocalId = Annotated[
    strawberry.ID, strawberry.argument(description="The entity's local id (`localId`).")
]


@strawberry.type
class DeletePayload:
    entity: str
    id: strawberry.ID = strawberry.field(description="The deleted entity's local id.")


DeleteResult = Annotated[
    DeletePayload | ValidationError | NotFoundError, strawberry.union("DeleteResult")
]


def payload_type(spec: EntityMutations) -> Any:
    """`<Type>Payload`, holding the entity under the kind's singular name."""
    names = KINDS[spec.kind]
    annotations = {names.name: NODE_TYPES[spec.kind]}
    shadow = type(
        f"{names.type_name}Payload", (), {"__annotations__": annotations, "__module__": __name__}
    )
    return strawberry.type(shadow)


def entity_mutations(spec: EntityMutations) -> dict[str, StrawberryField]:
    """The create, update and delete mutations of one kind, by field name."""
    names = KINDS[spec.kind]
    payload = payload_type(spec)
    result = Annotated[
        payload | ValidationError | NotFoundError,  # type: ignore[valid-type]
        strawberry.union(f"{names.type_name}Result"),
    ]

    def answer(organization_id: str, entity: model.Entity) -> Any:
        return payload(**{names.name: wrap(organization_id, entity)})

    async def create(info: Info, organization_id: OrganizationLocalId, input: Any) -> Any:
        async def work() -> Any:
            context = info.context
            entity = new_entity(spec.kind, input)
            created = await commands.create_entity(
                context.store,
                context.request_context,
                organization_id,
                entity,
                retry=context.retry,
            )
            return answer(organization_id, created)

        return await attempt(work)

    async def update(
        info: Info, organization_id: OrganizationLocalId, id: EntityLocalId, input: Any
    ) -> Any:
        async def work() -> Any:
            context = info.context
            updated = await commands.update_entity(
                context.store,
                context.request_context,
                organization_id,
                spec.kind,
                id,
                changes(input),
                retry=context.retry,
            )
            return answer(organization_id, updated)

        return await attempt(work)

    async def delete(
        info: Info, organization_id: OrganizationLocalId, id: EntityLocalId
    ) -> DeleteResult:
        async def work() -> DeletePayload:
            context = info.context
            await commands.delete_entity(
                context.store,
                context.request_context,
                organization_id,
                spec.kind,
                id,
                retry=context.retry,
            )
            return DeletePayload(entity=names.type_name, id=strawberry.ID(id))

        return await attempt(work)

    return dict(
        (
            _mutation(create, names, input=spec.create_input, returns=result),
            _mutation(update, names, input=spec.update_input, returns=result),
            _mutation(delete, names, description=spec.delete_description),
        )
    )


def _mutation(
    resolver: Callable[..., Any],
    names: KindInfo,
    description: str | None = None,
    input: type | None = None,
    returns: Any = None,
) -> tuple[str, StrawberryField]:
    """(`create_unit`, its field) for the resolver `create` and the kind UNIT."""
    # The resolvers above serve every kind, so the kind's own input and result types are set
    # here, where strawberry reads them to build the schema.
    name = resolver.__name__ = resolver.__qualname__ = f"{resolver.__name__}_{names.name}"
    if input is not None:
        resolver.__annotations__["input"] = input
    if returns is not None:
        resolver.__annotations__["return"] = returns
    field: StrawberryField = strawberry.mutation(resolver=resolver, description=description)
    return name, field


EntityMutation = strawberry.type(
    type(
        "EntityMutation",
        (),
        {
            name: field
            for spec in ENTITY_MUTATIONS
            for name, field in entity_mutations(spec).items()
        },
    )
)
