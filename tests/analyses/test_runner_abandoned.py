"""An analysis whose request went away: finished once and kept, and never a reason for a
stopping process to wait."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from graph_queries.analyses.catalog import Analysis
from graph_queries.context import ANONYMOUS
from graph_queries.graphs import OrgGraphs
from graph_queries.runner import AnalysisRunner
from graph_queries.stores.sqlite_store import SqliteStore
from tests.orgs import acme

released = threading.Event()


@dataclass(frozen=True)
class Nothing:
    pass


def _held(graphs: OrgGraphs, arguments: Nothing) -> int:
    """Stands for a long numba kernel: runs until the test lets it go."""
    released.wait()
    return graphs.units.number_of_nodes()


held = Analysis("held", Nothing, _held)


async def test_an_abandoned_analysis_finishes_once_into_the_cache(tmp_path: Path) -> None:
    released.clear()
    store = SqliteStore(tmp_path / "unsilo.sqlite3")
    await store.replace_organization(ANONYMOUS, acme(), expected_version=0)
    runner = AnalysisRunner()
    try:
        for _ in range(2):  # both requests give up; the second joins the first's computation
            task = asyncio.ensure_future(runner.run(store, ANONYMOUS, "acme", held, Nothing()))
            while runner.computations == 0:
                await asyncio.sleep(0.01)
            task.cancel()
        released.set()
        deadline = time.monotonic() + 60  # how long to wait at all, not a speed check
        while runner.finished_computations == 0 and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        computed = await runner.run(store, ANONYMOUS, "acme", held, Nothing())
        assert computed.result == 5
        assert (runner.computations, runner.finished_computations) == (1, 1)
    finally:
        released.set()
        await runner.close()
        await store.close()


STOPS_WHILE_COMPUTING = """
import asyncio, threading, sys
from graph_queries.daemon_pool import DaemonThreadPool

started = threading.Event()

def forever():
    started.set()
    threading.Event().wait()  # never returns, as a kernel that cannot be interrupted

pool = DaemonThreadPool(2, "unsilo-analysis")
pool.submit(forever)
started.wait()
pool.shutdown(wait=False, cancel_futures=True)
print("closed", flush=True)
"""


def test_a_computation_in_progress_does_not_hold_the_process_at_exit() -> None:
    # With concurrent.futures.ThreadPoolExecutor the interpreter joins the thread at exit:
    # this process would never end, and the timeout below would fail the test.
    done = subprocess.run(
        [sys.executable, "-c", STOPS_WHILE_COMPUTING],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "closed"
