"""The reporting tree: who reports to whom, level by level from the CEO, with spans of 5 to 9."""

from __future__ import annotations

import math
import random

from graph_queries.generator._build import Person, numbered_id
from graph_queries.generator._mixes import largest_remainder
from graph_queries.generator._vocabulary import DIVISIONS
from graph_queries.model import EntityKind, LeaderLevel

MIN_SPAN, MAX_SPAN, TYPICAL_SPAN = 5, 9, 7


def executive_team_size(leaders: int) -> tuple[int, int]:
    """How many division heads and functional executives report to the CEO."""
    wanted_divisions = min(len(DIVISIONS), 2 + round(math.log10(leaders)))
    team = min(leaders - 1, wanted_divisions + 3, MAX_SPAN)
    functions = min(3, team // 2)
    return team - functions, functions


def reporting_tree(
    leaders: int, executives: int, divisions: int, rng: random.Random
) -> list[int | None]:
    """Each leader's manager (by index), level by level from the CEO; the CEO is leader 0.

    Every manager gets 5-9 reports; only the last level, which cannot fill everyone's span, is
    shared among as few managers as keep 5-9 each, spread evenly over the divisions. Corporate
    staff (below the functional executives) lead no one: the group centre stays small.
    """
    parents: list[int | None] = [None]
    level = [0]
    depth = 0
    while len(parents) < leaders:
        remaining = leaders - len(parents)
        if depth == 0:
            spans = [min(executives, remaining)]
        else:
            candidates = _managing_candidates(level, parents, depth, divisions)
            spans = _spread(_spans(len(candidates), remaining, rng), candidates, level)
        level = _add_level(parents, level, spans)
        depth += 1
    return parents


def _managing_candidates(
    level: list[int], parents: list[int | None], depth: int, divisions: int
) -> list[int]:
    """The leaders of this level who may have reports: not the corporate staff."""
    if depth < 2:
        return level
    in_divisions = [person for person in level if _top_executive(person, parents) <= divisions]
    return in_divisions or level


def _top_executive(person: int, parents: list[int | None]) -> int:
    """The index of the executive (a CEO report) this person works under."""
    while (parent := parents[person]) not in (0, None):
        person = parent
    return person


def _spans(managers: int, remaining: int, rng: random.Random) -> list[int]:
    if remaining > MAX_SPAN * managers:
        return [rng.randint(MIN_SPAN, MAX_SPAN) for _ in range(managers)]
    if remaining < MIN_SPAN:
        return [remaining] + [0] * (managers - 1)
    fewest = math.ceil(remaining / MAX_SPAN)
    most = min(managers, remaining // MIN_SPAN)
    teams = max(fewest, min(most, round(remaining / TYPICAL_SPAN)))
    sizes = largest_remainder(remaining, [1] * teams)
    spans = [0] * managers
    for position, size in enumerate(sizes):
        spans[position * managers // teams] = size
    return spans


def _spread(spans: list[int], candidates: list[int], level: list[int]) -> list[int]:
    """Spans for the whole level, zero for those who were not candidates."""
    by_person = dict(zip(candidates, spans, strict=True))
    return [by_person.get(person, 0) for person in level]


def _add_level(parents: list[int | None], level: list[int], spans: list[int]) -> list[int]:
    next_level: list[int] = []
    for manager, span in zip(level, spans, strict=True):
        for _ in range(span):
            next_level.append(len(parents))
            parents.append(manager)
    return next_level


def make_people(parents: list[int | None]) -> list[Person]:
    """One person per leader; managers come before their reports, so depths build up in order."""
    people: list[Person] = []
    for index, parent in enumerate(parents):
        depth = 0 if parent is None else people[parent].depth + 1
        id = numbered_id(EntityKind.LEADER, index + 1)
        people.append(Person(id=id, depth=depth, manager=parent))
    return people


def leader_level(depth: int) -> LeaderLevel:
    """The CEO and the executive team, then one level per layer, frontline from the fifth down."""
    if depth <= 1:
        return LeaderLevel.EXECUTIVE
    if depth == 2:
        return LeaderLevel.SENIOR
    return LeaderLevel.MIDDLE if depth == 3 else LeaderLevel.FRONTLINE
