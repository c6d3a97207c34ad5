"""Which organizations' graphs changed: the source of the GraphQL subscriptions.

A change is a new graph version (the store's counter, increased by every write). It is seen two
ways: `notify`, called after a write made through this process, and a poll of the version every
`poll_seconds`, for writes made by other server processes or by the command line. One poller
runs per watched organization, shared by all its subscribers, and stops with the last of them.

Each subscriber keeps only the latest version it has not yet been given: versions that pass
while it is busy (computing a report) are coalesced into the newest one.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from graph_queries.context import RequestContext, Role
from graph_queries.errors import NotFound
from graph_queries.stores.port import Store

log = logging.getLogger("unsilo")

# Reads only graph versions, for subscribers each of whom was authorized on their own first.
WATCHER = RequestContext(caller="graph-changes", every_organization=Role.VIEWER)
GONE = -1  # the version offered once the organization no longer exists


class Subscriber:
    """One subscription's view of its organization's versions."""

    def __init__(self) -> None:
        self._latest: int | None = None
        self._offered = asyncio.Event()

    def offer(self, version: int) -> None:
        # Replaces a version not yet taken: that is the coalescing.
        self._latest = version
        self._offered.set()

    async def versions(self, after: int) -> AsyncIterator[int]:
        """Each version other than the last one given, from `after` on; ends when the
        organization is deleted."""
        last = after
        while True:
            await self._offered.wait()
            self._offered.clear()
            version = self._latest
            if version == GONE:
                return
            if version is not None and version != last:
                last = version
                yield version


class _Poller:
    def __init__(self, store: Store, organization_id: str, poll_seconds: float) -> None:
        self.store = store
        self.organization_id = organization_id
        self.poll_seconds = poll_seconds
        self.subscribers: set[Subscriber] = set()
        self.wake = asyncio.Event()
        self.task = asyncio.create_task(self._run(), name=f"graph-changes:{organization_id}")

    async def _run(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self.poll_seconds):
                    await self.wake.wait()
            self.wake.clear()
            try:
                version = await self.store.graph_version(WATCHER, self.organization_id)
            except NotFound:
                version = GONE
            except Exception as error:  # a store down for a while: try again at the next poll
                log.warning("graph version of %s not read: %s", self.organization_id, error)
                continue
            for subscriber in self.subscribers:
                subscriber.offer(version)


class GraphChanges:
    """The pollers of the organizations someone subscribed to, and the write notices."""

    def __init__(self, store: Store, poll_seconds: float) -> None:
        self.store = store
        self.poll_seconds = poll_seconds
        self._pollers: dict[str, _Poller] = {}

    def notify(self, organization_id: str) -> None:
        """A write through this process changed the organization: read its version now."""
        poller = self._pollers.get(organization_id)
        if poller is not None:
            poller.wake.set()

    @contextlib.asynccontextmanager
    async def watch(self, organization_id: str) -> AsyncIterator[Subscriber]:
        """A subscriber to the organization's versions while the block runs. The caller must
        have checked that it may see the organization."""
        poller = self._pollers.get(organization_id)
        if poller is None:
            poller = self._pollers[organization_id] = _Poller(
                self.store, organization_id, self.poll_seconds
            )
        subscriber = Subscriber()
        poller.subscribers.add(subscriber)
        try:
            yield subscriber
        finally:
            poller.subscribers.discard(subscriber)
            if not poller.subscribers and self._pollers.get(organization_id) is poller:
                del self._pollers[organization_id]
                poller.task.cancel()

    @property
    def pollers(self) -> int:
        """Organizations polled now (one poller each, whatever the number of subscribers)."""
        return len(self._pollers)

    @property
    def subscribers(self) -> int:
        return sum(len(poller.subscribers) for poller in self._pollers.values())

    async def close(self) -> None:
        pollers, self._pollers = list(self._pollers.values()), {}
        for poller in pollers:
            poller.task.cancel()
        for poller in pollers:
            with contextlib.suppress(asyncio.CancelledError):
                await poller.task
