"""The HTTP-level pieces of the limits, on their own: the body reader, the abandoned-request
watch and the token bucket."""

from __future__ import annotations

import asyncio

import pytest
from starlette.types import Message

from service.http_limits import Refused, read_body, unless_abandoned
from service.rate_limit import RateLimiter, retry_after


def messages(*bodies: bytes, then: str = "http.disconnect") -> asyncio.Queue[Message]:
    queue: asyncio.Queue[Message] = asyncio.Queue()
    for n, body in enumerate(bodies):
        queue.put_nowait({"type": "http.request", "body": body, "more_body": n < len(bodies) - 1})
    queue.put_nowait({"type": then})
    return queue


async def test_the_body_is_read_up_to_the_limit_and_no_further() -> None:
    queue = messages(b"12345", b"67890")
    assert await read_body({"headers": []}, queue.get, max_bytes=10) == b"1234567890"
    queue = messages(b"12345", b"67890", b"1")
    with pytest.raises(Refused) as refused:
        await read_body({"headers": []}, queue.get, max_bytes=10)
    assert (refused.value.status, refused.value.code) == (413, "BODY_TOO_LARGE")
    declared = {"headers": [(b"content-length", b"11")]}
    with pytest.raises(Refused):
        await read_body(declared, messages(b"x").get, max_bytes=10)


async def test_an_answer_nobody_waits_for_is_cancelled() -> None:
    started, cancelled = asyncio.Event(), asyncio.Event()

    async def forever() -> str:
        started.set()
        try:
            await asyncio.Event().wait()
        finally:
            cancelled.set()
        return "never"

    async def leaving() -> Message:
        await started.wait()
        return {"type": "http.disconnect"}

    assert await unless_abandoned(forever(), leaving) is None
    await asyncio.sleep(0)  # the cancellation is delivered at the task's next step
    assert cancelled.is_set()

    async def staying() -> Message:
        await asyncio.Event().wait()
        return {"type": "http.disconnect"}

    async def quick() -> str:
        return "answer"

    assert await unless_abandoned(quick(), staying) == "answer"


def test_the_bucket_refills_at_the_rate() -> None:
    now = [0.0]
    limiter = RateLimiter(rate=2.0, burst=3, clock=lambda: now[0])
    assert [limiter.take("a") for _ in range(3)] == [None, None, None]
    assert limiter.take("a") == pytest.approx(0.5)
    assert limiter.take("b") is None
    now[0] = 0.5  # one token back
    assert limiter.take("a") is None
    assert retry_after(0.01) == "1"
    assert retry_after(2.2) == "3"


def test_forgotten_callers_start_again_with_a_full_bucket() -> None:
    limiter = RateLimiter(rate=1.0, burst=1, clock=lambda: 0.0, max_callers=2)
    assert limiter.take("a") is None
    assert limiter.take("a") is not None
    limiter.take("b")
    limiter.take("c")  # "a", least recently seen, is forgotten
    assert limiter.take("a") is None
