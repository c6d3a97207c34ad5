"""Executive factions: whether the top team splits into groups that rarely work together.

The analysis reads the collaboration ties among EXECUTIVE leaders (`OrgGraphs.collaboration`,
node attribute `level`) and reports the connected components, the Louvain communities and their
modularity, tie density inside and between factions, the executives who bridge factions or have
no tie to the rest, a verdict, and how the factions line up with divisions (the `division`
attribute of the executive's unit in `OrgGraphs.units`).

Inner modules, private to this package: `_report` (the entry point `executive_factions`, the
report and the verdict), `_executive_graph` (the executive graph), `_structure` (factions and the
executives between or outside them) and `_alignment` (the division alignment).

References
----------
Blondel, V. D., Guillaume, J.-L., Lambiotte, R. & Lefebvre, E. (2008). Fast unfolding of
communities in large networks. Journal of Statistical Mechanics, P10008.
Newman, M. E. J. & Girvan, M. (2004). Finding and evaluating community structure in networks.
Physical Review E 69, 026113.
"""

from graph_queries.analyses.factions._alignment import DivisionAlignment, ExecutiveTies
from graph_queries.analyses.factions._report import (
    STRONG_MODULARITY,
    STRONG_STRENGTH_RATIO,
    WEAK_MODULARITY,
    FactionArguments,
    FactionReport,
    FactionVerdict,
    executive_factions,
)
from graph_queries.analyses.factions._structure import (
    BridgingExecutive,
    Faction,
    FactionLink,
    IsolatedExecutive,
)

__all__ = [
    "STRONG_MODULARITY",
    "STRONG_STRENGTH_RATIO",
    "WEAK_MODULARITY",
    "BridgingExecutive",
    "DivisionAlignment",
    "ExecutiveTies",
    "Faction",
    "FactionArguments",
    "FactionLink",
    "FactionReport",
    "FactionVerdict",
    "IsolatedExecutive",
    "executive_factions",
]
