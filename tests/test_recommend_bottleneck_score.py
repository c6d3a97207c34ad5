"""A bottleneck's score computed alone (`bottleneck_score.TargetScore`) is the score a fresh
`silo_bottlenecks` ranks it with on the changed organization (0 when it is not ranked there),
for units and leaders, exact and with a path sample, with ties and a liaison added; and the
worst bottleneck it names is the one that report ranks first."""

from __future__ import annotations

import random

import pytest

from graph_queries.analyses.silos import Bottleneck, BottleneckKind, SiloReport, silo_bottlenecks
from graph_queries.generator import generate_organization
from graph_queries.graphs import OrgGraphs, build_graphs
from graph_queries.scenarios import AddLiaison, AddTie, apply_scenario
from graph_queries.scenarios.bottleneck_score import TargetScore
from graph_queries.scenarios.coverage_update import cover_state, with_growth
from graph_queries.scenarios.moves import Growth, Liaison, Move, grow, liaison_ids
from graph_queries.scenarios.recommend import Goal, recommend
from tests.orgs import brokered


def _everyone(graphs: OrgGraphs, path_sample: int | None) -> SiloReport:
    ranked = graphs.units.number_of_nodes() + graphs.collaboration.number_of_nodes()
    return silo_bottlenecks(graphs, top=ranked, path_sample=path_sample, busiest_pairs=0)


def _score_in(report: SiloReport, target: Bottleneck) -> float:
    found = [b.score for b in report.bottlenecks if (b.kind, b.id) == (target.kind, target.id)]
    return found[0] if found else 0.0


def _targets(report: SiloReport) -> list[Bottleneck]:
    """The first four units and four leaders ranked."""
    units = [b for b in report.bottlenecks if b.kind is BottleneckKind.UNIT][:4]
    leaders = [b for b in report.bottlenecks if b.kind is BottleneckKind.LEADER][:4]
    return units + leaders


def _moves(graphs: OrgGraphs, targets: list[Bottleneck], rng: random.Random) -> list[Move]:
    """Ties around the targets (between their contacts, where they change most) and a liaison."""
    team = graphs.collaboration
    unit = dict(team.nodes(data="unit"))
    around = sorted(
        {n for t in targets if t.kind is BottleneckKind.LEADER for n in team.neighbors(t.id)}
    )
    moves: list[Move] = []
    while len(moves) < 4:
        a, b = sorted(rng.sample(around, 2))
        if unit[a] != unit[b] and not team.has_edge(a, b) and (a, b) not in moves:
            moves.append((a, b))
    contacts = tuple(sorted(rng.sample(around, 3)))
    moves.insert(2, Liaison(str(unit[contacts[0]]), contacts))
    return moves


def _changes(moves: list[Move]) -> list[AddTie | AddLiaison]:
    return [
        AddLiaison("Liaison 1", m.unit_id, m.ties_to) if isinstance(m, Liaison) else AddTie(*m)
        for m in moves
    ]


@pytest.mark.parametrize("path_sample", [None, 60])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_each_targets_score_is_the_silo_reports_on_the_changed_organization(
    seed: int, path_sample: int | None
) -> None:
    org = generate_organization(150, seed=seed)
    graphs = build_graphs(org)
    report = _everyone(graphs, path_sample)
    targets = _targets(report)
    assert {t.kind for t in targets} == set(BottleneckKind)
    moves = _moves(graphs, targets, random.Random(seed))
    ids = liaison_ids(org, 1)
    changed = 0
    for step in (0, 2, 3, len(moves)):  # ties only, then with the liaison
        growth = grow(moves[:step], ids)
        after = _everyone(
            build_graphs(apply_scenario(org, _changes(moves[:step])).snapshot), path_sample
        )
        cover = with_growth(cover_state(graphs), growth)
        first = after.bottlenecks[0]
        for target in targets:
            scorer = TargetScore(graphs, target, path_sample, 1.0)
            score = scorer.score(growth, cover)
            assert score == _score_in(after, target)
            changed += score != target.score
            worst = scorer.worst(growth, cover, ["Liaison 1"])
            assert worst is not None
            assert (worst.kind, worst.id, worst.name, worst.score) == (
                first.kind,
                first.id,
                first.name,
                first.score,
            )
    assert changed >= 4  # the moves changed scores: the comparison is not idle
    # Measuring the moves left nothing behind: with none, the scores are the ranked ones.
    for target in targets:
        scorer = TargetScore(graphs, target, path_sample, 1.0)
        for step in (2, len(moves), 0):
            growth = grow(moves[:step], ids)
            score = scorer.score(growth, with_growth(cover_state(graphs), growth))
        assert score == target.score


def test_with_nothing_added_the_score_is_the_ranked_one() -> None:
    org = generate_organization(300, seed=4)
    graphs = build_graphs(org)
    report = _everyone(graphs, 100)
    cover = cover_state(graphs)
    for target in _targets(report):
        assert TargetScore(graphs, target, 100, 1.0).score(Growth((), ()), cover) == target.score


@pytest.mark.parametrize("seed", [1, 5])
def test_each_picks_after_is_a_fresh_silo_analysis_exact(seed: int) -> None:
    org = generate_organization(150, seed=seed)
    found = recommend(org, Goal.LOWER_WORST_BOTTLENECK, count=3, path_sample=None)
    target = _everyone(build_graphs(org), None).bottlenecks[0]
    assert found.start == target.score
    changes: list[AddTie | AddLiaison] = []
    for pick in found.recommendations:
        changes.extend(pick.changes)
        after = _everyone(build_graphs(apply_scenario(org, changes).snapshot), None)
        assert pick.after == _score_in(after, target) < pick.before


def test_a_leader_target_falls_to_zero_once_routed_around() -> None:
    org = brokered()
    graphs = build_graphs(org)
    target = _everyone(graphs, None).bottlenecks[0]
    assert (target.kind, target.id) == (BottleneckKind.LEADER, "cy")
    growth = Growth((), (("ana", "bo"),))
    score = TargetScore(graphs, target, None, 1.0).score(
        growth, with_growth(cover_state(graphs), growth)
    )
    assert score == 0.0 < target.score
