"""The ASGI application: GraphQL at /graphql, and /healthz and /readyz for operators."""

from __future__ import annotations

import contextlib
import gc
import logging
from collections.abc import AsyncIterator, Callable

import anyio.to_thread
from cross_web import HTTPException
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult

from graph_queries.context import ANONYMOUS, RequestContext
from graph_queries.errors import StoreUnavailable
from graph_queries.runner import AnalysisRunner, GraphAlgorithmsUnavailable
from graph_queries.stores.port import Store
from schema import schema
from schema.context import GraphQLContext
from service.authentication import Authenticator, Unauthenticated
from service.request_body import body_problem
from service.response_cache import ResponseCache, cache_for, storable
from service.settings import Settings, SettingsError
from service.stores import open_store

log = logging.getLogger("unsilo")
FIRST_GENERATION = 10_000  # allocations between young collections (Python's default: 700)


def request_context(request: Request | WebSocket) -> RequestContext:
    """Who is calling when no credential source is configured (development): anyone, as
    the anonymous developer. `Authenticator.identify` replaces it when one is."""
    return ANONYMOUS


Identify = Callable[[Request | WebSocket], RequestContext]
UNIDENTIFIED = RequestContext(caller="unidentified")  # no grants: sees no organization


class UnsiloGraphQL(GraphQL[GraphQLContext, None]):
    def __init__(
        self, settings: Settings, identify: Identify = request_context, may_block: bool = False
    ) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql" if settings.graphiql else None,
            # GET would let a link or an image tag run queries; POST only.
            allow_queries_via_get=False,
        )
        self._identify = identify
        self._identify_may_block = may_block
        self.settings = settings

    def identify(self, request: Request | WebSocket) -> RequestContext:
        # Identified once per request, in `__call__`; read back here by the later steps. Only
        # requests that run no query (GET: the IDE page, or a refusal) were not identified:
        # they see nothing.
        known = getattr(request.state, "request_context", None)
        return known if known is not None else UNIDENTIFIED

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST":
            refusal = await self._authenticate(Request(scope, receive))
            if refusal is not None:
                await refusal(scope, receive, send)
                return
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        responses: ResponseCache | None = scope["app"].state.responses
        request = Request(scope, receive)
        try:
            response = await self._answer(request, responses)
        except HTTPException as error:  # as strawberry answers them
            response = PlainTextResponse(error.reason, status_code=error.status_code)
        await response(scope, receive, send)

    async def _authenticate(self, request: Request) -> Response | None:
        """Identify the caller before anything runs; a 401 answer when that fails."""
        try:
            if self._identify_may_block:
                context = await anyio.to_thread.run_sync(self._identify, request)
            else:
                context = self._identify(request)
        except Unauthenticated as refused:
            return unauthenticated(str(refused))
        request.state.request_context = context
        return None

    async def _answer(self, request: Request, responses: ResponseCache | None) -> Response:
        wanted = None
        media_type = request.headers.get("content-type", "").partition(";")[0].strip().lower()
        if request.method == "POST":
            refused = body_problem(media_type, await request.body())
            if refused is not None:
                return refused
            if responses is not None:
                wanted = storable(await request.body(), self.identify(request))
        if wanted is None or responses is None:
            return await self.run(request)

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
        return await super().process_result(request, result)

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
            retry=self.settings.write_retry,
            max_text_argument=self.settings.max_text_argument,
        )


def unauthenticated(reason: str) -> Response:
    """A GraphQL-shaped 401: clients read `errors` as for any other failure."""
    error = {"message": f"Unauthenticated: {reason}", "extensions": {"code": "UNAUTHENTICATED"}}
    return JSONResponse(
        {"data": None, "errors": [error]},
        status_code=401,
        headers={"WWW-Authenticate": 'Bearer realm="unsilo"'},
    )


async def _migrate(store: Store) -> None:
    # A store that is down at start-up is not fatal: /readyz says so, and the schema set-up
    # is idempotent, so `unsilo migrate` (or the next start) completes it.
    try:
        await store.migrate()
    except StoreUnavailable as error:
        log.warning("store schema not prepared, store unavailable: %s", error)


def create_app(
    settings: Settings, open_store: Callable[[], Store], identify: Identify | None = None
) -> Starlette:
    """The service; it opens the store when it starts (in its own event loop) and closes it.
    `identify` tells who calls: by default the bearer credentials the settings accept (or
    anyone, in development without them); tests may pass callers of their own."""

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> Response:
        try:
            await request.app.state.store.ping()
        except StoreUnavailable as error:
            return JSONResponse({"status": "unavailable", "store": str(error)}, status_code=503)
        return JSONResponse({"status": "ready"})

    authenticator = Authenticator(settings)
    if identify is None:
        settings.check_serving()
        graphql = UnsiloGraphQL(settings, authenticator.identify, authenticator.may_block)
    else:
        graphql = UnsiloGraphQL(settings, identify)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if identify is None:
            authenticator.announce()
        app.state.store = open_store()
        app.state.runner = runner = AnalysisRunner(
            path_sample=settings.path_sample or None, graph_algorithms=settings.graph_algorithms
        )
        app.state.responses = responses = cache_for(settings.response_cache_mb)

        def forget(organization_id: str) -> None:
            runner.forget(organization_id)
            if responses is not None:
                responses.forget(organization_id)

        app.state.forget = forget
        try:
            await _migrate(app.state.store)
            try:
                await runner.prepare(app.state.store)
            except GraphAlgorithmsUnavailable as error:
                raise SettingsError(f"UNSILO_GRAPH_ALGORITHMS=gds: {error}") from error
            yield
        finally:
            await app.state.runner.close()
            await app.state.store.close()

    return Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            Route("/healthz", healthz),
            Route("/readyz", readyz),
        ],
        lifespan=lifespan,
    )


def app_from_environment() -> Starlette:
    """The app factory for uvicorn (`service.app:app_from_environment`, factory=True): each
    worker process builds the service from the UNSILO_* settings it inherited."""
    settings = Settings.from_env()
    app = create_app(settings, lambda: open_store(settings))
    _shorten_collections()
    return app


def _shorten_collections() -> None:
    """For a serving process only: it changes how the whole process collects garbage."""
    # A full collection walks every object the process tracks: with the modules and the schema
    # (about 120,000 objects) it took 60-200 ms, and every request in flight waited (p95 of
    # 130 ms at 50 clients). Those live as long as the process: frozen out of collections.
    gc.collect()
    gc.freeze()
    # A larger first generation lets a request's short-lived objects die before they are
    # promoted, so that full collections come rarely.
    gc.set_threshold(FIRST_GENERATION, *gc.get_threshold()[1:])
