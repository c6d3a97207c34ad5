"""The store port's contract. Written against `Store` only, so every store runs the same tests."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from graph_queries.context import ANONYMOUS, RequestContext, Role
from graph_queries.errors import Forbidden, NotFound, VersionConflict
from graph_queries.model import (
    ConflictStatus,
    EntityKind,
    LeaderLevel,
    Organization,
    OrgSnapshot,
    Reliability,
    Tie,
    Unit,
    UnitKind,
)
from graph_queries.stores.port import (
    ChangeSet,
    ConflictFilter,
    DependencyFilter,
    LeaderFilter,
    PageWindow,
    Relation,
    Store,
    TieFilter,
    UnitFilter,
)
from tests.orgs import acme


async def _seed(store: Store, organization_id: str = "acme") -> OrgSnapshot:
    snapshot = acme(organization_id)
    await store.replace_organization(ANONYMOUS, snapshot, expected_version=0)
    return snapshot


async def test_replace_then_snapshot_returns_the_same_organization(store: Store) -> None:
    original = await _seed(store)
    loaded = await store.snapshot(ANONYMOUS, "acme")
    assert loaded.version == 1
    assert loaded.organization == original.organization
    for kind in EntityKind:
        assert loaded.table(kind) == original.table(kind), kind


async def test_creating_an_existing_organization_is_a_version_conflict(store: Store) -> None:
    await _seed(store)
    with pytest.raises(VersionConflict):
        await store.replace_organization(ANONYMOUS, acme(), expected_version=0)
    assert await store.graph_version(ANONYMOUS, "acme") == 1


async def test_replace_overwrites_everything(store: Store) -> None:
    await _seed(store)
    smaller = OrgSnapshot.of(Organization("acme", "Acme 2"), [Unit("x", "Only unit")])
    version = await store.replace_organization(ANONYMOUS, smaller, expected_version=None)
    assert version == 2
    loaded = await store.snapshot(ANONYMOUS, "acme")
    assert loaded.organization.name == "Acme 2"
    assert loaded.counts() == {kind: (1 if kind is EntityKind.UNIT else 0) for kind in EntityKind}


async def test_commit_applies_upserts_and_deletes_and_bumps_the_version(store: Store) -> None:
    await _seed(store)
    renamed = Unit("u4", "Logistics & Fleet", UnitKind.TEAM, "u2")
    changes = ChangeSet(
        organization=Organization("acme", "Acme Renamed"),
        upserts=[renamed, Unit("u6", "Finance", UnitKind.FUNCTION)],
        deletes=[(EntityKind.TIE, "t5")],
    )
    assert await store.commit(ANONYMOUS, "acme", 1, changes) == 2
    loaded = await store.snapshot(ANONYMOUS, "acme")
    assert loaded.organization.name == "Acme Renamed"
    assert loaded.units["u4"] == renamed
    assert "u6" in loaded.units
    assert "t5" not in loaded.ties
    assert len(loaded.ties) == 4


async def test_commit_at_a_stale_version_changes_nothing(store: Store) -> None:
    await _seed(store)
    await store.commit(ANONYMOUS, "acme", 1, ChangeSet(upserts=[Unit("u6", "Finance")]))
    with pytest.raises(VersionConflict):
        await store.commit(ANONYMOUS, "acme", 1, ChangeSet(deletes=[(EntityKind.UNIT, "u6")]))
    loaded = await store.snapshot(ANONYMOUS, "acme")
    assert loaded.version == 2
    assert "u6" in loaded.units


async def test_commit_to_a_missing_organization_is_not_found(store: Store) -> None:
    with pytest.raises(NotFound):
        await store.commit(ANONYMOUS, "nope", 0, ChangeSet(upserts=[Unit("u1", "A")]))


async def test_dependency_owners_keep_their_order(store: Store) -> None:
    snapshot = await _seed(store)
    changed = dataclasses.replace(snapshot.dependencies["d1"], owner_ids=("l5", "l4", "l6"))
    await store.commit(ANONYMOUS, "acme", 1, ChangeSet(upserts=[changed]))
    [loaded] = await store.entities_by_id(ANONYMOUS, "acme", EntityKind.DEPENDENCY, ["d1"])
    assert loaded == changed


async def test_entities_by_id_keeps_order_and_reports_missing_as_none(store: Store) -> None:
    snapshot = await _seed(store)
    found = await store.entities_by_id(ANONYMOUS, "acme", EntityKind.LEADER, ["l3", "zz", "l1"])
    assert found == [snapshot.leaders["l3"], None, snapshot.leaders["l1"]]
    conflicts = await store.entities_by_id(ANONYMOUS, "acme", EntityKind.CONFLICT, ["c1", "c2"])
    assert conflicts == [snapshot.conflicts["c1"], snapshot.conflicts["c2"]]


@pytest.mark.parametrize(
    ("relation", "keys", "expected"),
    [
        (Relation.UNIT_CHILDREN, ["u1", "u2", "u3"], [["u3"], ["u4", "u5"], []]),
        (Relation.UNIT_MEMBERS, ["u3", "u2", "u5"], [["l4", "l7"], ["l3"], ["l6"]]),
        (Relation.UNIT_DEPENDS_ON, ["u3", "u5"], [["d1", "d3"], []]),
        (Relation.UNIT_DEPENDED_ON_BY, ["u5", "u4"], [["d2", "d3"], ["d1"]]),
        (Relation.UNIT_CONFLICTS, ["u4", "u1"], [["c1", "c3"], []]),
        (Relation.LEADER_REPORTS, ["l1", "l3", "l7"], [["l2", "l3"], ["l5", "l6"], []]),
        (Relation.LEADER_TIES, ["l4", "l1"], [["t3", "t5"], ["t1", "t2"]]),
        (Relation.LEADER_OWNED_DEPENDENCIES, ["l4", "l6", "l1"], [["d1"], ["d2"], []]),
        (Relation.DEPENDENCY_CONFLICTS, ["d1", "d3"], [["c1"], []]),
    ],
)
async def test_related_returns_each_keys_entities_in_id_order(
    store: Store, relation: Relation, keys: list[str], expected: list[list[str]]
) -> None:
    await _seed(store)
    related = await store.related(ANONYMOUS, "acme", relation, keys)
    assert [[entity.id for entity in group] for group in related] == expected


async def test_pages_walk_every_entity_once_in_id_order(store: Store) -> None:
    await _seed(store)
    seen: list[str] = []
    after = None
    while True:
        page = await store.page(
            ANONYMOUS, "acme", EntityKind.LEADER, LeaderFilter(), PageWindow(first=3, after=after)
        )
        assert page.total_count == 7
        seen += [leader.id for leader in page.items]
        if not page.has_next:
            break
        after = page.items[-1].id
    assert seen == ["l1", "l2", "l3", "l4", "l5", "l6", "l7"]


async def test_page_size_is_capped(store: Store) -> None:
    snapshot = OrgSnapshot.of(
        Organization("big", "Big"), [Unit(f"u{i:03}", f"Unit {i}") for i in range(150)]
    )
    await store.replace_organization(ANONYMOUS, snapshot, expected_version=0)
    page = await store.page(ANONYMOUS, "big", EntityKind.UNIT, UnitFilter(), PageWindow(first=1000))
    assert len(page.items) == 100
    assert page.has_next
    assert page.total_count == 150


@pytest.mark.parametrize(
    ("kind", "entity_filter", "expected"),
    [
        (EntityKind.UNIT, UnitFilter(text="sales"), ["u1", "u3"]),
        (EntityKind.UNIT, UnitFilter(kind=UnitKind.DIVISION), ["u1", "u2"]),
        (EntityKind.UNIT, UnitFilter(parent_id="u2"), ["u4", "u5"]),
        (EntityKind.LEADER, LeaderFilter(level=LeaderLevel.EXECUTIVE), ["l1", "l2", "l3"]),
        (EntityKind.LEADER, LeaderFilter(unit_id="u3"), ["l4", "l7"]),
        (EntityKind.LEADER, LeaderFilter(text="head of"), ["l2", "l3", "l6"]),
        # LIKE wildcards in the text are taken literally.
        (EntityKind.LEADER, LeaderFilter(text="100%_"), ["l7"]),
        (EntityKind.LEADER, LeaderFilter(text="%"), ["l7"]),
        (EntityKind.DEPENDENCY, DependencyFilter(unit_id="u4"), ["d1", "d2"]),
        (EntityKind.DEPENDENCY, DependencyFilter(reliability=Reliability.RARELY), ["d3"]),
        (EntityKind.DEPENDENCY, DependencyFilter(text="route"), ["d2"]),
        (EntityKind.CONFLICT, ConflictFilter(status=ConflictStatus.OPEN), ["c2"]),
        (EntityKind.CONFLICT, ConflictFilter(unit_id="u5"), ["c2", "c3"]),
        (
            EntityKind.CONFLICT,
            ConflictFilter(raised_from=date(2025, 1, 5), raised_to=date(2025, 3, 1)),
            ["c1", "c3"],
        ),
        (EntityKind.CONFLICT, ConflictFilter(text="LATE"), ["c1"]),
        (EntityKind.TIE, TieFilter(leader_id="l6"), ["t4", "t5"]),
        (EntityKind.TIE, TieFilter(kind="MEETING"), ["t1", "t2"]),
    ],
)
async def test_filters(
    store: Store, kind: EntityKind, entity_filter: object, expected: list[str]
) -> None:
    await _seed(store)
    page = await store.page(ANONYMOUS, "acme", kind, entity_filter, PageWindow(first=100))  # type: ignore[arg-type]
    assert [entity.id for entity in page.items] == expected
    assert page.total_count == len(expected)


async def test_organizations_never_see_each_others_entities(store: Store) -> None:
    await _seed(store, "acme")
    other = OrgSnapshot.of(
        Organization("globex", "Globex"),
        [Unit("u1", "Globex HQ"), Unit("u9", "Globex R&D", parent_id="u1")],
    )
    await store.replace_organization(ANONYMOUS, other, expected_version=0)
    [unit] = await store.entities_by_id(ANONYMOUS, "globex", EntityKind.UNIT, ["u1"])
    assert unit is not None
    assert unit.name == "Globex HQ"
    children = await store.related(ANONYMOUS, "acme", Relation.UNIT_CHILDREN, ["u1"])
    assert [c.id for c in children[0]] == ["u3"]
    page = await store.page(
        ANONYMOUS, "globex", EntityKind.UNIT, UnitFilter(), PageWindow(first=100)
    )
    assert [u.id for u in page.items] == ["u1", "u9"]
    await store.delete_organization(ANONYMOUS, "globex")
    assert (await store.snapshot(ANONYMOUS, "acme")).counts() == acme().counts()
    assert [org.id for org in await store.organizations(ANONYMOUS)] == ["acme"]


async def test_a_caller_sees_only_its_organizations(store: Store) -> None:
    await _seed(store, "acme")
    await _seed(store, "globex")
    caller = RequestContext.granted("alice", {"globex": Role.ADMIN})
    assert [org.id for org in await store.organizations(caller)] == ["globex"]
    assert await store.organizations_by_id(caller, ["acme", "globex"]) == [
        None,
        Organization("globex", "Acme Widgets"),
    ]
    with pytest.raises(NotFound):
        await store.snapshot(caller, "acme")
    with pytest.raises(NotFound):
        await store.entities_by_id(caller, "acme", EntityKind.UNIT, ["u1"])
    with pytest.raises(NotFound):
        await store.commit(caller, "acme", 1, ChangeSet(upserts=[Unit("x", "X")]))
    assert await store.graph_version(ANONYMOUS, "acme") == 1


async def test_each_write_needs_its_role_and_a_refused_one_changes_nothing(store: Store) -> None:
    await _seed(store, "acme")
    viewer = RequestContext.granted("vic", {"acme": Role.VIEWER})
    editor = RequestContext.granted("eve", {"acme": Role.EDITOR})
    assert (await store.snapshot(viewer, "acme")).counts() == acme().counts()
    with pytest.raises(Forbidden) as refused:
        await store.commit(viewer, "acme", 1, ChangeSet(upserts=[Unit("x", "X")]))
    assert (refused.value.needed, refused.value.held) == ("EDITOR", "VIEWER")
    with pytest.raises(Forbidden):
        await store.replace_organization(editor, acme(), expected_version=None)
    with pytest.raises(Forbidden):
        await store.delete_organization(editor, "acme")
    assert await store.graph_version(ANONYMOUS, "acme") == 1
    assert await store.commit(editor, "acme", 1, ChangeSet(upserts=[Unit("x", "X")])) == 2
    # Creating needs ADMIN for the new id: a grant naming it, or a global admin.
    with pytest.raises(NotFound):
        await store.replace_organization(editor, acme("newco"), expected_version=0)
    founder = RequestContext.granted("fay", {"newco": Role.ADMIN})
    assert await store.replace_organization(founder, acme("newco"), expected_version=0) == 1


async def test_delete_organization(store: Store) -> None:
    await _seed(store)
    await store.delete_organization(ANONYMOUS, "acme")
    with pytest.raises(NotFound):
        await store.snapshot(ANONYMOUS, "acme")
    with pytest.raises(NotFound):
        await store.delete_organization(ANONYMOUS, "acme")
    # The id is free again, and nothing of the old content comes back.
    fresh = OrgSnapshot.of(Organization("acme", "Acme"), [Tie("t1", "a", "b")])
    assert await store.replace_organization(ANONYMOUS, fresh, expected_version=0) == 1
    assert (await store.snapshot(ANONYMOUS, "acme")).counts()[EntityKind.UNIT] == 0


async def test_ping(store: Store) -> None:
    await store.ping()


async def test_graphs_hold_the_whole_organization(store: Store) -> None:
    snapshot = await _seed(store)
    graphs = await store.graphs(ANONYMOUS, "acme")
    assert graphs.version == 1
    assert set(graphs.units) == set(snapshot.units)
    assert sorted(graphs.units.edges) == [("u1", "u3"), ("u2", "u4"), ("u2", "u5")]
    assert graphs.units.nodes["u4"]["division"] == "u2"
    assert graphs.reporting.nodes["l6"]["unit"] == "u5"
    assert sorted(graphs.reporting.successors("l3")) == ["l5", "l6"]
    assert graphs.collaboration.number_of_nodes() == 7
    assert graphs.collaboration.edges["l4", "l6", "t5"]["strength"] == 0.2
    assert graphs.dependencies.edges["u3", "u4", "d1"]["owners"] == ["l4", "l5"]
    assert graphs.conflicts.number_of_edges() == 3
    assert graphs.conflicts.edges["u3", "u5", "c2"]["status"] == "OPEN"


async def test_replace_with_a_changed_organization_keeps_exactly_the_new_content(
    store: Store,
) -> None:
    original = await _seed(store)
    changed = acme()
    changed.units["u4"] = dataclasses.replace(changed.units["u4"], name="Fleet", parent_id="u1")
    changed.dependencies["d1"] = dataclasses.replace(
        changed.dependencies["d1"], to_unit_id="u5", owner_ids=("l6",)
    )
    changed.conflicts["c1"] = dataclasses.replace(changed.conflicts["c1"], dependency_id="d1")
    changed.conflicts["c1"] = dataclasses.replace(changed.conflicts["c1"], unit_b_id="u5")
    del changed.ties["t5"]
    changed.ties["t9"] = Tie("t9", "l2", "l3", 0.3, "MEETING")
    assert await store.replace_organization(ANONYMOUS, changed, expected_version=None) == 2
    loaded = await store.snapshot(ANONYMOUS, "acme")
    for kind in EntityKind:
        assert loaded.table(kind) == changed.table(kind), kind
    assert loaded.table(EntityKind.UNIT) != original.table(EntityKind.UNIT)
    # The same content again is a new version with nothing else changed.
    assert await store.replace_organization(ANONYMOUS, changed, expected_version=None) == 3
    again = await store.snapshot(ANONYMOUS, "acme")
    assert again.entities() == loaded.entities()
