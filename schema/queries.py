"""The root Query: the organizations the caller may see."""

from __future__ import annotations

import strawberry

from schema.context import Info
from schema.organization import Organization


@strawberry.type
class Query:
    @strawberry.field(description="The organizations the caller may see, in natural order of ids.")
    async def organizations(self, info: Info) -> list[Organization]:
        context = info.context
        found = await context.store.organizations(context.request_context)
        return [Organization(id=strawberry.ID(org.id), name=org.name) for org in found]

    @strawberry.field(description="Null when there is no such organization or it is not visible.")
    async def organization(self, info: Info, id: strawberry.ID) -> Organization | None:
        org = await info.context.loaders.organizations.load(id)
        return None if org is None else Organization(id=strawberry.ID(org.id), name=org.name)
