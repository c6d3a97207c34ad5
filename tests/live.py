"""A real uvicorn server on a free loopback port, and a small GraphQL client for it."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import anyio
import httpx
import uvicorn
from starlette.applications import Starlette

# anyio loads its file module lazily, on the first file a server sends (the explorer's pages).
# Under pytest that import goes through the assertion rewriter, and CPython 3.11's `ast.parse`
# is not safe in two threads at once ("AST constructor recursion depth mismatch"): loaded here,
# in the main thread, before any server thread starts.
anyio.open_file  # noqa: B018


@dataclass
class LiveServer:
    url: str
    client: httpx.Client
    app: Starlette

    def graphql(self, query: str, **variables: Any) -> dict[str, Any]:
        """POST a GraphQL operation; fail the test on any GraphQL error."""
        body = self.graphql_response(query, **variables)
        assert "errors" not in body, body["errors"]
        data: dict[str, Any] = body["data"]
        return data

    def graphql_response(self, query: str, **variables: Any) -> dict[str, Any]:
        response = self.client.post(
            f"{self.url}/graphql", json={"query": query, "variables": variables}
        )
        assert response.headers["content-type"].startswith("application/json"), response.text
        body: dict[str, Any] = response.json()
        return body


@contextlib.contextmanager
def serve(app: Starlette) -> Iterator[LiveServer]:
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        with httpx.Client(timeout=30) as client:
            yield LiveServer(url=f"http://127.0.0.1:{port}", client=client, app=app)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
