"""The execution report: one summary of an organization for its leadership team.

`execution_report` runs the other analyses and keeps their worst items, beside two
organization-level signals of its own: `dependency_reliability` and `alignment_trap`.
Inner modules, private to this package: `_report` (the entry point) and `_signals` (the two
signals).
"""

from graph_queries.analyses.execution._report import (
    ExecutionArguments,
    ExecutionReport,
    execution_report,
)
from graph_queries.analyses.execution._signals import (
    AlignmentTrapReport,
    AlignmentTrapUnit,
    ReliabilityReport,
    ReliabilityShare,
    alignment_trap,
    dependency_reliability,
)

__all__ = [
    "AlignmentTrapReport",
    "AlignmentTrapUnit",
    "ExecutionArguments",
    "ExecutionReport",
    "ReliabilityReport",
    "ReliabilityShare",
    "alignment_trap",
    "dependency_reliability",
    "execution_report",
]
