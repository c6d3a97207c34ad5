"""The ASGI application: GraphQL at /graphql, and /healthz and /readyz for operators."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Callable

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from graph_queries.context import ANONYMOUS, RequestContext
from graph_queries.errors import StoreUnavailable
from graph_queries.runner import AnalysisRunner
from graph_queries.stores.port import Store
from schema import schema
from schema.context import GraphQLContext
from service.settings import Settings

log = logging.getLogger("unsilo")


def request_context(request: Request | WebSocket) -> RequestContext:
    """Who is calling. Until authentication exists every caller is anonymous and sees all."""
    return ANONYMOUS


class UnsiloGraphQL(GraphQL[GraphQLContext, None]):
    def __init__(self, settings: Settings) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql" if settings.development else None,
            # GET would let a link or an image tag run queries; POST only.
            allow_queries_via_get=False,
        )

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> GraphQLContext:
        state = request.app.state
        return GraphQLContext.create(
            state.store, state.runner, request_context(request), request, response
        )


async def _migrate(store: Store) -> None:
    # A store that is down at start-up is not fatal: /readyz says so, and the schema set-up
    # is idempotent, so `unsilo migrate` (or the next start) completes it.
    try:
        await store.migrate()
    except StoreUnavailable as error:
        log.warning("store schema not prepared, store unavailable: %s", error)


def create_app(settings: Settings, open_store: Callable[[], Store]) -> Starlette:
    """The service; it opens the store when it starts (in its own event loop) and closes it."""

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> Response:
        try:
            await request.app.state.store.ping()
        except StoreUnavailable as error:
            return JSONResponse({"status": "unavailable", "store": str(error)}, status_code=503)
        return JSONResponse({"status": "ready"})

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        app.state.store = open_store()
        app.state.runner = AnalysisRunner()
        try:
            await _migrate(app.state.store)
            yield
        finally:
            await app.state.runner.close()
            await app.state.store.close()

    graphql = UnsiloGraphQL(settings)
    return Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            Route("/healthz", healthz),
            Route("/readyz", readyz),
        ],
        lifespan=lifespan,
    )
