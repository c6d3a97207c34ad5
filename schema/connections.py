"""The top-level connections (`Organization.units`...), paged by the store; the connection
types, the cursor codec and the argument checks are those of schema/pagination.py, the edges
those of `schema.types.entity_connection`, as for the nested lists."""

from __future__ import annotations

from graph_queries.model import EntityKind
from graph_queries.stores.port import EntityFilter
from schema.context import Info
from schema.pagination import Connection, checked_window
from schema.types import entity_connection


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
    return entity_connection(
        organization_id, page.items, page.has_next, page.has_previous, page.total_count
    )
