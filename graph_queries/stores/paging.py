"""Pages of entities: which window of the natural order a caller asks for, and what comes back.

The order is natural order of ids (`natural_order.sort_text`, then the id itself for ids with
equal numbers such as `u01` and `u1`). A window follows the pagination algorithm of the Relay
Cursor Connections spec (https://relay.dev/graphql/connections.htm, "Pagination algorithm"):
of all entities matching the filter, drop those at or before `after` and those at or after
`before`; then keep the first `first`, or the last `last`. Cursors name entity ids; an id that
no longer exists still bounds the window by its place in the order.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from graph_queries.natural_order import sort_text

T = TypeVar("T")

MAX_PAGE_SIZE = 100


@dataclass(frozen=True, slots=True)
class PageWindow:
    """Exactly one of `first` (forward) and `last` (backward) is set; `after` and `before`
    are entity ids (the API's cursors are made from them above the store)."""

    first: int | None = None
    after: str | None = None
    last: int | None = None
    before: str | None = None

    @property
    def backward(self) -> bool:
        return self.last is not None

    @property
    def size(self) -> int:
        size = self.last if self.last is not None else self.first
        assert size is not None, "a checked window has a size"
        return size

    def checked(self) -> PageWindow:
        """The window with its size clamped to 0..MAX_PAGE_SIZE; ValueError unless exactly one
        of `first` and `last` is set (the API layer chooses defaults, not the store)."""
        if (self.first is None) == (self.last is None):
            raise ValueError("a page window needs exactly one of first and last")
        if self.first is not None:
            return dataclasses.replace(self, first=max(0, min(self.first, MAX_PAGE_SIZE)))
        assert self.last is not None
        return dataclasses.replace(self, last=max(0, min(self.last, MAX_PAGE_SIZE)))

    def seek_parameters(self) -> dict[str, Any]:
        """The bounds and direction as a store's page query takes them: each bound as (sort
        text, id), null when unbounded; `limit` asks for one more than the page, to tell
        whether the window holds more than the page in the direction read."""
        return {
            "after_sort": None if self.after is None else sort_text(self.after),
            "after_id": self.after,
            "before_sort": None if self.before is None else sort_text(self.before),
            "before_id": self.before,
            "backward": self.backward,
            "limit": self.size + 1,
        }


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """The page info of the Relay specification's HasNextPage and HasPreviousPage: in the
    direction read, whether the window holds more than the page; against it, whether anything
    lies beyond the cursor (before `after` forward, at or after `before` backward), which the
    specification lets a server answer when it can tell, as the stores can. `total_count`
    counts every match of the filter, on all pages."""

    items: list[T]
    has_next: bool
    has_previous: bool
    total_count: int


def page_of(
    window: PageWindow,
    read: list[T],
    total_count: int,
    *,
    any_up_to_after: bool,
    any_from_before: bool,
) -> Page[T]:
    """The page from what a store read for a checked window.

    `read`: up to `window.size + 1` entities inside the bounds, nearest to the start of the
    window reading forward, to its end reading backward, in the order read. `any_up_to_after`:
    a matching entity lies at or before `after`; `any_from_before`: one lies at or after
    `before` (both false without that bound).

    >>> window = PageWindow(last=2, before="u9").checked()
    >>> page_of(window, ["u8", "u7", "u6"], 12, any_up_to_after=False, any_from_before=True)
    Page(items=['u7', 'u8'], has_next=True, has_previous=True, total_count=12)
    >>> window = PageWindow(first=5, after="u2", before="u6").checked()
    >>> page_of(window, ["u3", "u4", "u5"], 12, any_up_to_after=True, any_from_before=True)
    Page(items=['u3', 'u4', 'u5'], has_next=False, has_previous=True, total_count=12)
    """
    more = len(read) > window.size
    items = read[: window.size]
    if window.backward:
        items.reverse()
        return Page(items, any_from_before, more, total_count)
    return Page(items, more, any_up_to_after, total_count)
