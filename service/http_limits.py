"""Limits enforced on the HTTP request itself, before GraphQL sees it, and the GraphQL-shaped
error responses every refusal answers with (`{"errors": [{message, extensions: {code,
requestId}}]}`), so that a client reads them like any other error."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable
from typing import TypeVar

from starlette.responses import JSONResponse, Response
from starlette.types import Message, Receive, Scope

from schema.request_ids import REQUEST_ID_HEADER
from schema.request_limits import QueryLimits
from service.settings import Settings

BODY_TOO_LARGE = "BODY_TOO_LARGE"
RATE_LIMITED = "RATE_LIMITED"
TIMEOUT = "TIMEOUT"
QUERY_TOO_LONG = "QUERY_TOO_LONG"
METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
SMALL_BODY = 4096  # refusals are this small; larger answers' codes come from the execution

T = TypeVar("T")


class Refused(Exception):
    """A request answered with an error before (or instead of) its execution."""

    def __init__(
        self, status: int, code: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}

    def response(self, request_id: str, executed: bool = False) -> JSONResponse:
        extensions = {"code": self.code, "requestId": request_id}
        error = {"message": self.message, "extensions": extensions}
        # A request that started executing has a `data` entry (null); one refused before has not.
        body: dict[str, object] = {"errors": [error]}
        if executed:
            body = {"data": None, **body}
        headers = {**self.headers, REQUEST_ID_HEADER: request_id}
        return JSONResponse(body, status_code=self.status, headers=headers)


def body_too_large(max_bytes: int) -> Refused:
    return Refused(413, BODY_TOO_LARGE, f"The request body exceeds {max_bytes} bytes.")


async def read_body(scope: Scope, receive: Receive, max_bytes: int) -> bytes:
    """The whole body, refused as soon as the declared length or the bytes received so far
    pass `max_bytes` (nothing more is read: a 100 MB body costs what its first bytes cost)."""
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                declared = int(value)
            except ValueError:
                raise Refused(400, "BAD_REQUEST", "Content-Length is not a number.") from None
            if declared > max_bytes:
                raise body_too_large(max_bytes)
    chunks: list[bytes] = []
    received = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        received += len(chunk)
        if received > max_bytes:
            raise body_too_large(max_bytes)
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def replaying(body: bytes, receive: Receive) -> Receive:
    """A `receive` that hands out the body already read, then waits on the connection (for
    its disconnect) as the original one does."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


def get_not_allowed(what: str, why: str = "GET runs queries only") -> Refused:
    return Refused(405, METHOD_NOT_ALLOWED, f"Send {what} by POST: {why}.", {"allow": "POST"})


def query_too_long(max_length: int) -> Refused:
    return Refused(400, QUERY_TOO_LONG, f"The query exceeds {max_length} characters.")


async def unless_abandoned(answer: Awaitable[T], receive: Receive) -> T | None:
    """`answer`'s result, or None once the client has disconnected: the answer is then
    cancelled, as nobody will read it (an analysis it started is finished into the cache, not
    cancelled: graph_queries/runner.py). `receive` must have delivered the whole body."""
    answering = asyncio.current_task()
    assert answering is not None
    gone = False

    async def watch() -> None:
        nonlocal gone
        await _disconnected(receive)
        gone = True
        answering.cancel()

    # One watching task, the answer in this one: a second task per request cost throughput.
    watcher = asyncio.ensure_future(watch())
    try:
        return await answer
    except asyncio.CancelledError:
        if not gone:
            raise  # cancelled from outside (the time budget, shutdown)
        answering.uncancel()
        return None
    finally:
        watcher.cancel()


async def _disconnected(receive: Receive) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass


def error_codes(response: Response) -> list[str]:
    """The `extensions.code` of each error in a small JSON answer (a refusal); [] otherwise."""
    body = getattr(response, "body", b"")
    if not body or len(body) > SMALL_BODY or response.media_type != "application/json":
        return []
    try:
        errors = json.loads(body).get("errors") or []
        return [str(error["extensions"]["code"]) for error in errors]
    except (ValueError, AttributeError, KeyError, TypeError):
        return []


def query_limits(settings: Settings) -> QueryLimits:
    """The query limits a settings object asks for."""
    return QueryLimits(
        max_query_tokens=settings.max_query_tokens,
        max_query_aliases=settings.max_query_aliases,
        max_query_depth=settings.max_query_depth,
        max_query_directives=settings.max_query_directives,
        max_query_cost=settings.max_query_cost,
        max_analyses_per_request=settings.max_analyses_per_request,
    )
