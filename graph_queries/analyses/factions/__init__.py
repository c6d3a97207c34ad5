"""Executive factions: whether the top team splits into groups that rarely work together."""

from graph_queries.analyses.factions._report import *  # noqa: F403
from graph_queries.analyses.factions._report import __all__ as __all__
