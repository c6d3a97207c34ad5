"""The analysis runner: off the event loop, once per graph version and arguments."""

from __future__ import annotations

import asyncio
import threading

import pytest

from graph_queries.context import ANONYMOUS
from graph_queries.graphs import OrgGraphs
from graph_queries.model import Unit
from graph_queries.runner import AnalysisRunner
from graph_queries.store import ChangeSet, Store
from tests.orgs import acme

calls: list[tuple[str, int, str]] = []


def count_units(graphs: OrgGraphs, label: str = "") -> tuple[str, int, str]:
    """A stand-in analysis that records where and on what it ran."""
    record = (label, graphs.units.number_of_nodes(), threading.current_thread().name)
    calls.append(record)
    return record


def broken(graphs: OrgGraphs) -> int:
    calls.append(("broken", 0, ""))
    raise RuntimeError("analysis failed")


@pytest.fixture
async def seeded(store: Store) -> Store:
    calls.clear()
    await store.replace_organization(ANONYMOUS, acme(), expected_version=0)
    return store


async def test_runs_in_a_worker_thread_once_per_version(seeded: Store) -> None:
    runner = AnalysisRunner()
    first = await runner.run(seeded, ANONYMOUS, "acme", count_units, "a")
    again = await runner.run(seeded, ANONYMOUS, "acme", count_units, "a")
    assert first == again
    assert first.result[1] == 5
    assert first.graph_version == 1
    assert first.result[2].startswith("unsilo-analysis")
    assert first.result[2] != threading.current_thread().name
    assert runner.computations == 1

    other_args = await runner.run(seeded, ANONYMOUS, "acme", count_units, "b")
    assert other_args.result[0] == "b"
    assert runner.computations == 2

    await seeded.commit(ANONYMOUS, "acme", 1, ChangeSet(upserts=[Unit("u6", "Finance")]))
    after_write = await runner.run(seeded, ANONYMOUS, "acme", count_units, "a")
    assert after_write.graph_version == 2
    assert after_write.result[1] == 6
    assert after_write.computed_at >= first.computed_at
    assert runner.computations == 3
    await runner.close()


async def test_concurrent_requests_share_one_computation(seeded: Store) -> None:
    runner = AnalysisRunner()
    results = await asyncio.gather(
        *(runner.run(seeded, ANONYMOUS, "acme", count_units, "same") for _ in range(8))
    )
    assert len({r.computed_at for r in results}) == 1
    assert runner.computations == 1
    assert len(calls) == 1
    await runner.close()


async def test_a_failure_is_not_cached(seeded: Store) -> None:
    runner = AnalysisRunner()
    for _ in range(2):
        with pytest.raises(RuntimeError, match="analysis failed"):
            await runner.run(seeded, ANONYMOUS, "acme", broken)
    assert [c[0] for c in calls] == ["broken", "broken"]
    await runner.close()
