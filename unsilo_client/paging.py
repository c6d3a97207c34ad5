"""Every node of a Relay connection, page by page (docs/api.md, "Connections").

A connection answers at most 100 nodes a request (`first` 0 to 100), so a script that wants
them all asks again `after` the last page's `endCursor` while `hasNextPage` is true. Any
generated connection fits the protocols below, whatever operation it comes from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Protocol, TypeVar

from unsilo_client.errors import EntityNotFound, InvalidResponse

MAX_PAGE = 100  # the service refuses a larger `first` (BAD_USER_INPUT naming `first`)

N = TypeVar("N")
N_co = TypeVar("N_co", covariant=True)


class PageInfo(Protocol):
    @property
    def has_next_page(self) -> bool: ...

    @property
    def end_cursor(self) -> str | None: ...


class Edge(Protocol[N_co]):
    @property
    def node(self) -> N_co: ...


class Connection(Protocol[N_co]):
    @property
    def edges(self) -> Sequence[Edge[N_co]]: ...

    @property
    def page_info(self) -> PageInfo: ...


Fetch = Callable[[int, str | None], Connection[N] | None]
"""One page: given `first` and `after`, the connection, or None when its owner (the
organization, a unit) is not there or not visible."""


def each_node(fetch: Fetch[N], page_size: int = MAX_PAGE, limit: int | None = None) -> Iterator[N]:
    """The nodes of every page in order, asking `page_size` (1 to 100) at a time, at most
    `limit` nodes in all when given. Lazy: a page is fetched when the previous one is used up.
    """
    if not 1 <= page_size <= MAX_PAGE:
        raise ValueError(f"page_size: must be 1 to {MAX_PAGE}, not {page_size}")
    if limit is not None and limit < 0:
        raise ValueError(f"limit: must be 0 or more, not {limit}")
    after: str | None = None
    given = 0
    while limit is None or given < limit:
        first = page_size if limit is None else min(page_size, limit - given)
        page = fetch(first, after)
        if page is None:
            raise EntityNotFound(None, None, "nothing there, or not visible to this caller")
        for edge in page.edges:
            yield edge.node
        given += len(page.edges)
        cursor = page.page_info.end_cursor
        if not page.page_info.has_next_page:
            return
        if cursor is None or cursor == after or not page.edges:
            # A server that says "more" without moving on would be asked forever.
            raise InvalidResponse(200, "hasNextPage is true but the page did not move on")
        after = cursor
