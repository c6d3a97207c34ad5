"""The run-time estimate of the silo analysis against the time it takes.

Run from the repository root::

    .venv/bin/python -m bench.bench_run_time                          # 5k, 10k, 20k (~3 min)
    .venv/bin/python -m bench.bench_run_time --leaders 5000 40000 --exact-cap 40000

For each generated organization (`generate_organization(leaders=N)`) it times, in wall seconds,
the silo analysis as an export runs it (`compute_results` with only `silo_bottlenecks`, every
row kept) with the default path sample and, up to `--exact-cap` leaders, with exact counts;
beside each figure, `analyses.run_time.silo_run_time`'s estimate and the ratio measured /
estimated (1.0 is a perfect estimate; the model is meant to be within a factor of 2).

Then the least-squares fit of the model's two constants (`PER_ELEMENT`, `PER_ARC_SEARCHED`)
to these runs, beside the constants in use: on a different machine, these are the numbers to
put in `graph_queries/analyses/run_time.py`. Each analysis runs once cold first (loading the
compiled kernels) unmeasured, then `--repeat` times; the fastest run is kept, the figure least
disturbed by other work on the machine.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass
from datetime import date

import numpy as np

from graph_queries.analyses import run_time
from graph_queries.analyses.silos import DEFAULT_PATH_SAMPLE
from graph_queries.exports import compute_results
from graph_queries.exports.results import SILO_BOTTLENECKS
from graph_queries.generator import generate_organization
from graph_queries.graphs import OrgGraphs, build_graphs

AS_OF = date(2026, 1, 1)


@dataclass(frozen=True)
class Run:
    leaders: int
    path_sample: int | None
    estimate: run_time.RunTimeEstimate
    seconds: float


def measure(graphs: OrgGraphs, path_sample: int | None, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        compute_results(
            graphs, AS_OF, 1, (SILO_BOTTLENECKS,), include_small_groups=True,
            path_sample=path_sample,
        )  # fmt: skip
        times.append(time.perf_counter() - start)
    return min(times)


def fitted(runs: list[Run]) -> tuple[float, float]:
    """(PER_ELEMENT, PER_ARC_SEARCHED) minimizing the squared relative error over `runs`."""
    rows, targets = [], []
    for run in runs:
        # Relative error: each run weighs the same whatever its length.
        rows.append([run.estimate.elements / run.seconds, run.estimate.arcs_searched / run.seconds])
        targets.append(1.0)
    solution, *_ = np.linalg.lstsq(np.array(rows), np.array(targets), rcond=None)
    return float(solution[0]), float(solution[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--leaders", type=int, nargs="+", default=[5000, 10000, 20000])
    parser.add_argument("--exact-cap", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    runs: list[Run] = []
    print(f"{'leaders':>8} {'paths':>8} {'estimate s':>11} {'measured s':>11} {'ratio':>6}")
    for leaders in args.leaders:
        graphs = build_graphs(generate_organization(leaders=leaders))
        samples: list[int | None] = [DEFAULT_PATH_SAMPLE]
        if leaders <= args.exact_cap:
            samples.append(None)
        measure(graphs, DEFAULT_PATH_SAMPLE, 1)  # cold: loads the compiled kernels
        for sample in samples:
            estimate = run_time.silo_run_time(graphs, sample)
            seconds = measure(graphs, sample, args.repeat)
            runs.append(Run(leaders, sample, estimate, seconds))
            paths = "exact" if sample is None else str(sample)
            print(
                f"{leaders:>8} {paths:>8} {estimate.seconds:>11.1f} {seconds:>11.1f} "
                f"{seconds / estimate.seconds:>6.2f}",
                flush=True,
            )
    per_element, per_arc = fitted(runs)
    print(
        f"fitted: PER_ELEMENT = {per_element:.2e}, PER_ARC_SEARCHED = {per_arc:.2e} "
        f"(in use: {run_time.PER_ELEMENT:.2e}, {run_time.PER_ARC_SEARCHED:.2e})"
    )


if __name__ == "__main__":
    main()
