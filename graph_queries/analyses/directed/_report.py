"""`directed_network`: degrees, directed betweenness, reciprocity and E-I on arcs, for a layer."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx

from graph_queries.analyses.metrics.ei import ei_index
from graph_queries.analyses.silos import DEFAULT_PATH_SAMPLE
from graph_queries.graphs import OrgGraphs
from graph_queries.layers import directed_layer, leader_groups

ROUND = 6
BETWEENNESS_SEED = 0  # a sample of sources is drawn with it: the same graph gives the same figures


@dataclass(frozen=True, slots=True)
class DirectedArguments:
    """The arguments of `directed_network`, by name; also its cache key."""

    kinds: frozenset[str] | None = None
    top: int | None = 20
    path_sample: int | None = DEFAULT_PATH_SAMPLE
    group_by: str | None = None


@dataclass(frozen=True, slots=True)
class LeaderFlow:
    """One leader of the layer: `in_degree` arcs received (in an advice layer, how many ask
    them), `out_degree` arcs sent, `betweenness` the directed betweenness (Brandes 2001) on the
    layer's arcs, normalized by the (n - 1)(n - 2) ordered pairs of other leaders."""

    leader_id: str
    name: str
    group: str | None
    in_degree: int
    out_degree: int
    betweenness: float


@dataclass(frozen=True, slots=True)
class GroupArcs:
    """A group of leaders on the layer's arcs: `internal` arcs between two members, `sent` from
    a member to a non-member, `received` from a non-member to a member; `ei_index` is
    (sent + received - internal) / (sent + received + internal) (Krackhardt & Stern 1988, on
    arcs), None for a group without arcs."""

    group: str
    leaders: int
    internal: int
    sent: int
    received: int
    ei_index: float | None


@dataclass(frozen=True, slots=True)
class DirectedReport:
    """The directed network of one layer (`layer`: the directed tie kinds read).

    `reciprocity` is the share of arcs whose reverse arc is also in the layer (networkx
    `reciprocity`: mutual arcs / all arcs), None without arcs; `mutual_pairs` the pairs of
    leaders with arcs both ways. `ei_index` is the E-I index of the whole layer over `grouped_by`
    (arcs between groups against arcs within), `groups` the same per group. `leaders` are the
    leaders with at least one arc, most arcs received first (then most sent, then by id), the
    first `top` of them; `betweenness_counting` says whether betweenness counted every source
    ("exact") or a seeded sample ("sampled"). `empty_reason` says why there is nothing to show."""

    layer: tuple[str, ...]
    grouped_by: str
    leader_count: int
    arcs: int
    mutual_pairs: int
    reciprocity: float | None
    ei_index: float | None
    betweenness_counting: str
    leaders: tuple[LeaderFlow, ...]
    groups: tuple[GroupArcs, ...]
    empty_reason: str | None


def directed_network(
    graphs: OrgGraphs,
    kinds: frozenset[str] | None = None,
    *,
    top: int | None = 20,
    path_sample: int | None = DEFAULT_PATH_SAMPLE,
    group_by: str | None = None,
) -> DirectedReport:
    """The directed network of the arcs of `kinds` (None: every directed kind declared).

    Degrees count the layer's arcs (two kinds may each hold an arc from A to B); reciprocity and
    betweenness read the layer as a simple digraph, one arc from A to B when any arc of the
    layer goes that way. Reciprocity is networkx's `reciprocity` (Wasserman & Faust 1994, ch. 13:
    the share of arcs that are reciprocated). Betweenness is networkx's
    `betweenness_centrality` on the digraph, normalized, exact with at most `path_sample`
    leaders (None: always) and estimated from `path_sample` seeded sources otherwise. Groups
    are the leaders' units, or the values of the leader attribute `group_by` (leaders without
    a value are in no group); E-I as in `GroupArcs`.
    """
    chosen = sorted(graphs.directed_kinds if kinds is None else kinds & graphs.directed_kinds)
    group_of = leader_groups(graphs, group_by)
    grouped_by = group_by or "unit"
    if not chosen:
        reason = _no_layer(graphs, kinds)
        return _empty(tuple(sorted(kinds or ())), grouped_by, reason)
    layer = directed_layer(graphs, frozenset(chosen))
    simple = nx.DiGraph(layer)
    active = [leader for leader in layer if layer.degree(leader) > 0]
    if not active:
        return _empty(tuple(chosen), grouped_by, "The layer has no arcs.")
    simple.remove_nodes_from([leader for leader in layer if layer.degree(leader) == 0])
    exact = path_sample is None or simple.number_of_nodes() <= path_sample
    betweenness = nx.betweenness_centrality(
        simple, k=None if exact else path_sample, seed=BETWEENNESS_SEED, normalized=True
    )
    mutual = sum(1 for a, b in simple.edges() if a < b and simple.has_edge(b, a))
    rows = sorted(
        (
            LeaderFlow(
                leader_id=leader,
                name=graphs.reporting.nodes[leader].get("name") or leader,
                group=group_of.get(leader),
                in_degree=layer.in_degree(leader),
                out_degree=layer.out_degree(leader),
                betweenness=round(betweenness[leader], ROUND),
            )
            for leader in active
        ),
        key=lambda row: (-row.in_degree, -row.out_degree, row.leader_id),
    )
    groups, whole = _groups(layer, group_of)
    return DirectedReport(
        layer=tuple(chosen),
        grouped_by=grouped_by,
        leader_count=len(active),
        arcs=layer.number_of_edges(),
        mutual_pairs=mutual,
        reciprocity=_rounded(nx.reciprocity(simple)),
        ei_index=whole,
        betweenness_counting="exact" if exact else "sampled",
        leaders=tuple(rows if top is None else rows[:top]),
        groups=groups,
        empty_reason=None,
    )


def _groups(
    layer: nx.MultiDiGraph, group_of: dict[str, str]
) -> tuple[tuple[GroupArcs, ...], float | None]:
    """Each group's arcs inside, out and in, and the E-I index of the whole layer."""
    internal: Counter[str] = Counter()
    sent: Counter[str] = Counter()
    received: Counter[str] = Counter()
    within = between = 0
    for a, b in layer.edges():
        group_a, group_b = group_of.get(a), group_of.get(b)
        if group_a is None or group_b is None:
            continue  # a leader in no group: the arc is neither inside nor between groups
        if group_a == group_b:
            internal[group_a] += 1
            within += 1
        else:
            sent[group_a] += 1
            received[group_b] += 1
            between += 1
    members = Counter(group_of.values())
    rows = tuple(
        GroupArcs(
            group=group,
            leaders=members[group],
            internal=internal[group],
            sent=sent[group],
            received=received[group],
            ei_index=_rounded(ei_index(internal[group], sent[group] + received[group])),
        )
        for group in sorted(members)
    )
    return rows, _rounded(ei_index(within, between))


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, ROUND)


def _no_layer(graphs: OrgGraphs, kinds: frozenset[str] | None) -> str:
    if not graphs.directed_kinds:
        return "The organization declares no directed tie kind."
    undirected = sorted((kinds or frozenset()) - graphs.directed_kinds)
    return f"Not declared directed: {', '.join(undirected)}."


def _empty(layer: tuple[str, ...], grouped_by: str, reason: str) -> DirectedReport:
    return DirectedReport(
        layer=layer,
        grouped_by=grouped_by,
        leader_count=0,
        arcs=0,
        mutual_pairs=0,
        reciprocity=None,
        ei_index=None,
        betweenness_counting="exact",
        leaders=(),
        groups=(),
        empty_reason=reason,
    )
