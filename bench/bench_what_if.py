"""The what-if simulation against the execution report alone, on the same organization.

Run from the repository root::

    .venv/bin/python -m bench.bench_what_if                      # 1,000 and 10,000 leaders
    .venv/bin/python -m bench.bench_what_if --leaders 1000 --repeat 5

For each generated organization (`generate_organization(leaders=N, seed=--seed)`), a handful
of changes is drawn from it deterministically: a tie between two leaders of different units
with no tie yet, a liaison tied to two leaders of other units, a leader moved to another unit,
a dependency re-rated and an open conflict resolved. Timed in rounds (each figure once per
round, the median of `--repeat` rounds printed, after one unmeasured warm-up round that also
compiles the kernels):

- baseline: `build_graphs` then `execution_report` at `--as-of` with its defaults: what the
  service computes for a report of a version it has not seen;
- apply: `apply_scenario` alone (every change checked with the rules of a write);
- simulate cold: `simulate` with no baseline given (it analyses both organizations);
- simulate cached: `simulate` given the `baseline` computed before the clock starts, as a
  service keeping it per graph version does;
- conflicts only, cached: the resolved conflict alone, where the silo and faction analyses are
  reused and only the conflict figures run again.

The ratio is figure / baseline, measured in the same process and rounds.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta

from graph_queries.analyses.execution import execution_report
from graph_queries.generator import generate_organization
from graph_queries.graphs import build_graphs
from graph_queries.model import ConflictStatus, OrgSnapshot, Reliability
from graph_queries.scenarios import (
    AddLiaison,
    AddTie,
    Change,
    MoveLeader,
    RerateDependency,
    ResolveConflict,
    apply_scenario,
    baseline,
    simulate,
)


def draw_changes(snapshot: OrgSnapshot, as_of: date) -> tuple[list[Change], list[Change]]:
    """Five changes of different kinds, and the conflict-only one among them."""
    leaders = sorted(snapshot.leaders.values(), key=lambda leader: leader.id)
    tied = {frozenset((t.leader_a_id, t.leader_b_id)) for t in snapshot.ties.values()}
    first = leaders[0]
    other = next(
        x
        for x in reversed(leaders)
        if x.unit_id != first.unit_id and frozenset((first.id, x.id)) not in tied
    )
    middle = leaders[len(leaders) // 2]
    units = sorted(snapshot.units)
    away = next(unit for unit in units if unit != middle.unit_id)
    ties_to = (leaders[len(leaders) // 3].id, leaders[2 * len(leaders) // 3].id)
    dependency = min(snapshot.dependencies)
    conflict = min(c.id for c in snapshot.conflicts.values() if c.status is ConflictStatus.OPEN)
    resolved = min(snapshot.conflicts[conflict].raised_at + timedelta(days=60), as_of)
    resolved = max(resolved, snapshot.conflicts[conflict].raised_at)
    resolve: list[Change] = [ResolveConflict(conflict, ConflictStatus.RESOLVED_LATE, resolved)]
    changes: list[Change] = [
        AddTie(first.id, other.id),
        AddLiaison("Liaison", units[0], ties_to),
        MoveLeader(middle.id, away),
        RerateDependency(dependency, reliability=Reliability.ALWAYS),
        *resolve,
    ]
    return changes, resolve


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def measure(leaders: int, seed: int, as_of: date, repeat: int) -> None:
    snapshot = generate_organization(leaders=leaders, seed=seed)
    changes, resolve = draw_changes(snapshot, as_of)
    kept = baseline(snapshot, as_of)
    figures: dict[str, Callable[[], object]] = {
        "baseline: execution_report": lambda: execution_report(build_graphs(snapshot), as_of),
        "apply_scenario": lambda: apply_scenario(snapshot, changes),
        "simulate cold": lambda: simulate(snapshot, changes, as_of),
        "simulate cached": lambda: simulate(snapshot, changes, as_of, before=kept),
        "conflicts only, cached": lambda: simulate(snapshot, resolve, as_of, before=kept),
    }
    times: dict[str, list[float]] = {name: [] for name in figures}
    for round in range(repeat + 1):
        for name, run in figures.items():
            seconds = timed(run)
            if round:  # the first round warms up
                times[name].append(seconds)
    sample = simulate(snapshot, changes, as_of, before=kept)
    base = statistics.median(times["baseline: execution_report"])
    print(
        f"\n{leaders:,} leaders, {len(snapshot.ties):,} ties, {len(snapshot.units):,} units; "
        f"{len(changes)} changes, recomputed: {', '.join(sample.recomputed)}"
    )
    print(f"{'figure':<28} {'median s':>9} {'ratio':>7}  runs")
    for name, runs in times.items():
        median = statistics.median(runs)
        shown = " ".join(f"{r:.3f}" for r in runs)
        print(f"{name:<28} {median:>9.3f} {median / base:>7.2f}  {shown}")
    print("summary of the simulation:")
    for sentence in sample.differences.summary[:6]:
        print(f"  {sentence}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leaders", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 1, 1))
    arguments = parser.parse_args()
    for leaders in arguments.leaders:
        measure(leaders, arguments.seed, arguments.as_of, arguments.repeat)


if __name__ == "__main__":
    main()
