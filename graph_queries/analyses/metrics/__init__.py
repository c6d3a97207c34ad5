"""Graph-generic measures: pure functions over networkx graphs and node-to-group mappings.

One concept per module, each function documented in the networkx manner with an example that
runs as a doctest (tests/analyses/test_doctests.py):

- `ei`: the E-I index and insularity of a group, from its internal and external ties;
- `cross_group`: shortest paths between groups through a node (`cross_group_loads`,
  `GroupPaths`);
- `structural_holes`: Burt's constraint and effective size;
- `brokerage`: Gould & Fernandez brokerage roles;
- `separations`: cut points and bridges that cut a group off;
- `multinomial`: the exact multinomial goodness-of-fit test;
- `quantiles`: sample quantiles (Hyndman & Fan definition 7);
- `ratios`: part-to-whole ratios for wholes that can be empty;
- `shortest_paths`: the shortest-path kernels (betweenness, its subset and cross-group forms),
  compiled, with networkx as their reference;
- `kernels`: the other heavy kernels (Louvain, modularity);
- `compile_kernels`: compile the numba kernels ahead of the first analysis (a container image
  does it while it is built).
"""

from graph_queries.analyses.metrics._compilation import cached_kernels, compile_kernels
from graph_queries.analyses.metrics.brokerage import BrokerageRoles, brokerage_roles
from graph_queries.analyses.metrics.cross_group import (
    CrossGroupLoad,
    GroupPaths,
    cross_group_betweenness,
    cross_group_loads,
    paths_between,
)
from graph_queries.analyses.metrics.ei import ei_index, insularity
from graph_queries.analyses.metrics.kernels import communities, modularity
from graph_queries.analyses.metrics.multinomial import exact_multinomial_pvalue
from graph_queries.analyses.metrics.quantiles import quantile
from graph_queries.analyses.metrics.ratios import ratio, ratio_or_zero
from graph_queries.analyses.metrics.separations import Bridge, Separation, cut_points, unit_bridges
from graph_queries.analyses.metrics.shortest_paths import betweenness, betweenness_between
from graph_queries.analyses.metrics.structural_holes import constraint, effective_size

__all__ = [
    "Bridge",
    "BrokerageRoles",
    "CrossGroupLoad",
    "GroupPaths",
    "Separation",
    "betweenness",
    "betweenness_between",
    "brokerage_roles",
    "cached_kernels",
    "communities",
    "compile_kernels",
    "constraint",
    "cross_group_betweenness",
    "cross_group_loads",
    "cut_points",
    "effective_size",
    "ei_index",
    "exact_multinomial_pvalue",
    "insularity",
    "modularity",
    "paths_between",
    "quantile",
    "ratio",
    "ratio_or_zero",
    "unit_bridges",
]
