"""The GraphQL endpoint: who calls, the limits around execution, the answer's media type and
the response cache, on top of strawberry's ASGI app."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import anyio.to_thread
from cross_web import HTTPException
from graphql import OperationType
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult

from graph_queries.context import ANONYMOUS, RequestContext
from schema import schema
from schema.context import GraphQLContext
from schema.request_ids import REQUEST_ID_HEADER, current_request_id, new_request_id
from service.authentication import Unauthenticated, unauthenticated
from service.graphiql_page import GraphiQLPage
from service.http_limits import (
    RATE_LIMITED,
    TIMEOUT,
    Refused,
    error_codes,
    get_not_allowed,
    query_limits,
    query_too_long,
    read_body,
    replaying,
    unless_abandoned,
)
from service.logs import log_request
from service.media_types import GRAPHQL_RESPONSE, answer_as, negotiate, request_error
from service.metrics import Metrics
from service.operation_types import may_subscribe, operation_type
from service.persisted_queries import PersistedQueries, with_body
from service.rate_limit import RateLimiter, retry_after
from service.request_body import BAD_REQUEST, graphql_error, graphql_get, read_graphql_request
from service.response_cache import ResponseCache, storable_request
from service.settings import Settings
from service.subscription_socket import BoundedWebSocketAdapter, SubscriptionSocket
from service.websocket_gate import (
    CONNECTION_INIT_SECONDS,
    FORBIDDEN,
    SUBPROTOCOL_NOT_ACCEPTABLE,
    CallerSockets,
    close_reason,
    deny,
    handshake_denial,
    subprotocol_refusal,
)

log = logging.getLogger("unsilo")


def request_context(request: Request | WebSocket) -> RequestContext:
    """Who is calling when no credential source is configured (development): anyone, as
    the anonymous developer. `Authenticator.identify` replaces it when one is."""
    return ANONYMOUS


Identify = Callable[[Request | WebSocket], RequestContext]
UNIDENTIFIED = RequestContext(caller="unidentified")  # no grants: sees no organization
SUBSCRIPTIONS_BY_WEBSOCKET = (
    "Subscriptions are served over WebSocket at /graphql (graphql-transport-ws), not by HTTP."
)


class UnsiloGraphQL(GraphQL[GraphQLContext, None]):
    graphql_transport_ws_handler_class = SubscriptionSocket
    websocket_adapter_class = BoundedWebSocketAdapter

    def __init__(
        self,
        settings: Settings,
        identify: Identify = request_context,
        may_block: bool = False,
        metrics: Metrics | None = None,
        ide_page: GraphiQLPage | None = None,
    ) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql" if settings.graphiql else None,
            allow_queries_via_get=settings.allow_get,
            # Subscriptions (service/subscription_socket.py); the legacy graphql-ws is refused.
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            connection_init_wait_timeout=timedelta(seconds=CONNECTION_INIT_SECONDS),
            max_subscriptions_per_connection=settings.subscriptions_per_connection,
            allowed_origins=settings.cors_origin_list,
        )
        self._identify = identify
        self._identify_may_block = may_block
        self.settings = settings
        self.ide_page = ide_page or GraphiQLPage()
        self.metrics = metrics or Metrics()
        self.limits = query_limits(settings)
        self.persisted = PersistedQueries(settings)  # a broken manifest stops start-up, named
        self.rate_limiter = (
            RateLimiter(settings.rate_limit, settings.rate_burst) if settings.rate_limit else None
        )
        self.caller_sockets = CallerSockets(settings.websockets_per_caller)

    def identify(self, request: Request | WebSocket) -> RequestContext:
        # Identified once per request, in `__call__`; read back here by the later steps. Only
        # requests that run no query (GET: the IDE page, or a refusal) were not identified:
        # they see nothing.
        known = getattr(request.state, "request_context", None)
        return known if known is not None else UNIDENTIFIED

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            await self._websocket(WebSocket(scope, receive, send))
            return
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request_id = new_request_id()
        token = current_request_id.set(request_id)
        started = time.perf_counter()
        state = scope.setdefault("state", {})
        state["media_type"] = media_type = negotiate(Request(scope).headers.get("accept"))
        try:
            response = await self._limited(scope, receive, request_id)
            response.headers[REQUEST_ID_HEADER] = request_id
            answer_as(response, media_type, state.get("request_error_codes"), scope["method"])
            if scope["method"] == "POST" or graphql_get(scope):
                self._observe(state, response, time.perf_counter() - started)
            await response(scope, receive, send)
        finally:
            current_request_id.reset(token)

    async def _websocket(self, websocket: WebSocket) -> None:
        """Refuse the upgrade, or a credential in its header, saying why; else hand the
        connection to strawberry, which accepts it and runs `SubscriptionSocket`."""
        denial = handshake_denial(self.settings, websocket)
        if denial is not None:
            await deny(websocket, denial)
            return
        refusal = subprotocol_refusal(websocket)
        if refusal is not None:
            await websocket.accept()
            await websocket.close(SUBPROTOCOL_NOT_ACCEPTABLE, close_reason(refusal))
            return
        if "authorization" in websocket.headers:
            try:
                websocket.state.request_context = await self.identify_connection(websocket)
            except Unauthenticated as refused:
                await websocket.accept(GRAPHQL_TRANSPORT_WS_PROTOCOL)
                await websocket.close(FORBIDDEN, close_reason(f"Forbidden: {refused}"))
                return
        await self.run(websocket)

    def _observe(self, state: dict[str, Any], response: Response, seconds: float) -> None:
        """Count and log the request: its operation (set by schema/operation_name.py, or by a
        response cache hit) and its error codes (set by `process_result`, else read from a
        refusal's small body)."""
        operation = self.metrics.operation_label(state.get("operation_name"))
        codes = state.get("error_codes")
        if codes is None:
            codes = error_codes(response)
        self.metrics.request(operation, seconds, codes)
        log_request(response.status_code, operation, seconds, codes)

    async def _limited(self, scope: Scope, receive: Receive, request_id: str) -> Response:
        """The answer within the limits that apply before and around execution: who calls
        first (nothing runs for an unknown caller), then their rate, then the body's size."""
        request = Request(scope, receive)
        body_read = request.method == "POST"
        if body_read or graphql_get(scope):
            refusal = await self._authenticate(request)
            if refusal is not None:
                return refusal
        try:
            if self.rate_limiter is not None:
                wait = self.rate_limiter.take(self.caller_key(request))
                if wait is not None:
                    raise Refused(
                        429,
                        RATE_LIMITED,
                        "Too many requests; retry after the time in Retry-After.",
                        {"retry-after": retry_after(wait)},
                    )
            if body_read:
                body = await read_body(scope, receive, self.settings.max_body_bytes)
                request = Request(scope, replaying(body, receive))
        except Refused as refused:
            return refused.response(request_id)
        try:
            async with asyncio.timeout(self.settings.request_timeout):
                answer = self._answer(request, scope["app"].state.responses)
                if not body_read:
                    return await answer
                # Once the body is read, the next message is the client going away.
                response = await unless_abandoned(answer, receive)
                if response is None:
                    log.info("request %s abandoned by its client", request_id)
                    return Response(status_code=499)  # never read: the connection is gone
                return response
        except TimeoutError:
            # The execution is cancelled; an analysis it started runs on in the runner's pool
            # and is kept for the next request (graph_queries/runner.py).
            log.warning("request %s timed out", request_id)
            message = f"The request took more than {self.settings.request_timeout:g} s."
            return Refused(200, TIMEOUT, message).response(request_id, executed=True)
        except Refused as refused:
            return refused.response(request_id)
        except HTTPException as error:  # as strawberry answers them
            return PlainTextResponse(error.reason, status_code=error.status_code)

    async def _authenticate(self, request: Request) -> Response | None:
        """Identify the caller before anything runs; a 401 answer when that fails."""
        try:
            request.state.request_context = await self.identify_connection(request)
        except Unauthenticated as refused:
            return unauthenticated(str(refused))
        return None

    async def identify_connection(self, connection: Request | WebSocket) -> RequestContext:
        """Who calls, by the connection's Authorization header; Unauthenticated if unknown."""
        if self._identify_may_block:
            return await anyio.to_thread.run_sync(self._identify, connection)
        return self._identify(connection)

    def caller_key(self, request: Request) -> str:
        # Identified callers by their identity; anonymous ones by their address.
        caller = self.identify(request).caller
        if caller not in (ANONYMOUS.caller, UNIDENTIFIED.caller):
            return "caller:" + caller
        return "address:" + (request.client.host if request.client else "unknown")

    async def render_graphql_ide(self, request: Request) -> Response:
        # Ours, not strawberry's, which loads GraphiQL from a public CDN (service/graphiql_page.py).
        return self.ide_page.response()

    async def parse_http_body(self, request: Any) -> Any:
        data = await super().parse_http_body(request)
        for item in data if isinstance(data, list) else [data]:
            if item.query is not None and len(item.query) > self.settings.max_query_length:
                raise query_too_long(self.settings.max_query_length)
        return data

    async def _answer(self, request: Request, responses: ResponseCache | None) -> Response:
        wanted = None
        if request.method == "POST" or graphql_get(request.scope):
            sent = await read_graphql_request(request, self.settings.allow_get)
            if isinstance(sent, Response):
                return sent
            payload = self.persisted.resolve(sent)
            if isinstance(payload, Response):
                return payload
            if request.method == "GET" and payload is not sent:
                # strawberry reads a GET's query string, which is not rewritten: POST by hash.
                return graphql_error(400, BAD_REQUEST, "send persisted operations by POST")
            request = with_body(request, payload, sent)
            if responses is not None:
                limits = self.settings.max_query_length, self.settings.max_query_tokens
                wanted = storable_request(payload, self.identify(request), *limits)
        if wanted is None or responses is None:
            return await self.run(request)
        # Named here for a cached answer, which runs no operation; an execution names it again.
        request.state.operation_name = wanted.operation

        async def execute() -> tuple[Response, bool]:
            # The body read above stays on the request, where strawberry reads it again.
            response = await self.run(request)
            return response, getattr(request.state, "answered_without_errors", False)

        return await responses.answer(request.app.state.store, wanted, execute)

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        # Read by `_answer`: only an answer without errors may be stored.
        request.state.answered_without_errors = not result.errors
        request.state.error_codes = codes = [
            str((error.extensions or {}).get("code", "INTERNAL")) for error in result.errors or ()
        ]
        answer = await super().process_result(request, result)
        media_type = getattr(request.state, "media_type", None)
        if media_type == GRAPHQL_RESPONSE and request_error(result.data, result.errors):
            request.state.request_error_codes = codes  # a status other than 200 (answer_as)
            return {key: value for key, value in answer.items() if key != "data"}  # type: ignore
        return answer

    async def execute_single(self, *args: Any, **kwargs: Any) -> ExecutionResult:
        # Executed by HTTP, a subscription would answer its first event at best: refused.
        data = kwargs.get("request_data")
        query = getattr(data, "query", None)
        if query and may_subscribe(query):
            name, tokens = getattr(data, "operation_name", None), self.settings.max_query_tokens
            if operation_type(query, name, tokens) == OperationType.SUBSCRIPTION:
                raise Refused(400, BAD_REQUEST, SUBSCRIPTIONS_BY_WEBSOCKET)
        try:
            return await super().execute_single(*args, **kwargs)
        except HTTPException as error:
            # A mutation by GET: 405, as GraphQL over HTTP has it (strawberry answers 400).
            wrong = error.__cause__
            if not isinstance(wrong, InvalidOperationTypeError):
                raise
            raise get_not_allowed(f"a {wrong.operation_type.value}") from error

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> GraphQLContext:
        state = request.app.state
        return GraphQLContext.create(
            state.store,
            state.runner,
            self.identify(request),
            request,
            response,
            forget=state.forget,
            introspection=self.settings.introspection,
            privacy_min_group=self.settings.privacy_min_group,
            privacy_min_group_metadata=self.settings.privacy_min_group_metadata,
            retry=self.settings.write_retry,
            max_text_argument=self.settings.max_text_argument,
            limits=self.limits,
            changes=state.changes,
            snapshots_kept=self.settings.snapshots_kept,
        )
