"""CORS for /graphql: browser pages on the configured origins may call it; others get no CORS
headers at all, as when none is configured."""

from __future__ import annotations

from collections.abc import Sequence

from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from schema.request_ids import REQUEST_ID_HEADER

PREFLIGHT_MAX_AGE = 600  # seconds a browser may reuse a preflight's answer


class Cors:
    """Starlette's CORSMiddleware for requests from an allowed origin only: it answers a
    refused preflight with a 400 that still lists the allowed methods and headers, where
    another site should learn nothing."""

    def __init__(self, app: ASGIApp, origins: Sequence[str]) -> None:
        self.app = app
        self.origins = frozenset(origins)
        self.cors = CORSMiddleware(
            app,
            allow_origins=list(origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
            # Bearer tokens travel in a header, never in cookies: no credentials mode.
            allow_credentials=False,
            expose_headers=[REQUEST_ID_HEADER],
            max_age=PREFLIGHT_MAX_AGE,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            origin = Headers(scope=scope).get("origin")
            if origin is not None and ("*" in self.origins or origin in self.origins):
                await self.cors(scope, receive, send)
                return
        await self.app(scope, receive, send)
