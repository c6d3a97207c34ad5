"""`FutureCache`: results being computed or computed, by key, shared by concurrent callers."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from typing import Any

__all__ = ["FutureCache"]


class FutureCache:
    """Least-recently-used futures by key; a key being computed is awaited, not recomputed."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._futures: OrderedDict[Hashable, asyncio.Future[Any]] = OrderedDict()

    def holds(self, key: Hashable) -> bool:
        return key in self._futures

    def forget(self, matches: Callable[[Any], bool]) -> None:
        for key in [key for key in self._futures if matches(key)]:
            del self._futures[key]

    async def get(self, key: Hashable, make: Callable[[], Awaitable[Any]]) -> Any:
        future = self._futures.get(key)
        if future is None:
            future = asyncio.ensure_future(make())
            self._futures[key] = future
            while len(self._futures) > self._limit:
                self._futures.popitem(last=False)
        else:
            self._futures.move_to_end(key)
        try:
            # Shielded: a caller that goes away does not cancel the work others wait for.
            return await asyncio.shield(future)
        except Exception:
            # A failure is not remembered: the next request tries again.
            if self._futures.get(key) is future:
                del self._futures[key]
            raise
