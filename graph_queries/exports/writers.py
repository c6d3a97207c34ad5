"""Writing export-ready graphs and tables to files (the only I/O of the package).

- GraphML: `networkx.write_graphml` (GraphML 1.0, http://graphml.graphdrawing.org/specification.html);
  typed `<key>` declarations, so int, float, bool and str come back as such.
- GEXF 1.2: `networkx.write_gexf` with version "1.2draft", the namespace Gephi and networkx
  read (GEXF 1.2 primer, https://gexf.net/); node and edge attributes are declared `<attribute>`s.
- node-link JSON: `networkx.node_link_data` (keys `nodes` and `edges`) written by `json` with
  sorted keys, so the same graph always gives the same bytes (RFC 8259).
- CSV: RFC 4180 tables, UTF-8, a header row, one file per table. Text cells starting with `=`,
  `+`, `-`, `@`, a tab or a carriage return get a leading apostrophe, as the OWASP "CSV
  Injection" page advises, so a spreadsheet shows them as text rather than running them.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import networkx as nx

from graph_queries.exports.tables import Table
from graph_queries.exports.values import Plain

GRAPH_FORMATS = {".graphml": "GraphML", ".gexf": "GEXF 1.2", ".json": "node-link JSON"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GEXF_VERSION = "1.2draft"


def write_graphml(graph: nx.Graph, path: Path) -> None:
    nx.write_graphml(graph, path, encoding="utf-8", prettyprint=True)


def write_gexf(graph: nx.Graph, path: Path) -> None:
    nx.write_gexf(graph, path, encoding="utf-8", prettyprint=True, version=GEXF_VERSION)


def node_link(graph: nx.Graph) -> dict[str, Any]:
    """The node-link form of `graph`, nodes and edges in the graph's own order."""
    data: dict[str, Any] = nx.node_link_data(graph, edges="edges")
    return data


def write_node_link(graph: nx.Graph, path: Path) -> None:
    text = json.dumps(node_link(graph), ensure_ascii=False, sort_keys=True, indent=1)
    path.write_text(text + "\n", encoding="utf-8")


def write_graph(graph: nx.Graph, path: Path) -> None:
    """Write `graph` in the format its extension names (`GRAPH_FORMATS`); ValueError for any
    other extension."""
    suffix = path.suffix.lower()
    if suffix == ".graphml":
        write_graphml(graph, path)
    elif suffix == ".gexf":
        write_gexf(graph, path)
    elif suffix == ".json":
        write_node_link(graph, path)
    else:
        raise ValueError(
            f"{path}: unknown graph format {suffix or '(no extension)'!r}; "
            f"use {', '.join(GRAPH_FORMATS)}"
        )


def csv_cell(value: Plain | None) -> str | int | float | bool:
    """A cell as written: empty for None, text that a spreadsheet could run escaped."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_tables(tables: list[Table], folder: Path) -> list[Path]:
    """One `<table name>.csv` per table in `folder` (created if missing); the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables:
        path = folder / f"{table.name}.csv"
        with path.open("w", encoding="utf-8", newline="") as file:
            writer = csv.writer(file)
            writer.writerow([csv_cell(column) for column in table.columns])
            writer.writerows([csv_cell(cell) for cell in row] for row in table.rows)
        written.append(path)
    return written


def table_paths(tables: list[Table], folder: Path) -> list[Path]:
    """Where `write_tables` would write (to refuse overwriting before computing anything)."""
    return [folder / f"{table.name}.csv" for table in tables]
