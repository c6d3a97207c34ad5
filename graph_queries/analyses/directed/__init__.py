"""The directed network of one layer of ties: who is sought out, who seeks, who stands between.

A directed tie kind (`TieKind.directed`) makes each of its ties an arc leader_a -> leader_b: in
an advice network, "a asks b for advice". `directed_network` reads the arcs of the chosen
directed kinds (`OrgGraphs.arcs`) and reports, per leader, the arcs received (in-degree) and
sent (out-degree) and the directed betweenness; for the layer, the share of arcs reciprocated;
and per group of leaders (their unit, or a custom attribute), the E-I index computed on arcs.

Inner module, private to this package: `_report` (the entry point and its rows).

References
----------
Brandes, U. (2001). A faster algorithm for betweenness centrality. J. Math. Sociology 25(2).
Krackhardt, D. & Stern, R. N. (1988). Informal networks and organizational crises: an
experimental simulation. Social Psychology Quarterly 51(2), 123-140.
Wasserman, S. & Faust, K. (1994). Social Network Analysis: Methods and Applications. Cambridge
University Press, ch. 13 (dyads, mutuality and reciprocity).
"""

from graph_queries.analyses.directed._report import (
    DirectedArguments,
    DirectedReport,
    GroupArcs,
    LeaderFlow,
    directed_network,
)

__all__ = ["DirectedArguments", "DirectedReport", "GroupArcs", "LeaderFlow", "directed_network"]
