"""`Organization.trends`: the headline figures across the organization's analysis snapshots.

The store keeps one summary per capture (`graph_queries.snapshots`); the series are computed
here on each request by the pure `analyses.trends.trend` (they are not cached: a capture
adds a snapshot without moving the graph version). Like the analyses, an ANALYST's, and the
privacy floor applies to the per-unit series (`privacy_floor.floor_summaries`): a unit's
point at a snapshot where it had fewer than k leaders is withheld unless an ADMIN lifts the
floor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, TypeAlias

import strawberry

from graph_queries.analyses.trends import TrendReport, trend
from graph_queries.context import Role
from graph_queries.errors import NotFound
from graph_queries.privacy_floor import floor_summaries
from graph_queries.snapshots import stored_summaries
from schema import privacy
from schema.analyses import mirror
from schema.context import Info
from schema.failures import NotFoundError
from schema.privacy import PrivacyFloor


@strawberry.type(
    description=(
        "The headline figures across the organization's analysis snapshots, oldest first, "
        "with the change between consecutive ones and whether it exceeds the noise expected "
        "from the counts (docs/analyses.md, Trends)."
    )
)
class Trends:
    report: mirror(TrendReport)  # type: ignore[valid-type]
    privacy: PrivacyFloor


if TYPE_CHECKING:
    TrendsResult: TypeAlias = Any
else:
    TrendsResult = Annotated[Trends | NotFoundError, strawberry.union("TrendsResult")]


async def trends_field(info: Info, organization_id: str, small_groups: bool = False) -> Any:
    context = info.context
    caller = context.request_context
    try:
        caller.require(organization_id, Role.ANALYST)
        if small_groups:
            caller.require(organization_id, Role.ADMIN)  # lifting the floor: FORBIDDEN else
        summaries = await stored_summaries(context.store, caller, organization_id)
        k = context.privacy_min_group
        if await privacy.reads_metadata(info, organization_id, None):  # every tie is read
            k = max(k, context.privacy_min_group_metadata)
    except NotFound as missing:
        return NotFoundError.from_domain(missing)
    withheld = 0
    if not small_groups:
        summaries, withheld = floor_summaries(summaries, k)
    return Trends(report=trend(summaries), privacy=privacy.note(withheld, k, small_groups))
