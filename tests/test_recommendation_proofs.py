"""The issue's proof for recommendations: on a generated organization whose top team splits into
two factions, the recommended bridging ties, simulated, leave one team; and every faction figure
a recommendation states is the one the faction analysis gives on the changed organization."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

import pytest

from graph_queries.analyses.factions import FactionVerdict, executive_factions
from graph_queries.generator import generate_organization
from graph_queries.graphs import build_graphs
from graph_queries.scenarios import AddTie, Change, Goal, apply_scenario, recommend, simulate

AS_OF = date(2026, 1, 1)


@pytest.mark.parametrize(
    ("leaders", "seed"),
    # Before the executive graph kept the whole graph's node order, the figures of these
    # organizations differed from the analysis' (Louvain visits nodes in order).
    [(100, 7), (200, 7), (400, 4), (400, 6), (150, 3)],
)
def test_each_faction_figure_is_the_faction_analysis_of_the_changed_organization(
    leaders: int, seed: int
) -> None:
    org = generate_organization(leaders, seed=seed)
    found = recommend(org, Goal.CONNECT_FACTIONS, count=5)
    assert found.start == executive_factions(build_graphs(org)).modularity
    assert found.recommendations
    changes: list[Change] = []
    for recommendation in found.recommendations:
        changes.extend(recommendation.changes)
        changed = apply_scenario(org, changes).snapshot
        assert recommendation.after == executive_factions(build_graphs(changed)).modularity


def test_bridging_ties_make_a_generated_top_team_of_two_factions_one_team() -> None:
    org = generate_organization(200, seed=7)
    before = executive_factions(build_graphs(org))
    assert (len(before.factions), before.verdict) == (2, FactionVerdict.STRONG)
    faction_of = {member: f.index for f in before.factions for member in f.members}

    found = recommend(org, Goal.CONNECT_FACTIONS, count=5)

    changes = [change for r in found.recommendations for change in r.changes]
    assert len(changes) == 5
    for change in changes:  # each bridges the two factions the team started with
        assert isinstance(change, AddTie)
        assert faction_of[change.leader_a_id] != faction_of[change.leader_b_id]
    simulation = simulate(org, changes, AS_OF)
    shift = simulation.differences.factions
    assert (shift.verdict_before, shift.verdict_after) == (
        FactionVerdict.STRONG,
        FactionVerdict.NONE,
    )
    assert shift.merged
    assert shift.modularity_after == found.recommendations[-1].after
    assert simulation.after.faction_verdict is FactionVerdict.NONE
    assert simulation.after.faction_reason.endswith("the 8 executives work as one connected team.")
    assert any(
        s.startswith("Executive factions") and "verdict STRONG -> NONE" in s
        for s in simulation.differences.summary
    )
    # Fewer ties than that leave the factions visible: the search did not stop short.
    shorter = [c for r in found.recommendations[:4] for c in r.changes]
    assert simulate(org, shorter, AS_OF).after.faction_verdict is not FactionVerdict.NONE


def test_the_same_recommendations_in_every_process() -> None:
    # Louvain visits nodes in order; an order taken from a set would change with the hash seed.
    script = (
        "from graph_queries.generator import generate_organization\n"
        "from graph_queries.scenarios import Goal, recommend\n"
        "found = recommend(generate_organization(200, seed=7), Goal.CONNECT_FACTIONS, count=5)\n"
        "print([(r.changes, r.after) for r in found.recommendations])\n"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1
    assert "AddTie" in outputs.pop()
