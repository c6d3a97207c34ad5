"""Collaboration ties: dense inside teams and executive groups, thin across units."""

from __future__ import annotations

import itertools

from graph_queries.generator._build import Build, Person, numbered_id
from graph_queries.model import EntityKind, Tie


def _tie(build: Build, a: str, b: str, low: float, high: float, kind: str) -> None:
    """Add an undirected tie unless the pair already has one."""
    pair = (a, b) if a < b else (b, a)
    if a == b or pair in build.tied:
        return
    build.tied.add(pair)
    strength = round(build.rng.uniform(low, high), 2)
    build.ties.append(Tie(numbered_id(EntityKind.TIE, len(build.ties) + 1), a, b, strength, kind))


def add_executive_ties(build: Build, divisions: int) -> None:
    """Two or three groups, dense inside (strength 0.6 or more), joined by one or two weak
    links (below 0.3) between neighbouring groups.

    The CEO sits with the functional executives; the division heads form one or two groups of
    their own. This is the split at the top that silo analyses are meant to reveal.
    """
    groups = _executive_groups(build, divisions)
    for group in groups:
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                _tie(build, a, b, 0.6, 1.0, "executive")
    for left, right in itertools.pairwise(groups):
        for _ in range(build.rng.choice((1, 2))):
            _tie(build, build.rng.choice(left), build.rng.choice(right), 0.05, 0.2, "executive")


def _executive_groups(build: Build, divisions: int) -> list[list[str]]:
    ceo = build.people[0]
    heads = [build.people[index].id for index in ceo.reports]
    division_heads, function_heads = heads[:divisions], heads[divisions:]
    groups = [[ceo.id, *function_heads]]
    if len(division_heads) >= 4 and build.rng.random() < 0.5:
        half = len(division_heads) // 2
        groups += [division_heads[:half], division_heads[half:]]
    else:
        groups.append(division_heads)
    return [group for group in groups if group]


def add_team_ties(build: Build) -> None:
    """Every manager with each report, and most peers under the same manager with each other."""
    people = build.people
    for person in people[1:]:
        reports = [people[index].id for index in person.reports]
        for report in reports:
            _tie(build, person.id, report, 0.6, 1.0, "reporting")
        for i, a in enumerate(reports):
            for b in reports[i + 1 :]:
                if build.rng.random() < 0.6:
                    _tie(build, a, b, 0.3, 0.8, "peer")


def add_cross_unit_ties(build: Build) -> None:
    """A few ties across teams, mostly inside the division, rarely beyond it."""
    rng = build.rng
    below = [person for person in build.people if person.depth >= 2]
    by_root: dict[str, list[Person]] = {}
    for person in below:
        by_root.setdefault(build.units[person.unit_id].root, []).append(person)
    for person in below:
        if rng.random() < 0.3:
            other = rng.choice(by_root[build.units[person.unit_id].root])
            if other.manager != person.manager:
                _tie(build, person.id, other.id, 0.1, 0.5, "collaboration")
        if rng.random() < 0.08:
            other = rng.choice(below)
            _tie(build, person.id, other.id, 0.05, 0.3, "collaboration")
