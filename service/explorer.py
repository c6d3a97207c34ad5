"""The explorer page at /explorer: static files built from frontend/explorer (docs/explorer.md).

Only files are served here, with no data and no credentials: the page reads everything through
POST /graphql with the bearer token its user types in, so it sees what the API lets that caller
see. Every response carries a Content-Security-Policy of the page's own origin only, so that no
inline or third-party script can run in it.
"""

from __future__ import annotations

from pathlib import Path

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Message, Receive, Scope, Send

ASSETS = Path(__file__).parent / "static" / "explorer"
PAGE = "index.html"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
NOT_BUILT = "explorer assets not built: run `make explorer` (builds frontend/explorer)\n"
HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}


class _Assets:
    """StaticFiles with the page's headers on every answer."""

    def __init__(self, directory: Path) -> None:
        self._directory = directory
        self._files = StaticFiles(directory=directory, check_dir=False)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self._directory.is_dir():  # not built: StaticFiles would raise
            await PlainTextResponse(NOT_BUILT, status_code=404, headers=HEADERS)(
                scope, receive, send
            )
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers[name] = value
            await send(message)

        await self._files(scope, receive, send_with_headers)


def explorer_routes(assets: Path = ASSETS) -> list[Route | Mount]:
    """/explorer (the page) and /explorer/assets/* (its script and style sheet)."""

    async def page(request: Request) -> Response:
        index = assets / PAGE
        if not index.is_file():
            return PlainTextResponse(NOT_BUILT, status_code=503, headers=HEADERS)
        return FileResponse(index, headers={**HEADERS, "cache-control": "no-cache"})

    return [Route("/explorer", page), Mount("/explorer/assets", app=_Assets(assets))]
