"""The files an organization's export is made of, each rendered to bytes from its results.

`EXPORT_FILES` names what the API serves at `/organizations/{id}/exports/{name}`
(docs/exports.md); `render_export` makes one from the organization's graphs and
`AnalysisResults` with the encoders `unsilo analyze` writes its files with, so a download
equals the file the CLI writes for the same organization, graph version, date and analyses.
`EXPORT_RESULTS` is the computation as a catalog analysis, so the service's runner computes it
off the event loop and keeps it per graph version (`graph_queries.runner`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from graph_queries.analyses.catalog import Analysis
from graph_queries.analyses.trends import AnalysisSummary
from graph_queries.exports.archive import ExportTooLarge, tables_zip
from graph_queries.exports.document import results_document, results_json
from graph_queries.exports.graphs import organization_graph
from graph_queries.exports.report_html import report_html, report_network
from graph_queries.exports.results import AnalysisResults, compute_results
from graph_queries.exports.tables import analysis_tables
from graph_queries.exports.writers import graph_bytes
from graph_queries.graphs import OrgGraphs


@dataclass(frozen=True)
class ExportFile:
    """One downloadable file: its media type and whether it is drawn from the graphs too."""

    name: str
    media_type: str
    needs_graphs: bool


EXPORT_FILES = {
    file.name: file
    for file in (
        # RFC 9110 has no registered GraphML type; this is the one networkx and Gephi expect.
        ExportFile("graph.graphml", "application/graphml+xml", True),
        ExportFile("graph.gexf", "application/gexf+xml", True),
        ExportFile("graph.json", "application/json", True),
        ExportFile("results.json", "application/json", False),
        ExportFile("tables.zip", "application/zip", False),
        ExportFile("report.html", "text/html; charset=utf-8", True),
    )
}


@dataclass(frozen=True)
class ExportArguments:
    """What an export's results depend on besides the graph version (a cache key)."""

    as_of: date
    min_group: int
    analyses: tuple[str, ...]
    include_small_groups: bool = False
    path_sample: int | None = None


def _export_results(graphs: OrgGraphs, arguments: ExportArguments) -> AnalysisResults:
    return compute_results(
        graphs,
        as_of=arguments.as_of,
        min_group=arguments.min_group,
        analyses=arguments.analyses,
        include_small_groups=arguments.include_small_groups,
        path_sample=arguments.path_sample,
    )


EXPORT_RESULTS = Analysis("export_results", ExportArguments, _export_results)


def render_export(
    name: str,
    organization_name: str,
    graphs: OrgGraphs,
    results: AnalysisResults,
    max_bytes: int,
    summaries: Sequence[AnalysisSummary] | None = None,
) -> bytes:
    """The file `name` (a key of `EXPORT_FILES`; KeyError otherwise); ExportTooLarge past
    `max_bytes`. `summaries`: the organization's kept analysis snapshots, oldest first, for
    the report's trends (None: none read). CPU-bound: run it off the event loop."""
    file = EXPORT_FILES[name]
    if file.name == "tables.zip":
        return tables_zip(analysis_tables(results), max_bytes)
    if file.name == "results.json":
        document = results_document(results, graphs.organization_id, graphs.version)
        content = results_json(document)
    elif file.name == "report.html":
        network = report_network(graphs, results)
        content = report_html(organization_name, results, network, summaries).encode("utf-8")
    else:
        suffix = "." + file.name.rsplit(".", 1)[1]
        content = graph_bytes(organization_graph(graphs, results), suffix)
    if len(content) > max_bytes:
        raise ExportTooLarge(max_bytes)
    return content
