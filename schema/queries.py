"""The root Query: the organizations the caller may see, and any object by its global id."""

from __future__ import annotations

from typing import Annotated

import strawberry

from schema.context import Info
from schema.global_ids import organization_id_of
from schema.node import Node
from schema.node_lookup import MAX_NODES, find_node, find_nodes
from schema.organization import Organization


@strawberry.type
class Query:
    @strawberry.field(description="The organizations the caller may see, in natural order of ids.")
    async def organizations(self, info: Info) -> list[Organization]:
        context = info.context
        found = await context.store.organizations(context.request_context)
        return [Organization.of(org) for org in found]

    @strawberry.field(description="Null when there is no such organization or it is not visible.")
    async def organization(
        self,
        info: Info,
        id: Annotated[
            strawberry.ID,
            strawberry.argument(description="The organization's local id, or its global `id`."),
        ],
    ) -> Organization | None:
        org = await info.context.loaders.organizations.load(organization_id_of(id))
        return None if org is None else Organization.of(org)

    @strawberry.field(
        description=(
            "The object with this global id; null when there is none or the caller may not "
            "see its organization."
        )
    )
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        return await find_node(info, id)

    @strawberry.field(
        description=(
            f"The objects with these global ids (at most {MAX_NODES}), in the order asked; "
            "null for each that is not there or not visible."
        )
    )
    async def nodes(self, info: Info, ids: list[strawberry.ID]) -> list[Node | None]:
        return await find_nodes(info, ids)
