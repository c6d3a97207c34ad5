"""Relay cursor connections over the store's pages: opaque cursors, page sizes, page info."""

from __future__ import annotations

import base64
import binascii
from typing import Generic, TypeVar

import strawberry
from graphql import GraphQLError

from graph_queries import model
from graph_queries.model import EntityKind
from graph_queries.stores.port import MAX_PAGE_SIZE, EntityFilter, Page, PageWindow
from schema.context import Info
from schema.types import wrap

N = TypeVar("N")


def _bad_input(message: str, field: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": "BAD_USER_INPUT", "field": field})


def encode_cursor(id: str) -> str:
    return base64.urlsafe_b64encode(f"id:{id}".encode()).decode()


def decode_cursor(cursor: str | None) -> str | None:
    if cursor is None:
        return None
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        text = ""
    if not text.startswith("id:"):
        raise _bad_input("after: not a cursor returned by this API", "after")
    return text[3:]


def check_first(first: int) -> int:
    if not 0 <= first <= MAX_PAGE_SIZE:
        raise _bad_input(f"first: is {first}, must be 0 to {MAX_PAGE_SIZE}", "first")
    return first


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[N]):
    cursor: str
    node: N


@strawberry.type(
    description="A Relay cursor connection, in natural order of ids (u2 before u10; u01 before u1)."
)
class Connection(Generic[N]):
    edges: list[Edge[N]]
    page_info: PageInfo
    total_count: int = strawberry.field(description="How many match the filter, on all pages.")


def to_connection(organization_id: str, page: Page[model.Entity]) -> Connection:  # type: ignore[type-arg]
    nodes = [wrap(organization_id, entity) for entity in page.items]
    edges = [
        Edge(cursor=encode_cursor(entity.id), node=node)
        for entity, node in zip(page.items, nodes, strict=True)
    ]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=page.has_next,
            has_previous_page=page.has_previous,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        total_count=page.total_count,
    )


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
        PageWindow(first=check_first(first), after=decode_cursor(after), last=None, before=None),
    )
    return to_connection(organization_id, page)
