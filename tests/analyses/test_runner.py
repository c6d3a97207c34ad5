"""The analysis runner: off the event loop, once per graph version and arguments."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass

import pytest

from graph_queries.analyses.catalog import EXECUTIVE_FACTIONS, Analysis
from graph_queries.analyses.factions import FactionArguments
from graph_queries.context import ANONYMOUS
from graph_queries.graphs import OrgGraphs
from graph_queries.model import Unit
from graph_queries.runner import MAX_WHOLE, AnalysisRunner
from graph_queries.stores.port import ChangeSet, Store
from tests.orgs import acme

calls: list[tuple[str, int, str]] = []


@dataclass(frozen=True)
class Label:
    label: str = ""


def _count_units(graphs: OrgGraphs, arguments: Label) -> tuple[str, int, str]:
    """A stand-in analysis that records where and on what it ran."""
    record = (arguments.label, graphs.units.number_of_nodes(), threading.current_thread().name)
    calls.append(record)
    return record


def _broken(graphs: OrgGraphs, arguments: Label) -> int:
    calls.append(("broken", 0, ""))
    raise RuntimeError("analysis failed")


count_units = Analysis("count_units", Label, _count_units)
count_units_again = Analysis("count_units_again", Label, _count_units)
broken = Analysis("broken", Label, _broken)


@pytest.fixture
async def seeded(store: Store) -> Store:
    calls.clear()
    await store.replace_organization(ANONYMOUS, acme(), expected_version=0)
    return store


async def test_runs_in_a_worker_thread_once_per_version(seeded: Store) -> None:
    runner = AnalysisRunner()
    first = await runner.run(seeded, ANONYMOUS, "acme", count_units, Label("a"))
    again = await runner.run(seeded, ANONYMOUS, "acme", count_units, Label("a"))
    assert first == again
    assert first.result[1] == 5
    assert first.graph_version == 1
    assert first.result[2].startswith("unsilo-analysis")
    assert first.result[2] != threading.current_thread().name
    assert runner.computations == 1

    other_args = await runner.run(seeded, ANONYMOUS, "acme", count_units, Label("b"))
    assert other_args.result[0] == "b"
    assert runner.computations == 2

    await seeded.commit(ANONYMOUS, "acme", 1, ChangeSet(upserts=[Unit("u6", "Finance")]))
    after_write = await runner.run(seeded, ANONYMOUS, "acme", count_units, Label("a"))
    assert after_write.graph_version == 2
    assert after_write.result[1] == 6
    assert after_write.computed_at >= first.computed_at
    assert runner.computations == 3
    await runner.close()


async def test_concurrent_requests_share_one_computation(seeded: Store) -> None:
    runner = AnalysisRunner()
    results = await asyncio.gather(
        *(runner.run(seeded, ANONYMOUS, "acme", count_units, Label("same")) for _ in range(8))
    )
    assert len({r.computed_at for r in results}) == 1
    assert runner.computations == 1
    assert len(calls) == 1
    await runner.close()


async def test_a_failure_is_not_cached(seeded: Store) -> None:
    runner = AnalysisRunner()
    for _ in range(2):
        with pytest.raises(RuntimeError, match="analysis failed"):
            await runner.run(seeded, ANONYMOUS, "acme", broken, Label())
    assert [c[0] for c in calls] == ["broken", "broken"]
    await runner.close()


async def test_analyses_with_equal_arguments_are_cached_apart(seeded: Store) -> None:
    runner = AnalysisRunner()
    await runner.run(seeded, ANONYMOUS, "acme", count_units, Label("x"))
    await runner.run(seeded, ANONYMOUS, "acme", count_units_again, Label("x"))
    assert runner.computations == 2
    await runner.close()


async def test_arguments_of_another_type_are_refused(seeded: Store) -> None:
    runner = AnalysisRunner()
    with pytest.raises(TypeError, match="count_units takes Label"):
        await runner.run(seeded, ANONYMOUS, "acme", count_units, FactionArguments())  # type: ignore[arg-type]
    await runner.close()


async def test_a_catalogued_analysis_runs_on_graphs_built_off_the_loop(seeded: Store) -> None:
    runner = AnalysisRunner()
    computed = await runner.run(seeded, ANONYMOUS, "acme", EXECUTIVE_FACTIONS, FactionArguments())
    assert computed.result.organization_id == "acme"
    assert computed.graph_version == 1
    again = await runner.run(seeded, ANONYMOUS, "acme", EXECUTIVE_FACTIONS, FactionArguments())
    assert again is computed
    assert runner.computations == 1
    await runner.close()


async def test_a_forgotten_organization_is_read_and_computed_again(seeded: Store) -> None:
    runner = AnalysisRunner()
    await runner.run(seeded, ANONYMOUS, "acme", count_units, Label("a"))
    # Deleted and recreated with one unit more: version 1 again, other data.
    await seeded.delete_organization(ANONYMOUS, "acme")
    bigger = acme()
    bigger.units["u6"] = Unit("u6", "Finance")
    await seeded.replace_organization(ANONYMOUS, bigger, expected_version=0)
    runner.forget("acme")
    again = await runner.run(seeded, ANONYMOUS, "acme", count_units, Label("a"))
    assert again.graph_version == 1
    assert again.result[1] == 6
    assert runner.computations == 2
    await runner.close()


async def test_whole_results_are_few_and_apart_from_the_short_ones(seeded: Store) -> None:
    runner = AnalysisRunner()
    graphs = await runner.graphs(seeded, ANONYMOUS, "acme")
    short = await runner.run(seeded, ANONYMOUS, "acme", count_units, Label("kept"))
    for n in range(MAX_WHOLE + 1):
        await runner.run_on(graphs, count_units, Label(str(n)), whole=True)
    assert not runner.holds(graphs, count_units, Label("0"), whole=True)  # the oldest went
    assert runner.holds(graphs, count_units, Label(str(MAX_WHOLE)), whole=True)
    assert runner.holds(graphs, count_units, Label("kept"))
    assert await runner.run(seeded, ANONYMOUS, "acme", count_units, Label("kept")) == short
    await runner.close()
