"""Silos and bottlenecks: where coordination between units is thin or runs through one place."""

from graph_queries.analyses.silos._report import *  # noqa: F403
from graph_queries.analyses.silos._report import __all__ as __all__
