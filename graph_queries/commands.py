"""Service functions for every write: build the organization as it would be, validate, commit.

Validation runs on the whole organization after the change (pure, see validation.py), and the
commit only lands if nobody wrote in between (graph version check); on a race it starts over.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable, Mapping
from typing import Any, cast

from graph_queries.context import RequestContext
from graph_queries.errors import (
    ErrorCode,
    FieldError,
    NotFound,
    ValidationFailed,
    VersionConflict,
)
from graph_queries.model import KINDS, Entity, EntityKind, Organization, OrgSnapshot, kind_of
from graph_queries.stores.port import ChangeSet, Store
from graph_queries.validation import references_to, validate_snapshot

MAX_ATTEMPTS = 5


def new_id(kind: EntityKind) -> str:
    return f"{KINDS[kind].id_prefix}-{uuid.uuid4().hex[:12]}"


async def create_organization(
    store: Store, ctx: RequestContext, organization: Organization
) -> Organization:
    snapshot = OrgSnapshot(organization=organization)
    _raise_if_invalid(snapshot, focus=None)
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
    store: Store, ctx: RequestContext, organization_id: str, name: str
) -> Organization:
    def change(snapshot: OrgSnapshot) -> ChangeSet:
        return ChangeSet(organization=Organization(organization_id, name))

    after = await _apply(store, ctx, organization_id, change, focus="organization")
    return after.organization


async def delete_organization(store: Store, ctx: RequestContext, organization_id: str) -> None:
    await store.delete_organization(ctx, organization_id)


async def import_organization(
    store: Store,
    ctx: RequestContext,
    snapshot: OrgSnapshot,
    replace: bool,
    *,
    validated: bool = False,
) -> int:
    """Store a whole organization in one transaction; refuses to overwrite unless `replace`.

    `validated` says the snapshot comes straight from ``parse_document`` or
    ``read_organization``, unchanged: they return only a snapshot on which
    :func:`validate_snapshot` found nothing, so checking it again would only repeat that.
    """
    if not validated:
        _raise_if_invalid(snapshot, focus=None)
    try:
        return await store.replace_organization(
            ctx, snapshot, expected_version=None if replace else 0
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
    store: Store, ctx: RequestContext, organization_id: str, entity: Entity
) -> Entity:
    kind = kind_of(entity)

    def change(snapshot: OrgSnapshot) -> ChangeSet:
        if entity.id in snapshot.table(kind):
            raise ValidationFailed(
                [
                    FieldError(
                        "input.id",
                        ErrorCode.DUPLICATE,
                        f"{KINDS[kind].type_name} {entity.id!r} exists in this organization",
                    )
                ]
            )
        return ChangeSet(upserts=[entity])

    await _apply(
        store, ctx, organization_id, change, focus=f"{KINDS[kind].collection}[{entity.id}]"
    )
    return entity


async def update_entity(
    store: Store,
    ctx: RequestContext,
    organization_id: str,
    kind: EntityKind,
    id: str,
    changes: Mapping[str, object],
) -> Entity:
    """Replace the named fields (dataclass field names) of one entity."""
    updated: list[Entity] = []

    def change(snapshot: OrgSnapshot) -> ChangeSet:
        existing = snapshot.table(kind).get(id)
        if existing is None:
            raise NotFound(KINDS[kind].type_name, id)
        # Field names come from the GraphQL input types, which mirror the dataclasses.
        entity: Entity = dataclasses.replace(cast(Any, existing), **changes)
        updated[:] = [entity]
        return ChangeSet(upserts=[entity])

    await _apply(store, ctx, organization_id, change, focus=f"{KINDS[kind].collection}[{id}]")
    return updated[0]


async def delete_entity(
    store: Store, ctx: RequestContext, organization_id: str, kind: EntityKind, id: str
) -> None:
    """Delete one entity; refused while other entities still point at it."""

    def change(snapshot: OrgSnapshot) -> ChangeSet:
        if id not in snapshot.table(kind):
            raise NotFound(KINDS[kind].type_name, id)
        users = references_to(snapshot, KINDS[kind].collection, id)
        if users:
            shown = ", ".join(users[:5]) + (f" and {len(users) - 5} more" if len(users) > 5 else "")
            raise ValidationFailed(
                [
                    FieldError(
                        "id",
                        ErrorCode.IN_USE,
                        f"{KINDS[kind].type_name} {id!r} is still referenced by {shown}",
                    )
                ]
            )
        return ChangeSet(deletes=[(kind, id)])

    await _apply(store, ctx, organization_id, change, focus=None)


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
    )
    for kind, id in changes.deletes:
        after.table(kind).pop(id, None)
    for entity in changes.upserts:
        after.table(kind_of(entity))[entity.id] = entity
    return after


async def _apply(
    store: Store,
    ctx: RequestContext,
    organization_id: str,
    change: Callable[[OrgSnapshot], ChangeSet],
    focus: str | None,
) -> OrgSnapshot:
    for _ in range(MAX_ATTEMPTS):
        snapshot = await store.snapshot(ctx, organization_id)
        changes = change(snapshot)
        after = apply_changes(snapshot, changes)
        _raise_if_invalid(after, focus)
        try:
            after.version = await store.commit(ctx, organization_id, snapshot.version, changes)
        except VersionConflict:
            continue
        return after
    raise VersionConflict(organization_id, snapshot.version, None)


def _raise_if_invalid(snapshot: OrgSnapshot, focus: str | None) -> None:
    """Raise every rule broken; fields of the entity being written are named `input.<field>`."""
    errors = validate_snapshot(snapshot)
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
