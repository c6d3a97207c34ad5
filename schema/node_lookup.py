"""`node` and `nodes`: any object by its global id, with exactly the authorization of the
ordinary paths. The organization is read first through the same loader as `organization(id:)`,
so an organization the caller may not see gives null, as one that does not exist does."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from graph_queries.model import KINDS, EntityKind
from graph_queries.stores.port import MAX_PAGE_SIZE
from schema.context import Info
from schema.global_ids import ORGANIZATION, GlobalId, decode_global_id
from schema.node import Node
from schema.organization import Organization
from schema.pagination import bad_input
from schema.types import wrap

# As many as one page holds: `nodes` costs no more than a page of a connection.
MAX_NODES = MAX_PAGE_SIZE
KIND_OF_TYPE: dict[str, EntityKind] = {names.type_name: kind for kind, names in KINDS.items()}


async def find_node(info: Info, id: str) -> Node | None:
    return await _resolve(info, decode_global_id(id, "id"))


async def find_nodes(info: Info, ids: Sequence[str]) -> list[Node | None]:
    if len(ids) > MAX_NODES:
        raise bad_input(f"ids: {len(ids)} given, at most {MAX_NODES}", "ids")
    # Every id is checked before anything is read: one malformed id refuses the whole list.
    wanted = [decode_global_id(id, f"ids[{i}]") for i, id in enumerate(ids)]
    # Gathered, so that the DataLoaders batch them: one store call per organization and kind.
    return list(await asyncio.gather(*(_resolve(info, one) for one in wanted)))


async def _resolve(info: Info, wanted: GlobalId) -> Node | None:
    loaders = info.context.loaders
    organization = await loaders.organizations.load(wanted.organization_id)
    if organization is None:
        return None  # missing or not visible: alike
    if wanted.type_name == ORGANIZATION:
        if wanted.local_id != organization.id:
            return None
        return Organization.of(organization)
    kind = KIND_OF_TYPE[wanted.type_name]
    entity = await loaders.entity(kind).load((organization.id, wanted.local_id))
    return None if entity is None else wrap(organization.id, entity)
