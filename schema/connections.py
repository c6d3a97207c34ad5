"""The top-level connections (`Organization.units`...), paged by the store; the connection
types and the cursor codec are those of schema/pagination.py."""

from __future__ import annotations

from graph_queries import model
from graph_queries.model import EntityKind
from graph_queries.stores.port import EntityFilter, Page
from schema.context import Info
from schema.pagination import (
    Connection,
    Edge,
    check_first,
    connection_of,
    decode_cursor,
    encode_cursor,
)
from schema.types import wrap


def to_connection(organization_id: str, page: Page[model.Entity], after: str | None) -> Connection:  # type: ignore[type-arg]
    nodes = [wrap(organization_id, entity) for entity in page.items]
    edges = [
        Edge(cursor=encode_cursor(entity.id), node=node)
        for entity, node in zip(page.items, nodes, strict=True)
    ]
    return connection_of(edges, page.has_next, after is not None, page.total_count)


async def load_page(
    info: Info,
    organization_id: str,
    kind: EntityKind,
    entity_filter: EntityFilter,
    first: int,
    after: str | None,
) -> Connection:  # type: ignore[type-arg]
    context = info.context
    page = await context.store.page(
        context.request_context,
        organization_id,
        kind,
        entity_filter,
        check_first(first),
        decode_cursor(after),
    )
    return to_connection(organization_id, page, after)
