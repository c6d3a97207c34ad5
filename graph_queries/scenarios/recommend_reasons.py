"""The sentence saying why each recommended move helps its goal, naming people and units.

A move is a tie between two people, or a liaison: a new person in a home unit tied into a few
leaders (`moves.Liaison`). The sentence names the liaison, their home unit and the people they
tie into, and the goal's figure before and after the move.
"""

from __future__ import annotations

from graph_queries.analyses.factions import FactionReport
from graph_queries.analyses.silos import Bottleneck
from graph_queries.analyses.wording import join_and, leader_name_or_id, plural, unit_name_or_id
from graph_queries.graphs import OrgGraphs
from graph_queries.model import LeaderLevel
from graph_queries.scenarios.bottleneck_score import Worst
from graph_queries.scenarios.moves import Liaison, Move
from graph_queries.scenarios.summary import two_figures

__all__ = ["bottleneck_reason", "coverage_reason", "faction_reason"]


def _person(graphs: OrgGraphs, leader: str) -> str:
    unit = str(graphs.collaboration.nodes[leader].get("unit", ""))
    return f"{leader_name_or_id(graphs, leader)} ({unit_name_or_id(graphs, unit)})"


def _who(graphs: OrgGraphs, move: Move, name: str) -> str:
    """'A tie between Ann (Sales) and Bo (Ops)' or 'Liaison 1, a new liaison in Sales tied
    to Ann (Sales) and Bo (Ops),'."""
    if isinstance(move, Liaison):
        contacts = join_and([_person(graphs, p) for p in move.ties_to])
        role = "executive liaison" if move.level is LeaderLevel.EXECUTIVE else "liaison"
        home = unit_name_or_id(graphs, move.unit_id)
        return f"{name}, a new {role} in {home} tied to {contacts},"
    return f"A tie between {join_and([_person(graphs, p) for p in move])}"


def bottleneck_reason(
    graphs: OrgGraphs,
    move: Move,
    name: str,
    target: Bottleneck,
    before: float,
    after: float,
    now: Worst | None,
) -> str:
    """'A tie between Ann (Sales) and Bo (Ops) gives them a way around Cy: ...'; `now` is the
    worst bottleneck after the move, named when it is another. A liaison becomes a broker
    itself, which the sentence says."""
    them = "those people" if isinstance(move, Liaison) else "them"
    shown = two_figures(before, after)
    text = (
        f"{_who(graphs, move, name)} gives {them} a way around {target.name}, the worst "
        f"bottleneck: its score falls from {shown[0]} to {shown[1]}"
    )
    if now is not None and (now.kind, now.id) != (target.kind, target.id):
        text += f"; the worst bottleneck is then {now.name} ({now.score:.2f})"
    if isinstance(move, Liaison):
        text += f"; {name} now carries the paths that went through {target.name}"
    return text + "."


def coverage_reason(
    graphs: OrgGraphs, move: Move, name: str, before: float, after: float, left: int
) -> str:
    """'A tie between Ann (Sales) and Bo (Ops) links units with an unreliable dependency ...'."""
    links = (
        f"gives {unit_name_or_id(graphs, move.unit_id)} a direct tie to units it has an "
        "unreliable dependency with"
        if isinstance(move, Liaison)
        else "links units with an unreliable dependency"
    )
    return (
        f"{_who(graphs, move, name)} {links} that had no direct tie and at most one "
        f"go-between: the criticality of such dependencies falls from {before:g} to "
        f"{after:g} ({plural(left, 'exposed pair')} left)."
    )


def faction_reason(
    graphs: OrgGraphs, move: Move, name: str, before: FactionReport, after: FactionReport
) -> str:
    """'A tie between Ann (Boston) and Bo (Hartford), in different factions, lowers ...'."""
    factions = (len(before.factions), len(after.factions))
    joined = (
        "the top team becomes one faction"
        if factions[1] <= 1 < factions[0]
        else f"{plural(factions[0], 'faction')} before, {factions[1]} after"
    )
    if before.verdict is not after.verdict:
        joined += f"; verdict {before.verdict.value} -> {after.verdict.value}"
    where = "" if isinstance(move, Liaison) else ","
    shown = two_figures(before.modularity, after.modularity)
    return (
        f"{_who(graphs, move, name)}{where} in different factions of the top team, lowers the "
        f"modularity of its factions from {shown[0]} to {shown[1]} ({joined})."
    )
