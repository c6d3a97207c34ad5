"""Runs analyses for the service: off the event loop, once per graph version, cached.

An analysis (`graph_queries.analyses.catalog.Analysis`) is a pure function of an organization's
graphs and its arguments, so a result keyed by (organization, graph version, analysis name,
arguments) stays true until the next write bumps the version. Concurrent requests for the same
key share one computation. The graphs are built from the store's snapshot in the worker pool
too, once per version, and shared by the analyses of that version.

With `graph_algorithms="gds"` (a Neo4j store whose server has Graph Data Science), the units'
betweenness of the silo analysis and the executive communities of the faction analysis are
computed in the database (`graph_queries.stores.neo4j_gds`) and handed to the pure analyses as
precomputed inputs; everything else, and the execution report, is computed here as always.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Generic, Protocol, TypeVar

from graph_queries.analyses.catalog import EXECUTIVE_FACTIONS, SILO_BOTTLENECKS, Analysis
from graph_queries.analyses.factions import executive_factions
from graph_queries.analyses.silos import (
    DEFAULT_PATH_SAMPLE,
    SiloArguments,
    scope_units,
    silo_bottlenecks,
)
from graph_queries.context import RequestContext, Role
from graph_queries.daemon_pool import DaemonThreadPool
from graph_queries.errors import StoreUnavailable
from graph_queries.future_cache import FutureCache
from graph_queries.graphs import OrgGraphs, build_graphs
from graph_queries.model import OrgSnapshot
from graph_queries.scenarios import (
    Baseline,
    Change,
    Goal,
    Recommendations,
    Simulation,
    baseline,
    recommend,
    simulate,
)
from graph_queries.scenarios.recommendation_options import RecommendationOptions
from graph_queries.stores.port import Store

T = TypeVar("T")
A = TypeVar("A", bound=Hashable)

MAX_CACHED = 256
# Whole-organization graphs are large; keep only the latest few, shared by the analyses of one
# version (the execution report runs three over the same graphs).
MAX_GRAPHS = 4
# Whole results (every row, as exports carry them) are about as large as the graphs: kept apart
# from the short results, and as few, so that varied arguments cannot fill memory with them.
MAX_WHOLE = 4
# A simulation's "before" holds the organization and its graphs: as few as the whole results.
MAX_BASELINES = 2
WORKERS = 2
# Where the heavy graph algorithms run: here (networkx and the compiled kernels), or in the
# Neo4j server's Graph Data Science library.
GRAPH_ALGORITHMS = ("local", "gds")

log = logging.getLogger(__name__)


class GraphAlgorithmsUnavailable(RuntimeError):
    """`graph_algorithms="gds"` was asked for, but the store cannot run them."""


class RunnerObserver(Protocol):
    """Told of each lookup and computation (the service counts them for /metrics)."""

    def looked_up(self, analysis: str, hit: bool) -> None: ...

    def computed(self, analysis: str, seconds: float) -> None: ...


class _Unobserved:
    def looked_up(self, analysis: str, hit: bool) -> None:
        pass

    def computed(self, analysis: str, seconds: float) -> None:
        pass


@dataclass(frozen=True, slots=True)
class Computed(Generic[T]):
    """A result with the graph version it describes, when it was computed, and how many
    entities of each kind the graphs held (`OrgGraphs.counts`)."""

    result: T
    graph_version: int
    computed_at: datetime
    graph_counts: Mapping[str, int] = field(default_factory=dict)


class AnalysisRunner:
    """One per process. Heavy work runs in a small thread pool, never on the event loop."""

    def __init__(
        self,
        max_cached: int = MAX_CACHED,
        workers: int = WORKERS,
        path_sample: int | None = DEFAULT_PATH_SAMPLE,
        graph_algorithms: str = "local",
        observer: RunnerObserver | None = None,
    ) -> None:
        if graph_algorithms not in GRAPH_ALGORITHMS:
            raise ValueError(
                f"graph algorithms must be one of {', '.join(GRAPH_ALGORITHMS)}, "
                f"not {graph_algorithms!r}"
            )
        self.graph_algorithms = graph_algorithms
        self._in_database: Any = None  # a neo4j_gds.InDatabase once `prepare` found GDS
        # The analyses' path sample (`silo_bottlenecks`), the same for every request this
        # runner serves; the schema puts it into the arguments, hence into the cache key.
        self.path_sample = path_sample
        # Daemon threads: a computation in progress never keeps a stopped server alive.
        self._pool = DaemonThreadPool(workers, "unsilo-analysis")
        self._results = FutureCache(max_cached)
        self._graphs = FutureCache(MAX_GRAPHS)
        self._whole = FutureCache(MAX_WHOLE)
        self._baselines = FutureCache(MAX_BASELINES)
        self._observer: RunnerObserver = observer or _Unobserved()
        self.computations = 0  # how many analyses actually ran (the rest came from the cache)
        self.finished_computations = 0  # of those, how many have finished

    async def prepare(self, store: Store) -> None:
        """With `gds`: check that the store is Neo4j and its server has GDS (`gds.version()`),
        else raise GraphAlgorithmsUnavailable. A server that cannot be reached now is only
        logged: the analyses then fail like any read until it is back."""
        if self.graph_algorithms != "gds":
            return
        # Imported here: the driver is not loaded by processes on the embedded store.
        from graph_queries.stores.neo4j_gds import GdsUnavailable, InDatabase
        from graph_queries.stores.neo4j_store import Neo4jStore

        if not isinstance(store, Neo4jStore):
            raise GraphAlgorithmsUnavailable(
                "in-database graph algorithms (gds) need a Neo4j store with the Graph Data "
                f"Science library, not {type(store).__name__}"
            )
        in_database = InDatabase(store.settings)
        try:
            version = await in_database.version()
        except GdsUnavailable as error:
            await in_database.close()
            raise GraphAlgorithmsUnavailable(str(error)) from error
        except StoreUnavailable as error:
            log.warning("could not check Graph Data Science, store unavailable: %s", error)
        else:
            log.info("graph algorithms in the database: Graph Data Science %s", version)
        self._in_database = in_database

    async def run(
        self,
        store: Store,
        ctx: RequestContext,
        organization_id: str,
        analysis: Analysis[A, T],
        arguments: A,
    ) -> Computed[T]:
        """`analysis.compute(graphs, arguments)` for the organization's current graph version."""
        if not isinstance(arguments, analysis.arguments):
            raise TypeError(
                f"{analysis.name} takes {analysis.arguments.__name__}, not {arguments!r}"
            )
        graphs = await self.graphs(store, ctx, organization_id)
        return await self.run_on(graphs, analysis, arguments)

    async def run_on(
        self, graphs: OrgGraphs, analysis: Analysis[A, T], arguments: A, whole: bool = False
    ) -> Computed[T]:
        """`analysis` on graphs `graphs` (from `graphs`, which checked the caller), cached by
        their version: results that must describe the very graphs a caller holds. `whole`:
        a result with every row, kept among the few `MAX_WHOLE`."""
        key = (graphs.organization_id, graphs.version, analysis.name, arguments)
        cache = self._whole if whole else self._results
        # A key being computed for another request counts as a hit: it is not computed again.
        self._observer.looked_up(analysis.name, cache.holds(key))
        computed: Computed[T] = await cache.get(
            key, lambda: self._compute(analysis, graphs, arguments)
        )
        return computed

    def holds(
        self, graphs: OrgGraphs, analysis: Analysis[A, T], arguments: A, whole: bool = False
    ) -> bool:
        """Whether `run_on` would answer from the cache (or join a computation in progress)."""
        key = (graphs.organization_id, graphs.version, analysis.name, arguments)
        return (self._whole if whole else self._results).holds(key)

    async def graphs(self, store: Store, ctx: RequestContext, organization_id: str) -> OrgGraphs:
        """The organization's graphs at its current version (built once per version, off the
        event loop), for an ANALYST: what every analysis reads, and exports draw."""
        # Before any cache: graphs read for an analyst are never handed to a viewer.
        ctx.require(organization_id, Role.ANALYST)
        version = await store.graph_version(ctx, organization_id)
        graphs: OrgGraphs = await self._graphs.get(
            (organization_id, version), lambda: self._load(store, ctx, organization_id)
        )
        return graphs

    async def simulate(
        self,
        store: Store,
        ctx: RequestContext,
        organization_id: str,
        changes: Sequence[Change],
        as_of: date,
        top: int,
        kinds: frozenset[str] | None = None,
    ) -> Computed[Simulation]:
        """`scenarios.simulate` on the organization's current version, for an ANALYST, with this
        runner's path sample (ValidationFailed names every bad change; nothing is written).

        The "before" (`scenarios.baseline`, with the organization it was computed on) is kept
        per (organization, version, arguments) in a slot of `MAX_BASELINES`, so a series of
        simulations pays for the "after" only. The simulation itself is not kept: each list of
        changes is its own question, and the service's stored answers already serve a repeated
        query.
        """
        # Before any cache: a baseline computed for an analyst is never handed to a viewer.
        ctx.require(organization_id, Role.ANALYST)
        version = await store.graph_version(ctx, organization_id)
        key = (organization_id, version, as_of, top, self.path_sample, kinds)
        self._observer.looked_up("simulation_baseline", self._baselines.holds(key))
        found: tuple[OrgSnapshot, Baseline] = await self._baselines.get(
            key, lambda: self._baseline(store, ctx, organization_id, as_of, top, kinds)
        )
        snapshot, before = found
        work = functools.partial(
            simulate,
            snapshot,
            changes,
            as_of,
            top=top,
            path_sample=self.path_sample,
            kinds=kinds,
            before=before,
        )
        self.computations += 1
        started = time.perf_counter()
        result = await self.in_pool(work)
        self._observer.computed("simulation", time.perf_counter() - started)
        self.finished_computations += 1
        return Computed(result, snapshot.version, datetime.now(UTC), before.graphs.counts)

    async def recommend(
        self,
        store: Store,
        ctx: RequestContext,
        organization_id: str,
        goal: Goal,
        options: RecommendationOptions,
    ) -> Computed[Recommendations]:
        """`scenarios.recommend` on the organization's current version, for an ANALYST, with
        this runner's path sample. Kept per (organization, version, goal, options) with the
        analyses' results: the search is deterministic, and its result is a few small rows."""
        ctx.require(organization_id, Role.ANALYST)
        version = await store.graph_version(ctx, organization_id)
        key = (organization_id, version, "recommendations", goal, options, self.path_sample)
        self._observer.looked_up("recommendations", self._results.holds(key))
        found: Computed[Recommendations] = await self._results.get(
            key, lambda: self._recommend(store, ctx, organization_id, goal, options)
        )
        return found

    async def _recommend(
        self,
        store: Store,
        ctx: RequestContext,
        organization_id: str,
        goal: Goal,
        options: RecommendationOptions,
    ) -> Computed[Recommendations]:
        snapshot = await store.snapshot(ctx, organization_id)
        work = functools.partial(
            recommend, snapshot, goal, path_sample=self.path_sample, **options.keywords()
        )
        self.computations += 1
        started = time.perf_counter()
        result = await self.in_pool(work)
        self._observer.computed("recommendations", time.perf_counter() - started)
        self.finished_computations += 1
        return Computed(result, snapshot.version, datetime.now(UTC))

    async def _baseline(
        self,
        store: Store,
        ctx: RequestContext,
        organization_id: str,
        as_of: date,
        top: int,
        kinds: frozenset[str] | None,
    ) -> tuple[OrgSnapshot, Baseline]:
        snapshot = await store.snapshot(ctx, organization_id)
        work = functools.partial(
            baseline, snapshot, as_of, top=top, path_sample=self.path_sample, kinds=kinds
        )
        return snapshot, await self.in_pool(work)

    async def in_pool(self, work: Callable[[], T]) -> T:
        """`work()` in the analyses' thread pool: CPU-bound work beside them, never on the
        event loop, and never more at once than the pool has workers."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, work)

    def forget(self, organization_id: str) -> None:
        """Drop what is kept for the organization. Called when it is deleted: a new one with the
        same id starts again at version 1, which must not find the old one's results."""
        self._graphs.forget(lambda key: key[0] == organization_id)
        self._results.forget(lambda key: key[0] == organization_id)
        self._whole.forget(lambda key: key[0] == organization_id)
        self._baselines.forget(lambda key: key[0] == organization_id)

    async def close(self) -> None:
        """Drops queued work and returns at once; a computation in progress is abandoned
        (its thread ends with the process, which does not wait for it)."""
        self._pool.shutdown(wait=False, cancel_futures=True)
        if self._in_database is not None:
            await self._in_database.close()

    async def _load(self, store: Store, ctx: RequestContext, organization_id: str) -> OrgGraphs:
        # Building the networkx graphs is CPU work too (~0.16 s at 10,000 leaders): off the loop.
        snapshot = await store.snapshot(ctx, organization_id)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, build_graphs, snapshot)

    async def _compute(
        self, analysis: Analysis[A, T], graphs: OrgGraphs, arguments: A
    ) -> Computed[T]:
        self.computations += 1
        loop = asyncio.get_running_loop()
        compute: Callable[[], Any] = functools.partial(analysis.compute, graphs, arguments)
        if self._in_database is not None:
            compute = await self._in_database_inputs(analysis, graphs, arguments) or compute
        started = time.perf_counter()
        result = await loop.run_in_executor(self._pool, compute)
        self._observer.computed(analysis.name, time.perf_counter() - started)
        self.finished_computations += 1
        return Computed(result, graphs.version, datetime.now(UTC), graphs.counts)

    async def _in_database_inputs(
        self, analysis: Analysis[A, T], graphs: OrgGraphs, arguments: A
    ) -> Callable[[], Any] | None:
        """The analysis with what the database computes for it, or None to compute it all here
        (another analysis, or the organization was written since `graphs` were read)."""
        from graph_queries.stores.neo4j_gds import GraphMoved

        gds = self._in_database
        if getattr(arguments, "kinds", None) is not None:
            return None  # the database's projection holds every tie, not one layer
        try:
            if analysis.name == SILO_BOTTLENECKS.name and isinstance(arguments, SiloArguments):
                try:
                    units = scope_units(graphs, arguments.scope)
                except ValueError:
                    return None  # an unknown scope: the analysis says so, as always
                if len(units) < 3:
                    return None  # no unit can stand between two others: nothing to count
                between = await gds.unit_betweenness(
                    graphs.organization_id,
                    graphs.version,
                    None if arguments.scope is None else units,
                )
                return functools.partial(
                    silo_bottlenecks,
                    graphs,
                    scope=arguments.scope,
                    top=arguments.top,
                    path_sample=arguments.path_sample,
                    unit_betweenness=between,
                    group_by=arguments.group_by,
                )
            if analysis.name == EXECUTIVE_FACTIONS.name and graphs.collaboration:
                parts = await gds.executive_communities(graphs.organization_id, graphs.version)
                group_by = getattr(arguments, "group_by", None)
                return functools.partial(
                    executive_factions, graphs, communities_found=parts, group_by=group_by
                )
        except GraphMoved as moved:
            log.info("computed here instead of in the database: %s", moved)
        return None
