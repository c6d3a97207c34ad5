"""Custom attributes on every store: declared, stored, read back, filtered on, kept by writes."""

from __future__ import annotations

import dataclasses

import pytest

from graph_queries import commands
from graph_queries.context import ANONYMOUS
from graph_queries.errors import ErrorCode, ValidationFailed
from graph_queries.model import (
    AttributeDeclaration,
    AttributeType,
    EntityKind,
    Leader,
    OrgSnapshot,
    Unit,
)
from graph_queries.stores.port import LeaderFilter, PageWindow, Store, UnitFilter
from tests.orgs import acme

OFFICE = AttributeDeclaration("office", EntityKind.LEADER)
AGE = AttributeDeclaration("age", EntityKind.LEADER, AttributeType.INTEGER)
BUDGET = AttributeDeclaration("budget", EntityKind.UNIT, AttributeType.FLOAT)


def with_attributes() -> OrgSnapshot:
    snapshot = acme()
    snapshot.attributes = (OFFICE, AGE, BUDGET)
    for id, office, age in (("l1", "Boston", "64"), ("l2", "Boston", "52"), ("l4", "Hartford", "")):
        entries = (f"office={office}",) + ((f"age={age}",) if age else ())
        snapshot.leaders[id] = dataclasses.replace(snapshot.leaders[id], attributes=entries)
    snapshot.units["u1"] = dataclasses.replace(snapshot.units["u1"], attributes=("budget=2.5",))
    return snapshot


async def test_attributes_are_stored_and_read_back(store: Store) -> None:
    original = with_attributes()
    await store.replace_organization(ANONYMOUS, original, expected_version=0)
    loaded = await store.snapshot(ANONYMOUS, "acme")
    assert loaded.attributes == (OFFICE, AGE, BUDGET)
    assert loaded.leaders == original.leaders
    assert loaded.units == original.units
    [leader] = await store.entities_by_id(ANONYMOUS, "acme", EntityKind.LEADER, ["l1"])
    assert leader == original.leaders["l1"]
    assert (await store.declarations(ANONYMOUS, "acme")).attributes == (OFFICE, AGE, BUDGET)


async def test_the_connections_filter_on_one_attribute(store: Store) -> None:
    await store.replace_organization(ANONYMOUS, with_attributes(), expected_version=0)
    boston = await store.page(
        ANONYMOUS,
        "acme",
        EntityKind.LEADER,
        LeaderFilter(attribute="office=Boston"),
        PageWindow(first=10),
    )
    assert [leader.id for leader in boston.items] == ["l1", "l2"]
    assert boston.total_count == 2
    units = await store.page(
        ANONYMOUS, "acme", EntityKind.UNIT, UnitFilter(attribute="budget=2.5"), PageWindow(first=10)
    )
    assert [unit.id for unit in units.items] == ["u1"]


async def test_a_write_keeps_the_values_and_checks_new_ones(store: Store) -> None:
    await store.replace_organization(ANONYMOUS, with_attributes(), expected_version=0)
    renamed = await commands.update_entity(
        store, ANONYMOUS, "acme", EntityKind.LEADER, "l1", {"name": "Ada Q."}
    )
    assert renamed.attributes == ("office=Boston", "age=64")
    with pytest.raises(ValidationFailed) as refused:
        await commands.update_entity(
            store, ANONYMOUS, "acme", EntityKind.LEADER, "l1", {"attributes": ("age=old",)}
        )
    assert [(e.path, e.code) for e in refused.value.errors] == [
        ("input.attributes.age", ErrorCode.INVALID_FORMAT)
    ]
    created = Unit("u9", "New", attributes=("budget=1.0",))
    await commands.create_entity(store, ANONYMOUS, "acme", created)
    assert (await store.snapshot(ANONYMOUS, "acme")).units["u9"] == created
    with pytest.raises(ValidationFailed):
        await commands.create_entity(
            store, ANONYMOUS, "acme", Leader("l9", "X", "u1", attributes=("shoe=42",))
        )
