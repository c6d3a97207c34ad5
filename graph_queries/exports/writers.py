"""Export-ready graphs and tables as bytes and text, and writers that put them in files.

The encoders (`graph_bytes`, `table_csv`) are the one implementation both `unsilo analyze`
(the file writers below, the only I/O of the package) and the API's downloads use, so a file
and a download of the same results are the same bytes.

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
import io
import json
from pathlib import Path
from typing import Any

import networkx as nx

from graph_queries.exports.tables import Table
from graph_queries.exports.values import Plain

GRAPH_FORMATS = {".graphml": "GraphML", ".gexf": "GEXF 1.2", ".json": "node-link JSON"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GEXF_VERSION = "1.2draft"


def graphml_bytes(graph: nx.Graph) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


def gexf_bytes(graph: nx.Graph) -> bytes:
    buffer = io.BytesIO()
    nx.write_gexf(graph, buffer, encoding="utf-8", prettyprint=True, version=GEXF_VERSION)
    return buffer.getvalue()


def node_link(graph: nx.Graph) -> dict[str, Any]:
    """The node-link form of `graph`, nodes and edges in the graph's own order."""
    data: dict[str, Any] = nx.node_link_data(graph, edges="edges")
    return data


def node_link_bytes(graph: nx.Graph) -> bytes:
    text = json.dumps(node_link(graph), ensure_ascii=False, sort_keys=True, indent=1)
    return (text + "\n").encode("utf-8")


def graph_bytes(graph: nx.Graph, suffix: str) -> bytes:
    """`graph` in the format `suffix` names (a key of `GRAPH_FORMATS`, any case); ValueError
    for any other."""
    encoders = {".graphml": graphml_bytes, ".gexf": gexf_bytes, ".json": node_link_bytes}
    encode = encoders.get(suffix.lower())
    if encode is None:
        raise ValueError(
            f"unknown graph format {suffix or '(no extension)'!r}; use {', '.join(GRAPH_FORMATS)}"
        )
    return encode(graph)


def write_graphml(graph: nx.Graph, path: Path) -> None:
    path.write_bytes(graphml_bytes(graph))


def write_gexf(graph: nx.Graph, path: Path) -> None:
    path.write_bytes(gexf_bytes(graph))


def write_node_link(graph: nx.Graph, path: Path) -> None:
    path.write_bytes(node_link_bytes(graph))


def write_graph(graph: nx.Graph, path: Path) -> None:
    """Write `graph` in the format its extension names (`GRAPH_FORMATS`); ValueError for any
    other extension."""
    try:
        content = graph_bytes(graph, path.suffix)
    except ValueError as error:
        raise ValueError(f"{path}: {error}") from None
    path.write_bytes(content)


def csv_cell(value: Plain | None) -> str | int | float | bool:
    """A cell as written: empty for None, text that a spreadsheet could run escaped."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def table_csv(table: Table) -> str:
    """The table as RFC 4180 text: a header row, then its rows, lines ended by CRLF."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow([csv_cell(column) for column in table.columns])
    writer.writerows([csv_cell(cell) for cell in row] for row in table.rows)
    return buffer.getvalue()


def write_tables(tables: list[Table], folder: Path) -> list[Path]:
    """One `<table name>.csv` per table in `folder` (created if missing); the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables:
        path = folder / f"{table.name}.csv"
        path.write_bytes(table_csv(table).encode("utf-8"))
        written.append(path)
    return written


def table_paths(tables: list[Table], folder: Path) -> list[Path]:
    """Where `write_tables` would write (to refuse overwriting before computing anything)."""
    return [folder / f"{table.name}.csv" for table in tables]
