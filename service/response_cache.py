"""Serialized answers to analysis queries, reused while the organizations they read are unchanged.

A cached analysis still cost a full GraphQL execution per request (parsing the body, resolving
every field of the result dataclasses, encoding the JSON): about 100 requests a second. This
keeps the encoded response instead, keyed by everything that decides its bytes:

- the caller (`RequestContext`: who asks and which organizations they may see);
- the query text, the operation name and the variables (as canonical JSON);
- today's date (UTC), which an omitted `asOf` stands for;
- the graph version of each organization the operation reads, read from the store on every
  request, so that a write by any process (another worker, the CLI) moves to a new key.

Every part is a value that every worker computes alike, so the same key means the same answer
in every worker (only `computedAt`, the moment one worker computed the analysis, differs).

Only an answer without GraphQL errors is stored (a partial result or a store failure never is;
typed failures such as `ValidationError` are answers like any other), and only when the versions
and the date read after executing are those read before: a write that lands while the query
runs may or may not be in the answer, so it is not stored under either version. Identical
requests that miss at the same time share one execution.
"""

from __future__ import annotations

import asyncio
import json
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from starlette.responses import Response

from graph_queries.context import RequestContext
from graph_queries.errors import UnsiloError
from graph_queries.stores.port import Store
from schema.cache_scope import cache_scope

MIB = 1024 * 1024
JSON = "application/json"


@dataclass(frozen=True, slots=True)
class ResponseKey:
    request_context: RequestContext
    query: str
    operation_name: str | None
    variables: str  # canonical JSON
    today: date
    versions: tuple[tuple[str, int], ...]  # (organization id, graph version), by id

    def reads(self, organization_id: str) -> bool:
        return any(id == organization_id for id, _ in self.versions)


@dataclass(frozen=True, slots=True)
class Storable:
    """A request whose answer may be stored, before its versions are read."""

    request_context: RequestContext
    query: str
    operation_name: str | None
    variables: str
    organization_ids: tuple[str, ...]
    operation: str | None = None  # the name of the operation it runs, if it has one

    async def key(self, store: Store) -> ResponseKey | None:
        """The key as of now; None when an organization is missing, hidden or unreachable
        (executing the query gives the right answer or error for that)."""
        today = datetime.now(UTC).date()
        try:
            versions = tuple(
                [
                    (id, await store.graph_version(self.request_context, id))
                    for id in self.organization_ids
                ]
            )
        except UnsiloError:
            return None
        return ResponseKey(
            self.request_context, self.query, self.operation_name, self.variables, today, versions
        )


def storable(
    body: bytes,
    request_context: RequestContext,
    max_query_length: int | None = None,
    max_query_tokens: int | None = None,
) -> Storable | None:
    """The request in a POST body, if its answer may be stored; None otherwise (also when its
    query is past the length or token limit: executing it refuses it)."""
    try:
        payload = json.loads(body)
    except ValueError:
        return None
    return storable_request(payload, request_context, max_query_length, max_query_tokens)


def storable_request(
    payload: Any,
    request_context: RequestContext,
    max_query_length: int | None = None,
    max_query_tokens: int | None = None,
) -> Storable | None:
    """As `storable`, for a body already parsed."""
    if not isinstance(payload, dict) or payload.get("extensions"):
        return None  # batches and extensions (persisted queries...) go the ordinary way
    query, operation_name = payload.get("query"), payload.get("operationName")
    variables = payload.get("variables") or {}
    if not isinstance(query, str) or not isinstance(variables, dict):
        return None
    if max_query_length is not None and len(query) > max_query_length:
        return None
    if operation_name is not None and not isinstance(operation_name, str):
        return None
    scope = cache_scope(query, operation_name, max_query_tokens)
    if scope is None:
        return None
    ids = scope.organization_ids(variables)
    if not ids:
        return None
    canonical = json.dumps(variables, sort_keys=True, separators=(",", ":"))
    return Storable(request_context, query, operation_name, canonical, ids, scope.operation_name)


class ResponseCache:
    """Encoded responses by `ResponseKey`, least recently used first out, within `max_bytes`."""

    def __init__(
        self, max_bytes: int, looked_up: Callable[[bool], None] = lambda hit: None
    ) -> None:
        self.max_bytes = max_bytes
        self._looked_up = looked_up  # told hit or miss (for /metrics)
        self._bodies: OrderedDict[ResponseKey, bytes] = OrderedDict()
        self._size = 0
        self._pending: dict[ResponseKey, asyncio.Future[bytes | None]] = {}
        self.executions = 0  # answers computed by executing the query (the rest were reused)

    def __len__(self) -> int:
        return len(self._bodies)

    async def answer(
        self,
        store: Store,
        request: Storable,
        execute: Callable[[], Awaitable[tuple[Response, bool]]],
    ) -> Response:
        """The stored answer, or `execute()`'s (response, answer has no errors), stored if it
        may be."""
        key = await request.key(store)
        if key is None:
            response, _ = await execute()
            return response
        body = self._get(key)
        if body is None and (pending := self._pending.get(key)) is not None:
            # Shielded: a caller that goes away must not cancel the execution others await.
            body = await asyncio.shield(pending)
        self._looked_up(body is not None)
        if body is not None:
            return Response(body, media_type=JSON)
        return await self._execute(store, request, key, execute)

    def forget(self, organization_id: str) -> None:
        """Drop the answers that read the organization (it was deleted: see AnalysisRunner)."""
        for key in [key for key in self._bodies if key.reads(organization_id)]:
            self._size -= len(self._bodies.pop(key))

    async def _execute(
        self,
        store: Store,
        request: Storable,
        key: ResponseKey,
        execute: Callable[[], Awaitable[tuple[Response, bool]]],
    ) -> Response:
        shared: asyncio.Future[bytes | None] = asyncio.get_running_loop().create_future()
        self._pending[key] = shared
        stored: bytes | None = None
        try:
            self.executions += 1
            response, clean = await execute()
            if clean and response.status_code == 200 and await request.key(store) == key:
                stored = bytes(response.body)
                self._put(key, stored)
            return response
        finally:
            # Whatever happened, the others waiting get the answer or None (execute it yourself;
            # several of them may then execute at once, each under its own future).
            if self._pending.get(key) is shared:
                del self._pending[key]
            shared.set_result(stored)

    def _get(self, key: ResponseKey) -> bytes | None:
        body = self._bodies.get(key)
        if body is not None:
            self._bodies.move_to_end(key)
        return body

    def _put(self, key: ResponseKey, body: bytes) -> None:
        if len(body) > self.max_bytes:
            return
        old = self._bodies.pop(key, None)
        if old is not None:
            self._size -= len(old)
        self._bodies[key] = body
        self._size += len(body)
        while self._size > self.max_bytes:
            _, evicted = self._bodies.popitem(last=False)
            self._size -= len(evicted)


def cache_for(
    megabytes: int, looked_up: Callable[[bool], None] = lambda hit: None
) -> ResponseCache | None:
    return ResponseCache(megabytes * MIB, looked_up) if megabytes > 0 else None
