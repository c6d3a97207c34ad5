"""`Organization.trends`: the headline figures across the organization's analysis snapshots.

The store keeps one summary per capture (`graph_queries.snapshots`); the series are computed
here on each request by the pure `analyses.trends.trend`, in the analyses' thread pool (not
cached: a capture adds a snapshot without moving the graph version). Like the analyses, an
ANALYST's, and the privacy floor applies to the per-unit series
(`privacy_floor.floor_summaries`): a unit's point at a snapshot where it had fewer than k
leaders is withheld unless an ADMIN lifts the floor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, TypeAlias

import strawberry

from graph_queries.analyses.trends import TrendReport
from graph_queries.context import Role
from graph_queries.errors import ErrorCode, NotFound
from graph_queries.snapshots import DEFAULT_TREND_SNAPSHOTS, decoded_summaries, floored_trend
from schema import privacy
from schema.analyses import mirror
from schema.analysis_checks import invalid
from schema.context import Info
from schema.failures import NotFoundError, ValidationError
from schema.privacy import PrivacyFloor

# The result union's name: the query-cost check prices a field by it (schema/query_limits.py).
RESULT = "TrendsResult"


@strawberry.type(
    description=(
        "The headline figures across the organization's analysis snapshots, oldest first, "
        "with the change between consecutive ones and whether it exceeds the noise expected "
        "from the counts (docs/analyses.md, Trends)."
    )
)
class TrendsAnalysis:
    report: mirror(TrendReport)  # type: ignore[valid-type]
    privacy: PrivacyFloor


if TYPE_CHECKING:
    TrendsResult: TypeAlias = Any
else:
    TrendsResult = Annotated[
        TrendsAnalysis | NotFoundError | ValidationError, strawberry.union(RESULT)
    ]

DEFAULT_LAST = DEFAULT_TREND_SNAPSHOTS
MAX_LAST = 1000
MAX_UNITS = 1000


async def trends_field(
    info: Info,
    organization_id: str,
    small_groups: bool = False,
    last: int = DEFAULT_LAST,
    units: list[str] | None = None,
) -> Any:
    """The newest `last` snapshots, with every unit's series or only those of `units`: the
    two bounds on an answer that grows as units x snapshots (docs/analyses.md, Trends)."""
    context = info.context
    caller = context.request_context
    # It decodes and draws as much as an analysis computes: counted among the request's.
    chosen = None if units is None else tuple(sorted(units))
    context.analyses.admit((organization_id, "trends", last, small_groups, chosen))
    try:
        caller.require(organization_id, Role.ANALYST)
        if small_groups:
            caller.require(organization_id, Role.ADMIN)  # lifting the floor: FORBIDDEN else
        if not 1 <= last <= MAX_LAST:
            return invalid("last", ErrorCode.OUT_OF_RANGE, f"is {last}, must be 1 to {MAX_LAST}")
        if units is not None and len(units) > MAX_UNITS:
            message = f"names {len(units)} units, at most {MAX_UNITS}"
            return invalid("units", ErrorCode.TOO_LONG, message)
        kept = await context.store.analysis_snapshots(caller, organization_id)
        k = context.privacy_min_group
        if await privacy.reads_metadata(info, organization_id, None):  # every tie is read
            k = max(k, context.privacy_min_group_metadata)
    except NotFound as missing:
        return NotFoundError.from_domain(missing)

    def compute() -> tuple[TrendReport, int]:
        chosen = None if units is None else set(units)
        return floored_trend(decoded_summaries(kept, last), k, small_groups, chosen)

    # Decoding and drawing grow as units x snapshots: off the event loop, beside the analyses.
    report, withheld = await context.runner.in_pool(compute)
    return TrendsAnalysis(report=report, privacy=privacy.note(withheld, k, small_groups))
