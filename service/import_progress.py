"""Importing a whole organization with a progress bar on a terminal: one way for every command
that imports (import, generate, the demo, import-network)."""

from __future__ import annotations

from graph_queries import commands
from graph_queries.context import ANONYMOUS
from graph_queries.model import OrgSnapshot
from graph_queries.stores.port import Store
from service.progress import progress


async def import_with_progress(
    store: Store, snapshot: OrgSnapshot, replace: bool, validated: bool = False
) -> int:
    """Import `snapshot` (commands.import_organization) with a progress bar on a terminal."""
    entities = len(snapshot.entities())
    with progress(f"storing {snapshot.organization.id!r}", entities) as advance:
        return await commands.import_organization(
            store, ANONYMOUS, snapshot, replace, validated=validated, progress=advance
        )
