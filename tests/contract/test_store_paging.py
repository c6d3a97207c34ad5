"""Pages in natural order of ids, both ways, against the Relay pagination algorithm.

The expected pages come from `relay_window`, the spec's algorithm applied to a plain list in
`natural_key` order (https://relay.dev/graphql/connections.htm, "Pagination algorithm"), never
from the stores' own sort text.
"""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from graph_queries.context import ANONYMOUS
from graph_queries.model import (
    Conflict,
    Dependency,
    Entity,
    EntityKind,
    Leader,
    Organization,
    OrgSnapshot,
    Tie,
    Unit,
    UnitKind,
)
from graph_queries.natural_order import natural_key, natural_sorted
from graph_queries.stores.port import (
    ChangeSet,
    ConflictFilter,
    DependencyFilter,
    EntityFilter,
    LeaderFilter,
    Page,
    PageWindow,
    Store,
    TieFilter,
    UnitFilter,
)

# Digit runs of one and two digits, and `01`, which ties with `1` by number and sorts first.
NUMBERS = [*(str(n) for n in range(1, 26)), "01"]
UNIT_IDS = [f"u{n}" for n in NUMBERS]
SMALL = [*(str(n) for n in range(1, 13)), "01"]  # for the other kinds
LEADER_IDS = [f"l{n}" for n in SMALL]


def paged_organization() -> OrgSnapshot:
    """Units u1..u25 and u01, every third one a division; a dozen and one of every other kind."""
    entities: list[Entity] = [
        Unit(id, f"Unit {id}", UnitKind.DIVISION if i % 3 == 0 else UnitKind.TEAM)
        for i, id in enumerate(UNIT_IDS)
    ]
    entities += [Leader(id, f"Leader {id}", "u1") for id in LEADER_IDS]
    for i, n in enumerate(SMALL):
        entities.append(Dependency(f"d{n}", UNIT_IDS[i], UNIT_IDS[i + 1], description=f"need {n}"))
        entities.append(Conflict(f"c{n}", UNIT_IDS[i], UNIT_IDS[i + 1], date(2025, 1, 1 + i)))
        entities.append(Tie(f"t{n}", LEADER_IDS[i], LEADER_IDS[i - 1], 0.5))
    return OrgSnapshot.of(Organization("paged", "Paged"), entities)


def relay_window(ordered: list[str], window: PageWindow) -> tuple[list[str], bool, bool]:
    """(ids, has_next, has_previous): the spec's algorithm on `ordered` by position, where a
    cursor is placed by `natural_key` whether or not its id is in the list. The page info is
    HasNextPage / HasPreviousPage of the spec, answering true where it lets a server that can
    tell (something before `after` when paging forward, at or after `before` backward)."""
    keys = [natural_key(id) for id in ordered]
    start, stop = 0, len(ordered)
    if window.after is not None:
        start = sum(1 for key in keys if key <= natural_key(window.after))
    if window.before is not None:
        stop = sum(1 for key in keys if key < natural_key(window.before))
    between = stop - start
    if window.first is not None:
        return ordered[start : min(stop, start + window.first)], between > window.first, start > 0
    assert window.last is not None
    return (
        ordered[max(start, stop - window.last) : stop],
        stop < len(ordered),
        between > window.last,
    )


async def _page(
    store: Store, kind: EntityKind, window: PageWindow, entity_filter: EntityFilter | None = None
) -> Page[Entity]:
    wanted = entity_filter or FILTERS[kind]
    return await store.page(ANONYMOUS, "paged", kind, wanted, window)


FILTERS: dict[EntityKind, EntityFilter] = {
    EntityKind.UNIT: UnitFilter(),
    EntityKind.LEADER: LeaderFilter(),
    EntityKind.DEPENDENCY: DependencyFilter(),
    EntityKind.CONFLICT: ConflictFilter(),
    EntityKind.TIE: TieFilter(),
}


@pytest.fixture
async def paged(store: Store) -> Store:
    await store.replace_organization(ANONYMOUS, paged_organization(), expected_version=0)
    return store


async def test_pages_forward_walk_units_in_natural_order(paged: Store) -> None:
    seen: list[str] = []
    window = PageWindow(first=4)
    while True:
        page = await _page(paged, EntityKind.UNIT, window)
        assert page.total_count == 26
        assert page.has_previous == bool(seen)
        seen += [unit.id for unit in page.items]
        if not page.has_next:
            break
        window = PageWindow(first=4, after=seen[-1])
    assert seen[:12] == ["u01", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9", "u10", "u11"]
    assert seen == natural_sorted(UNIT_IDS)


@pytest.mark.parametrize("kind", list(EntityKind))
async def test_backward_pages_give_the_forward_sequence(paged: Store, kind: EntityKind) -> None:
    forward = [e.id for e in (await _page(paged, kind, PageWindow(first=100))).items]
    backward: list[str] = []
    window = PageWindow(last=3)
    while True:
        page = await _page(paged, kind, window)
        assert page.has_next == bool(backward)
        backward = [entity.id for entity in page.items] + backward
        if not page.has_previous:
            break
        window = PageWindow(last=3, before=backward[0])
    assert backward == forward
    assert forward[:3] == [f"{forward[0][0]}01", f"{forward[0][0]}1", f"{forward[0][0]}2"]


# Cursors at both ends, in the middle, on the `01`/`1` tie, and ids that are not stored: one
# between two stored ids in natural order (`u1a`), one before all (`a`) and one after all (`z`).
CURSORS = [None, "u01", "u1", "u1a", "u9", "u10", "u13", "u25", "a", "z"]
SIZES = [0, 1, 3, 26, 1000]


@pytest.mark.parametrize("direction", ["first", "last"])
async def test_every_window_matches_the_relay_algorithm(paged: Store, direction: str) -> None:
    ordered = natural_sorted(UNIT_IDS)
    for after, before, size in itertools.product(CURSORS, CURSORS, SIZES):
        window = PageWindow(after=after, before=before, **{direction: size})  # type: ignore[arg-type]
        page = await _page(paged, EntityKind.UNIT, window)
        ids, has_next, has_previous = relay_window(
            ordered,
            PageWindow(
                after=after,
                before=before,
                **{direction: min(size, 100)},  # type: ignore[arg-type]
            ),
        )
        assert ([u.id for u in page.items], page.has_next, page.has_previous) == (
            ids,
            has_next,
            has_previous,
        ), window
        assert page.total_count == 26


async def test_a_window_between_after_and_before(paged: Store) -> None:
    page = await _page(paged, EntityKind.UNIT, PageWindow(first=10, after="u8", before="u12"))
    assert [u.id for u in page.items] == ["u9", "u10", "u11"]
    # Forward, a next page is one inside the window (the spec's HasNextPage with `first`).
    assert (page.has_next, page.has_previous) == (False, True)
    page = await _page(paged, EntityKind.UNIT, PageWindow(last=2, after="u8", before="u12"))
    assert [u.id for u in page.items] == ["u10", "u11"]
    assert (page.has_next, page.has_previous) == (True, True)


async def test_the_ends_are_exact_both_ways(paged: Store) -> None:
    first = await _page(paged, EntityKind.UNIT, PageWindow(first=2))
    assert ([u.id for u in first.items], first.has_next, first.has_previous) == (
        ["u01", "u1"], True, False
    )  # fmt: skip
    # A window reaching exactly the end has nothing after it.
    last = await _page(paged, EntityKind.UNIT, PageWindow(first=2, after="u23"))
    assert ([u.id for u in last.items], last.has_next, last.has_previous) == (
        ["u24", "u25"], False, True
    )  # fmt: skip
    back = await _page(paged, EntityKind.UNIT, PageWindow(last=2))
    assert ([u.id for u in back.items], back.has_next, back.has_previous) == (
        ["u24", "u25"], False, True
    )  # fmt: skip
    # Backward up to the start: nothing before it, and `before` itself still comes after.
    start = await _page(paged, EntityKind.UNIT, PageWindow(last=5, before="u2"))
    assert ([u.id for u in start.items], start.has_next, start.has_previous) == (
        ["u01", "u1"], True, False
    )  # fmt: skip


async def test_a_deleted_cursor_still_seeks(paged: Store) -> None:
    await paged.commit(ANONYMOUS, "paged", 1, ChangeSet(deletes=[(EntityKind.UNIT, "u10")]))
    after = await _page(paged, EntityKind.UNIT, PageWindow(first=3, after="u10"))
    assert [u.id for u in after.items] == ["u11", "u12", "u13"]
    assert (after.has_next, after.has_previous) == (True, True)
    before = await _page(paged, EntityKind.UNIT, PageWindow(last=2, before="u10"))
    assert [u.id for u in before.items] == ["u8", "u9"]
    assert (before.has_next, before.has_previous) == (True, True)
    assert before.total_count == 25


@pytest.mark.parametrize(
    ("kind", "entity_filter", "matching"),
    [
        (EntityKind.UNIT, UnitFilter(kind=UnitKind.DIVISION), UNIT_IDS[::3]),
        (EntityKind.UNIT, UnitFilter(text="unit u1"), [id for id in UNIT_IDS if "u1" in id]),
        (EntityKind.DEPENDENCY, DependencyFilter(unit_id="u3"), ["d2", "d3"]),
        (EntityKind.TIE, TieFilter(leader_id="l01"), ["t01", "t1"]),
    ],
)
async def test_filters_combine_with_windows(
    paged: Store, kind: EntityKind, entity_filter: EntityFilter, matching: list[str]
) -> None:
    ordered = natural_sorted(matching)
    stored = [e.id for e in (await _page(paged, kind, PageWindow(first=100))).items]
    cursors = [None, *stored[::4], "zz"]
    for after, before, size in itertools.product(cursors, cursors, [1, 2, 5]):
        for window in (
            PageWindow(first=size, after=after, before=before),
            PageWindow(last=size, after=after, before=before),
        ):
            page = await _page(paged, kind, window, entity_filter)
            got = ([e.id for e in page.items], page.has_next, page.has_previous)
            assert got == relay_window(ordered, window), window
            assert page.total_count == len(matching)


@pytest.mark.parametrize(
    "window",
    [PageWindow(), PageWindow(first=1, last=1), PageWindow(after="u1"), PageWindow(before="u1")],
)
async def test_a_window_needs_exactly_one_of_first_and_last(
    paged: Store, window: PageWindow
) -> None:
    with pytest.raises(ValueError, match="exactly one of first and last"):
        await _page(paged, EntityKind.UNIT, window)


async def test_sizes_are_clamped(paged: Store) -> None:
    assert len((await _page(paged, EntityKind.UNIT, PageWindow(last=-5))).items) == 0
    many = await _page(paged, EntityKind.UNIT, PageWindow(last=1000))
    assert [u.id for u in many.items] == natural_sorted(UNIT_IDS)
    assert (many.has_next, many.has_previous) == (False, False)
