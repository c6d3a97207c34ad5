"""Unsilo for notebooks: load an organization, run its analyses, take the results as dataclasses,
plain rows or pandas DataFrames, and export them (docs/notebooks.md).

>>> import unsilo
>>> from graph_queries.generator import generate_organization
>>> org = unsilo.from_snapshot(generate_organization(leaders=60, seed=7))
>>> results = org.analyze(["silo_bottlenecks"], as_of="2026-01-01")
>>> results.min_group, results.floor_lifted
(5, False)
>>> results.withheld  # one unit of fewer than 5 leaders is left out
{'silo_bottlenecks': 1}
>>> rows = results.rows("silo_bottlenecks-units")
>>> list(rows[0])[:3], len(rows) == len(results.silo_bottlenecks.units)
(['unit_id', 'name', 'division'], True)

Loaders: `load` (a ``.json`` document or CSV folder), `load_store` (``sqlite:PATH`` or a Neo4j
URI, read only), `load_network` (GraphML, GEXF or edge lists, as `unsilo import-network`),
`from_snapshot`; `load_trends` reads an organization's trends from a store. Mistakes are the
project's typed errors (`graph_queries.errors`).
"""

from graph_queries.errors import NotFound, StoreNotFound, UnsiloError, ValidationFailed
from graph_queries.exports import ANALYSIS_NAMES
from graph_queries.scenarios import Goal
from service.setting_problems import SettingsError
from unsilo.frames import INSTALL_HINT
from unsilo.loading import from_snapshot, load, load_network, load_store
from unsilo.organization import SAME_AS_CLI, Organization
from unsilo.results import Results
from unsilo.trends import load_trends

__all__ = [
    "ANALYSIS_NAMES",
    "INSTALL_HINT",
    "SAME_AS_CLI",
    "Goal",
    "NotFound",
    "Organization",
    "Results",
    "SettingsError",
    "StoreNotFound",
    "UnsiloError",
    "ValidationFailed",
    "from_snapshot",
    "load",
    "load_network",
    "load_store",
    "load_trends",
]
