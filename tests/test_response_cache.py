"""The store of encoded answers on its own, over a real store: identical requests that miss at
once share one execution; an answer with errors, or a caller gone, leaves the others to execute."""

from __future__ import annotations

import asyncio
import json

import pytest
from starlette.responses import Response

from graph_queries.context import ANONYMOUS
from graph_queries.stores.port import Store
from service.response_cache import ResponseCache, Storable, storable
from tests.orgs import acme

QUERY = '{ organization(id: "acme") { executiveFactions { __typename } } }'


@pytest.fixture
async def seeded(store: Store) -> Store:
    await store.replace_organization(ANONYMOUS, acme(), expected_version=0)
    return store


def request() -> Storable:
    wanted = storable(json.dumps({"query": QUERY}).encode(), ANONYMOUS)
    assert wanted is not None
    return wanted


class Execution:
    """Stands for executing the query: counts calls, answers after the gate opens."""

    def __init__(self, clean: bool) -> None:
        self.clean = clean
        self.calls = 0
        self.gate = asyncio.Event()

    async def __call__(self) -> tuple[Response, bool]:
        self.calls += 1
        await self.gate.wait()
        return Response(f'{{"n":{self.calls}}}', media_type="application/json"), self.clean


async def test_identical_misses_share_one_execution(seeded: Store) -> None:
    cache, execution = ResponseCache(1 << 20), Execution(clean=True)
    waiting = [asyncio.create_task(cache.answer(seeded, request(), execution)) for _ in range(6)]
    await asyncio.sleep(0.05)
    execution.gate.set()
    bodies = {bytes((await task).body) for task in waiting}
    assert bodies == {b'{"n":1}'}
    assert execution.calls == 1
    assert len(cache) == 1


async def test_an_answer_with_errors_leaves_each_waiting_request_to_execute(seeded: Store) -> None:
    cache, execution = ResponseCache(1 << 20), Execution(clean=False)
    waiting = [asyncio.create_task(cache.answer(seeded, request(), execution)) for _ in range(4)]
    await asyncio.sleep(0.05)
    execution.gate.set()
    await asyncio.gather(*waiting)
    assert execution.calls == 4
    assert len(cache) == 0


async def test_a_caller_that_goes_away_does_not_fail_the_others(seeded: Store) -> None:
    cache, execution = ResponseCache(1 << 20), Execution(clean=True)
    leader = asyncio.create_task(cache.answer(seeded, request(), execution))
    await asyncio.sleep(0.05)
    followers = [asyncio.create_task(cache.answer(seeded, request(), execution)) for _ in range(3)]
    await asyncio.sleep(0.05)
    leader.cancel()
    await asyncio.sleep(0.05)
    execution.gate.set()
    bodies = [bytes((await task).body) for task in followers]
    assert all(body.startswith(b'{"n":') for body in bodies)
    assert leader.cancelled()
    assert execution.calls >= 2  # the leader's, then the followers' own
    assert len(cache) == 1


async def test_the_least_recently_used_answers_go_first_within_the_budget(seeded: Store) -> None:
    cache = ResponseCache(max_bytes=20)
    for top in (1, 2, 3):
        query = QUERY.replace(
            "executiveFactions", f'executionReport(asOf: "2025-12-31", top: {top})'
        )
        wanted = storable(json.dumps({"query": query}).encode(), ANONYMOUS)
        assert wanted is not None

        async def execute() -> tuple[Response, bool]:
            return Response(b"x" * 8, media_type="application/json"), True

        await cache.answer(seeded, wanted, execute)
    assert len(cache) == 2  # 3 x 8 bytes do not fit in 20
    assert cache.executions == 3
