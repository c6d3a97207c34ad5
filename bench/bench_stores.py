"""Store speed and Python memory, against plain sqlite3 on the same rows in the same process.

Run from the repository root::

    .venv/bin/python -m bench.bench_stores                       # SQLite only
    .venv/bin/python -m bench.bench_stores --start-neo4j         # and a throwaway JVM Neo4j
    .venv/bin/python -m bench.bench_stores --neo4j-uri bolt://host:7687 --neo4j-password ...

For each organization (generated ones of `--leaders` sizes, and email-Eu-core read through the
project's CSV import) and each store, four operations are measured `--repeat` times and the
median is printed:

- import: `replace_organization` of the whole organization into an empty store;
- snapshot: `snapshot`, the whole organization loaded back;
- page: one page of 100 leaders filtered by level (the organization's most common level);
- related: one batched `related(LEADER_TIES)` call for 100 leaders spread over the id range.

With `--graphs`, the snapshot is also turned into networkx graphs (`build_graphs`), as the
analyses do: `snapshot+graphs`. With `--reimport`, the stored organization is replaced with
itself (`re-import`, nothing changed). With `--replace-changed` (generated organizations only),
it is replaced with the organization generated from another seed under the same id (mostly
changed content), then with the original again: `replace changed` and `replace back`.

With `--writes` (generated organizations only), single writes are measured too: create, update
and delete of a leader, a tie and a unit through `graph_queries.commands`, each against the
same write through the whole-organization path (load the organization, apply the change, run
`validate_snapshot`, commit at the version read), run alternately in the same process.

The baseline is what any store pays at least: the same rows (tuples built from the snapshot with
the embedded store's own row functions) written with plain `executemany` into a fresh SQLite file
with the embedded store's schema (same tables and indexes) in one transaction, and read back with
plain SELECTs into tuples (no entities); the page and related baselines are the equivalent single
SQL queries. The ratio is store / baseline.

Peak memory is what tracemalloc sees (Python allocations only: not SQLite's page cache, not the
Neo4j server's JVM) during separate traced runs of import and snapshot, also `--repeat` times.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import gc
import logging
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from graph_queries import commands
from graph_queries.commands import apply_changes
from graph_queries.context import ANONYMOUS
from graph_queries.errors import NotFound, ValidationFailed
from graph_queries.generator import generate_organization
from graph_queries.graphs import build_graphs
from graph_queries.model import (
    KINDS,
    Entity,
    EntityKind,
    Leader,
    LeaderLevel,
    OrgSnapshot,
    Tie,
    Unit,
    kind_of,
)
from graph_queries.natural_order import sort_text
from graph_queries.stores.neo4j_store import Neo4jSettings, Neo4jStore
from graph_queries.stores.port import ChangeSet, LeaderFilter, PageWindow, Relation, Store
from graph_queries.stores.sqlite_schema import TABLES, migrate
from graph_queries.stores.sqlite_store import SqliteStore
from graph_queries.validation import references_to, validate_snapshot

T = TypeVar("T")

DEFAULT_LEADERS = (1_000, 10_000)
PAGE_SIZE = 100
RELATED_KEYS = 100
MIB = 1024 * 1024


@dataclass(frozen=True)
class Workload:
    name: str
    snapshot: OrgSnapshot
    level: LeaderLevel  # the page filter
    keys: list[str]  # the related() keys
    changed: OrgSnapshot | None = None  # mostly changed content under the same id

    @classmethod
    def of(cls, name: str, snapshot: OrgSnapshot, changed: OrgSnapshot | None = None) -> Workload:
        levels = Counter(leader.level for leader in snapshot.leaders.values())
        ids = sorted(snapshot.leaders)
        step = max(1, len(ids) // RELATED_KEYS)
        level = levels.most_common(1)[0][0]
        return cls(name, snapshot, level, ids[::step][:RELATED_KEYS], changed)

    def describe(self) -> str:
        counts = self.snapshot.counts()
        parts = [f"{counts[kind]} {KINDS[kind].collection}" for kind in EntityKind]
        return f"{self.name}: {', '.join(parts)}; page filter level={self.level.value}"


@dataclass(frozen=True)
class Options:
    repeat: int  # measured runs, of which the median is shown
    warmup: int  # unmeasured runs before them
    reimport: bool  # also replace the stored organization with itself
    writes: bool = False  # also single writes, against the whole-organization path
    writes_only: bool = False  # only the single writes
    graphs: bool = False  # also snapshot + build_graphs
    replace_changed: bool = False  # also replace with another seed's organization and back
    memory: bool = True  # traced runs of import and snapshot


@dataclass
class Figure:
    """One operation on one store: times in seconds, peak in bytes (None: not measured)."""

    workload: str
    store: str
    operation: str
    times: list[float]  # warm-up runs first
    baseline: list[float]  # the same
    warmup: int
    peaks: list[int] = field(default_factory=list)
    baseline_peaks: list[int] = field(default_factory=list)

    def measured(self) -> list[float]:
        return self.times[self.warmup :]

    def baseline_measured(self) -> list[float]:
        return self.baseline[self.warmup :]


# ---- measuring -----------------------------------------------------------------------------------


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


@contextmanager
def traced() -> Iterator[list[int]]:
    """Trace Python allocations inside the block; the list receives the peak in bytes."""
    gc.collect()
    result: list[int] = []
    tracemalloc.start()
    try:
        yield result
    finally:
        result.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()


async def timed(work: Awaitable[T]) -> tuple[float, T]:
    """Await `work` (a coroutine not started yet) and time it."""
    gc.collect()
    started = time.perf_counter()
    value = await work
    return time.perf_counter() - started, value


def timed_sync(work: Callable[[], T]) -> tuple[float, T]:
    gc.collect()
    started = time.perf_counter()
    value = work()
    return time.perf_counter() - started, value


# ---- the baseline: plain sqlite3 on the same rows ------------------------------------------------


Rows = dict[str, tuple[tuple[str, ...], list[tuple[object, ...]]]]


def table_rows(snapshot: OrgSnapshot) -> Rows:
    """Every row the embedded store writes for `snapshot`: table -> (columns, rows)."""
    org = snapshot.organization.id
    rows: Rows = {"organizations": (("id", "name", "version"), [(org, org, 1)])}
    for kind, table in TABLES.items():
        values = [(org, sort_text(e.id), *table.to_row(e)) for e in snapshot.table(kind).values()]
        rows[table.name] = (("org_id", "sort_key", *table.columns), values)
    owners: list[tuple[object, ...]] = [
        (org, d.id, position, owner)
        for d in snapshot.dependencies.values()
        for position, owner in enumerate(d.owner_ids)
    ]
    rows["dependency_owners"] = (("org_id", "dependency_id", "position", "leader_id"), owners)
    return rows


def connect(path: Path) -> sqlite3.Connection:
    """A fresh file with the embedded store's tables and indexes, and its settings."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    migrate(db)
    return db


def baseline_insert(db: sqlite3.Connection, snapshot: OrgSnapshot) -> None:
    """The rows of `snapshot` (tuples, as the store builds them), then executemany per table."""
    rows = table_rows(snapshot)
    db.execute("BEGIN IMMEDIATE")
    for table, (columns, values) in rows.items():
        marks = ",".join("?" * len(columns))
        db.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", values)
    db.execute("COMMIT")


def baseline_reinsert(db: sqlite3.Connection, snapshot: OrgSnapshot) -> None:
    """Delete the organization's rows and insert them again, in one transaction."""
    rows = table_rows(snapshot)
    org = snapshot.organization.id
    db.execute("BEGIN IMMEDIATE")
    for table, (columns, values) in rows.items():
        key = "id" if table == "organizations" else "org_id"
        db.execute(f"DELETE FROM {table} WHERE {key} = ?", [org])
        marks = ",".join("?" * len(columns))
        db.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", values)
    db.execute("COMMIT")


def baseline_select(db: sqlite3.Connection, org: str, tables: Sequence[str]) -> int:
    db.execute("BEGIN")
    try:
        count = len(db.execute("SELECT * FROM organizations WHERE id = ?", [org]).fetchall())
        for table in tables:
            if table != "organizations":
                sql = f"SELECT * FROM {table} WHERE org_id = ?"
                count += len(db.execute(sql, [org]).fetchall())
        return count
    finally:
        db.execute("COMMIT")


def baseline_page(db: sqlite3.Connection, org: str, level: LeaderLevel) -> int:
    where = "WHERE org_id = ? AND level = ?"
    db.execute(f"SELECT count(*) FROM leaders {where}", [org, level.value]).fetchone()
    sql = f"SELECT * FROM leaders {where} ORDER BY sort_key, id LIMIT ?"
    return len(db.execute(sql, [org, level.value, PAGE_SIZE + 1]).fetchall())


def baseline_related(db: sqlite3.Connection, org: str, keys: Sequence[str]) -> int:
    marks = ",".join("?" * len(keys))
    sql = (
        f"SELECT * FROM ties WHERE org_id = ? AND (leader_a_id IN ({marks}) "
        f"OR leader_b_id IN ({marks})) ORDER BY sort_key, id"
    )
    return len(db.execute(sql, [org, *keys, *keys]).fetchall())


@dataclass
class Baseline:
    insert: list[float] = field(default_factory=list)
    reinsert: list[float] = field(default_factory=list)
    select: list[float] = field(default_factory=list)
    page: list[float] = field(default_factory=list)
    related: list[float] = field(default_factory=list)
    insert_peaks: list[int] = field(default_factory=list)
    select_peaks: list[int] = field(default_factory=list)


def measure_baseline(workload: Workload, folder: Path, runs: int, repeat: int) -> Baseline:
    """`runs` timed runs of each query (warm-ups included), `repeat` traced ones."""
    snapshot = workload.snapshot
    org = snapshot.organization.id
    tables = list(table_rows(snapshot))
    result = Baseline()
    db: sqlite3.Connection | None = None
    for run in range(runs):
        if db is not None:
            db.close()
        db = connect(folder / f"baseline-{run}.sqlite3")
        result.insert.append(timed_sync(partial(baseline_insert, db, snapshot))[0])
    assert db is not None
    for _ in range(runs):
        result.reinsert.append(timed_sync(partial(baseline_reinsert, db, snapshot))[0])
    for _ in range(runs):
        result.select.append(timed_sync(partial(baseline_select, db, org, tables))[0])
        result.page.append(timed_sync(partial(baseline_page, db, org, workload.level))[0])
        result.related.append(timed_sync(partial(baseline_related, db, org, workload.keys))[0])
    for run in range(repeat):
        fresh = connect(folder / f"baseline-traced-{run}.sqlite3")
        with traced() as peak:
            baseline_insert(fresh, snapshot)
        fresh.close()
        result.insert_peaks += peak
        with traced() as peak:
            baseline_select(db, org, tables)
        result.select_peaks += peak
    db.close()
    return result


# ---- the stores ----------------------------------------------------------------------------------


@dataclass
class Backend:
    """How to get an empty store of one kind, and how to give it back."""

    name: str
    fresh: Callable[[], Awaitable[Store]]
    release: Callable[[Store], Awaitable[None]]


def sqlite_backend(folder: Path) -> Backend:
    counter = iter(range(1_000_000))

    async def fresh() -> Store:
        return SqliteStore(folder / f"store-{next(counter)}.sqlite3")

    async def release(store: Store) -> None:
        await store.close()

    return Backend("sqlite", fresh, release)


def neo4j_backend(settings: Neo4jSettings) -> Backend:
    async def fresh() -> Store:
        store = Neo4jStore(settings)
        await store.migrate()
        for organization in await store.organizations(ANONYMOUS):
            await store.delete_organization(ANONYMOUS, organization.id)
        return store

    async def release(store: Store) -> None:
        await store.close()

    return Backend("neo4j", fresh, release)


async def measure_store(
    backend: Backend, workload: Workload, baseline: Baseline, options: Options
) -> list[Figure]:
    snapshot = workload.snapshot
    org = snapshot.organization.id
    runs, repeat = options.warmup + options.repeat, options.repeat
    imports: list[float] = []
    store: Store | None = None
    for _ in range(runs):
        if store is not None:
            await backend.release(store)
        store = await backend.fresh()
        seconds, _ = await timed(store.replace_organization(ANONYMOUS, snapshot, 0))
        imports.append(seconds)
    assert store is not None
    loaded = store
    snapshots: list[float] = []
    with_graphs: list[float] = []
    pages: list[float] = []
    related: list[float] = []
    level_filter = LeaderFilter(level=workload.level)
    for _ in range(runs):
        seconds, copy = await timed(loaded.snapshot(ANONYMOUS, org))
        if copy.counts() != snapshot.counts():
            raise AssertionError(f"{backend.name} lost entities of {workload.name}")
        snapshots.append(seconds)
        if options.graphs:
            built, _ = timed_sync(partial(build_graphs, copy))
            with_graphs.append(seconds + built)
        seconds, page = await timed(
            loaded.page(
                ANONYMOUS, org, EntityKind.LEADER, level_filter, PageWindow(first=PAGE_SIZE)
            )
        )
        assert len(page.items) == min(PAGE_SIZE, page.total_count)
        pages.append(seconds)
        seconds, _ = await timed(
            loaded.related(ANONYMOUS, org, Relation.LEADER_TIES, workload.keys)
        )
        related.append(seconds)
    reimports: list[float] = []
    for _ in range(runs if options.reimport else 0):
        version = await loaded.graph_version(ANONYMOUS, org)
        seconds, _ = await timed(loaded.replace_organization(ANONYMOUS, snapshot, version))
        reimports.append(seconds)
    changed: list[float] = []
    back: list[float] = []
    for _ in range(runs if options.replace_changed and workload.changed else 0):
        assert workload.changed is not None
        seconds, _ = await timed(loaded.replace_organization(ANONYMOUS, workload.changed, None))
        changed.append(seconds)
        if (await loaded.snapshot(ANONYMOUS, org)).counts() != workload.changed.counts():
            raise AssertionError(f"{backend.name}: the changed organization did not land whole")
        seconds, _ = await timed(loaded.replace_organization(ANONYMOUS, snapshot, None))
        back.append(seconds)
    import_peaks: list[int] = []
    snapshot_peaks: list[int] = []
    traced_runs = repeat if options.memory else 0
    for _ in range(traced_runs):
        with traced() as peak:
            await loaded.snapshot(ANONYMOUS, org)
        snapshot_peaks += peak
    await backend.release(loaded)
    for _ in range(traced_runs):
        target = await backend.fresh()
        with traced() as peak:
            await target.replace_organization(ANONYMOUS, snapshot, 0)
        import_peaks += peak
        await backend.release(target)
    at = (workload.name, backend.name)
    warm = options.warmup
    figures = [
        Figure(*at, "import", imports, baseline.insert, warm, import_peaks, baseline.insert_peaks),
        Figure(
            *at, "snapshot", snapshots, baseline.select, warm, snapshot_peaks, baseline.select_peaks
        ),
        Figure(*at, f"page {PAGE_SIZE}", pages, baseline.page, warm),
        Figure(*at, f"related {RELATED_KEYS}", related, baseline.related, warm),
    ]
    if options.graphs:
        figures.insert(2, Figure(*at, "snapshot+graphs", with_graphs, baseline.select, warm))
    if options.reimport:
        figures.append(Figure(*at, "re-import", reimports, baseline.reinsert, warm))
    if changed:
        figures.append(Figure(*at, "replace changed", changed, baseline.reinsert, warm))
        figures.append(Figure(*at, "replace back", back, baseline.reinsert, warm))
    return figures


# ---- single writes -------------------------------------------------------------------------------


async def whole_organization_write(
    store: Store, org: str, change: Callable[[OrgSnapshot], ChangeSet]
) -> None:
    """A write as every write was made before issue 8: the whole organization loaded, changed
    in memory and validated with `validate_snapshot`, then committed at the version read."""
    snapshot = await store.snapshot(ANONYMOUS, org)
    changes = change(snapshot)
    errors = validate_snapshot(apply_changes(snapshot, changes))
    if errors:
        raise ValidationFailed(errors)
    await store.commit(ANONYMOUS, org, snapshot.version, changes)


def whole_create(entity: Entity) -> Callable[[OrgSnapshot], ChangeSet]:
    def change(snapshot: OrgSnapshot) -> ChangeSet:
        if entity.id in snapshot.table(kind_of(entity)):
            raise AssertionError(f"{entity.id} exists")
        return ChangeSet(upserts=[entity])

    return change


def whole_update(
    kind: EntityKind, id: str, fields: dict[str, Any]
) -> Callable[[OrgSnapshot], ChangeSet]:
    def change(snapshot: OrgSnapshot) -> ChangeSet:
        existing: Any = snapshot.table(kind).get(id)
        if existing is None:
            raise NotFound(KINDS[kind].type_name, id)
        return ChangeSet(upserts=[dataclasses.replace(existing, **fields)])

    return change


def whole_delete(kind: EntityKind, id: str) -> Callable[[OrgSnapshot], ChangeSet]:
    def change(snapshot: OrgSnapshot) -> ChangeSet:
        if id not in snapshot.table(kind) or references_to(snapshot, KINDS[kind].collection, id):
            raise AssertionError(f"{id} cannot be deleted")
        return ChangeSet(deletes=[(kind, id)])

    return change


@dataclass(frozen=True)
class WriteCase:
    """One entity to create, the fields its update changes, then its deletion."""

    entity: Entity
    fields: dict[str, Any]


def write_case(kind: EntityKind, snapshot: OrgSnapshot, label: str, run: int) -> WriteCase:
    """A valid entity of `kind` with a fresh id, and an update touching its references.

    The update moves a leader to another manager and a unit to another parent (so the cycle
    check walks the new manager's or parent's chain up to the top), and gives a tie a new kind
    (so the duplicate check looks at the ties between its two leaders).
    """
    leaders, units = sorted(snapshot.leaders), sorted(snapshot.units)
    pick = run * 7919  # a prime step spreads the runs over the organization
    id = f"bench-{label}-{KINDS[kind].name}-{run}"
    if kind is EntityKind.LEADER:
        manager = leaders[pick % len(leaders)]
        unit = snapshot.leaders[manager].unit_id
        entity: Entity = Leader(id, "Bench Leader", unit, reports_to_id=manager)
        fields: dict[str, Any] = {"title": "Moved", "reports_to_id": leaders[-1 - pick % 97]}
    elif kind is EntityKind.TIE:
        a, b = leaders[pick % len(leaders)], leaders[(pick + 1) % len(leaders)]
        entity = Tie(id, a, b, 0.5, f"bench-{run}")
        fields = {"strength": 0.8, "kind": f"bench-{run}-moved"}
    else:
        entity = Unit(id, "Bench Unit", parent_id=units[pick % len(units)])
        fields = {"name": "Moved Unit", "parent_id": units[-1 - pick % 31]}
    return WriteCase(entity, fields)


async def write_times(
    store: Store, org: str, case: WriteCase, whole_organization: bool
) -> tuple[float, float, float]:
    """Seconds to create, update and delete the case's entity along one path."""
    entity, kind = case.entity, kind_of(case.entity)
    create: Awaitable[object]
    update: Awaitable[object]
    delete: Awaitable[object]
    if whole_organization:
        create = whole_organization_write(store, org, whole_create(entity))
        update = whole_organization_write(store, org, whole_update(kind, entity.id, case.fields))
        delete = whole_organization_write(store, org, whole_delete(kind, entity.id))
    else:
        create = commands.create_entity(store, ANONYMOUS, org, entity)
        update = commands.update_entity(store, ANONYMOUS, org, kind, entity.id, case.fields)
        delete = commands.delete_entity(store, ANONYMOUS, org, kind, entity.id)
    created, _ = await timed(create)
    updated, _ = await timed(update)
    deleted, _ = await timed(delete)
    return created, updated, deleted


WRITE_KINDS = (EntityKind.LEADER, EntityKind.TIE, EntityKind.UNIT)
WRITE_STEPS = ("create", "update", "delete")


async def measure_writes(backend: Backend, workload: Workload, options: Options) -> list[Figure]:
    """Each single write along both paths, alternately, on the stored organization."""
    snapshot = workload.snapshot
    org = snapshot.organization.id
    store = await backend.fresh()
    await store.replace_organization(ANONYMOUS, snapshot, 0)
    new: dict[tuple[EntityKind, str], list[float]] = {}
    whole: dict[tuple[EntityKind, str], list[float]] = {}
    for run in range(options.warmup + options.repeat):
        for kind in WRITE_KINDS:
            for label, times in (("new", new), ("whole", whole)):
                case = write_case(kind, snapshot, label, run)
                seconds = await write_times(store, org, case, whole_organization=label == "whole")
                for step, value in zip(WRITE_STEPS, seconds, strict=True):
                    times.setdefault((kind, step), []).append(value)
    if (await store.snapshot(ANONYMOUS, org)).counts() != snapshot.counts():
        raise AssertionError(f"{backend.name}: the single writes left entities behind")
    await backend.release(store)
    return [
        Figure(
            workload.name,
            backend.name,
            f"{step} {KINDS[kind].name}",
            new[kind, step],
            whole[kind, step],
            options.warmup,
        )
        for kind in WRITE_KINDS
        for step in WRITE_STEPS
    ]


# ---- output --------------------------------------------------------------------------------------


def seconds_text(value: float) -> str:
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def runs_text(values: Sequence[float]) -> str:
    """Every run, in the unit of their median: the spread, including a cold first run."""
    if median(values) < 1:
        return " ".join(f"{value * 1000:.1f}" for value in values) + " ms"
    return " ".join(f"{value:.2f}" for value in values) + " s"


def ratio_text(value: float, base: float) -> str:
    if base <= 0:
        return "-"
    ratio = value / base
    return f"{ratio:.1f}x" if ratio >= 0.1 else f"{ratio:.3f}x"


def table(figures: Sequence[Figure]) -> str:
    header = (
        "organization",
        "store",
        "operation",
        "median",
        "cold",
        "runs",
        "baseline",
        "ratio",
        "peak MiB",
        "base MiB",
        "mem ratio",
    )
    lines: list[tuple[str, ...]] = [header]
    for f in figures:
        time_median, base_median = median(f.measured()), median(f.baseline_measured())
        runs = runs_text(f.measured())
        cold = seconds_text(f.times[0]) if f.warmup else ""
        memory: tuple[str, ...] = ("", "", "")
        if f.peaks:
            peak, base_peak = median(f.peaks), median(f.baseline_peaks)
            memory = (f"{peak / MIB:.2f}", f"{base_peak / MIB:.2f}", ratio_text(peak, base_peak))
        lines.append(
            (
                f.workload,
                f.store,
                f.operation,
                seconds_text(time_median),
                cold,
                runs,
                seconds_text(base_median),
                ratio_text(time_median, base_median),
                *memory,
            )
        )
    return aligned(lines)


def write_table(figures: Sequence[Figure]) -> str:
    """Single writes: `whole-org` is the same write through the whole-organization path."""
    header = ("organization", "store", "operation", "median", "cold", "runs", "whole-org", "ratio")
    lines: list[tuple[str, ...]] = [header]
    for f in figures:
        time_median, whole_median = median(f.measured()), median(f.baseline_measured())
        cold = seconds_text(f.times[0]) if f.warmup else ""
        lines.append(
            (
                f.workload,
                f.store,
                f.operation,
                seconds_text(time_median),
                cold,
                runs_text(f.measured()),
                seconds_text(whole_median),
                ratio_text(time_median, whole_median),
            )
        )
    return aligned(lines)


def aligned(lines: Sequence[tuple[str, ...]]) -> str:
    """Columns padded to their widest cell; the first three to the left, the others right."""
    header = lines[0]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    text = []
    for number, line in enumerate(lines):
        cells = [
            cell.ljust(width) if column < 3 else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(line, widths, strict=True))
        ]
        text.append("  ".join(cells).rstrip())
        if number == 0:
            text.append("  ".join("-" * width for width in widths))
    return "\n".join(text)


# ---- main ----------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_stores", description=__doc__)
    parser.add_argument(
        "--leaders",
        type=int,
        nargs="*",
        default=list(DEFAULT_LEADERS),
        help="sizes of the generated organizations (default: 1000 10000; none: skip them)",
    )
    parser.add_argument("--no-email", action="store_true", help="skip email-Eu-core")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument(
        "--warmup",
        type=int,
        default=1,
        help="unmeasured runs before them, shown as 'cold' (default 1; Neo4j compiles queries)",
    )
    parser.add_argument(
        "--reimport",
        action="store_true",
        help="also measure replace_organization over the stored organization (slow on Neo4j)",
    )
    parser.add_argument(
        "--replace-changed",
        action="store_true",
        help="also replace the stored organization with another seed's (--changed-seed) and back",
    )
    parser.add_argument(
        "--changed-seed", type=int, default=8, help="the seed of the changed organization"
    )
    parser.add_argument(
        "--graphs", action="store_true", help="also snapshot followed by build_graphs"
    )
    parser.add_argument(
        "--no-memory", action="store_true", help="skip the traced runs (slow at 100,000 leaders)"
    )
    parser.add_argument(
        "--writes",
        action="store_true",
        help="also single writes (create, update, delete) against the whole-organization path",
    )
    parser.add_argument(
        "--writes-only", action="store_true", help="only the single writes (implies --writes)"
    )
    parser.add_argument("--no-sqlite", action="store_true", help="skip the SQLite store")
    parser.add_argument("--neo4j-uri", help="measure this Neo4j 5.x server too (it is wiped)")
    parser.add_argument("--neo4j-user", default="neo4j")
    parser.add_argument("--neo4j-password", default="")
    parser.add_argument("--neo4j-database", default="neo4j")
    parser.add_argument(
        "--start-neo4j",
        action="store_true",
        help="start a throwaway JVM Neo4j with tests/neo4j_server.py and measure it",
    )
    return parser.parse_args(argv)


def workloads(args: argparse.Namespace, folder: Path) -> list[Workload]:
    found = [
        Workload.of(
            f"generated-{n}",
            generate_organization(leaders=n, organization_id=f"gen-{n}"),
            generate_organization(leaders=n, seed=args.changed_seed, organization_id=f"gen-{n}")
            if args.replace_changed
            else None,
        )
        for n in args.leaders
    ]
    if not args.no_email:
        from tests.realdata import email_eu_core

        found.append(Workload.of("email-Eu-core", email_eu_core(folder / "email-eu-core")))
    return found


async def run(args: argparse.Namespace, neo4j: Neo4jSettings | None, folder: Path) -> None:
    writes = args.writes or args.writes_only
    options = Options(
        args.repeat,
        args.warmup,
        args.reimport,
        writes,
        args.writes_only,
        graphs=args.graphs,
        replace_changed=args.replace_changed,
        memory=not args.no_memory,
    )
    print(
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs; median of {options.repeat} runs "
        f"after {options.warmup} warm-up run(s)"
    )
    if neo4j is not None:
        print(f"Neo4j at {neo4j.uri}")
    figures: list[Figure] = []
    write_figures: list[Figure] = []
    for workload in workloads(args, folder):
        print(workload.describe(), flush=True)
        work_dir = Path(tempfile.mkdtemp(prefix=f"{workload.name}-", dir=folder))
        backends = [] if args.no_sqlite else [sqlite_backend(work_dir)]
        if neo4j is not None:
            backends.append(neo4j_backend(neo4j))
        if not options.writes_only:
            baseline = measure_baseline(
                workload, work_dir, options.warmup + options.repeat, options.repeat
            )
            for backend in backends:
                figures += await measure_store(backend, workload, baseline, options)
                print(f"  {backend.name} done", flush=True)
        if options.writes and workload.name.startswith("generated-"):
            for backend in backends:
                write_figures += await measure_writes(backend, workload, options)
                print(f"  {backend.name} single writes done", flush=True)
    if figures:
        print()
        print(table(figures))
    if write_figures:
        print()
        print(write_table(write_figures))


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    # The server's notices on an empty database (e.g. "property `name` does not exist").
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    if args.repeat < 1 or args.warmup < 0:
        print("--repeat must be at least 1 and --warmup at least 0", file=sys.stderr)
        return 2
    server: Any = None
    settings: Neo4jSettings | None = None
    if args.neo4j_uri:
        settings = Neo4jSettings(
            args.neo4j_uri, args.neo4j_user, args.neo4j_password, args.neo4j_database
        )
    elif args.start_neo4j:
        from tests.neo4j_server import start_jvm_neo4j

        started = time.perf_counter()
        server = start_jvm_neo4j()
        print(f"started a JVM Neo4j in {time.perf_counter() - started:.1f} s")
        settings = Neo4jSettings(server.uri, server.user, server.password)
    try:
        with tempfile.TemporaryDirectory(prefix="unsilo-bench-") as folder:
            asyncio.run(run(args, settings, Path(folder)))
    finally:
        if server is not None:
            server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
