"""A realistic organization made up from a seed, for demos, tests and benchmarks.

The shape is that of a mid-size manufacturing group, so that the analyses have something true to
find: a CEO-led executive team split into two or three loosely linked groups, divisions with
functions, regions and teams under them, spans of control of 5 to 9, ties dense inside teams and
thin across units, dependencies mostly inside a division, and conflicts whose outcomes follow
the mix managers report in surveys (Sull, Homkes & Sull, "Why Strategy Execution Unravels",
HBR 2015). The same arguments always give the same organization, and it always validates.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date

from graph_queries.generator._build import Build
from graph_queries.generator._conflicts import draw_conflicts
from graph_queries.generator._dependencies import add_dependencies
from graph_queries.generator._hierarchy import executive_team_size, make_people, reporting_tree
from graph_queries.generator._mixes import largest_remainder
from graph_queries.generator._ties import add_cross_unit_ties, add_executive_ties, add_team_ties
from graph_queries.generator._units import assign_units, draw_leaders
from graph_queries.model import Entity, Organization, OrgSnapshot

__all__ = ["GENERATION_STEPS", "generate_organization", "largest_remainder"]

# What `generate_organization` tells its `progress`, one at a time: the steps below.
GENERATION_STEPS = 9


def generate_organization(
    leaders: int = 100,
    seed: int = 7,
    organization_id: str = "demo",
    name: str = "Demo Manufacturing Group",
    today: date = date(2026, 1, 1),
    progress: Callable[[int], None] | None = None,
) -> OrgSnapshot:
    """Make an organization with `leaders` leaders; the same arguments give the same result.

    `progress`, if given, is told `1` after each of the `GENERATION_STEPS` steps."""
    if leaders < 1:
        raise ValueError(f"an organization needs at least one leader, not {leaders}")
    step = progress or (lambda done: None)
    # Every step draws from this one generator, in this order (the leaders' names last): moving
    # a step, or a draw inside one, changes every organization made from a seed.
    build = Build(random.Random(seed))
    divisions, functions = executive_team_size(leaders)
    parents = reporting_tree(leaders, divisions + functions, divisions, build.rng)
    step(1)
    build.people = make_people(parents)
    step(1)
    assign_units(build, divisions)
    step(1)
    add_executive_ties(build, divisions)
    step(1)
    add_team_ties(build)
    step(1)
    add_cross_unit_ties(build)
    step(1)
    add_dependencies(build)
    step(1)
    conflicts = draw_conflicts(build, today)
    step(1)
    entities: list[Entity] = [info.unit for info in build.units.values()]
    entities += draw_leaders(build)
    entities += [*build.dependencies, *conflicts, *build.ties]
    step(1)
    return OrgSnapshot.of(Organization(organization_id, name), entities)
