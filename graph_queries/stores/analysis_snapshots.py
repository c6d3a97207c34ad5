"""Analysis snapshots as a store keeps them: one organization's summary of one graph version.

The store holds the summary as JSON text it does not read (`analyses.trends` writes and reads
it), so that a new summary format needs no store migration. A snapshot is keyed by
(organization, effective date, graph version): capturing the same version for the same date
again replaces it. Snapshots outlive imports and replaces (that is what a trend is made of) and
go with the organization when it is deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from graph_queries.errors import ErrorCode, FieldError, ValidationFailed

# The most snapshots kept per organization when no setting says otherwise (UNSILO_SNAPSHOTS_KEPT).
DEFAULT_KEPT = 200
# The longest summary a store accepts, in characters: about 180 characters a unit, so room for
# some 20,000 units, while 200 of them stay well under a gigabyte.
MAX_SUMMARY_CHARS = 4_000_000


@dataclass(frozen=True, slots=True)
class AnalysisSnapshot:
    """A kept summary: `summary` is its JSON text, `summary_format` the version of that form;
    `captured_at` when it was computed (UTC)."""

    organization_id: str
    effective_date: date
    graph_version: int
    summary_format: int
    captured_at: datetime
    summary: str


def check_snapshot(snapshot: AnalysisSnapshot, keep: int) -> None:
    """ValidationFailed naming the field, for a summary too long to keep or a bound under 1."""
    problems = []
    if len(snapshot.summary) > MAX_SUMMARY_CHARS:
        problems.append(
            FieldError(
                "summary",
                ErrorCode.TOO_LONG,
                f"{len(snapshot.summary)} characters; at most {MAX_SUMMARY_CHARS} are kept",
            )
        )
    if keep < 1:
        problems.append(FieldError("keep", ErrorCode.OUT_OF_RANGE, f"{keep}; at least 1"))
    if problems:
        raise ValidationFailed(problems)
