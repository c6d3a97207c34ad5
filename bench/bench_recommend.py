"""The recommendation search against one execution report, on the same organization.

Run from the repository root::

    .venv/bin/python -m bench.bench_recommend                      # 1,000 and 10,000 leaders
    .venv/bin/python -m bench.bench_recommend --leaders 1000 --repeat 5
    .venv/bin/python -m bench.bench_recommend --leaders 1000 5000 10000 --liaisons

For each generated organization (`generate_organization(leaders=N, seed=--seed)`), timed in
rounds (the median of `--repeat` rounds printed, after one unmeasured warm-up round that also
compiles the kernels):

- baseline: `build_graphs` then `execution_report` at `--as-of` with its defaults;
- each goal of `scenarios.recommend` with its defaults (3 recommendations, 40 candidates at
  most, 2 new ties per person at most), printed with the evaluations it made and its bound;
- with `--liaisons`, each goal again with `liaisons=True` (liaisons weighed beside the ties).

The ratio is figure / baseline, measured in the same process and rounds; the range of the
rounds follows in brackets (the machine is shared: read the median with its spread).
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import date

from graph_queries.analyses.execution import execution_report
from graph_queries.generator import generate_organization
from graph_queries.graphs import build_graphs
from graph_queries.model import OrgSnapshot
from graph_queries.scenarios import AddLiaison, Goal, Recommendations, recommend


def run(leaders: int, seed: int, repeat: int, as_of: date, liaisons: bool) -> None:
    snapshot = generate_organization(leaders=leaders, seed=seed)
    timings: dict[str, list[float]] = {"baseline": []}
    found: dict[str, Recommendations] = {}
    runs = [(goal.value, goal, False) for goal in Goal]
    if liaisons:
        runs += [(f"{goal.value} + liaisons", goal, True) for goal in Goal]
    for round_number in range(repeat + 1):  # round 0 warms up
        started = time.perf_counter()
        execution_report(build_graphs(snapshot), as_of)
        baseline = time.perf_counter() - started
        if round_number:
            timings["baseline"].append(baseline)
        for label, goal, with_liaisons in runs:
            started = time.perf_counter()
            found[label] = recommend(snapshot, goal, liaisons=with_liaisons)
            seconds = time.perf_counter() - started
            if round_number:
                timings.setdefault(label, []).append(seconds)
    _print(leaders, snapshot, timings, found)


def _print(
    leaders: int,
    snapshot: OrgSnapshot,
    timings: dict[str, list[float]],
    found: dict[str, Recommendations],
) -> None:
    base = statistics.median(timings["baseline"])
    print(f"{leaders} leaders ({len(snapshot.ties)} ties), median of {len(timings['baseline'])}")
    spread = _spread(timings["baseline"])
    print(f"  {'baseline execution_report':<44}{base:8.3f} s  ratio 1.00  {spread}")
    for label, result in found.items():
        seconds = statistics.median(timings[label])
        liaisons = sum(
            isinstance(change, AddLiaison) for r in result.recommendations for change in r.changes
        )
        print(
            f"  {label:<44}{seconds:8.3f} s  ratio {seconds / base:.2f}  "
            f"{_spread(timings[label])}  "
            f"evaluations {result.evaluations}/{result.evaluation_bound} over "
            f"{result.candidates} candidates, {len(result.recommendations)} found "
            f"({liaisons} liaisons), "
            f"{result.start:.3f} -> "
            f"{result.recommendations[-1].after if result.recommendations else result.start:.3f}"
        )


def _spread(seconds: list[float]) -> str:
    """The range of the rounds, so that a median taken on a shared machine shows its noise."""
    return f"[{min(seconds):.3f}-{max(seconds):.3f}]"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leaders", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 1, 1))
    parser.add_argument("--liaisons", action="store_true", help="also with liaisons=True")
    arguments = parser.parse_args()
    for leaders in arguments.leaders:
        run(leaders, arguments.seed, arguments.repeat, arguments.as_of, arguments.liaisons)


if __name__ == "__main__":
    main()
