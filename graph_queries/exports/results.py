"""The analyses an export carries, computed in process, with the privacy floor applied.

`compute_results` runs the chosen analyses on one organization's graphs as the service does
(`graph_queries.analyses.catalog`), with every row kept (not only the top few), then removes
the small groups' figures with `graph_queries.privacy_floor`, the API's own rules, unless the
floor is lifted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from graph_queries.analyses.conflicts import HotspotReport, conflict_hotspots
from graph_queries.analyses.execution import ExecutionReport, execution_report
from graph_queries.analyses.factions import FactionReport, executive_factions
from graph_queries.analyses.silos import DEFAULT_PATH_SAMPLE, SiloReport, silo_bottlenecks
from graph_queries.graphs import OrgGraphs
from graph_queries.privacy_floor import (
    floor_execution_report,
    floor_faction_report,
    floor_silo_report,
    unit_leaders,
)

SILO_BOTTLENECKS = "silo_bottlenecks"
CONFLICT_HOTSPOTS = "conflict_hotspots"
EXECUTIVE_FACTIONS = "executive_factions"
EXECUTION_REPORT = "execution_report"
ANALYSIS_NAMES = (SILO_BOTTLENECKS, CONFLICT_HOTSPOTS, EXECUTIVE_FACTIONS, EXECUTION_REPORT)
# The execution report keeps its worst few, as in the API.
EXECUTION_TOP = 5


@dataclass(frozen=True)
class AnalysisResults:
    """What the analyses found; None for an analysis not run. `min_group` is the privacy floor
    applied (`floor_lifted`: it was not), `withheld` how many groups each analysis left out."""

    as_of: date
    min_group: int
    floor_lifted: bool = False
    silo_bottlenecks: SiloReport | None = None
    conflict_hotspots: HotspotReport | None = None
    executive_factions: FactionReport | None = None
    execution_report: ExecutionReport | None = None
    withheld: dict[str, int] = field(default_factory=dict)

    def reports(self) -> dict[str, Any]:
        """The reports computed, by analysis name, in `ANALYSIS_NAMES` order."""
        found = {name: getattr(self, name) for name in ANALYSIS_NAMES}
        return {name: report for name, report in found.items() if report is not None}


def compute_results(
    graphs: OrgGraphs,
    as_of: date,
    min_group: int,
    analyses: Sequence[str] = ANALYSIS_NAMES,
    include_small_groups: bool = False,
    path_sample: int | None = DEFAULT_PATH_SAMPLE,
    on_step: Callable[[str], None] | None = None,
) -> AnalysisResults:
    """Run `analyses` (names from `ANALYSIS_NAMES`) on `graphs` at `as_of`.

    Shortest paths are counted as `silo_bottlenecks` does with `path_sample` (the API's
    default; None counts them all). The execution report reuses the other three reports when
    they are asked for too, so each analysis runs once. `on_step` is told the name of each
    analysis before it starts (a CLI says so on stderr). Raises ValueError for an unknown
    analysis name.
    """
    unknown = [name for name in analyses if name not in ANALYSIS_NAMES]
    if unknown:
        raise ValueError(
            f"unknown analysis {unknown[0]!r}; choose from {', '.join(ANALYSIS_NAMES)}"
        )
    members = unit_leaders(graphs)
    # `top` as large as the organization: an export carries every row, not a short list.
    everyone = max(graphs.units.number_of_nodes() + graphs.reporting.number_of_nodes(), 1)
    raw: dict[str, Any] = {}
    found: dict[str, Any] = {}
    withheld: dict[str, int] = {}
    for name in dict.fromkeys(analyses):
        if on_step is not None:
            on_step(name)
        if name == SILO_BOTTLENECKS:
            raw[name] = silo_bottlenecks(graphs, top=everyone, path_sample=path_sample)
        elif name == CONFLICT_HOTSPOTS:
            raw[name] = conflict_hotspots(graphs, as_of, top=everyone)
        elif name == EXECUTIVE_FACTIONS:
            raw[name] = executive_factions(graphs)
        else:
            raw[name] = execution_report(
                graphs,
                as_of,
                EXECUTION_TOP,
                path_sample=path_sample,
                silos=raw.get(SILO_BOTTLENECKS),
                hotspots=raw.get(CONFLICT_HOTSPOTS),
                factions=raw.get(EXECUTIVE_FACTIONS),
            )
    for name, report in raw.items():
        found[name], withheld[name] = (
            (report, 0) if include_small_groups else _floored(name, report, min_group, members)
        )
    return AnalysisResults(
        as_of=as_of,
        min_group=min_group,
        floor_lifted=include_small_groups,
        withheld=withheld,
        **found,
    )


def _floored(name: str, report: Any, k: int, members: dict[str, int]) -> tuple[Any, int]:
    """The report with the figures of groups under `k` removed, and how many groups that was."""
    if name == SILO_BOTTLENECKS:
        return floor_silo_report(report, k, members)
    if name == CONFLICT_HOTSPOTS:
        # No floor: conflicts are counted between units, not people's ties.
        return report, 0
    if name == EXECUTIVE_FACTIONS:
        return floor_faction_report(report, k)
    return floor_execution_report(report, k, members)
