"""Service functions for every write: read what it touches, validate, commit.

A single create, update or delete reads only what the write touches (`write_validation` says
what, a store reads it in one transaction with its graph version) and is checked there with the
rules of the whole organization; an import or a new organization is checked whole
(`validation.validate_snapshot`). A write commits only at the version its checks read (graph
version check), so a write landing in between is never missed: it starts over.
"""

from __future__ import annotations

import asyncio
import dataclasses
import uuid
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, cast

from graph_queries.context import RequestContext, Role
from graph_queries.errors import (
    ErrorCode,
    FieldError,
    NotFound,
    ValidationFailed,
    VersionConflict,
)
from graph_queries.model import (
    KINDS,
    Entity,
    EntityKind,
    Organization,
    OrgSnapshot,
    TieKind,
    kind_of,
)
from graph_queries.retry import DEFAULT_RETRY, RetryPolicy
from graph_queries.stores.local_reads import LocalRead
from graph_queries.stores.port import ChangeSet, Progress, Store
from graph_queries.validation import check_organization, validate_snapshot
from graph_queries.write_validation import (
    delete_errors,
    delete_read,
    upsert_errors,
    upsert_read,
)


def new_id(kind: EntityKind) -> str:
    return f"{KINDS[kind].id_prefix}-{uuid.uuid4().hex[:12]}"


async def create_organization(
    store: Store, ctx: RequestContext, organization: Organization
) -> Organization:
    # Checked before the input, so that a caller without the role learns nothing from it.
    ctx.require(organization.id, Role.ADMIN)
    snapshot = OrgSnapshot(organization=organization)
    _raise_if_invalid(validate_snapshot(snapshot), focus=None)
    try:
        await store.replace_organization(ctx, snapshot, expected_version=0)
    except VersionConflict as conflict:
        raise ValidationFailed(
            [
                FieldError(
                    "input.id", ErrorCode.DUPLICATE, f"organization {organization.id!r} exists"
                )
            ]
        ) from conflict
    return organization


async def rename_organization(
    store: Store,
    ctx: RequestContext,
    organization_id: str,
    name: str,
    *,
    retry: RetryPolicy = DEFAULT_RETRY,
) -> Organization:
    renamed = Organization(organization_id, name)

    async def prepare() -> tuple[int, ChangeSet]:
        version = await store.graph_version(ctx, organization_id)
        # Only the name changes, and no other rule reads it.
        _raise_if_invalid(check_organization(renamed), focus="organization")
        return version, ChangeSet(organization=renamed)

    await _write(store, ctx, organization_id, prepare, retry)
    return renamed


async def declare_tie_kinds(
    store: Store,
    ctx: RequestContext,
    organization_id: str,
    tie_kinds: tuple[TieKind, ...],
    *,
    retry: RetryPolicy = DEFAULT_RETRY,
) -> tuple[TieKind, ...]:
    """Replace the organization's tie kinds. Checked on the whole organization: making a kind
    undirected turns its arcs A->B and B->A into two ties repeating each other, refused."""
    ctx.require(organization_id, Role.ADMIN)

    async def prepare() -> tuple[int, ChangeSet]:
        snapshot = await store.snapshot(ctx, organization_id)
        changes = ChangeSet(tie_kinds=tie_kinds)
        _raise_if_invalid(validate_snapshot(apply_changes(snapshot, changes)), focus=None)
        return snapshot.version, changes

    await _write(store, ctx, organization_id, prepare, retry)
    return tie_kinds


async def delete_organization(store: Store, ctx: RequestContext, organization_id: str) -> None:
    await store.delete_organization(ctx, organization_id)


async def import_organization(
    store: Store,
    ctx: RequestContext,
    snapshot: OrgSnapshot,
    replace: bool,
    *,
    validated: bool = False,
    progress: Progress | None = None,
) -> int:
    """Store a whole organization in one transaction; refuses to overwrite unless `replace`.

    `validated` says the snapshot comes straight from ``parse_document`` or
    ``read_organization``, unchanged: they return only a snapshot on which
    :func:`validate_snapshot` found nothing, so checking it again would only repeat that.
    """
    ctx.require(snapshot.organization.id, Role.ADMIN)
    if not validated:
        _raise_if_invalid(validate_snapshot(snapshot), focus=None)
    try:
        return await store.replace_organization(
            ctx, snapshot, expected_version=None if replace else 0, progress=progress
        )
    except VersionConflict as conflict:
        raise ValidationFailed(
            [
                FieldError(
                    "organization.id",
                    ErrorCode.DUPLICATE,
                    f"organization {snapshot.organization.id!r} exists; import with replace "
                    "to overwrite it",
                )
            ]
        ) from conflict


async def create_entity(
    store: Store,
    ctx: RequestContext,
    organization_id: str,
    entity: Entity,
    *,
    retry: RetryPolicy = DEFAULT_RETRY,
) -> Entity:
    kind = kind_of(entity)

    async def prepare() -> tuple[int, ChangeSet]:
        view = await store.local_view(ctx, organization_id, upsert_read(entity, None))
        if (kind, entity.id) in view.entities:
            raise ValidationFailed(
                [
                    FieldError(
                        "input.id",
                        ErrorCode.DUPLICATE,
                        f"{KINDS[kind].type_name} {entity.id!r} exists in this organization",
                    )
                ]
            )
        _raise_if_invalid(upsert_errors(entity, None, view), _focus(entity))
        return view.version, ChangeSet(upserts=[entity])

    await _write(store, ctx, organization_id, prepare, retry)
    return entity


async def update_entity(
    store: Store,
    ctx: RequestContext,
    organization_id: str,
    kind: EntityKind,
    id: str,
    changes: Mapping[str, object],
    *,
    retry: RetryPolicy = DEFAULT_RETRY,
) -> Entity:
    """Replace the named fields (dataclass field names) of one entity."""
    if "id" in changes:
        raise ValueError("an update cannot change an entity's id")
    updated: list[Entity] = []

    async def prepare() -> tuple[int, ChangeSet] | None:
        stored = await store.local_view(ctx, organization_id, LocalRead(ids=((kind, id),)))
        existing = stored.entities.get((kind, id))
        if existing is None:
            raise NotFound(KINDS[kind].type_name, id)
        # Field names come from the GraphQL input types, which mirror the dataclasses.
        entity: Entity = dataclasses.replace(cast(Any, existing), **changes)
        read = upsert_read(entity, existing)
        view = stored if read.is_empty() else await store.local_view(ctx, organization_id, read)
        if view.version != stored.version:
            return None  # written in between: both reads must see one version
        _raise_if_invalid(upsert_errors(entity, existing, view), _focus(entity))
        updated[:] = [entity]
        return stored.version, ChangeSet(upserts=[entity])

    await _write(store, ctx, organization_id, prepare, retry)
    return updated[0]


async def delete_entity(
    store: Store,
    ctx: RequestContext,
    organization_id: str,
    kind: EntityKind,
    id: str,
    *,
    retry: RetryPolicy = DEFAULT_RETRY,
) -> None:
    """Delete one entity; refused while other entities still point at it."""

    async def prepare() -> tuple[int, ChangeSet]:
        view = await store.local_view(ctx, organization_id, delete_read(kind, id))
        if (kind, id) not in view.entities:
            raise NotFound(KINDS[kind].type_name, id)
        _raise_if_invalid(delete_errors(kind, id, view), focus=None)
        return view.version, ChangeSet(deletes=[(kind, id)])

    await _write(store, ctx, organization_id, prepare, retry)


def apply_changes(snapshot: OrgSnapshot, changes: ChangeSet) -> OrgSnapshot:
    """The organization as it would be after `changes`, leaving `snapshot` untouched."""
    after = OrgSnapshot(
        organization=changes.organization or snapshot.organization,
        version=snapshot.version,
        units=dict(snapshot.units),
        leaders=dict(snapshot.leaders),
        dependencies=dict(snapshot.dependencies),
        conflicts=dict(snapshot.conflicts),
        ties=dict(snapshot.ties),
        tie_kinds=snapshot.tie_kinds if changes.tie_kinds is None else changes.tie_kinds,
    )
    for kind, id in changes.deletes:
        after.table(kind).pop(id, None)
    for entity in changes.upserts:
        after.table(kind_of(entity))[entity.id] = entity
    return after


async def _write(
    store: Store,
    ctx: RequestContext,
    organization_id: str,
    prepare: Callable[[], Awaitable[tuple[int, ChangeSet] | None]],
    retry: RetryPolicy,
) -> int:
    """Read, check and commit at the version read; start over when someone wrote in between.

    `prepare` raises on a refused write and returns the version it read with the changes, or
    None when its reads saw different versions. Returns the new graph version. After
    `retry.attempts` lost races it raises VersionConflict: nothing was written, and the caller
    may send the write again.
    """
    # Checked before reading or validating, so a caller without the role learns nothing.
    ctx.require(organization_id, Role.EDITOR)
    version = -1  # no version read yet
    for attempt in range(1, retry.attempts + 1):
        prepared = await prepare()
        if prepared is not None:
            version, changes = prepared
            try:
                return await store.commit(ctx, organization_id, version, changes)
            except VersionConflict:
                pass
        if attempt < retry.attempts:
            await asyncio.sleep(retry.delay(attempt))
    raise VersionConflict(organization_id, version, None)


def _focus(entity: Entity) -> str:
    """Where the entity being written stands in error paths: `units[u7]`."""
    return f"{KINDS[kind_of(entity)].collection}[{entity.id}]"


def _raise_if_invalid(errors: list[FieldError], focus: str | None) -> None:
    """Raise every rule broken; fields of the entity being written are named `input.<field>`."""
    if not errors:
        return
    if focus is not None:
        prefix = focus + "."
        errors = [
            dataclasses.replace(e, path="input." + e.path[len(prefix) :])
            if e.path.startswith(prefix)
            else e
            for e in errors
        ]
    raise ValidationFailed(errors)
