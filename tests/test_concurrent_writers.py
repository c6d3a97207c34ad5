"""50 clients creating and editing one organization at once, over HTTP, on both stores."""

from __future__ import annotations

from pathlib import Path

from graph_queries.context import ANONYMOUS
from graph_queries.formats.json_document import to_document
from graph_queries.retry import RetryPolicy
from graph_queries.stores.sqlite_store import SqliteStore
from graph_queries.validation import validate_snapshot
from service.app import create_app
from service.settings import Settings
from tests.concurrent_writers import run_writers
from tests.conftest import Backend
from tests.live import serve
from tests.orgs import acme
from tests.test_api import IMPORT

CLIENTS = 50


async def test_every_acknowledged_write_is_stored_and_refusals_are_retryable(
    backend: Backend,
) -> None:
    # Clients resend a refused write: every one of them gets through in the end.
    await _writers_on(backend, resends=8)


async def test_without_resends_refusals_are_typed_conflicts(tmp_path: Path) -> None:
    path = tmp_path / "unsilo.sqlite3"
    await _writers_on(Backend("sqlite", lambda: SqliteStore(path)), resends=0)


async def _writers_on(backend: Backend, resends: int) -> None:
    # All 50 clients are one anonymous caller: 150 writes in a second or two would exceed the
    # default rate limit (50/s, bursts of 100) and answer 429. What is tested here is write
    # conflicts, so the limit is off (tests/test_limits.py tests it).
    with serve(create_app(Settings(rate_limit=0), backend.open)) as server:
        server.graphql(IMPORT, document=to_document(acme()))
        outcome = await run_writers(server.url, "acme", CLIENTS, resends=resends)
    # Only payloads and retryable conflicts: no INTERNAL, no 5xx, no other refusal.
    assert set(outcome.answers) <= {"payload", "WRITE_CONFLICT"}, outcome.answers
    assert outcome.unretryable_conflicts == 0
    assert outcome.answers["payload"] == len(outcome.acknowledged)
    if resends:
        assert len(outcome.acknowledged) == 3 * CLIENTS  # every client got through
    store = backend.open()
    try:
        snapshot = await store.snapshot(ANONYMOUS, "acme")
    finally:
        await store.close()
    for operation, id in outcome.acknowledged:
        if operation == "createUnit":
            assert id in snapshot.units
        elif operation == "createLeader":
            assert snapshot.leaders[id].unit_id == id.replace("wl", "w")
        else:
            assert snapshot.units[id].name == f"Renamed {id[1:]}"
    # Nothing refused was half-written: a unit exists only if its creation was acknowledged.
    created = {id for operation, id in outcome.acknowledged if operation != "updateUnit"}
    written = {id for id in [*snapshot.units, *snapshot.leaders] if id.startswith("w")}
    assert written == created
    assert validate_snapshot(snapshot) == []
    assert snapshot.version == 1 + len(outcome.acknowledged)


def test_backoff_is_bounded_full_jitter() -> None:
    policy = RetryPolicy(attempts=4, base_seconds=0.01, cap_seconds=0.05)
    for failed, bound in [(1, 0.01), (2, 0.02), (3, 0.04), (4, 0.05), (30, 0.05)]:
        delays = [policy.delay(failed) for _ in range(200)]
        assert all(0 <= delay <= bound for delay in delays)
        assert max(delays) > bound / 2  # spread over the whole range, not a fixed wait
