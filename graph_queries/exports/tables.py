"""Every analysis's rows as tables: the CSV export.

For each analysis report, every list of records in it (at any depth) is one table named
`<analysis>-<field>` (`silo_bottlenecks-units`, `execution_report-reliability_by_division`),
one row per record, its columns the record's fields flattened (`values.flatten`); and the
report's single figures make one `<analysis>-summary` table of `figure`, `value` rows. A
record's list of records (a unit's dependency links) becomes a table of its own with the
record's id first (`silo_bottlenecks-units-depends_on`, column `unit_id`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from graph_queries.exports.results import AnalysisResults
from graph_queries.exports.values import Plain, flatten, is_table, plain

SUMMARY = "summary"


@dataclass(frozen=True)
class Table:
    """A header and rows of plain values (None for an empty cell), in a stable order."""

    name: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Plain | None, ...], ...]


def analysis_tables(results: AnalysisResults) -> list[Table]:
    """The tables of every report in `results`, in analysis order then field order."""
    tables: list[Table] = []
    for name, report in results.reports().items():
        summary: list[tuple[Plain | None, ...]] = [
            ("min_group", results.min_group),
            ("floor_lifted", results.floor_lifted),
            ("withheld_groups", results.withheld.get(name, 0)),
        ]
        _collect(report, name, "", summary, tables)
        summary_table = Table(f"{name}-{SUMMARY}", ("figure", "value"), tuple(summary))
        tables.insert(_first_of(tables, name), summary_table)
    return tables


def _first_of(tables: list[Table], analysis: str) -> int:
    # The summary leads its analysis's tables.
    for index, table in enumerate(tables):
        if table.name.startswith(f"{analysis}-"):
            return index
    return len(tables)


def _collect(
    record: Any,
    analysis: str,
    prefix: str,
    summary: list[tuple[Plain | None, ...]],
    tables: list[Table],
) -> None:
    for field in dataclasses.fields(record):
        value = getattr(record, field.name)
        name = f"{prefix}{field.name}"
        if is_table(value):
            tables.extend(_tables(f"{analysis}-{name}", value))
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            _collect(value, analysis, f"{name}_", summary, tables)
        elif isinstance(value, list | tuple) and not value:
            summary.append((name, ""))
        else:
            summary.append((name, plain(value)))


def _tables(name: str, records: Any) -> list[Table]:
    """The table of `records`, then one table per field holding lists of records."""
    nested = [
        field.name
        for field in dataclasses.fields(records[0])
        if any(is_table(getattr(record, field.name)) for record in records)
    ]
    flat = [flatten(record, skip=frozenset(nested), keep_none=True) for record in records]
    found = [_table(name, flat)]
    owner = dataclasses.fields(records[0])[0].name
    for field_name in nested:
        rows = [
            {owner: plain(getattr(record, owner))} | flatten(item, keep_none=True)
            for record in records
            for item in getattr(record, field_name)
        ]
        found.append(_table(f"{name}-{field_name}", rows))
    return found


def _table(name: str, rows: list[dict[str, Plain | None]]) -> Table:
    columns = tuple(dict.fromkeys(column for row in rows for column in row))
    return Table(name, columns, tuple(tuple(row.get(c) for c in columns) for row in rows))
