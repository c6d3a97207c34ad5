"""Tells who listens which organization a write through this process changed, once it is done:
subscriptions then see it at once, without waiting for their next poll."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from graph_queries.stores.port import Store


def notify_writes(store: Store, written: Callable[[str], None]) -> Store:
    """`store`, calling `written(organization_id)` after each write that succeeded; it behaves
    as before otherwise (a failed write raises what it raised, and notifies nobody)."""
    commit, replace, delete = store.commit, store.replace_organization, store.delete_organization

    # Instance attributes shadow the class's methods, as service/store_timing.py does.
    @functools.wraps(commit)
    async def committed(ctx: Any, organization_id: str, *args: Any, **kwargs: Any) -> int:
        version = await commit(ctx, organization_id, *args, **kwargs)
        written(organization_id)
        return version

    @functools.wraps(replace)
    async def replaced(ctx: Any, snapshot: Any, *args: Any, **kwargs: Any) -> int:
        version = await replace(ctx, snapshot, *args, **kwargs)
        written(snapshot.organization.id)
        return version

    @functools.wraps(delete)
    async def deleted(ctx: Any, organization_id: str) -> None:
        await delete(ctx, organization_id)
        written(organization_id)

    store.commit = committed  # type: ignore[method-assign]
    store.replace_organization = replaced  # type: ignore[method-assign]
    store.delete_organization = deleted  # type: ignore[method-assign]
    return store
