"""The execution report, with reliable dependencies and the alignment trap."""

from graph_queries.analyses.execution._report import ExecutionReport, execution_report
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
    "ExecutionReport",
    "ReliabilityReport",
    "ReliabilityShare",
    "alignment_trap",
    "dependency_reliability",
    "execution_report",
]
