"""Cross-unit conflicts whose outcomes follow the survey mix, most of them about a dependency."""

from __future__ import annotations

import random
from datetime import date, timedelta

from graph_queries.generator._build import Build, numbered_id
from graph_queries.generator._mixes import CRITICALITY_MIX, SURVEY_MIX, largest_remainder, weighted
from graph_queries.generator._vocabulary import CONFLICT_OPENERS, SUBJECTS
from graph_queries.model import Conflict, ConflictStatus, EntityKind

CONFLICTS_PER_DEPENDENCY = 0.6
CONFLICTS_WITH_DEPENDENCY = 0.7
OPEN_SHARE = 0.05


def draw_conflicts(build: Build, today: date) -> list[Conflict]:
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
        _conflict(build, units, numbered_id(EntityKind.CONFLICT, number), status, today)
        for number, status in enumerate(statuses, start=1)
    ]


def _conflict(
    build: Build, units: list[str], id: str, status: ConflictStatus, today: date
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
        severity = weighted(rng, CRITICALITY_MIX)
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
