"""Reading the network files the field exchanges: GraphML and GEXF (Gephi), and an edge list with
a node table, each into a networkx graph for `mapping.network_to_snapshot`.

XML is parsed first with defusedxml, which refuses document type declarations and entities (the
"billion laughs" and external-entity attacks), before networkx reads the same bytes.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import defusedxml.ElementTree
import networkx as nx
from defusedxml import DefusedXmlException

from graph_queries.errors import ErrorCode, FieldError, ValidationFailed

MAX_FILE_BYTES = 500_000_000
MAX_ROWS = 5_000_000


def read_xml_network(path: Path) -> nx.Graph:
    """A GraphML (`.graphml`) or GEXF (`.gexf`) file as networkx reads it."""
    _check_size(path)
    try:
        defusedxml.ElementTree.parse(path, forbid_dtd=True)
    except DefusedXmlException:
        _refuse(path, None, "declares a document type or entities, which are refused")
    except defusedxml.ElementTree.ParseError as error:
        _refuse(path, None, f"is not well-formed XML ({error})")
    try:
        if path.suffix.lower() == ".gexf":
            return nx.read_gexf(path)
        return nx.read_graphml(path)
    except (nx.NetworkXError, ValueError, KeyError, TypeError) as error:
        _refuse(path, None, f"is not a readable {path.suffix[1:]} network ({error})")


def read_edge_lists(edges: Sequence[Path], nodes: Path | None) -> nx.MultiDiGraph:
    """Edge lists (`source,target` and optionally `kind`, `weight`; the kind is otherwise the
    file's name without `_edges`), and a node table (`id` and any columns), as one graph whose
    arcs are read as the mapping says (directed or not, per kind)."""
    graph = nx.MultiDiGraph()
    if nodes is not None:
        for line, row in _rows(nodes, ("id",)):
            node = row.pop("id")
            if node in graph:
                _refuse(nodes, line, f"repeats the node {node!r}")
            graph.add_node(node, **{k: _cell(v) for k, v in row.items() if v != ""})
    for file in edges:
        default_kind = file.stem.removesuffix("_edges")
        for line, row in _rows(file, ("source", "target")):
            source, target = row["source"], row["target"]
            for end in (source, target):
                if nodes is not None and end not in graph:
                    _refuse(file, line, f"names the node {end!r}, which the node table lacks")
            data: dict[str, Any] = {"kind": row.get("kind") or default_kind}
            if row.get("weight"):
                data["weight"] = _cell(row["weight"])
            graph.add_edge(source, target, **data)
    return graph


def _rows(path: Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    _check_size(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            reader = csv.DictReader(file)
            header = [name.strip() for name in reader.fieldnames or ()]
            missing = [name for name in required if name not in header]
            if missing:
                _refuse(path, 1, f"lacks the column(s) {', '.join(missing)}")
            rows = []
            for line, row in enumerate(reader, start=2):
                if line > MAX_ROWS:
                    _refuse(path, line, f"has more than {MAX_ROWS} rows")
                rows.append((line, {k.strip(): (v or "").strip() for k, v in row.items() if k}))
            return rows
    except UnicodeDecodeError:
        _refuse(path, None, "is not UTF-8 text")


def _cell(text: str) -> object:
    """A table cell as the value it spells: an integer, a number, or text."""
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def _check_size(path: Path) -> None:
    if not path.is_file():
        _refuse(path, None, "does not exist or is not a file")
    if path.stat().st_size > MAX_FILE_BYTES:
        _refuse(path, None, f"is larger than {MAX_FILE_BYTES // 1_000_000} MB")


def _refuse(path: Path, line: int | None, problem: str) -> NoReturn:
    error = FieldError("network", ErrorCode.MALFORMED, problem, str(path), line)
    raise ValidationFailed([error])
