"""The dependency coverage kept up to date by `coverage_update` is, after each added tie or
liaison, the coverage a fresh `dependency_coverage` counts on the changed organization."""

from __future__ import annotations

import random

import pytest

from graph_queries.analyses.silos import dependency_coverage
from graph_queries.generator import generate_organization
from graph_queries.graphs import build_graphs
from graph_queries.model import OrgSnapshot
from graph_queries.scenarios import AddLiaison, AddTie, apply_scenario
from graph_queries.scenarios.coverage_update import CoverState, cover_state, with_growth
from graph_queries.scenarios.moves import Liaison, Move, grow, liaison_ids

Fields = dict[tuple[str, str], tuple[object, ...]]


def _fields_of_state(state: CoverState) -> Fields:
    return {
        key: (c.dependency_ids, c.criticality, c.reliability, c.direct_ties, c.brokers, c.status)
        for key, c in state.pairs.items()
    }


def _fields_of_count(org: OrgSnapshot) -> Fields:
    return {
        (c.unit_a, c.unit_b): (
            c.dependency_ids,
            c.criticality,
            c.reliability,
            c.direct_ties,
            c.brokers,
            c.status,
        )
        for c in dependency_coverage(build_graphs(org))
    }


def _random_moves(org: OrgSnapshot, rng: random.Random, ties: int) -> list[Move]:
    """New ties between untied leaders: most across a dependency (a direct tie), some from a
    dependent unit to anyone (a new go-between), some anywhere; and two liaisons."""
    graphs = build_graphs(org)
    members: dict[str, list[str]] = {}
    for leader in sorted(org.leaders):
        members.setdefault(org.leaders[leader].unit_id, []).append(leader)
    needs = sorted((a, b) for a, b in graphs.dependencies.edges() if a in members and b in members)
    leaders = sorted(org.leaders)
    near = [leader for a, b in needs for leader in members[a] + members[b]]
    moves: list[Move] = []
    while len(moves) < ties:
        draw, (unit_a, unit_b) = rng.random(), rng.choice(needs)
        if draw < 0.6:
            a, b = rng.choice(members[unit_a]), rng.choice(members[unit_b])
        elif draw < 0.85:
            a, b = rng.choice(members[unit_a]), rng.choice(leaders)
        else:
            a, b = rng.sample(leaders, 2)
        pair = (a, b) if a < b else (b, a)
        if a != b and not graphs.collaboration.has_edge(a, b) and pair not in moves:
            moves.append(pair)
    for position in (ties // 3, ties):
        home = org.leaders[rng.choice(near)].unit_id
        moves.insert(position, Liaison(home, tuple(sorted(rng.sample(near, 3)))))
    return moves


def _changes(moves: list[Move]) -> list[AddTie | AddLiaison]:
    changes: list[AddTie | AddLiaison] = []
    for move in moves:
        if isinstance(move, Liaison):
            number = sum(isinstance(c, AddLiaison) for c in changes) + 1
            changes.append(AddLiaison(f"Liaison {number}", move.unit_id, move.ties_to))
        else:
            changes.append(AddTie(*move))
    return changes


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_each_added_tie_leaves_the_coverage_a_fresh_count_finds(seed: int) -> None:
    org = generate_organization(120 + 30 * seed, seed=seed)
    moves = _random_moves(org, random.Random(seed), ties=12)
    ids = liaison_ids(org, 2)
    state = cover_state(build_graphs(org))
    assert _fields_of_state(state) == _fields_of_count(org)
    changed = 0
    for step in range(1, len(moves) + 1):
        before = _fields_of_state(state)
        done = sum(isinstance(move, Liaison) for move in moves[: step - 1])
        state = with_growth(state, grow(moves[step - 1 : step], ids, done))
        after = apply_scenario(org, _changes(moves[:step])).snapshot
        assert _fields_of_state(state) == _fields_of_count(after)
        changed += _fields_of_state(state) != before
    assert changed >= 4  # the moves did change some coverage: the comparison is not idle


def test_the_whole_sequence_at_once_is_the_sequence_one_by_one() -> None:
    org = generate_organization(200, seed=9)
    moves = _random_moves(org, random.Random(9), ties=6)
    ids = liaison_ids(org, 2)
    start = cover_state(build_graphs(org))
    at_once = with_growth(start, grow(moves, ids))
    one_by_one = start
    for step, move in enumerate(moves):
        done = sum(isinstance(m, Liaison) for m in moves[:step])
        one_by_one = with_growth(one_by_one, grow([move], ids, done))
    assert _fields_of_state(at_once) == _fields_of_state(one_by_one)
    assert at_once.reach == one_by_one.reach
