"""The top-level connections (`Organization.units`...), paged by the store; the connection
types, the cursor codec and the argument checks are those of schema/pagination.py."""

from __future__ import annotations

from graph_queries import model
from graph_queries.model import EntityKind
from graph_queries.stores.port import EntityFilter, Page
from schema.context import Info
from schema.pagination import Connection, Edge, checked_window, connection_of, encode_cursor
from schema.types import wrap


def to_connection(organization_id: str, page: Page[model.Entity]) -> Connection:  # type: ignore[type-arg]
    edges = [
        Edge(cursor=encode_cursor(entity.id), node=wrap(organization_id, entity))
        for entity in page.items
    ]
    return connection_of(edges, page.has_next, page.has_previous, page.total_count)


async def load_page(
    info: Info,
    organization_id: str,
    kind: EntityKind,
    entity_filter: EntityFilter,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
) -> Connection:  # type: ignore[type-arg]
    """One page of the store's keyset paging, in natural order of local ids."""
    context = info.context
    page = await context.store.page(
        context.request_context,
        organization_id,
        kind,
        entity_filter,
        checked_window(first, after, last, before),
    )
    return to_connection(organization_id, page)
