"""Dependencies between units, most of them inside one division."""

from __future__ import annotations

from graph_queries.generator._build import Build, numbered_id
from graph_queries.generator._mixes import CRITICALITY_MIX, RELIABILITY_MIX, weighted
from graph_queries.generator._vocabulary import SUBJECTS
from graph_queries.model import Dependency, EntityKind

INTRA_DIVISION_SHARE = 0.8
DEPENDENCIES_PER_UNIT = 1.5


def add_dependencies(build: Build) -> None:
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
    build: Build,
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


def _dependency(build: Build, start: str, end: str) -> Dependency:
    rng = build.rng
    subject = rng.choice(SUBJECTS)
    heads = (build.units[start].head, build.units[end].head)
    owners = rng.choices([(), heads[:1], heads[1:], heads], weights=[35, 30, 10, 25])[0]
    id = numbered_id(EntityKind.DEPENDENCY, len(build.dependencies) + 1)
    build.subjects[id] = subject
    return Dependency(
        id=id,
        from_unit_id=start,
        to_unit_id=end,
        criticality=weighted(rng, CRITICALITY_MIX),
        reliability=weighted(rng, RELIABILITY_MIX),
        description=f"Needs {subject} from {build.units[end].unit.name}",
        owner_ids=owners,
    )
