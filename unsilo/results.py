"""What `Organization.analyze` found, in every form a data scientist takes it in.

- the library's dataclasses: `results.silo_bottlenecks` and the other analyses' reports;
- plain rows: `tables()` and `rows(name)`, the tables `unsilo analyze --csv` writes
  (`graph_queries.exports.analysis_tables`, names and columns in docs/exports.md), each row a
  dict of str, int, float, bool or None;
- pandas DataFrames: `frames()` and `frame(name)` (the `pandas` extra);
- files: `write_csv`, `write_json`, `write_graph` and `write_report` write what the options of
  `unsilo analyze` of the same names write, byte for byte.

Like the command, a writer refuses a path that exists unless ``overwrite=True``: the files hold
personal data, and one written over by mistake may have been shared already.
"""

from __future__ import annotations

import os
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from graph_queries.analyses.conflicts import HotspotReport
from graph_queries.analyses.execution import ExecutionReport
from graph_queries.analyses.factions import FactionReport
from graph_queries.analyses.silos import SiloReport
from graph_queries.exports import (
    AnalysisResults,
    Table,
    analysis_tables,
    organization_graph,
    write_graph,
    write_tables,
)
from graph_queries.exports.document import results_document, write_results_json
from graph_queries.exports.report_html import report_html, report_network, write_report
from graph_queries.exports.values import Plain
from graph_queries.graphs import OrgGraphs
from graph_queries.model import OrgSnapshot
from unsilo.frames import table_frame

if TYPE_CHECKING:
    import pandas as pd

Row = dict[str, Plain | None]


class Results:
    """The results of one `analyze` call; `raw` is the `AnalysisResults` of `compute_results`.

    `as_of`, `min_group` (the privacy floor applied), `floor_lifted` and `withheld` (groups each
    analysis left out) say under which terms the figures were computed.
    """

    def __init__(self, raw: AnalysisResults, snapshot: OrgSnapshot, graphs: OrgGraphs) -> None:
        self.raw = raw
        self.snapshot = snapshot
        self.graphs = graphs

    def __repr__(self) -> str:
        ran = ", ".join(self.raw.reports()) or "no analysis"
        floor = "lifted" if self.floor_lifted else f"{self.min_group}"
        return f"<Results of {self.snapshot.organization.id!r}: {ran}; privacy floor {floor}>"

    # ---- the dataclasses ---------------------------------------------------------------------

    @property
    def silo_bottlenecks(self) -> SiloReport | None:
        return self.raw.silo_bottlenecks

    @property
    def conflict_hotspots(self) -> HotspotReport | None:
        return self.raw.conflict_hotspots

    @property
    def executive_factions(self) -> FactionReport | None:
        return self.raw.executive_factions

    @property
    def execution_report(self) -> ExecutionReport | None:
        return self.raw.execution_report

    @property
    def as_of(self) -> date:
        return self.raw.as_of

    @property
    def min_group(self) -> int:
        return self.raw.min_group

    @property
    def floor_lifted(self) -> bool:
        return self.raw.floor_lifted

    @property
    def withheld(self) -> dict[str, int]:
        return dict(self.raw.withheld)

    # ---- plain rows and DataFrames -------------------------------------------------------------

    @cached_property
    def _tables(self) -> dict[str, Table]:
        return {table.name: table for table in analysis_tables(self.raw)}

    def table_names(self) -> list[str]:
        """The names of the tables, in the order `unsilo analyze --csv` writes them."""
        return list(self._tables)

    def tables(self) -> dict[str, list[Row]]:
        """Every table by name, each a list of rows (dicts of the table's columns)."""
        return {name: self.rows(name) for name in self._tables}

    def rows(self, name: str) -> list[Row]:
        """The rows of table `name` (e.g. ``"silo_bottlenecks-units"``); ValueError naming the
        table and listing the others when there is none of that name."""
        table = self.table(name)
        return [dict(zip(table.columns, row, strict=True)) for row in table.rows]

    def table(self, name: str) -> Table:
        """The table `name` as a header and rows of plain values (`graph_queries.exports.Table`)."""
        try:
            return self._tables[name]
        except KeyError:
            known = ", ".join(self._tables) or "none (no analysis ran)"
            raise ValueError(f"table {name!r}: no such table; the tables are {known}") from None

    def frames(self) -> dict[str, pd.DataFrame]:
        """Every table as a pandas DataFrame; ImportError saying how to install pandas."""
        return {name: self.frame(name) for name in self._tables}

    def frame(self, name: str) -> pd.DataFrame:
        """Table `name` as a pandas DataFrame, its columns in the table's order."""
        return table_frame(self.table(name))

    # ---- files -----------------------------------------------------------------------------

    def write_csv(self, folder: str | os.PathLike[str], *, overwrite: bool = False) -> list[Path]:
        """One CSV file per table in `folder` (created if missing), as `--csv`; the paths."""
        target = Path(folder)
        if not overwrite and target.exists() and (not target.is_dir() or any(target.iterdir())):
            raise FileExistsError(f"{target} exists and is not empty; pass overwrite=True")
        return write_tables(list(self._tables.values()), target)

    def write_json(self, path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
        """The results as one JSON document, as `--json` (docs/exports.md)."""
        target = _writable(path, overwrite)
        document = results_document(self.raw, self.snapshot.organization.id, self.snapshot.version)
        write_results_json(document, target)
        return target

    def write_graph(self, path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
        """The organization graph with the analyses' figures, as `--graph`: GraphML, GEXF 1.2
        (Gephi) or node-link JSON by the extension; ValueError for any other extension."""
        target = _writable(path, overwrite)
        write_graph(organization_graph(self.graphs, self.raw), target)
        return target

    def write_report(self, path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
        """The self-contained HTML report, as `--report` (opens offline; holds personal data)."""
        target = _writable(path, overwrite)
        network = report_network(self.graphs, self.raw)
        write_report(report_html(self.snapshot.organization.name, self.raw, network), target)
        return target


def _writable(path: str | os.PathLike[str], overwrite: bool) -> Path:
    target = Path(path)
    if not overwrite and target.exists():
        raise FileExistsError(f"{target} exists; pass overwrite=True to write over it")
    return target
