"""Single writes are checked on what they touch exactly as the whole organization would be.

Hypothesis generates small valid organizations and one write each (valid or not: unknown and
self references, cycles, repeated ties, deleting what is still used, out-of-range and oversize
fields, existing and missing ids). The write goes through `graph_queries.commands` on a real
store; the reference is the whole-organization path: apply the write to the organization in
memory, run `validate_snapshot` and name the written entity's fields `input.<field>`. Both must
accept or refuse alike, with the same errors in the same order, and an accepted write must leave
exactly the organization the reference built.

One deliberate choice in the reference: the written entity is held after the others of its
kind, as a store holds a row it has just written. It only matters for a tie updated into a
repeat of another, which is then reported on the tie being written.
"""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from graph_queries import commands
from graph_queries.commands import apply_changes
from graph_queries.context import ANONYMOUS
from graph_queries.errors import ErrorCode, FieldError, NotFound, ValidationFailed
from graph_queries.model import (
    KINDS,
    Conflict,
    ConflictStatus,
    Dependency,
    Entity,
    EntityKind,
    Leader,
    LeaderLevel,
    Organization,
    OrgSnapshot,
    Reliability,
    Tie,
    Unit,
    UnitKind,
    kind_of,
)
from graph_queries.stores.local_reads import walk_chain
from graph_queries.stores.port import ChangeSet, Store
from graph_queries.validation import references_to, validate_snapshot
from tests.conftest import Backend

EXAMPLES = {"sqlite": 300, "neo4j": 100}  # Neo4j pays a server round trip per query

UNITS = [f"u{i}" for i in range(6)]
LEADERS = [f"l{i}" for i in range(7)]
DEPENDENCIES = [f"d{i}" for i in range(4)]
CONFLICTS = [f"c{i}" for i in range(4)]
TIES = [f"t{i}" for i in range(6)]
POOLS = {
    EntityKind.UNIT: UNITS,
    EntityKind.LEADER: LEADERS,
    EntityKind.DEPENDENCY: DEPENDENCIES,
    EntityKind.CONFLICT: CONFLICTS,
    EntityKind.TIE: TIES,
}
MISSING = "zz"
DATES = [date(2025, 1, 1), date(2025, 6, 1), date(2026, 1, 1)]

# ---- organizations: valid by construction, ids in id order -----------------------------------


@st.composite
def organizations(draw: st.DrawFn) -> OrgSnapshot:
    units = []
    for i in range(draw(st.integers(1, len(UNITS)))):
        parent = draw(st.none() | st.sampled_from(UNITS[:i])) if i else None
        units.append(Unit(UNITS[i], f"Unit {i}", draw(st.sampled_from(UnitKind)), parent))
    unit_ids = [u.id for u in units]
    leaders = []
    for i in range(draw(st.integers(1, len(LEADERS)))):
        manager = draw(st.none() | st.sampled_from(LEADERS[:i])) if i else None
        unit = draw(st.sampled_from(unit_ids))
        level = draw(st.sampled_from(LeaderLevel))
        leaders.append(Leader(LEADERS[i], f"Leader {i}", unit, level, "", manager))
    leader_ids = [leader.id for leader in leaders]
    dependencies: list[Dependency] = []
    conflicts: list[Conflict] = []
    if len(unit_ids) > 1:
        for id in DEPENDENCIES[: draw(st.integers(0, len(DEPENDENCIES)))]:
            ends = draw(st.permutations(unit_ids))[:2]
            owners = tuple(draw(st.lists(st.sampled_from(leader_ids), max_size=3, unique=True)))
            dependencies.append(Dependency(id, ends[0], ends[1], owner_ids=owners))
        for id in CONFLICTS[: draw(st.integers(0, len(CONFLICTS)))]:
            a, b = draw(st.permutations(unit_ids))[:2]
            if dependencies and draw(st.booleans()):  # often a conflict over a dependency
                chosen = draw(st.sampled_from(dependencies))
                a, b = draw(st.permutations([chosen.from_unit_id, chosen.to_unit_id]))
            linking = [d.id for d in dependencies if {d.from_unit_id, d.to_unit_id} == {a, b}]
            dependency = draw(st.none() | st.sampled_from(linking)) if linking else None
            resolved = draw(st.booleans())
            status = ConflictStatus.RESOLVED_LATE if resolved else ConflictStatus.OPEN
            resolved_at = date(2025, 6, 1) if resolved else None
            conflicts.append(Conflict(id, a, b, DATES[0], status, 3, "", dependency, resolved_at))
    ties: list[Tie] = []
    if len(leader_ids) > 1:
        keys: set[tuple[str, str, str | None]] = set()
        for id in TIES[: draw(st.integers(0, len(TIES)))]:
            a, b = draw(st.permutations(leader_ids))[:2]
            kind = draw(st.sampled_from([None, "WORK", "PEER"]))
            key = (*sorted((a, b)), kind)
            if key not in keys:  # a repeated tie would make the organization invalid
                keys.add(key)  # type: ignore[arg-type]
                ties.append(Tie(id, a, b, 0.5, kind))
    entities: list[Entity] = [*units, *leaders, *dependencies, *conflicts, *ties]
    return OrgSnapshot.of(Organization("org", "Org"), entities)


# ---- one write, drawn against the organization ----------------------------------------------


def ids_of(before: OrgSnapshot, kind: EntityKind) -> st.SearchStrategy[str]:
    """An id of the organization half the time, else one missing from it or a malformed one."""
    existing = sorted(before.table(kind))
    others = st.sampled_from([*POOLS[kind], MISSING, "bad id"])
    return st.sampled_from(existing) | others if existing else others


def fields(before: OrgSnapshot, kind: EntityKind) -> dict[str, st.SearchStrategy[Any]]:
    """A strategy per field of `kind`: valid values and each way of breaking a rule."""

    def ref(target: EntityKind) -> st.SearchStrategy[str]:
        return ids_of(before, target)

    def optional(target: EntityKind) -> st.SearchStrategy[str | None]:
        return st.none() | ids_of(before, target)

    names = st.sampled_from(["Name", "", "  ", "x" * 201])
    levels = st.sampled_from([0, 1, 3, 5, 6])
    return {
        EntityKind.UNIT: {
            "name": names,
            "kind": st.sampled_from(UnitKind),
            "parent_id": optional(EntityKind.UNIT),
        },
        EntityKind.LEADER: {
            "name": names,
            "unit_id": ref(EntityKind.UNIT),
            "level": st.sampled_from(LeaderLevel),
            "title": st.sampled_from(["", "Lead", "t" * 201]),
            "reports_to_id": optional(EntityKind.LEADER),
        },
        EntityKind.DEPENDENCY: {
            "from_unit_id": ref(EntityKind.UNIT),
            "to_unit_id": ref(EntityKind.UNIT),
            "criticality": levels,
            "reliability": st.sampled_from(Reliability),
            "description": st.sampled_from(["", "Parts", "d" * 2001]),
            "owner_ids": st.lists(ref(EntityKind.LEADER), max_size=3).map(tuple)
            | st.just(("l0",) * 51),
        },
        EntityKind.CONFLICT: {
            "unit_a_id": ref(EntityKind.UNIT),
            "unit_b_id": ref(EntityKind.UNIT),
            "raised_at": st.sampled_from(DATES),
            "status": st.sampled_from(ConflictStatus),
            "severity": levels,
            "summary": st.sampled_from(["", "Clash", "s" * 2001]),
            "dependency_id": optional(EntityKind.DEPENDENCY),
            "resolved_at": st.none() | st.sampled_from(DATES),
        },
        EntityKind.TIE: {
            "leader_a_id": ref(EntityKind.LEADER),
            "leader_b_id": ref(EntityKind.LEADER),
            "strength": st.sampled_from([0.5, 1.0, 0.0, -0.5, 1.5, float("inf")]),
            "kind": st.sampled_from([None, "WORK", "PEER", "", "k" * 41]),
        },
    }[kind]


@dataclass(frozen=True)
class Write:
    """One command: `action` is create, update, delete or rename."""

    action: str
    kind: EntityKind | None = None
    id: str = ""
    entity: Entity | None = None
    changes: tuple[tuple[str, Any], ...] = ()
    name: str = ""


@st.composite
def any_write(draw: st.DrawFn, before: OrgSnapshot) -> Write:
    """Any command, its fields drawn at random."""
    action = draw(st.sampled_from(["create", "update", "update", "delete", "rename"]))
    if action == "rename":
        return Write(action, name=draw(st.sampled_from(["New name", "", " ", "x" * 201])))
    kind = draw(st.sampled_from(EntityKind))
    id = draw(ids_of(before, kind))
    if action == "delete":
        return Write(action, kind, id)
    strategies = fields(before, kind)
    if action == "create":
        values = {name: draw(strategy) for name, strategy in strategies.items()}
        return Write(action, kind, id, entity=KINDS[kind].entity(id=id, **values))
    changed = draw(st.lists(st.sampled_from(sorted(strategies)), min_size=1, unique=True))
    return Write(
        action, kind, id, changes=tuple((name, draw(strategies[name])) for name in changed)
    )


@st.composite
def reference_write(draw: st.DrawFn, before: OrgSnapshot) -> Write:
    """A write aimed at the rules between entities: a new parent or manager (a cycle when it
    is a descendant), a tie between two leaders already tied (a repeat when the kind is the
    same), a dependency moved to other units (its conflicts no longer link them)."""
    kind = draw(st.sampled_from([EntityKind.UNIT, EntityKind.LEADER, EntityKind.TIE]))
    if kind is EntityKind.TIE and before.ties:
        tie = before.ties[draw(st.sampled_from(sorted(before.ties)))]
        ends = draw(st.permutations([tie.leader_a_id, tie.leader_b_id]))
        kind_of_tie = draw(st.sampled_from([tie.kind, None, "WORK", "PEER"]))
        changes = (("leader_a_id", ends[0]), ("leader_b_id", ends[1]), ("kind", kind_of_tie))
        id = draw(st.sampled_from(TIES))
        if id in before.ties:
            return Write("update", EntityKind.TIE, id, changes=changes)
        return Write("create", EntityKind.TIE, id, entity=Tie(id, **dict(changes)))
    if before.dependencies and draw(st.booleans()):
        named = sorted({c.dependency_id for c in before.conflicts.values() if c.dependency_id})
        id = draw(st.sampled_from(named or sorted(before.dependencies)))
        ends = draw(st.permutations(sorted(before.units)))[:2]
        changes = (("from_unit_id", ends[0]), ("to_unit_id", ends[-1]))
        return Write("update", EntityKind.DEPENDENCY, id, changes=changes)
    kind, field = (
        (EntityKind.LEADER, "reports_to_id")
        if kind is EntityKind.LEADER
        else (EntityKind.UNIT, "parent_id")
    )
    existing = sorted(before.table(kind))
    id = draw(st.sampled_from(existing))
    below = descendants(before, kind, field, id)
    parent = draw(
        st.sampled_from(below) | st.sampled_from(existing) if below else st.sampled_from(existing)
    )
    return Write("update", kind, id, changes=((field, parent),))


def descendants(before: OrgSnapshot, kind: EntityKind, field: str, id: str) -> list[str]:
    """The entities below `id` through `field`: as its new parent, each closes a cycle."""
    children: dict[str, list[str]] = {}
    for entity in before.table(kind).values():
        parent = getattr(entity, field)
        if parent is not None:
            children.setdefault(parent, []).append(entity.id)
    found, waiting = [], list(children.get(id, []))
    while waiting:
        found.append(waiting.pop())
        waiting += children.get(found[-1], [])
    return sorted(found)


def writes(before: OrgSnapshot) -> st.SearchStrategy[Write]:
    return any_write(before) | reference_write(before)


@st.composite
def cases(draw: st.DrawFn) -> tuple[OrgSnapshot, Write]:
    before = draw(organizations())
    return before, draw(writes(before))


# ---- the reference: the whole organization, validated after the write ------------------------

Outcome = tuple[Any, ...]


def refused(errors: list[FieldError], focus: str | None) -> Outcome:
    if focus is not None:
        prefix = focus + "."
        errors = [
            dataclasses.replace(e, path="input." + e.path[len(prefix) :])
            if e.path.startswith(prefix)
            else e
            for e in errors
        ]
    return ("refused", errors)


def whole_organization(before: OrgSnapshot, write: Write) -> Outcome:
    """What the write gave when every write loaded and validated the whole organization."""
    if write.action == "rename":
        after = apply_changes(before, ChangeSet(Organization("org", write.name)))
        errors = validate_snapshot(after)
        return refused(errors, "organization") if errors else ("written", after)
    assert write.kind is not None
    info = KINDS[write.kind]
    table = before.table(write.kind)
    if write.action == "create":
        assert write.entity is not None
        if write.id in table:
            message = f"{info.type_name} {write.id!r} exists in this organization"
            return ("refused", [FieldError("input.id", ErrorCode.DUPLICATE, message)])
        changes = ChangeSet(upserts=[write.entity])
    elif write.id not in table:
        return ("missing", info.type_name, write.id)
    elif write.action == "update":
        updated = dataclasses.replace(table[write.id], **dict(write.changes))  # type: ignore[arg-type]
        changes = ChangeSet(upserts=[updated])
    else:
        users = references_to(before, info.collection, write.id)
        if users:
            shown = ", ".join(users[:5]) + (f" and {len(users) - 5} more" if len(users) > 5 else "")
            message = f"{info.type_name} {write.id!r} is still referenced by {shown}"
            return ("refused", [FieldError("id", ErrorCode.IN_USE, message)])
        changes = ChangeSet(deletes=[(write.kind, write.id)])
    after = apply_changes(before, changes)
    for entity in changes.upserts:  # held after the others, as a store holds a fresh row
        written = after.table(kind_of(entity))
        written[entity.id] = written.pop(entity.id)
    errors = validate_snapshot(after)
    focus = f"{info.collection}[{write.id}]" if write.action != "delete" else None
    return refused(errors, focus) if errors else ("written", after)


# ---- the commands on a real store ---------------------------------------------------------------


async def through_commands(store: Store, organization_id: str, write: Write) -> Outcome:
    try:
        if write.action == "rename":
            await commands.rename_organization(store, ANONYMOUS, organization_id, write.name)
        elif write.action == "create":
            assert write.entity is not None
            await commands.create_entity(store, ANONYMOUS, organization_id, write.entity)
        elif write.action == "update":
            assert write.kind is not None
            changes = dict(write.changes)
            await commands.update_entity(
                store, ANONYMOUS, organization_id, write.kind, write.id, changes
            )
        else:
            assert write.kind is not None
            await commands.delete_entity(store, ANONYMOUS, organization_id, write.kind, write.id)
    except ValidationFailed as failure:
        return ("refused", failure.errors)
    except NotFound as missing:
        return ("missing", missing.kind, missing.id)
    return ("written", await store.snapshot(ANONYMOUS, organization_id))


def same_organization(stored: OrgSnapshot, expected: OrgSnapshot) -> bool:
    """The same entities (in any order) and name; the organization's id differs on purpose."""
    return stored.organization.name == expected.organization.name and all(
        stored.table(kind) == expected.table(kind) for kind in EntityKind
    )


async def check(store: Store, organization_id: str, before: OrgSnapshot, write: Write) -> None:
    stored = dataclasses.replace(
        before, organization=Organization(organization_id, before.organization.name)
    )
    await store.replace_organization(ANONYMOUS, stored, expected_version=0)
    expected = whole_organization(before, write)
    # Seen with --hypothesis-show-statistics: how often each rule was broken.
    codes = sorted({e.code.value for e in expected[1]}) if expected[0] == "refused" else []
    event(f"{expected[0]} {' '.join(codes)}")
    actual = await through_commands(store, organization_id, write)
    if expected[0] == "written":
        assert actual[0] == "written", actual
        assert same_organization(actual[1], expected[1])
        assert actual[1].version == 2
    else:
        assert actual == expected
        assert await store.graph_version(ANONYMOUS, organization_id) == 1


def test_generated_organizations_are_valid() -> None:
    """The property below starts from valid organizations only, as every stored one is."""

    @settings(max_examples=200, deadline=None)
    @given(organizations())
    def valid(organization: OrgSnapshot) -> None:
        assert validate_snapshot(organization) == []

    valid()


def test_single_writes_are_checked_like_the_whole_organization(backend: Backend) -> None:
    # A loop of its own: hypothesis calls the property synchronously, once per example.
    loop = asyncio.new_event_loop()
    store = backend.open()
    numbers = itertools.count()

    @settings(
        max_examples=EXAMPLES[backend.name],
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(cases())
    def property(case: tuple[OrgSnapshot, Write]) -> None:
        organization_id = f"org{next(numbers)}"  # a fresh organization per example
        loop.run_until_complete(check(store, organization_id, *case))

    try:
        property()
    finally:
        loop.run_until_complete(store.close())
        loop.close()


@pytest.mark.parametrize(
    ("write", "expected"),
    [
        (
            Write("update", EntityKind.TIE, "t1", changes=(("kind", "WORK"),)),
            [("ties[t1]", "repeats tie 't0' between the same leaders with the same kind")],
        ),
        (
            Write("update", EntityKind.UNIT, "u0", changes=(("parent_id", "u2"),)),
            [("input.parentId", "forms a cycle: u0 -> u2 -> u1 -> u0")],
        ),
        (
            Write("update", EntityKind.UNIT, "u2", changes=(("parent_id", "u2"),)),
            [("input.parentId", "a unit cannot be its own parent")],
        ),
        (
            Write("update", EntityKind.DEPENDENCY, "d0", changes=(("to_unit_id", "u2"),)),
            [
                (
                    "conflicts[c0].dependencyId",
                    "dependency 'd0' links other units than this conflict",
                )
            ],
        ),
    ],
)
def test_the_reference_finds_what_the_property_relies_on(
    write: Write, expected: list[tuple[str, str]]
) -> None:
    """The reference itself, on writes whose errors are known by heart."""
    before = OrgSnapshot.of(
        Organization("org", "Org"),
        [
            Unit("u0", "A"),
            Unit("u1", "B", parent_id="u0"),
            Unit("u2", "C", parent_id="u1"),
            Leader("l0", "X", "u0"),
            Leader("l1", "Y", "u1"),
            Dependency("d0", "u0", "u1"),
            Conflict("c0", "u1", "u0", DATES[0], dependency_id="d0"),
            Tie("t0", "l0", "l1", 0.5, "WORK"),
            Tie("t1", "l1", "l0", 0.5, None),
        ],
    )
    outcome = whole_organization(before, write)
    assert outcome[0] == "refused"
    assert [(e.path, e.message) for e in outcome[1]] == expected


def test_a_chain_stops_at_a_root_a_missing_id_or_an_id_met_before() -> None:
    parents: dict[str, str | None] = {"a": "b", "b": "c", "c": None, "x": "y", "y": "x", "m": "q"}
    assert walk_chain("a", parents) == ("a", "b", "c")
    assert walk_chain("m", parents) == ("m",)  # q is not there
    assert walk_chain("x", parents) == ("x", "y")  # a stored cycle still ends
    assert walk_chain("nope", parents) == ()
