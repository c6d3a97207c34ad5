"""The organization while it is being made: people, units and what later steps need of them."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from graph_queries.model import KINDS, Dependency, EntityKind, Tie, Unit


@dataclass(slots=True)
class Person:
    """A leader while the organization is being built."""

    id: str
    depth: int
    manager: int | None
    reports: list[int] = field(default_factory=list)
    unit_id: str = ""
    title: str = ""


@dataclass(slots=True)
class UnitInfo:
    """What later steps need to know about a unit: its division (root) and themes for names."""

    unit: Unit
    root: str
    theme: str  # the function or region it belongs to, which picks the names of its teams
    head: str = ""
    children: int = 0
    taken: set[str] = field(default_factory=set)  # names its sub-units already use


@dataclass(slots=True)
class Build:
    """Everything made so far; each step adds to it."""

    rng: random.Random
    people: list[Person] = field(default_factory=list)
    units: dict[str, UnitInfo] = field(default_factory=dict)
    ties: list[Tie] = field(default_factory=list)
    tied: set[tuple[str, str]] = field(default_factory=set)
    dependencies: list[Dependency] = field(default_factory=list)
    subjects: dict[str, str] = field(default_factory=dict)


def numbered_id(kind: EntityKind, number: int) -> str:
    """The id of the `number`-th entity of a kind made here: ``u1``, ``l12``, ``t30``."""
    return f"{KINDS[kind].id_prefix}{number}"
