"""`Store.local_view`: what one write touches, read at one version. Runs on every store."""

from __future__ import annotations

import asyncio

import pytest

from graph_queries import commands
from graph_queries.context import ANONYMOUS, RequestContext
from graph_queries.errors import NotFound, ValidationFailed, VersionConflict
from graph_queries.model import EntityKind, Leader, Tie, Unit
from graph_queries.stores.local_reads import Chain, LocalRead
from graph_queries.stores.port import ChangeSet, Relation, Store
from tests.counting import CountingStore
from tests.orgs import acme


async def _seed(store: Store, organization_id: str = "acme") -> None:
    await store.replace_organization(ANONYMOUS, acme(organization_id), expected_version=0)


async def test_entities_by_id_come_back_keyed_by_kind_and_id_and_missing_ones_are_left_out(
    store: Store,
) -> None:
    await _seed(store)
    snapshot = acme()
    read = LocalRead(
        ids=(
            (EntityKind.UNIT, "u3"),
            (EntityKind.LEADER, "l7"),
            (EntityKind.LEADER, "u3"),  # a unit's id asked as a leader: not found
            (EntityKind.DEPENDENCY, "d1"),
            (EntityKind.CONFLICT, "c1"),
            (EntityKind.TIE, "t5"),
            (EntityKind.TIE, "nope"),
        )
    )
    view = await store.local_view(ANONYMOUS, "acme", read)
    assert view.version == 1
    assert view.entities == {
        (EntityKind.UNIT, "u3"): snapshot.units["u3"],
        (EntityKind.LEADER, "l7"): snapshot.leaders["l7"],
        (EntityKind.DEPENDENCY, "d1"): snapshot.dependencies["d1"],
        (EntityKind.CONFLICT, "c1"): snapshot.conflicts["c1"],
        (EntityKind.TIE, "t5"): snapshot.ties["t5"],
    }
    assert view.chains == {}
    assert view.referrers == {}
    assert view.tie_pairs == {}


async def test_chains_run_from_the_start_up_to_a_root(store: Store) -> None:
    await _seed(store)
    read = LocalRead(
        chains=(
            (Chain.UNIT_PARENTS, "u4"),
            (Chain.UNIT_PARENTS, "u1"),
            (Chain.UNIT_PARENTS, "zz"),
            (Chain.LEADER_MANAGERS, "l7"),
            (Chain.LEADER_MANAGERS, "l1"),
        )
    )
    view = await store.local_view(ANONYMOUS, "acme", read)
    assert view.chains == {
        (Chain.UNIT_PARENTS, "u4"): ("u4", "u2"),
        (Chain.UNIT_PARENTS, "u1"): ("u1",),
        (Chain.UNIT_PARENTS, "zz"): (),
        (Chain.LEADER_MANAGERS, "l7"): ("l7", "l4", "l2", "l1"),
        (Chain.LEADER_MANAGERS, "l1"): ("l1",),
    }


async def test_a_chain_follows_a_reference_written_since(store: Store) -> None:
    await _seed(store)
    moved = Unit("u1", "Sales", parent_id="u4")  # u1 -> u4 -> u2
    await store.commit(ANONYMOUS, "acme", 1, ChangeSet(upserts=[moved]))
    view = await store.local_view(
        ANONYMOUS, "acme", LocalRead(chains=((Chain.UNIT_PARENTS, "u3"),))
    )
    assert view.version == 2
    assert view.chains[Chain.UNIT_PARENTS, "u3"] == ("u3", "u1", "u4", "u2")


async def test_referrers_are_each_keys_entities_in_id_order(store: Store) -> None:
    await _seed(store)
    snapshot = acme()
    read = LocalRead(
        referrers=(
            (Relation.UNIT_MEMBERS, "u3"),
            (Relation.UNIT_CONFLICTS, "u5"),
            (Relation.LEADER_TIES, "l6"),
            (Relation.LEADER_OWNED_DEPENDENCIES, "l4"),
            (Relation.DEPENDENCY_CONFLICTS, "d3"),
        )
    )
    view = await store.local_view(ANONYMOUS, "acme", read)
    assert view.referrers == {
        (Relation.UNIT_MEMBERS, "u3"): [snapshot.leaders["l4"], snapshot.leaders["l7"]],
        (Relation.UNIT_CONFLICTS, "u5"): [snapshot.conflicts["c2"], snapshot.conflicts["c3"]],
        (Relation.LEADER_TIES, "l6"): [snapshot.ties["t4"], snapshot.ties["t5"]],
        (Relation.LEADER_OWNED_DEPENDENCIES, "l4"): [snapshot.dependencies["d1"]],
        (Relation.DEPENDENCY_CONFLICTS, "d3"): [],
    }


async def test_tie_pairs_find_the_ties_between_two_leaders_either_way(store: Store) -> None:
    await _seed(store)
    extra = Tie("t9", "l2", "l1", 0.4, None)  # stored the other way round from t1
    await store.commit(ANONYMOUS, "acme", 1, ChangeSet(upserts=[extra]))
    read = LocalRead(tie_pairs=(("l1", "l2"), ("l6", "l5"), ("l1", "l7")))
    view = await store.local_view(ANONYMOUS, "acme", read)
    assert view.tie_pairs == {
        ("l1", "l2"): [acme().ties["t1"], extra],
        ("l6", "l5"): [acme().ties["t4"]],
        ("l1", "l7"): [],
    }


async def test_local_view_of_a_missing_or_hidden_organization_is_not_found(store: Store) -> None:
    await _seed(store)
    read = LocalRead(ids=((EntityKind.UNIT, "u1"),))
    with pytest.raises(NotFound):
        await store.local_view(ANONYMOUS, "nope", read)
    stranger = RequestContext(caller="mallory")
    with pytest.raises(NotFound):
        await store.local_view(stranger, "acme", read)


async def test_organizations_do_not_see_each_others_surroundings(store: Store) -> None:
    await _seed(store, "acme")
    await _seed(store, "globex")
    await store.commit(ANONYMOUS, "globex", 1, ChangeSet(upserts=[Unit("u9", "Only here")]))
    read = LocalRead(
        ids=((EntityKind.UNIT, "u9"),),
        chains=((Chain.UNIT_PARENTS, "u9"),),
        referrers=((Relation.UNIT_CHILDREN, "u9"),),
    )
    view = await store.local_view(ANONYMOUS, "acme", read)
    assert view.entities == {}
    assert view.chains == {(Chain.UNIT_PARENTS, "u9"): ()}
    assert view.referrers == {(Relation.UNIT_CHILDREN, "u9"): []}


# ---- the commands on top of it --------------------------------------------------------------


async def test_single_writes_land_and_bump_the_version(store: Store) -> None:
    await _seed(store)
    leader = Leader("l8", "Hal New", "u4", reports_to_id="l5")
    await commands.create_entity(store, ANONYMOUS, "acme", leader)
    moved = await commands.update_entity(
        store, ANONYMOUS, "acme", EntityKind.LEADER, "l8", {"reports_to_id": "l3", "title": "X"}
    )
    assert moved == Leader("l8", "Hal New", "u4", title="X", reports_to_id="l3")
    renamed = await commands.rename_organization(store, ANONYMOUS, "acme", "Acme 2")
    await commands.delete_entity(store, ANONYMOUS, "acme", EntityKind.LEADER, "l8")
    loaded = await store.snapshot(ANONYMOUS, "acme")
    assert loaded.version == 5
    assert loaded.organization == renamed
    assert "l8" not in loaded.leaders
    assert loaded.leaders == acme().leaders


async def test_refused_writes_name_their_fields_and_change_nothing(store: Store) -> None:
    await _seed(store)
    with pytest.raises(ValidationFailed) as cycle:
        await commands.update_entity(
            store, ANONYMOUS, "acme", EntityKind.UNIT, "u2", {"parent_id": "u4"}
        )
    [error] = cycle.value.errors
    assert (error.path, error.code.value) == ("input.parentId", "CYCLE")
    assert error.message == "forms a cycle: u2 -> u4 -> u2"
    with pytest.raises(ValidationFailed) as repeated:
        await commands.create_entity(
            store, ANONYMOUS, "acme", Tie("t9", "l2", "l1", 0.5, "MEETING")
        )
    assert [(e.path, e.message) for e in repeated.value.errors] == [
        ("ties[t9]", "repeats tie 't1' between the same leaders with the same kind")
    ]
    with pytest.raises(ValidationFailed) as in_use:
        await commands.delete_entity(store, ANONYMOUS, "acme", EntityKind.UNIT, "u5")
    assert [e.message for e in in_use.value.errors] == [
        "Unit 'u5' is still referenced by leaders[l6].unitId, dependencies[d2], "
        "dependencies[d3], conflicts[c2], conflicts[c3]"
    ]
    with pytest.raises(NotFound):
        await commands.delete_entity(store, ANONYMOUS, "acme", EntityKind.TIE, "zz")
    assert await store.graph_version(ANONYMOUS, "acme") == 1


async def test_a_deletion_names_the_first_five_referrers_and_counts_the_rest(store: Store) -> None:
    await _seed(store)
    for number in range(8, 13):
        leader = Leader(f"l{number}", f"Member {number}", "u3", reports_to_id="l4")
        await commands.create_entity(store, ANONYMOUS, "acme", leader)
    with pytest.raises(ValidationFailed) as in_use:
        await commands.delete_entity(store, ANONYMOUS, "acme", EntityKind.UNIT, "u3")
    # Seven members in id order (as text), then the dependencies d1 and d3, the conflicts c1, c2.
    assert [e.message for e in in_use.value.errors] == [
        "Unit 'u3' is still referenced by leaders[l10].unitId, leaders[l11].unitId, "
        "leaders[l12].unitId, leaders[l4].unitId, leaders[l7].unitId and 6 more"
    ]


async def test_a_write_landing_between_the_read_and_the_commit_is_not_missed(
    store: Store,
) -> None:
    """The check reads version 1; another write lands; the commit at version 1 is refused and
    the command starts over, so it sees the other write and refuses the cycle it now closes."""
    await _seed(store)
    racing = RacingStore(store, ChangeSet(upserts=[Unit("u1", "Sales", parent_id="u5")]))
    with pytest.raises(ValidationFailed) as refused:
        await commands.update_entity(
            racing, ANONYMOUS, "acme", EntityKind.UNIT, "u5", {"parent_id": "u3"}
        )
    assert [(e.path, e.code.value) for e in refused.value.errors] == [
        ("units[u1].parentId", "CYCLE")
    ]
    assert racing.commits == [("other", 1), ("refused", 1)]
    loaded = await store.snapshot(ANONYMOUS, "acme")
    assert loaded.version == 2
    assert loaded.units["u1"].parent_id == "u5"
    assert loaded.units["u5"].parent_id == "u2"


async def test_concurrent_writes_each_land_once(store: Store) -> None:
    await _seed(store)
    ties = [Tie(f"t{10 + i}", "l7", f"l{1 + i}", 0.5, "PEER") for i in range(5)]
    await asyncio.gather(*(commands.create_entity(store, ANONYMOUS, "acme", t) for t in ties))
    loaded = await store.snapshot(ANONYMOUS, "acme")
    assert loaded.version == 6
    assert all(loaded.ties[t.id] == t for t in ties)


class RacingStore(CountingStore):
    """The real store, where another writer's change lands just before the first commit."""

    def __init__(self, inner: Store, other: ChangeSet) -> None:
        super().__init__(inner)
        self.other: ChangeSet | None = other
        self.commits: list[tuple[str, int]] = []

    async def _commit(self, organization_id: str, expected_version: int, changes: ChangeSet) -> int:
        if self.other is not None:
            other, self.other = self.other, None
            await self.inner.commit(ANONYMOUS, organization_id, expected_version, other)
            self.commits.append(("other", expected_version))
        try:
            version = await super()._commit(organization_id, expected_version, changes)
        except VersionConflict:
            self.commits.append(("refused", expected_version))
            raise
        self.commits.append(("landed", expected_version))
        return version
