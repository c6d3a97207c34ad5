"""On the Lazega law firm: the single co-work tie between partners that most lowers the office
split, checked against the faction analysis of the changed firm (docs/validation.md)."""

from __future__ import annotations

import dataclasses

import pytest

from graph_queries.analyses.factions import executive_factions
from graph_queries.graphs import build_graphs
from graph_queries.model import OrgSnapshot
from graph_queries.scenarios import AddTie, apply_scenario
from graph_queries.scenarios.recommend import Goal, Recommendations, recommend
from tests.realdata import lazega

EVERY_PAIR = 10_000  # more than the 36 partners' 630 pairs: the pool is every untied pair


@pytest.fixture(scope="module")
def firm(tmp_path_factory: pytest.TempPathFactory) -> OrgSnapshot:
    return lazega(tmp_path_factory.mktemp("lazega"))


@pytest.fixture(scope="module")
def best(firm: OrgSnapshot) -> Recommendations:
    return recommend(firm, Goal.CONNECT_FACTIONS, count=1, kind="WORK", candidates_limit=EVERY_PAIR)


def test_the_best_single_tie_is_measured_as_the_faction_analysis_measures_it(
    firm: OrgSnapshot, best: Recommendations
) -> None:
    (only,) = best.recommendations
    graphs = build_graphs(apply_scenario(firm, only.changes).snapshot)
    after = executive_factions(graphs)
    # Equal up to the order the same floats are summed in (ties added in another order).
    assert only.after == pytest.approx(after.modularity, abs=1e-12)
    assert only.before == best.start
    assert only.before == pytest.approx(
        executive_factions(build_graphs(firm)).modularity, abs=1e-12
    )
    assert 0.2 < only.after < only.before < 0.3
    (tie,) = only.changes
    assert isinstance(tie, AddTie)
    offices = {
        graphs.units.nodes[graphs.reporting.nodes[p]["unit"]]["division"]
        for p in (tie.leader_a_id, tie.leader_b_id)
    }
    assert offices == {"boston", "hartford"}
    assert len(after.factions) >= 2  # one tie lowers the split; it does not end it


def test_every_untied_pair_across_factions_was_measured_and_none_does_better(
    firm: OrgSnapshot, best: Recommendations
) -> None:
    # An exhaustive check, independent of the search: each candidate tie added to the firm's
    # whole collaboration graph, the factions found again.
    graphs = build_graphs(firm)
    before = executive_factions(graphs)
    faction_of = {m: n for n, f in enumerate(before.factions) for m in f.members}
    partners = sorted(faction_of)
    pairs = [
        (a, b)
        for a in partners
        for b in partners
        if a < b and faction_of[a] != faction_of[b] and not graphs.collaboration.has_edge(a, b)
    ]
    assert best.candidates == len(pairs)
    assert best.evaluations == 1 + len(pairs)
    figures = []
    for a, b in pairs:
        team = graphs.collaboration.copy()
        team.add_edge(a, b, key="extra", strength=1.0, kind="WORK")
        figures.append(
            executive_factions(dataclasses.replace(graphs, collaboration=team)).modularity
        )
    assert min(figures) == pytest.approx(best.recommendations[0].after, abs=1e-12)
