"""Units and titles: executives and managers head a unit, everyone else joins their manager's."""

from __future__ import annotations

import random
from collections.abc import Sequence

from graph_queries.generator._build import Build, Person, UnitInfo, numbered_id
from graph_queries.generator._hierarchy import leader_level
from graph_queries.generator._vocabulary import (
    CORPORATE_FUNCTIONS,
    DIVISIONS,
    FIRST_NAMES,
    FUNCTIONS,
    LAST_NAMES,
    RANKS,
    REGIONS,
    SITES,
    TEAM_NOUNS,
)
from graph_queries.model import EntityKind, Leader, Unit, UnitKind


def assign_units(build: Build, divisions: int) -> None:
    """Give every leader a unit: executives and managers head one, others join their manager's."""
    people = build.people
    for index, person in enumerate(people):
        if person.manager is not None:
            people[person.manager].reports.append(index)
    _new_unit(build, people[0], "Group Executive Office", UnitKind.OTHER, None, "Executive")
    people[0].title = "Chief Executive Officer"
    for position, index in enumerate(people[0].reports):
        if position < divisions:
            _division_head(build, people[index], position)
        else:
            _function_head(build, people[index], position - divisions)
    for person in people:
        if person.depth >= 2:
            _place(build, person)


def _new_unit(
    build: Build, head: Person, name: str, kind: UnitKind, parent: str | None, theme: str
) -> None:
    id = numbered_id(EntityKind.UNIT, len(build.units) + 1)
    root = build.units[parent].root if parent is not None else id
    build.units[id] = UnitInfo(Unit(id, name, kind, parent), root, theme, head.id)
    if parent is not None:
        build.units[parent].children += 1
    head.unit_id = id


def _division_head(build: Build, person: Person, position: int) -> None:
    division = DIVISIONS[position % len(DIVISIONS)]
    _new_unit(build, person, division, UnitKind.DIVISION, None, division)
    person.title = f"President, {division}"


def _function_head(build: Build, person: Person, position: int) -> None:
    unit_name = list(CORPORATE_FUNCTIONS)[position % len(CORPORATE_FUNCTIONS)]
    executive_office = build.people[0].unit_id
    _new_unit(build, person, unit_name, UnitKind.FUNCTION, executive_office, unit_name)
    person.title = CORPORATE_FUNCTIONS[unit_name][0]


def _place(build: Build, person: Person) -> None:
    """Below the executive team: managers head a new unit under their manager's, others join it."""
    assert person.manager is not None
    parent = build.units[build.people[person.manager].unit_id]
    rank_if_managing, rank = RANKS[leader_level(person.depth)]
    if parent.theme in CORPORATE_FUNCTIONS:
        person.unit_id = parent.unit.id
        staff = CORPORATE_FUNCTIONS[parent.theme][1]
        person.title = f"Head of {_pick(build.rng, staff, parent.taken)}"
    elif person.reports:
        name, kind, theme = _sub_unit_name(build, parent)
        _new_unit(build, person, name, kind, parent.unit.id, theme)
        person.title = f"{rank_if_managing}, {name}"
    else:
        person.unit_id = parent.unit.id
        person.title = f"{rank}, {parent.unit.name}"


def _sub_unit_name(build: Build, parent: UnitInfo) -> tuple[str, UnitKind, str]:
    """Functions and regions under a division, named teams under them, numbered cells below."""
    rng = build.rng
    if parent.unit.kind is UnitKind.DIVISION:
        if rng.random() < 1 / 3:
            region = _pick(rng, REGIONS, parent.taken)
            return f"{parent.unit.name} {region}", UnitKind.REGION, "Region"
        function = _pick(rng, FUNCTIONS, parent.taken)
        return f"{parent.unit.name} {function}", UnitKind.FUNCTION, function
    if parent.unit.kind in (UnitKind.FUNCTION, UnitKind.REGION):
        noun = _pick(rng, TEAM_NOUNS.get(parent.theme, TEAM_NOUNS["Region"]), parent.taken)
        name = f"{noun} {rng.choice(SITES)}"
        return name, UnitKind.TEAM, name
    number = parent.children + 1
    if parent.unit.name == parent.theme:  # a named team: its sub-teams are numbered cells
        return f"{parent.theme} Cell {number}", UnitKind.TEAM, parent.theme
    return f"{parent.unit.name}.{number}", UnitKind.TEAM, parent.theme


def _pick(rng: random.Random, options: Sequence[str], taken: set[str]) -> str:
    """A random option not yet taken under this parent, or any once all are."""
    free = [option for option in options if option not in taken] or list(options)
    choice = rng.choice(free)
    taken.add(choice)
    return choice


def draw_leaders(build: Build) -> list[Leader]:
    rng = build.rng
    return [
        Leader(
            id=person.id,
            name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            unit_id=person.unit_id,
            level=leader_level(person.depth),
            title=person.title,
            reports_to_id=build.people[person.manager].id if person.manager is not None else None,
        )
        for person in build.people
    ]
