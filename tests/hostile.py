"""Queries as an attacker (or a careless client) writes them: each one cost the service seconds
to minutes before the limits (docs/security.md); the tests and bench/bench_limits.py send them."""

from __future__ import annotations

import random
from datetime import date, timedelta

PAGE = "units(first: 100) { edges { node { members { edges { node { name title } } } } } }"


def fragment_bomb(organization_id: str, fragments: int = 30) -> str:
    """Each fragment spreads the previous one twice: 2^fragments spreads once expanded."""
    lines = [f'query {{ organization(id: "{organization_id}") {{ ...F{fragments - 1} }} }}']
    lines.append("fragment F0 on Organization { localId name }")
    lines += [
        f"fragment F{n} on Organization {{ ...F{n - 1} ...F{n - 1} }}" for n in range(1, fragments)
    ]
    return "\n".join(lines)


def many_aliases(organization_id: str, aliases: int = 10_000) -> str:
    fields = " ".join(f"a{n}: {PAGE}" for n in range(aliases))
    return f'{{ organization(id: "{organization_id}") {{ {fields} }} }}'


def fan_out(organization_id: str, depth: int = 12) -> str:
    """Pages and lists nested `depth` fields deep: each level multiplies the one below."""
    # organization > leaders > edges > node: four levels, and the leaf field one; connections
    # of reports (reports > edges > node: three levels each) fill the rest up to `depth`.
    inner = "localId"
    for _ in range((depth - 5) // 3):
        inner = f"reports(first: 100) {{ edges {{ node {{ {inner} }} }} }}"
    page = f"leaders(first: 100) {{ edges {{ node {{ {inner} }} }} }}"
    return f'{{ organization(id: "{organization_id}") {{ {page} }} }}'


def many_directives(directives: int = 50_000) -> str:
    return "{ organizations { localId " + " @include(if: true)" * directives + " } }"


def dated_reports(organization_id: str, reports: int = 10, seed: int = 1) -> str:
    """The same analysis at `reports` different dates: each one a computation of its own."""
    days = random.Random(seed).sample(range(1, 3000), reports)
    fields = " ".join(
        f'r{n}: executionReport(asOf: "{date(2020, 1, 1) + timedelta(days=d)}") {{ __typename }}'
        for n, d in enumerate(days)
    )
    return f'{{ organization(id: "{organization_id}") {{ {fields} }} }}'
