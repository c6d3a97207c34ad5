"""Coordination analyses: pure functions over `OrgGraphs` (graph_queries/graphs.py), no I/O.

A data scientist can build `OrgGraphs` from any source (or load it with `Store.graphs`) and call
these directly; the GraphQL layer calls the same functions through `graph_queries.runner`.

- `metrics`: graph-generic measures over plain networkx graphs and node-to-group mappings;
- `silos`, `conflicts`, `factions`, `execution`: one package per analysis, exporting its entry
  point, its arguments and its result types (`from graph_queries.analyses.silos import
  silo_bottlenecks`);
- `wording`: the plain-language pieces the reasons are written with;
- `catalog`: each analysis as an `Analysis` (name, arguments type, function) for the service.
"""
