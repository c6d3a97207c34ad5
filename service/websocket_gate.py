"""What a WebSocket at /graphql must pass before any GraphQL message is read: subscriptions on,
a page from an allowed origin (cross-site WebSocket hijacking: browsers apply no CORS to
WebSockets), the graphql-transport-ws subprotocol; then who calls, and how many connections
each caller holds. Every refusal says what is wrong, in one line.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from starlette.responses import PlainTextResponse
from starlette.websockets import WebSocket
from strawberry.http.websocket_origin import is_same_origin, normalize_origin
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL, GRAPHQL_WS_PROTOCOL

from graph_queries.context import ANONYMOUS, RequestContext
from service.jwt_tokens import expiry
from service.settings import Settings

# Close codes of graphql-transport-ws (PROTOCOL.md) and of RFC 6455.
FORBIDDEN = 4403
SUBPROTOCOL_NOT_ACCEPTABLE = 4406
TOO_MANY = 4429
POLICY_VIOLATION = 1008
MAX_REASON_BYTES = 123  # RFC 6455 5.5: a control frame's payload is at most 125 bytes
CONNECTION_INIT_SECONDS = 5.0  # from the upgrade to `connection_init`; closed with 4408 after


@dataclass(frozen=True)
class Denial:
    """A handshake refused with an HTTP answer (before the WebSocket is accepted)."""

    status: int
    message: str


def close_reason(text: str) -> str:
    """`text` cut to what a close frame may carry."""
    encoded = text.encode("utf-8")
    if len(encoded) <= MAX_REASON_BYTES:
        return text
    return encoded[: MAX_REASON_BYTES - 3].decode("utf-8", "ignore") + "..."


def handshake_denial(settings: Settings, websocket: WebSocket) -> Denial | None:
    """Why the upgrade is refused, or None."""
    if not settings.subscriptions:
        return Denial(404, "subscriptions are turned off here (UNSILO_SUBSCRIPTIONS=false)")
    origin = websocket.headers.get("origin")
    if origin is not None and not origin_allowed(
        origin, websocket.headers.get("host"), settings.cors_origin_list
    ):
        return Denial(403, f"origin {origin[:100]!r} may not open a WebSocket here")
    return None


def subprotocol_refusal(websocket: WebSocket) -> str | None:
    """Why the offered subprotocols are refused (the legacy graphql-ws among them), or None."""
    offered = websocket.scope.get("subprotocols") or []
    if GRAPHQL_TRANSPORT_WS_PROTOCOL in offered:
        return None
    if GRAPHQL_WS_PROTOCOL in offered:
        return "the legacy graphql-ws subprotocol is not spoken: use graphql-transport-ws"
    return "Subprotocol not acceptable: offer graphql-transport-ws"


def origin_allowed(origin: str, host: str | None, allowed: Sequence[str]) -> bool:
    """A page of this service's own host, or of an origin in UNSILO_CORS_ORIGINS."""
    if is_same_origin(origin, host):
        return True
    normalized = normalize_origin(origin)
    wanted = {normalize_origin(name) if name != "*" else "*" for name in allowed}
    return "*" in wanted or (normalized is not None and normalized in wanted)


async def deny(websocket: WebSocket, denial: Denial) -> None:
    """Refuse the upgrade with an HTTP answer saying why, where the server can send one
    (the ASGI denial-response extension); else with a bare close, which it answers 403."""
    if "websocket.http.response" in websocket.scope.get("extensions", {}):
        await websocket.send_denial_response(
            PlainTextResponse(denial.message + "\n", status_code=denial.status)
        )
    else:
        await websocket.close(POLICY_VIOLATION, close_reason(denial.message))


def with_authorization(websocket: WebSocket, credential: str) -> WebSocket:
    """The upgrade request as if `credential` (from `connection_init`) were its Authorization
    header, so that it is identified exactly as a header would be."""
    headers = [(k, v) for k, v in websocket.scope["headers"] if k.lower() != b"authorization"]
    headers.append((b"authorization", credential.encode("latin-1", "replace")))
    return WebSocket({**websocket.scope, "headers": headers}, websocket.receive, websocket.send)


def credential_expiry(websocket: WebSocket, leeway: float) -> float | None:
    """When the identifying credential stops being accepted (a JWT's `exp` plus the leeway,
    as time.time() counts); None for an API key or no credential."""
    scheme, _, credential = websocket.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    expires = expiry(credential.strip())
    return None if expires is None else expires + leeway


def seconds_until(moment: float) -> float:
    return max(0.0, moment - time.time())


class CallerSockets:
    """Connections open per caller: identified callers by identity, others by address."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._open: Counter[str] = Counter()

    @staticmethod
    def key(context: RequestContext, websocket: WebSocket) -> str:
        if context.caller != ANONYMOUS.caller:
            return "caller:" + context.caller
        return "address:" + (websocket.client.host if websocket.client else "unknown")

    def take(self, key: str) -> bool:
        if self._open[key] >= self.limit:
            return False
        self._open[key] += 1
        return True

    def give_back(self, key: str) -> None:
        self._open[key] -= 1
        if self._open[key] <= 0:
            del self._open[key]
