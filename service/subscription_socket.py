"""One WebSocket at /graphql speaking graphql-transport-ws
(https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md), on strawberry's handler.

Added to strawberry's: the caller is identified at `connection_init` from its payload's
`authorization` (browsers cannot set headers on a WebSocket), else from the upgrade's
Authorization header, as for HTTP; a credential that does not verify closes with 4403, as
does a JWT when it expires and a credential that no longer identifies the same caller (an API
key revoked or given other grants), checked again every UNSILO_SUBSCRIPTION_POLL_SECONDS.
Each `subscribe` passes what an HTTP request passes: the rate limit, the persisted-operations
mode, the query length (then the schema's depth and cost limits). Only subscriptions run
here: queries and mutations go by POST, where their timeout, cache and limits apply.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncGenerator
from typing import Any

from graphql import GraphQLError, GraphQLFormattedError, OperationType
from starlette.responses import Response
from starlette.websockets import WebSocket, WebSocketState
from strawberry.asgi import ASGIWebSocketAdapter
from strawberry.http.exceptions import NonJsonMessageReceived, NonTextMessageReceived
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import (
    ConnectionInitMessage,
    ErrorMessage,
    SubscribeMessage,
)

from graph_queries.context import RequestContext
from schema.context import GraphQLContext
from service.authentication import Unauthenticated
from service.http_limits import QUERY_TOO_LONG, RATE_LIMITED
from service.operation_types import operation_type
from service.request_body import BAD_REQUEST
from service.websocket_gate import (
    FORBIDDEN,
    TOO_MANY,
    CallerSockets,
    close_reason,
    credential_expiry,
    seconds_until,
    with_authorization,
)

MESSAGE_TOO_BIG = 1009  # RFC 6455 7.4.1
SUBSCRIPTION_LIMIT = "SUBSCRIPTION_LIMIT"


class BoundedWebSocketAdapter(ASGIWebSocketAdapter):
    """Strawberry's adapter, refusing a message above the request body limit."""

    def __init__(self, view: Any, request: WebSocket, response: WebSocket) -> None:
        super().__init__(view, request, response)
        self.request = request
        self.max_bytes: int = view.settings.max_body_bytes

    async def iter_json(
        self, *, ignore_parsing_errors: bool = False
    ) -> AsyncGenerator[object, None]:
        while self.ws.application_state != WebSocketState.DISCONNECTED:
            message = await self.ws.receive()
            if message["type"] == "websocket.disconnect":
                return
            text = message.get("text")
            if text is None:
                raise NonTextMessageReceived
            if len(text) > self.max_bytes or len(text.encode("utf-8")) > self.max_bytes:
                reason = f"message too big: at most {self.max_bytes} bytes (UNSILO_MAX_BODY_BYTES)"
                await self.close(MESSAGE_TOO_BIG, close_reason(reason))
                return
            try:
                yield self.view.decode_json(text)
            except json.JSONDecodeError as error:
                raise NonJsonMessageReceived from error


def _error(message: str, code: str, **extensions: Any) -> list[GraphQLFormattedError]:
    return [GraphQLError(message, extensions={"code": code, **extensions}).formatted]


class SubscriptionSocket(BaseGraphQLTransportWSHandler[GraphQLContext, None]):
    view: Any  # service.graphql_app.UnsiloGraphQL (which imports this module)
    websocket: BoundedWebSocketAdapter
    caller_key: str | None = None
    credential_task: asyncio.Task[None] | None = None

    async def handle_connection_init(self, message: ConnectionInitMessage) -> None:
        payload = message.get("payload") or {}
        if (
            not self.connection_init_received
            and not self.connection_timed_out
            and isinstance(payload, dict)
            and not await self._admit(payload)
        ):
            return
        await super().handle_connection_init(message)

    async def _admit(self, payload: dict[str, Any]) -> bool:
        """Identify the caller and count the connection; False once it is closed."""
        credential = payload.get("authorization")
        websocket = self.websocket.request
        if credential is not None:
            if not isinstance(credential, str):
                reason = "connection_init payload.authorization must be 'Bearer <credential>'"
                await self.websocket.close(FORBIDDEN, reason)
                return False
            websocket = with_authorization(websocket, credential)
        try:
            caller = await self.view.identify_connection(websocket)
        except Unauthenticated as refused:
            await self.websocket.close(FORBIDDEN, close_reason(f"Forbidden: {refused}"))
            return False
        key = CallerSockets.key(caller, websocket)
        sockets: CallerSockets = self.view.caller_sockets
        if not sockets.take(key):
            reason = f"too many WebSockets: at most {sockets.limit} per caller"
            await self.websocket.close(TOO_MANY, reason + " (UNSILO_WEBSOCKETS_PER_CALLER)")
            return False
        self.caller_key = key
        self.context = self.context.renewed(caller)
        expires = credential_expiry(websocket, self.view.settings.jwt_leeway)
        self.credential_task = asyncio.create_task(self._recheck(websocket, caller, expires))
        return True

    async def _recheck(
        self, websocket: WebSocket, caller: RequestContext, expires: float | None
    ) -> None:
        """Close the connection when its credential expires or stops naming the caller."""
        every = self.view.settings.subscription_poll_seconds
        while True:
            await asyncio.sleep(every if expires is None else min(every, seconds_until(expires)))
            if expires is not None and seconds_until(expires) <= 0:
                break
            try:
                again = await self.view.identify_connection(websocket)
            except Unauthenticated as refused:
                await self._end(close_reason(f"Forbidden: {refused}"))
                return
            if again != caller:
                await self._end("Forbidden: the credential's grants changed; connect again")
                return
        await self._end("Forbidden: token expired")

    async def _end(self, reason: str) -> None:
        for operation_id in list(self.operations):
            await self.cleanup_operation(operation_id)
        await self.websocket.close(FORBIDDEN, reason)

    async def shutdown(self) -> None:
        if self.credential_task is not None:
            self.credential_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.credential_task
        if self.caller_key is not None:
            self.view.caller_sockets.give_back(self.caller_key)
            self.caller_key = None
        await super().shutdown()

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        if self.connection_acknowledged and message["id"] not in self.operations:
            refusal = self._refusal(message)
            if refusal is not None:
                await self.send_message(
                    ErrorMessage(id=message["id"], type="error", payload=refusal)
                )
                return
        await super().handle_subscribe(message)

    def _refusal(self, message: SubscribeMessage) -> list[GraphQLFormattedError] | None:
        """The errors refusing this `subscribe`, or None; its document is resolved in place."""
        settings = self.view.settings
        limit = settings.subscriptions_per_connection
        if len(self.operations) >= limit:
            return _error(
                f"At most {limit} subscriptions run at once on one connection; complete one "
                "first (UNSILO_SUBSCRIPTIONS_PER_CONNECTION).",
                SUBSCRIPTION_LIMIT,
                maximum=limit,
            )
        limiter = self.view.rate_limiter
        if limiter is not None and limiter.take(self.caller_key) is not None:
            return _error("Too many requests; subscribe again later.", RATE_LIMITED)
        payload: Any = message.get("payload")
        if not isinstance(payload, dict):
            return _error("subscribe needs a payload object with a query.", BAD_REQUEST)
        resolved = self.view.persisted.resolve(payload)
        if isinstance(resolved, Response):
            errors: list[GraphQLFormattedError] = json.loads(bytes(resolved.body))["errors"]
            return errors
        query = resolved.get("query")
        if not isinstance(query, str):
            return _error("subscribe payload.query must be a GraphQL document.", BAD_REQUEST)
        if len(query) > settings.max_query_length:
            message_text = f"The query exceeds {settings.max_query_length} characters."
            return _error(message_text, QUERY_TOO_LONG)
        kind = operation_type(query, resolved.get("operationName"), settings.max_query_tokens)
        # A document that does not parse is refused by the handler, as the protocol says.
        if kind not in (None, OperationType.SUBSCRIPTION):
            return _error(
                "Only subscriptions are answered over WebSocket; send queries and mutations "
                "by POST.",
                BAD_REQUEST,
            )
        message["payload"] = resolved
        return None
