"""GraphiQL from the package's own assets: the IDE page and the files it loads, all same-origin.

The assets (`graphiql.js`, `graphiql.css`) are bundled from `frontend/graphiql` by
`make graphiql` into `service/static/graphiql/`, package data of the installed service. The page
names them with Subresource Integrity hashes (W3C Subresource Integrity, sha384) and is served
with a Content-Security-Policy (W3C CSP Level 3) that allows scripts, styles and requests from
its own origin only: nothing is loaded from another host, so the IDE works offline.
"""

from __future__ import annotations

import base64
import hashlib
from html import escape
from pathlib import Path

from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import Message, Receive, Scope, Send

GRAPHIQL_ASSETS = Path(__file__).resolve().parent / "static" / "graphiql"
ASSETS_PATH = "/static/graphiql"
SCRIPT = "graphiql.js"
STYLE = "graphiql.css"
NOT_BUILT = (
    "GraphiQL's assets are not built: run `make graphiql` (npm ci and the build in "
    "frontend/graphiql), then reload.\n"
)
# data: for the fonts and icons the bundled styles carry inline; no inline script or style.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "connect-src 'self'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    )
)
# The file names carry no version: browsers may keep them, but ask each time whether they
# changed (answered 304 by ETag), so that a new build is never hidden behind an old one.
ASSET_CACHE_CONTROL = "no-cache"
PAGE_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
}

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Unsilo GraphiQL</title>
<link rel="stylesheet" href="{style}" integrity="{style_integrity}">
<script defer src="{script}" integrity="{script_integrity}"></script>
</head>
<body>
<div id="graphiql" data-endpoint="{endpoint}"></div>
</body>
</html>
"""


def integrity(content: bytes) -> str:
    """A Subresource Integrity value: `sha384-` and the base64 of the content's SHA-384."""
    return "sha384-" + base64.b64encode(hashlib.sha384(content).digest()).decode("ascii")


class GraphiQLPage:
    """The IDE page for `folder`'s assets, or a 503 saying how to build them when missing."""

    def __init__(self, folder: Path = GRAPHIQL_ASSETS, endpoint: str = "/graphql") -> None:
        self.folder = folder
        self.endpoint = endpoint
        self._page: tuple[tuple[int, ...], str] | None = None  # by the files' mtimes and sizes

    def response(self) -> Response:
        page = self._current_page()
        if page is None:
            return PlainTextResponse(NOT_BUILT, status_code=503, headers={"retry-after": "60"})
        return HTMLResponse(page, headers=PAGE_HEADERS)

    def _current_page(self) -> str | None:
        # Hashed again only when a file changed (a rebuild while serving), else reused.
        try:
            stats = [(self.folder / name).stat() for name in (SCRIPT, STYLE)]
        except OSError:
            return None
        key = tuple(value for stat in stats for value in (stat.st_mtime_ns, stat.st_size))
        if self._page is None or self._page[0] != key:
            try:
                script, style = ((self.folder / name).read_bytes() for name in (SCRIPT, STYLE))
            except OSError:
                return None
            page = PAGE.format(
                script=f"{ASSETS_PATH}/{SCRIPT}",
                script_integrity=integrity(script),
                style=f"{ASSETS_PATH}/{STYLE}",
                style_integrity=integrity(style),
                endpoint=escape(self.endpoint),
            )
            self._page = key, page
        return self._page[1]

    def assets(self) -> GraphiQLAssets:
        return GraphiQLAssets(self.folder)


class GraphiQLAssets:
    """The built files, by starlette's StaticFiles (ETag, Last-Modified, 304s, no listing),
    with the cache and content-type headers above."""

    def __init__(self, folder: Path) -> None:
        # Not checked at start-up: a missing build is answered 404 here and 503 by the page.
        self.folder = folder
        self.files = StaticFiles(directory=folder, check_dir=False)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.folder.is_dir():
            # StaticFiles would fail on every request (a 500): the build is simply missing.
            await PlainTextResponse(NOT_BUILT, status_code=404)(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"cache-control", ASSET_CACHE_CONTROL.encode()))
                headers.append((b"x-content-type-options", b"nosniff"))
                message = {**message, "headers": headers}
            await send(message)

        await self.files(scope, receive, with_headers)
