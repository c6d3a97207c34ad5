"""Coordination analyses: pure functions over `OrgGraphs` (graph_queries/graphs.py), no I/O.

A data scientist can build `OrgGraphs` from any source (or load it with `Store.graphs`) and call
these directly; the GraphQL layer calls the same functions.
"""
