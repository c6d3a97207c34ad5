"""Times every call a store makes to its database, by store method, for /metrics."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any

from graph_queries.stores.port import Store

# The methods each store implements behind the port (`Store._page` for `Store.page`...): timing
# them measures the database work of both stores alike, after the port's checks.
STORE_METHODS = (
    "ping",
    "organizations",
    "organizations_by_id",
    "graph_version",
    "entities_by_id",
    "related",
    "page",
    "snapshot",
    "local_view",
    "commit",
    "replace_organization",
    "delete_organization",
)


def time_store_calls(store: Store, observe: Callable[[str, float], None]) -> Store:
    """`store`, its calls timed into `observe(method, seconds)`; it behaves as before, raising
    what it raised (a failed call is timed too)."""
    for method in STORE_METHODS:
        inner = getattr(store, "_" + method)
        # An instance attribute shadows the class's method for the port's `self._page(...)`.
        setattr(store, "_" + method, _timed(inner, method, observe))
    return store


def _timed(
    inner: Callable[..., Any], method: str, observe: Callable[[str, float], None]
) -> Callable[..., Any]:
    @functools.wraps(inner)
    async def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return await inner(*args, **kwargs)
        finally:
            observe(method, time.perf_counter() - started)

    return timed
