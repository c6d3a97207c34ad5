"""A realistic organization made up from a seed, for demos, tests and benchmarks.

The shape is that of a mid-size manufacturing group, so that the analyses have something true to
find: a CEO-led executive team split into two or three loosely linked groups, divisions with
functions, regions and teams under them, spans of control of 5 to 9, ties dense inside teams and
thin across units, dependencies mostly inside a division, and conflicts whose outcomes follow
the mix managers report in surveys (Sull, Homkes & Sull, "Why Strategy Execution Unravels",
HBR 2015). The same arguments always give the same organization, and it always validates.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TypeVar

from graph_queries.model import (
    Conflict,
    ConflictStatus,
    Dependency,
    Entity,
    Leader,
    LeaderLevel,
    Organization,
    OrgSnapshot,
    Reliability,
    Tie,
    Unit,
    UnitKind,
)

_T = TypeVar("_T")

MIN_SPAN, MAX_SPAN, TYPICAL_SPAN = 5, 9, 7
INTRA_DIVISION_SHARE = 0.8
DEPENDENCIES_PER_UNIT = 1.5
CONFLICTS_PER_DEPENDENCY = 0.6
CONFLICTS_WITH_DEPENDENCY = 0.7
OPEN_SHARE = 0.05

# How cross-unit conflicts end, in percent, as managers report it (Sull, Homkes & Sull, 2015).
SURVEY_MIX: dict[ConflictStatus, int] = {
    ConflictStatus.ANTICIPATED_AVOIDED: 15,
    ConflictStatus.RESOLVED_QUICKLY: 26,
    ConflictStatus.RESOLVED_LATE: 37,
    ConflictStatus.TRIED_FAILED: 10,
    ConflictStatus.UNADDRESSED: 12,
}
RELIABILITY_MIX: dict[Reliability, int] = {
    Reliability.ALWAYS: 10,
    Reliability.MOSTLY: 40,
    Reliability.SOMETIMES: 30,
    Reliability.RARELY: 15,
    Reliability.NEVER: 5,
}
CRITICALITY_MIX = {1: 10, 2: 20, 3: 35, 4: 25, 5: 10}

FIRST_NAMES = (
    "Amara", "Ben", "Chen", "Dana", "Elif", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kavya",
    "Lars", "Maya", "Nikolai", "Olga", "Pedro", "Quinn", "Rosa", "Samir", "Tara", "Umar",
    "Valeria", "Wei", "Ximena", "Yusuf", "Zoe", "Aisha", "Bruno", "Carmen", "Dmitri", "Emma",
    "Felix", "Gita", "Hugo", "Ingrid", "Jamal", "Keiko", "Luca", "Mei", "Noah",
)  # fmt: skip
LAST_NAMES = (
    "Adeyemi", "Berger", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad", "Ito",
    "Jensen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov", "Quist", "Rossi",
    "Schmidt", "Tanaka", "Urban", "Varga", "Wagner", "Xu", "Yilmaz", "Zhang", "Novak", "Silva",
    "Murphy", "Kim", "Patel", "Horvath", "Andersson", "Becker", "Chowdhury", "Dvorak", "Ferreira",
    "Gruber", "Hansen", "Ivanova",
)  # fmt: skip
DIVISIONS = (
    "Automotive Components", "Industrial Pumps", "Packaging Systems", "Electric Drives",
    "Agricultural Machinery", "Building Products", "Aerospace Castings", "Medical Devices",
)  # fmt: skip
CORPORATE_FUNCTIONS: dict[str, tuple[str, tuple[str, ...]]] = {  # executive, what staff head
    "Group Finance": ("Chief Financial Officer", ("Controlling", "Treasury", "Tax", "Accounting")),
    "Group People": ("Chief People Officer", ("Talent", "Rewards", "Learning", "HR Operations")),
    "Group Technology": ("Chief Technology Officer", ("Infrastructure", "Applications", "Data")),
    "Group Strategy": ("Chief Strategy Officer", ("Corporate Development", "Transformation")),
}
FUNCTIONS = ("Operations", "Sales", "Engineering", "Supply Chain", "Quality", "Service")
REGIONS = ("Europe", "North America", "Asia Pacific", "Latin America", "Middle East & Africa")
TEAM_NOUNS: dict[str, tuple[str, ...]] = {
    "Operations": ("Assembly", "Machining", "Maintenance", "Logistics", "Welding", "Paint Shop"),
    "Sales": ("Key Accounts", "Inside Sales", "Field Sales", "Channel Partners", "Tenders"),
    "Engineering": ("Product Design", "Testing", "Tooling", "Software", "Materials"),
    "Supply Chain": ("Purchasing", "Planning", "Warehousing", "Supplier Quality", "Transport"),
    "Quality": ("Quality Control", "Metrology", "Audits", "Customer Quality"),
    "Service": ("Field Service", "Spare Parts", "Repairs", "Customer Support"),
    "Region": ("Sales", "Service", "Distribution", "Customer Support", "Marketing"),
}
SITES = (
    "Leipzig", "Ostrava", "Monterrey", "Pune", "Lyon", "Porto", "Suzhou", "Gdansk", "Curitiba",
    "Ohio", "Kosice", "Izmir", "Nagoya", "Brno", "Graz", "Turin", "Austin", "Penang",
)  # fmt: skip
SUBJECTS = (
    "parts supply", "delivery dates", "demand forecasts", "engineering changes", "quality data",
    "maintenance windows", "pricing approvals", "capacity plans", "customer escalations",
    "system access", "budget approvals", "test results", "spare parts", "shared staff",
)  # fmt: skip
CONFLICT_OPENERS = (
    "Disagreement over", "Missed commitment on", "Competing priorities for", "Escalation about",
)  # fmt: skip
# Titles by level: (a leader with reports, a leader without).
RANKS: dict[LeaderLevel, tuple[str, str]] = {
    LeaderLevel.SENIOR: ("Vice President", "Director"),
    LeaderLevel.MIDDLE: ("Senior Manager", "Manager"),
    LeaderLevel.FRONTLINE: ("Supervisor", "Team Leader"),
}


@dataclass(slots=True)
class _Person:
    """A leader while the organization is being built."""

    id: str
    depth: int
    manager: int | None
    reports: list[int] = field(default_factory=list)
    unit_id: str = ""
    title: str = ""


@dataclass(slots=True)
class _UnitInfo:
    """What later steps need to know about a unit: its division (root) and themes for names."""

    unit: Unit
    root: str
    theme: str  # the function or region it belongs to, which picks the names of its teams
    head: str = ""
    children: int = 0
    taken: set[str] = field(default_factory=set)  # names its sub-units already use


@dataclass(slots=True)
class _Build:
    """Everything made so far; each step adds to it."""

    rng: random.Random
    people: list[_Person] = field(default_factory=list)
    units: dict[str, _UnitInfo] = field(default_factory=dict)
    ties: list[Tie] = field(default_factory=list)
    tied: set[tuple[str, str]] = field(default_factory=set)
    dependencies: list[Dependency] = field(default_factory=list)
    subjects: dict[str, str] = field(default_factory=dict)


def generate_organization(
    leaders: int = 100,
    seed: int = 7,
    organization_id: str = "demo",
    name: str = "Demo Manufacturing Group",
    today: date = date(2026, 1, 1),
) -> OrgSnapshot:
    """Make an organization with `leaders` leaders; the same arguments give the same result."""
    if leaders < 1:
        raise ValueError(f"an organization needs at least one leader, not {leaders}")
    build = _Build(random.Random(seed))
    divisions, functions = _executive_team_size(leaders)
    parents = _reporting_tree(leaders, divisions + functions, divisions, build.rng)
    build.people = _people(parents)
    _assign_units(build, divisions)
    _add_executive_ties(build, divisions)
    _add_team_ties(build)
    _add_cross_unit_ties(build)
    _add_dependencies(build)
    conflicts = _conflicts(build, today)
    entities: list[Entity] = [info.unit for info in build.units.values()]
    entities += _leaders(build)
    entities += [*build.dependencies, *conflicts, *build.ties]
    return OrgSnapshot.of(Organization(organization_id, name), entities)


def largest_remainder(total: int, weights: Sequence[int]) -> list[int]:
    """Split `total` in proportion to `weights` into whole numbers that add up to `total`.

    Each part gets the whole part of its quota; what is left goes one by one to the parts with
    the largest remainders (Hamilton's method; ties to the earlier part), so that even small
    totals follow the mix. Integer weights keep the arithmetic exact.
    """
    scale = sum(weights)
    counts = [total * weight // scale for weight in weights]
    remainders = [total * weight % scale for weight in weights]
    by_remainder = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


# ---- the reporting hierarchy ---------------------------------------------------------------------


def _executive_team_size(leaders: int) -> tuple[int, int]:
    """How many division heads and functional executives report to the CEO."""
    wanted_divisions = min(len(DIVISIONS), 2 + round(math.log10(leaders)))
    team = min(leaders - 1, wanted_divisions + 3, MAX_SPAN)
    functions = min(3, team // 2)
    return team - functions, functions


def _reporting_tree(
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


def _people(parents: list[int | None]) -> list[_Person]:
    """One person per leader; managers come before their reports, so depths build up in order."""
    people: list[_Person] = []
    for index, parent in enumerate(parents):
        depth = 0 if parent is None else people[parent].depth + 1
        people.append(_Person(id=f"l{index + 1}", depth=depth, manager=parent))
    return people


def _level(depth: int) -> LeaderLevel:
    """The CEO and the executive team, then one level per layer, frontline from the fifth down."""
    if depth <= 1:
        return LeaderLevel.EXECUTIVE
    if depth == 2:
        return LeaderLevel.SENIOR
    return LeaderLevel.MIDDLE if depth == 3 else LeaderLevel.FRONTLINE


# ---- units and titles ----------------------------------------------------------------------------


def _assign_units(build: _Build, divisions: int) -> None:
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
    build: _Build, head: _Person, name: str, kind: UnitKind, parent: str | None, theme: str
) -> None:
    id = f"u{len(build.units) + 1}"
    root = build.units[parent].root if parent is not None else id
    build.units[id] = _UnitInfo(Unit(id, name, kind, parent), root, theme, head.id)
    if parent is not None:
        build.units[parent].children += 1
    head.unit_id = id


def _division_head(build: _Build, person: _Person, position: int) -> None:
    division = DIVISIONS[position % len(DIVISIONS)]
    _new_unit(build, person, division, UnitKind.DIVISION, None, division)
    person.title = f"President, {division}"


def _function_head(build: _Build, person: _Person, position: int) -> None:
    unit_name = list(CORPORATE_FUNCTIONS)[position % len(CORPORATE_FUNCTIONS)]
    _new_unit(build, person, unit_name, UnitKind.FUNCTION, "u1", unit_name)
    person.title = CORPORATE_FUNCTIONS[unit_name][0]


def _place(build: _Build, person: _Person) -> None:
    """Below the executive team: managers head a new unit under their manager's, others join it."""
    assert person.manager is not None
    parent = build.units[build.people[person.manager].unit_id]
    rank_if_managing, rank = RANKS[_level(person.depth)]
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


def _sub_unit_name(build: _Build, parent: _UnitInfo) -> tuple[str, UnitKind, str]:
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


def _leaders(build: _Build) -> list[Leader]:
    rng = build.rng
    return [
        Leader(
            id=person.id,
            name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            unit_id=person.unit_id,
            level=_level(person.depth),
            title=person.title,
            reports_to_id=build.people[person.manager].id if person.manager is not None else None,
        )
        for person in build.people
    ]


# ---- collaboration ties --------------------------------------------------------------------------


def _tie(build: _Build, a: str, b: str, low: float, high: float, kind: str) -> None:
    """Add an undirected tie unless the pair already has one."""
    pair = (a, b) if a < b else (b, a)
    if a == b or pair in build.tied:
        return
    build.tied.add(pair)
    strength = round(build.rng.uniform(low, high), 2)
    build.ties.append(Tie(f"t{len(build.ties) + 1}", a, b, strength, kind))


def _add_executive_ties(build: _Build, divisions: int) -> None:
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


def _executive_groups(build: _Build, divisions: int) -> list[list[str]]:
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


def _add_team_ties(build: _Build) -> None:
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


def _add_cross_unit_ties(build: _Build) -> None:
    """A few ties across teams, mostly inside the division, rarely beyond it."""
    rng = build.rng
    below = [person for person in build.people if person.depth >= 2]
    by_root: dict[str, list[_Person]] = {}
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


# ---- dependencies and conflicts ------------------------------------------------------------------


def _add_dependencies(build: _Build) -> None:
    """About 1.5 per unit, 80% of them between two units of the same division."""
    units = list(build.units)
    if len(units) < 2:
        return
    by_root: dict[str, list[str]] = {}
    for id, info in build.units.items():
        by_root.setdefault(info.root, []).append(id)
    target = min(round(DEPENDENCIES_PER_UNIT * len(units)), len(units) * (len(units) - 1))
    intra = round(INTRA_DIVISION_SHARE * target)
    inside_flags = [True] * intra + [False] * (target - intra)
    build.rng.shuffle(inside_flags)
    pairs: set[tuple[str, str]] = set()
    for inside in inside_flags:
        # A tiny organization may have no two units in one division: then it goes across.
        pair = _draw_pair(build, units, by_root, inside, pairs)
        pair = pair or _draw_pair(build, units, by_root, not inside, pairs)
        if pair is not None:
            pairs.add(pair)
            build.dependencies.append(_dependency(build, *pair))


def _draw_pair(
    build: _Build,
    units: list[str],
    by_root: dict[str, list[str]],
    inside: bool,
    taken: set[tuple[str, str]],
) -> tuple[str, str] | None:
    """A new (from, to) pair inside one division or across two; None when none turns up."""
    for _ in range(50):
        start = build.rng.choice(units)
        root = build.units[start].root
        end = build.rng.choice(by_root[root] if inside else units)
        same_root = build.units[end].root == root
        if end != start and same_root == inside and (start, end) not in taken:
            return start, end
    return None


def _dependency(build: _Build, start: str, end: str) -> Dependency:
    rng = build.rng
    subject = rng.choice(SUBJECTS)
    heads = (build.units[start].head, build.units[end].head)
    owners = rng.choices([(), heads[:1], heads[1:], heads], weights=[35, 30, 10, 25])[0]
    id = f"d{len(build.dependencies) + 1}"
    build.subjects[id] = subject
    return Dependency(
        id=id,
        from_unit_id=start,
        to_unit_id=end,
        criticality=_weighted(rng, CRITICALITY_MIX),
        reliability=_weighted(rng, RELIABILITY_MIX),
        description=f"Needs {subject} from {build.units[end].unit.name}",
        owner_ids=owners,
    )


def _weighted(rng: random.Random, mix: dict[_T, int]) -> _T:
    return rng.choices(list(mix), weights=list(mix.values()))[0]


def _conflicts(build: _Build, today: date) -> list[Conflict]:
    """Conflicts whose outcomes follow the survey mix exactly (largest remainder), plus a few
    recent ones still open; most are about a dependency between the two units."""
    if len(build.units) < 2:
        return []
    rng = build.rng
    total = round(CONFLICTS_PER_DEPENDENCY * len(build.dependencies))
    opened = round(OPEN_SHARE * total)
    counts = largest_remainder(total - opened, list(SURVEY_MIX.values()))
    statuses = [ConflictStatus.OPEN] * opened
    for status, count in zip(SURVEY_MIX, counts, strict=True):
        statuses += [status] * count
    rng.shuffle(statuses)
    units = list(build.units)
    return [
        _conflict(build, units, f"c{number}", status, today)
        for number, status in enumerate(statuses, start=1)
    ]


def _conflict(
    build: _Build, units: list[str], id: str, status: ConflictStatus, today: date
) -> Conflict:
    rng = build.rng
    raised, resolved = _dates(rng, status, today)
    if build.dependencies and rng.random() < CONFLICTS_WITH_DEPENDENCY:
        dependency = rng.choice(build.dependencies)
        a, b = dependency.from_unit_id, dependency.to_unit_id
        subject, dependency_id = build.subjects[dependency.id], dependency.id
        severity = min(5, max(1, dependency.criticality + rng.choice((-1, 0, 0, 1))))
    else:
        a, b = rng.sample(units, 2)
        subject, dependency_id = rng.choice(SUBJECTS), None
        severity = _weighted(rng, CRITICALITY_MIX)
    return Conflict(
        id=id,
        unit_a_id=a,
        unit_b_id=b,
        raised_at=raised,
        status=status,
        severity=severity,
        summary=f"{rng.choice(CONFLICT_OPENERS)} {subject}",
        dependency_id=dependency_id,
        resolved_at=resolved,
    )


def _dates(rng: random.Random, status: ConflictStatus, today: date) -> tuple[date, date | None]:
    """When it was raised (within the year before `today`) and resolved (never after `today`)."""
    if status is ConflictStatus.OPEN:
        return today - timedelta(days=rng.randint(1, 30)), None
    delay = {
        ConflictStatus.ANTICIPATED_AVOIDED: (0, 3),
        ConflictStatus.RESOLVED_QUICKLY: (1, 14),
        ConflictStatus.RESOLVED_LATE: (30, 180),
    }.get(status)
    if delay is None:
        return today - timedelta(days=rng.randint(1, 365)), None
    days = rng.randint(*delay)
    raised = today - timedelta(days=rng.randint(max(days, 1), 365))
    return raised, raised + timedelta(days=days)
