"""Relay cursor connections (https://relay.dev/graphql/connections.htm): the types every
connection shares, the one cursor codec, page-size checks, and the pagination algorithm of the
specification for lists read whole (a unit's members, a leader's ties...).

Cursors encode a local id; clients must treat them as opaque. Lists are in natural order of
local ids (`graph_queries.natural_order`: `u2` before `u10`).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Generic, TypeVar

import strawberry
from graphql import GraphQLError

from graph_queries.natural_order import natural_key
from graph_queries.stores.port import MAX_PAGE_SIZE, PageWindow
from schema.errors import BAD_USER_INPUT

N = TypeVar("N")
T = TypeVar("T")

# The page size when a client gives neither `first` nor `last`, as for the top-level lists.
DEFAULT_PAGE_SIZE = 20
_CURSOR_PREFIX = "id:"


def bad_input(message: str, field: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": BAD_USER_INPUT, "field": field})


def encode_cursor(id: str) -> str:
    return base64.urlsafe_b64encode(f"{_CURSOR_PREFIX}{id}".encode()).decode()


def decode_cursor(cursor: str | None, argument: str = "after") -> str | None:
    """The local id a cursor encodes; BAD_USER_INPUT naming `argument` for anything else.

    >>> decode_cursor(encode_cursor("u:7"), "before")
    'u:7'
    """
    if cursor is None:
        return None
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
    except (binascii.Error, UnicodeError, ValueError):
        text = ""
    if not text.startswith(_CURSOR_PREFIX):
        raise bad_input(f"{argument}: not a cursor returned by this API", argument)
    return text[len(_CURSOR_PREFIX) :]


def check_size(size: int, argument: str = "first") -> int:
    if not 0 <= size <= MAX_PAGE_SIZE:
        raise bad_input(f"{argument}: is {size}, must be 0 to {MAX_PAGE_SIZE}", argument)
    return size


def check_first(first: int) -> int:
    return check_size(first, "first")


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[N]):
    cursor: str = strawberry.field(description="Opaque: pass it back as `after` or `before`.")
    node: N


@strawberry.type(
    description=(
        "A Relay cursor connection, in natural order of local ids (u2 before u10); "
        "cursors are opaque."
    )
)
class Connection(Generic[N]):
    edges: list[Edge[N]]
    page_info: PageInfo
    total_count: int = strawberry.field(
        description="How many there are on all pages (matching the filter, if any)."
    )


def connection_of(
    edges: list[Edge[N]], has_next_page: bool, has_previous_page: bool, total_count: int
) -> Connection[N]:
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=has_next_page,
            has_previous_page=has_previous_page,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        total_count=total_count,
    )


First = Annotated[
    int | None,
    strawberry.argument(
        description=f"At most this many from the start (0 to {MAX_PAGE_SIZE}); "
        f"{DEFAULT_PAGE_SIZE} when neither `first` nor `last` is given. Not with `last`."
    ),
]
After = Annotated[
    str | None, strawberry.argument(description="Only those after this cursor (an edge's).")
]
Last = Annotated[
    int | None,
    strawberry.argument(
        description=f"At most this many from the end (0 to {MAX_PAGE_SIZE}). Not with `first`."
    ),
]
Before = Annotated[
    str | None, strawberry.argument(description="Only those before this cursor (an edge's).")
]


def checked_window(
    first: int | None, after: str | None, last: int | None, before: str | None
) -> PageWindow:
    """A connection's arguments as the store's page window, checked: one of `first` and
    `last` (`first` = DEFAULT_PAGE_SIZE when neither is given), sizes 0..MAX_PAGE_SIZE, cursors
    of this API; BAD_USER_INPUT naming the argument otherwise."""
    if first is not None and last is not None:
        raise bad_input("last: give first or last, not both", "last")
    if first is None and last is None:
        first = DEFAULT_PAGE_SIZE
    return PageWindow(
        first=None if first is None else check_size(first, "first"),
        after=decode_cursor(after, "after"),
        last=None if last is None else check_size(last, "last"),
        before=decode_cursor(before, "before"),
    )


@dataclass(frozen=True, slots=True)
class Slice(Generic[T]):
    items: list[T]
    has_previous_page: bool
    has_next_page: bool
    total_count: int


def paginate(items: Sequence[T], id_of: Callable[[T], str], window: PageWindow) -> Slice[T]:
    """The page of `items` that `window` asks for, by the algorithm of the Relay connection
    specification (ApplyCursorsToEdges, then first, then last), with the page info it defines.
    Where the specification lets a server say false for lack of an efficient check (a previous
    page when paging forward after a cursor, a next page when paging backward before one), the
    answer here is given: the whole list is at hand.

    Cursors are compared by natural order rather than looked up, so a cursor stays valid when
    its item is deleted.

    >>> ids = ["u10", "u2", "u1", "u3"]
    >>> page = paginate(ids, str, PageWindow(first=2, after="u1"))
    >>> page.items, page.has_previous_page, page.has_next_page, page.total_count
    (['u2', 'u3'], True, True, 4)
    >>> page = paginate(ids, str, PageWindow(last=2, before="u10"))
    >>> page.items, page.has_previous_page, page.has_next_page
    (['u2', 'u3'], True, True)
    """
    ordered = sorted(items, key=lambda item: natural_key(id_of(item)))
    keys = [natural_key(id_of(item)) for item in ordered]
    start, end = 0, len(ordered)
    if window.after is not None:
        after = natural_key(window.after)
        start = next((i for i, key in enumerate(keys) if key > after), len(keys))
    if window.before is not None:
        before = natural_key(window.before)
        end = next((i for i, key in enumerate(keys) if key >= before), len(keys))
    end = max(start, end)
    first_end, last_start = end, start
    if window.first is not None:
        first_end = min(end, start + window.first)
    if window.last is not None:
        last_start = max(start, min(end, first_end) - window.last)
    between = end - start
    # HasPreviousPage and HasNextPage of the specification; the answers it leaves to a server
    # that can tell are given, as the stores' pages give them (graph_queries/stores/paging.py).
    has_previous = between > window.last if window.last is not None else start > 0
    has_next = between > window.first if window.first is not None else end < len(ordered)
    return Slice(ordered[last_start:first_end], has_previous, has_next, len(ordered))
