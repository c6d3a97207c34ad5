"""Conflict hotspots: where cross-unit conflicts pile up and stay unresolved."""

from graph_queries.analyses.conflicts._hotspots import *  # noqa: F403
from graph_queries.analyses.conflicts._hotspots import __all__ as __all__
