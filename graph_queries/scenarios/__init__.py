"""What-if simulation: hypothetical changes to an organization and what they do to its analyses.

Nothing here writes. `apply_scenario` returns a changed copy of an organization, each change
checked with the rules of a real write; `simulate` compares the execution report of the
organization before and after the changes (`SimulationDiff`, with a plain-language `summary`).
Modules: `changes` (one frozen dataclass per kind of change), `plans` (what each change writes),
`snapshot_view` (the reads of a write's checks, answered in memory), `apply`, `diff` (the
differences), `summary` (their sentences) and `simulate` (`baseline`, `simulate`).
`recommend` finds, for a goal, the few new ties or liaisons that help it most (`lazy_greedy`,
the search; `moves`, a tie or a liaison; `faction_goal`, `bottleneck_goal`, `coverage_goal`,
each goal's candidates and figure; `bottleneck_score` and `coverage_update`, what an
evaluation computes; `recommend_reasons`, the sentences).
"""

from graph_queries.scenarios.apply import AppliedChange, Scenario, apply_scenario
from graph_queries.scenarios.changes import (
    MAX_CHANGES,
    MAX_LIAISON_TIES,
    AddDependency,
    AddLiaison,
    AddTie,
    Change,
    MergeUnits,
    MoveLeader,
    RemoveTie,
    RerateDependency,
    ResolveConflict,
)
from graph_queries.scenarios.diff import (
    MIN_SCORE_SHIFT,
    BottleneckShift,
    CoverageShift,
    FactionShift,
    HotspotShift,
    ReliabilityShift,
    Shift,
    SimulationDiff,
    UnitEiShift,
    UnitRef,
)
from graph_queries.scenarios.plans import HYPOTHETICAL_PREFIX, Aspect
from graph_queries.scenarios.recommend import Goal, Recommendation, Recommendations, recommend
from graph_queries.scenarios.simulate import DIFF_LIMIT, Baseline, Simulation, baseline, simulate

__all__ = [
    "DIFF_LIMIT",
    "HYPOTHETICAL_PREFIX",
    "MAX_CHANGES",
    "MAX_LIAISON_TIES",
    "MIN_SCORE_SHIFT",
    "AddDependency",
    "AddLiaison",
    "AddTie",
    "AppliedChange",
    "Aspect",
    "Baseline",
    "BottleneckShift",
    "Change",
    "CoverageShift",
    "FactionShift",
    "Goal",
    "HotspotShift",
    "MergeUnits",
    "MoveLeader",
    "Recommendation",
    "Recommendations",
    "ReliabilityShift",
    "RemoveTie",
    "RerateDependency",
    "ResolveConflict",
    "Scenario",
    "Shift",
    "Simulation",
    "SimulationDiff",
    "UnitEiShift",
    "UnitRef",
    "apply_scenario",
    "baseline",
    "recommend",
    "simulate",
]
