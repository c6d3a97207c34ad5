"""One organization in a notebook: its snapshot, its graphs, and its analyses run in process.

Each analysis method calls the library's own entry point (`graph_queries.analyses`) with the
options given, on graphs built once, and returns the library's dataclasses with the privacy floor
applied (`graph_queries.privacy_floor`, docs/security.md#privacy-floor) unless
``include_small_groups=True``. `analyze` runs several at once as `unsilo analyze` does, with
`compute_results`, and returns a `Results` with every table and file export.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from enum import Enum
from functools import cached_property
from typing import Any

from graph_queries.analyses.conflicts import HotspotReport, conflict_hotspots
from graph_queries.analyses.directed import DirectedReport, directed_network
from graph_queries.analyses.execution import ExecutionReport, execution_report
from graph_queries.analyses.factions import FactionReport, executive_factions
from graph_queries.analyses.silos import SiloReport, silo_bottlenecks
from graph_queries.analyses.unit_network import UnitNetwork, unit_network
from graph_queries.exports import ANALYSIS_NAMES, compute_results
from graph_queries.graphs import OrgGraphs, build_graphs
from graph_queries.model import OrgSnapshot
from graph_queries.privacy_floor import (
    floor_directed_report,
    floor_execution_report,
    floor_faction_report,
    floor_recommendations,
    floor_silo_report,
    floor_simulation,
    floor_unit_network_report,
    unit_leaders,
)
from graph_queries.scenarios import Change, Goal, Recommendations, Simulation, recommend, simulate
from unsilo.results import Results


class Default(Enum):
    """Marks an option left to the command line's default (`unsilo analyze`), whatever it is."""

    SAME_AS_CLI = "same as unsilo analyze"


SAME_AS_CLI = Default.SAME_AS_CLI


class Organization:
    """An organization loaded by `unsilo.load` and its siblings.

    `snapshot` is what was read (`graph_queries.model.OrgSnapshot`), `graphs` its networkx
    graphs (`graph_queries.graphs.OrgGraphs`, built at first use and kept), `min_group` the
    privacy floor its analyses apply.
    """

    def __init__(self, snapshot: OrgSnapshot, *, min_group: int) -> None:
        self.snapshot = snapshot
        self.min_group = min_group

    def __repr__(self) -> str:
        s = self.snapshot
        counts = (
            f"{len(s.units)} units, {len(s.leaders)} leaders, {len(s.ties)} ties, "
            f"{len(s.dependencies)} dependencies, {len(s.conflicts)} conflicts"
        )
        return f"<Organization {s.organization.id!r}: {counts}>"

    @property
    def id(self) -> str:
        return self.snapshot.organization.id

    @property
    def name(self) -> str:
        return self.snapshot.organization.name

    @cached_property
    def graphs(self) -> OrgGraphs:
        return build_graphs(self.snapshot)

    # ---- one analysis, the library's dataclasses -------------------------------------------

    def silo_bottlenecks(self, *, include_small_groups: bool = False, **options: Any) -> SiloReport:
        """`graph_queries.analyses.silos.silo_bottlenecks(graphs, **options)`: `scope`, `top`
        (10), `path_sample`, `kinds`, `group_by`; docs/analyses.md#silo-bottlenecks."""
        report = silo_bottlenecks(self.graphs, **options)
        if include_small_groups:
            return report
        return floor_silo_report(report, self.min_group, unit_leaders(self.graphs))[0]

    def conflict_hotspots(
        self, as_of: date | str | None = None, *, include_small_groups: bool = False,
        **options: Any,
    ) -> HotspotReport:  # fmt: skip
        """`conflict_hotspots(graphs, as_of, top=10)`; `as_of` today by default. No floor, so
        `include_small_groups` changes nothing: conflicts are counted between units, not
        people's ties (as in the API and `unsilo analyze`)."""
        return conflict_hotspots(self.graphs, as_of_date(as_of), **options)

    def executive_factions(
        self, *, include_small_groups: bool = False, **options: Any
    ) -> FactionReport:
        """`executive_factions(graphs, **options)`: `kinds`, `group_by` (a leader attribute the
        factions are set beside, e.g. ``"office"``); docs/analyses.md#executive-factions."""
        report = executive_factions(self.graphs, **options)
        return report if include_small_groups else floor_faction_report(report, self.min_group)[0]

    def execution_report(
        self, as_of: date | str | None = None, *, include_small_groups: bool = False, **options: Any
    ) -> ExecutionReport:
        """`execution_report(graphs, as_of, top=5, path_sample=..., kinds=None)`."""
        report = execution_report(self.graphs, as_of_date(as_of), **options)
        if include_small_groups:
            return report
        return floor_execution_report(report, self.min_group, unit_leaders(self.graphs))[0]

    def directed_network(
        self, kinds: frozenset[str] | None = None, *, include_small_groups: bool = False,
        **options: Any,
    ) -> DirectedReport:  # fmt: skip
        """`directed_network(graphs, kinds, top=20, path_sample=..., group_by=None)`: degrees,
        reciprocity and betweenness of the arcs of `kinds` (every directed kind when None)."""
        report = directed_network(self.graphs, kinds, **options)
        return report if include_small_groups else floor_directed_report(report, self.min_group)[0]

    def unit_network(self, *, include_small_groups: bool = False, **options: Any) -> UnitNetwork:
        """`unit_network(graphs, kinds=None)`: the units as nodes, their ties and dependencies
        as edges (what the explorer draws)."""
        report = unit_network(self.graphs, **options)
        if include_small_groups:
            return report
        return floor_unit_network_report(report, self.min_group)[0]

    def simulate(
        self, changes: Sequence[Change], as_of: date | str | None = None, *,
        include_small_groups: bool = False, **options: Any,
    ) -> Simulation:  # fmt: skip
        """`scenarios.simulate(snapshot, changes, as_of, top=5, path_sample=..., kinds=None)`:
        the execution report before and after hypothetical changes, and the differences; nothing
        is written (docs/analyses.md#what-if-simulation). A bad change raises ValidationFailed
        naming `changes[i].field`. The floor is the API's (`privacy_floor.floor_simulation`)."""
        simulation = simulate(self.snapshot, changes, as_of_date(as_of), **options)
        return (
            simulation if include_small_groups else floor_simulation(simulation, self.min_group)[0]
        )

    def recommend(
        self, goal: Goal | str, *, include_small_groups: bool = False, **options: Any
    ) -> Recommendations:
        """`scenarios.recommend(snapshot, goal, count=3, max_new_ties_per_person=2,
        candidates_limit=40, liaisons=False, kinds=None, kind=None, strength=1.0,
        path_sample=...)`: the few new ties (or liaisons) that serve `goal` most, each with its
        effect and reason; nothing is written (docs/analyses.md#recommendations). `goal` is a
        `Goal` or its name ("CONNECT_FACTIONS"). The floor is the API's
        (`privacy_floor.floor_recommendations`)."""
        chosen = Goal(goal)
        found = recommend(self.snapshot, chosen, **options)
        if include_small_groups:
            return found
        factions = None
        if chosen is Goal.CONNECT_FACTIONS:
            factions = executive_factions(self.graphs, kinds=options.get("kinds"))
        return floor_recommendations(found, self.min_group, self.graphs, factions)[0]

    # ---- several at once, as `unsilo analyze` -----------------------------------------------

    def analyze(
        self,
        analyses: Sequence[str] | None = None,
        *,
        as_of: date | str | None = None,
        include_small_groups: bool = False,
        path_sample: int | Default | None = SAME_AS_CLI,
    ) -> Results:
        """Run `analyses` (names of `ANALYSIS_NAMES`; None: all) as `unsilo analyze` does, every
        row kept, the floor applied unless `include_small_groups`. `path_sample` left alone is
        the command's default; None counts every shortest path exactly.

        Raises ValueError naming an unknown analysis or a date that is not YYYY-MM-DD.
        """
        if isinstance(analyses, str):
            raise TypeError(f"analyses {analyses!r}: give a list of names, not one name")
        chosen = list(ANALYSIS_NAMES) if analyses is None else list(analyses)
        options: dict[str, Any] = {}
        if path_sample is not SAME_AS_CLI:
            options["path_sample"] = path_sample
        results = compute_results(
            self.graphs,
            as_of=as_of_date(as_of),
            min_group=self.min_group,
            analyses=chosen,
            include_small_groups=include_small_groups,
            **options,
        )
        return Results(results, self.snapshot, self.graphs)


def as_of_date(value: date | str | None) -> date:
    """A date given as a `date`, ISO text (``"2026-01-31"``) or None for today (UTC), as
    `unsilo analyze --as-of` reads it.

    >>> as_of_date("2026-01-31")
    datetime.date(2026, 1, 31)
    """
    if value is None:
        return datetime.now(UTC).date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValueError(f"as_of {value!r}: not a date; write it YYYY-MM-DD") from None
