"""One export file of an organization for a caller: the service function behind the download
routes (service/export_routes.py), between them and the store, runner and exports package.

Authorization is the GraphQL analyses' own: the runner requires ANALYST before it reads
anything (an organization the caller may not see is NotFound, as one that does not exist), and
lifting the privacy floor requires ADMIN, as `includeSmallGroups` does (schema/analyses.py).
The results come from the runner's cache per graph version (`EXPORT_RESULTS`, among its few
whole results), and the file is rendered in its pool, off the event loop, from the very graphs
the results describe.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date

from graph_queries.context import RequestContext, Role
from graph_queries.errors import NotFound
from graph_queries.exports.files import EXPORT_RESULTS, ExportArguments, render_export
from graph_queries.privacy_floor import min_group_for
from graph_queries.runner import AnalysisRunner
from graph_queries.snapshots import decoded_summaries
from graph_queries.stores.port import Store

# Export results computed at once per process, at most; the others wait their turn (within
# their request's timeout). Cached results do not wait.
EXPORT_COMPUTATIONS = 1


@dataclass(frozen=True)
class ExportRequest:
    """A checked request: `file` a key of `EXPORT_FILES`, `analyses` names of `ANALYSIS_NAMES`."""

    organization_id: str
    file: str
    as_of: date
    analyses: tuple[str, ...]
    include_small_groups: bool = False


@dataclass(frozen=True)
class ExportLimits:
    """What the service's settings bound an export by."""

    min_group: int
    min_group_metadata: int
    path_sample: int | None
    max_bytes: int


@dataclass(frozen=True)
class Exported:
    content: bytes
    organization_id: str
    graph_version: int


async def export_file(
    store: Store,
    runner: AnalysisRunner,
    ctx: RequestContext,
    request: ExportRequest,
    limits: ExportLimits,
    computing: asyncio.Semaphore,
) -> Exported:
    """The file's bytes. Raises NotFound, Forbidden, ExportTooLarge (from the renderer).

    Results not yet computed wait for `computing` (`EXPORT_COMPUTATIONS` at once): a
    computation goes on after its request times out (into the cache, for the next one), so
    without the wait a caller varying `asOf` could queue any number of them in the pool.
    """
    org = request.organization_id
    if request.include_small_groups:
        ctx.require(org, Role.ADMIN)
    graphs = await runner.graphs(store, ctx, org)  # ANALYST, else NotFound or Forbidden
    declared = await store.tie_kinds(ctx, org)
    # As `unsilo analyze` chooses it: the higher floor once any metadata tie kind is declared.
    floor = min_group_for(
        [kind.name for kind in declared], limits.min_group, limits.min_group_metadata
    )
    arguments = ExportArguments(
        as_of=request.as_of,
        min_group=floor,
        analyses=request.analyses,
        include_small_groups=request.include_small_groups,
        path_sample=limits.path_sample,
    )
    if runner.holds(graphs, EXPORT_RESULTS, arguments, whole=True):
        computed = await runner.run_on(graphs, EXPORT_RESULTS, arguments, whole=True)
    else:
        async with computing:
            computed = await runner.run_on(graphs, EXPORT_RESULTS, arguments, whole=True)
    (found,) = await store.organizations_by_id(ctx, [org])
    if found is None:  # deleted since its graphs were read
        raise NotFound("Organization", org)
    # The report's trends: the kept snapshots, read as `Organization.trends` reads them (the
    # ANALYST role the runner checked) and decoded in the pool with the rest of the drawing.
    kept = await store.analysis_snapshots(ctx, org) if request.file == "report.html" else None

    def render() -> bytes:
        summaries = None if kept is None else decoded_summaries(kept)
        return render_export(
            request.file, found.name, graphs, computed.result, limits.max_bytes, summaries
        )

    content = await runner.in_pool(render)
    return Exported(content, org, graphs.version)
