"""Declared tie kinds on every store: stored and read back, and the duplicate rule they set."""

from __future__ import annotations

import dataclasses

import pytest

from graph_queries import commands
from graph_queries.context import ANONYMOUS
from graph_queries.errors import ErrorCode, ValidationFailed
from graph_queries.model import EntityKind, OrgSnapshot, Tie, TieKind
from graph_queries.stores.port import Store
from tests.orgs import acme

ADVICE = TieKind("advice", directed=True)
FRIENDSHIP = TieKind("friendship")


def layered(organization_id: str = "acme") -> OrgSnapshot:
    """Acme with an advice layer (arcs, one pair mutual) and a friendship layer."""
    snapshot = acme(organization_id)
    snapshot.tie_kinds = (ADVICE, FRIENDSHIP)
    for tie in (
        Tie("a1", "l4", "l2", kind="advice"),
        Tie("a2", "l2", "l4", kind="advice"),
        Tie("a3", "l7", "l2", kind="advice"),
        Tie("f1", "l4", "l7", kind="friendship"),
    ):
        snapshot.ties[tie.id] = tie
    return snapshot


async def test_tie_kinds_are_stored_and_read_back(store: Store) -> None:
    await store.replace_organization(ANONYMOUS, layered(), expected_version=0)
    loaded = await store.snapshot(ANONYMOUS, "acme")
    assert loaded.tie_kinds == (ADVICE, FRIENDSHIP)
    assert await store.tie_kinds(ANONYMOUS, "acme") == (ADVICE, FRIENDSHIP)
    assert loaded.ties == layered().ties  # both arcs of the mutual pair, each its own way


async def test_an_organization_without_declarations_has_no_tie_kinds(store: Store) -> None:
    await store.replace_organization(ANONYMOUS, acme(), expected_version=0)
    assert await store.tie_kinds(ANONYMOUS, "acme") == ()
    assert (await store.snapshot(ANONYMOUS, "acme")).tie_kinds == ()


async def test_a_replace_in_place_changes_the_declarations(store: Store) -> None:
    await store.replace_organization(ANONYMOUS, layered(), expected_version=0)
    changed = layered()
    changed.tie_kinds = (ADVICE, FRIENDSHIP, TieKind("cowork"))
    await store.replace_organization(ANONYMOUS, changed, expected_version=None)
    assert await store.tie_kinds(ANONYMOUS, "acme") == changed.tie_kinds


async def test_a_reverse_arc_is_a_new_tie_but_a_repeated_arc_is_refused(store: Store) -> None:
    await store.replace_organization(ANONYMOUS, layered(), expected_version=0)
    await commands.create_entity(store, ANONYMOUS, "acme", Tie("a4", "l2", "l7", kind="advice"))
    with pytest.raises(ValidationFailed) as refused:
        await commands.create_entity(store, ANONYMOUS, "acme", Tie("a5", "l7", "l2", kind="advice"))
    [error] = refused.value.errors
    assert error.code is ErrorCode.DUPLICATE
    assert "from the same leader to the same leader" in error.message


async def test_an_undirected_kind_keeps_refusing_the_pair_either_way(store: Store) -> None:
    await store.replace_organization(ANONYMOUS, layered(), expected_version=0)
    with pytest.raises(ValidationFailed) as refused:
        await commands.create_entity(
            store, ANONYMOUS, "acme", Tie("f2", "l7", "l4", kind="friendship")
        )
    assert [e.code for e in refused.value.errors] == [ErrorCode.DUPLICATE]


async def test_turning_an_arc_around_onto_its_reverse_is_refused(store: Store) -> None:
    await store.replace_organization(ANONYMOUS, layered(), expected_version=0)
    await commands.create_entity(store, ANONYMOUS, "acme", Tie("a4", "l2", "l7", kind="advice"))
    with pytest.raises(ValidationFailed) as refused:
        await commands.update_entity(
            store,
            ANONYMOUS,
            "acme",
            EntityKind.TIE,
            "a3",
            {"leader_a_id": "l2", "leader_b_id": "l7"},
        )
    assert [e.code for e in refused.value.errors] == [ErrorCode.DUPLICATE]


async def test_declaring_a_directed_kind_undirected_is_refused_while_arcs_repeat(
    store: Store,
) -> None:
    await store.replace_organization(ANONYMOUS, layered(), expected_version=0)
    undirected = (dataclasses.replace(ADVICE, directed=False), FRIENDSHIP)
    with pytest.raises(ValidationFailed) as refused:
        await commands.declare_tie_kinds(store, ANONYMOUS, "acme", undirected)
    assert [(e.path, e.code) for e in refused.value.errors] == [("ties[a2]", ErrorCode.DUPLICATE)]
    assert await store.tie_kinds(ANONYMOUS, "acme") == (ADVICE, FRIENDSHIP)


async def test_declarations_survive_a_rename(store: Store) -> None:
    await store.replace_organization(ANONYMOUS, acme(), expected_version=0)
    declared = (ADVICE, TieKind("MEETING"))
    await commands.declare_tie_kinds(store, ANONYMOUS, "acme", declared)
    await commands.rename_organization(store, ANONYMOUS, "acme", "Acme 2")
    assert await store.tie_kinds(ANONYMOUS, "acme") == declared
    assert await store.graph_version(ANONYMOUS, "acme") == 3
