"""The organization's graphs and analysis results out for other tools.

Pure functions over networkx graphs and analysis reports, and writers that take a path:

- `values`: plain str/int/float/bool attribute values (None left out, ISO 8601 dates...);
- `results`: `compute_results`, the analyses run in process with the privacy floor applied;
- `annotations`: each analysis's per-node and per-edge figures, under documented names;
- `graphs`: `export_layers` and `organization_graph`, export-ready networkx graphs;
- `tables`: `analysis_tables`, every analysis's rows as tables;
- `writers`: GraphML, GEXF 1.2, node-link JSON and CSV, as bytes and as files;
- `document`: the results as one JSON document;
- `report_html` (drawings in `report_svg`): one self-contained HTML report;
- `archive`: every table as one deterministic, size-bounded ZIP;
- `files`: the files the API serves, each rendered to bytes by the encoders above, so a
  download equals the file `unsilo analyze` writes.

docs/exports.md describes the files and the names of their attributes and columns.
"""

from graph_queries.exports.graphs import LAYERS, export_layers, organization_graph
from graph_queries.exports.results import ANALYSIS_NAMES, AnalysisResults, compute_results
from graph_queries.exports.tables import Table, analysis_tables
from graph_queries.exports.writers import (
    GRAPH_FORMATS,
    csv_cell,
    node_link,
    write_gexf,
    write_graph,
    write_graphml,
    write_node_link,
    write_tables,
)

__all__ = [
    "ANALYSIS_NAMES",
    "GRAPH_FORMATS",
    "LAYERS",
    "AnalysisResults",
    "Table",
    "analysis_tables",
    "compute_results",
    "csv_cell",
    "export_layers",
    "node_link",
    "organization_graph",
    "write_gexf",
    "write_graph",
    "write_graphml",
    "write_node_link",
    "write_tables",
]
