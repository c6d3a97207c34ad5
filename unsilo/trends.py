"""`unsilo.load_trends`: an organization's headline figures across its analysis snapshots
(docs/analyses.md, "Trends"), read from a store as `Organization.trends` answers them."""

from __future__ import annotations

from collections.abc import Collection

from graph_queries.analyses.trends import AnalysisSummary, TrendReport
from graph_queries.context import ANONYMOUS
from graph_queries.model import Declarations
from graph_queries.privacy_floor import min_group_for
from graph_queries.snapshots import floored_trend, stored_summaries
from graph_queries.stores.port import Store
from service.settings import Settings
from service.stores import read_store
from unsilo.loading import chosen_settings


def load_trends(
    store: str | None = None,
    *,
    organization: str,
    settings: Settings | None = None,
    include_small_groups: bool = False,
    units: Collection[str] | None = None,
) -> TrendReport:
    """The trend report of `organization` in `store` (as `unsilo.load_store` names it), with
    the privacy floor of the settings on per-unit series unless `include_small_groups`.

    The snapshots are those `unsilo import`, `unsilo snapshot` and `captureSnapshot` kept;
    an organization with none gives empty series. `units` keeps only those units' series.
    """
    chosen = chosen_settings(settings, store)

    async def read(opened: Store) -> tuple[Declarations, list[AnalysisSummary]]:
        declared = await opened.declarations(ANONYMOUS, organization)
        return declared, await stored_summaries(opened, ANONYMOUS, organization)

    declared, summaries = read_store(chosen, read)
    kinds = [kind.name for kind in declared.tie_kinds]
    k = min_group_for(kinds, chosen.privacy_min_group, chosen.privacy_min_group_metadata)
    return floored_trend(summaries, k, include_small_groups, units)[0]
