"""The ASGI application: GraphQL at /graphql (service/graphql_app.py; subscriptions over
WebSocket there too), the explorer page at /explorer (service/explorer.py), export downloads
at /organizations/{id}/exports/{file} (service/export_routes.py), and /healthz and /readyz for
operators."""

from __future__ import annotations

import contextlib
import gc
import logging
from collections.abc import AsyncIterator, Callable
from pathlib import Path

from opentelemetry.trace import TracerProvider
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute

from graph_queries.errors import StoreUnavailable
from graph_queries.graph_changes import GraphChanges
from graph_queries.runner import AnalysisRunner, GraphAlgorithmsUnavailable
from graph_queries.stores.port import Store
from service.authentication import Authenticator
from service.cors import Cors
from service.explorer import explorer_routes
from service.export_routes import export_routes
from service.graphiql_page import ASSETS_PATH, GRAPHIQL_ASSETS, GraphiQLPage
from service.graphql_app import Identify, UnsiloGraphQL
from service.metrics import Metrics
from service.response_cache import cache_for
from service.settings import Settings, SettingsError
from service.store_timing import time_store_calls
from service.stores import open_store
from service.tracing import tracing_for
from service.write_notices import notify_writes

log = logging.getLogger("unsilo")
FIRST_GENERATION = 10_000  # allocations between young collections (Python's default: 700)


async def _migrate(store: Store) -> None:
    # A store that is down at start-up is not fatal: /readyz says so, and the schema set-up
    # is idempotent, so `unsilo migrate` (or the next start) completes it.
    try:
        await store.migrate()
    except StoreUnavailable as error:
        log.warning("store schema not prepared, store unavailable: %s", error)


def create_app(
    settings: Settings,
    open_store: Callable[[], Store],
    identify: Identify | None = None,
    tracer_provider: TracerProvider | None = None,
    graphiql_assets: Path = GRAPHIQL_ASSETS,
) -> Starlette:
    """The service; it opens the store when it starts (in its own event loop) and closes it.
    `identify` tells who calls: by default the bearer credentials the settings accept (or
    anyone, in development without them); tests may pass callers of their own. Spans go to
    `tracer_provider`, else to the settings' OTLP endpoint, else nowhere (service/tracing.py).
    GraphiQL, where the settings allow it, loads its assets from `graphiql_assets`."""

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> Response:
        try:
            await request.app.state.store.ping()
        except StoreUnavailable as error:
            return JSONResponse({"status": "unavailable", "store": str(error)}, status_code=503)
        return JSONResponse({"status": "ready"})

    metrics = Metrics()
    tracing = tracing_for(settings, tracer_provider)
    authenticator = Authenticator(settings)
    ide_page = GraphiQLPage(graphiql_assets)
    if identify is None:
        settings.check_serving()
        graphql = UnsiloGraphQL(
            settings,
            authenticator.identify,
            authenticator.may_block,
            metrics=metrics,
            ide_page=ide_page,
        )
    else:
        graphql = UnsiloGraphQL(settings, identify, metrics=metrics, ide_page=ide_page)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if identify is None:
            authenticator.announce()
        store = open_store()
        if (pool := store.pool_usage()) is not None:
            metrics.watch_neo4j_pool(lambda: (store.pool_usage() or pool)[0], pool[1])
        app.state.store = time_store_calls(store, metrics.store_call)
        app.state.changes = changes = GraphChanges(
            app.state.store, settings.subscription_poll_seconds
        )
        # Subscribers of an organization hear of a write through this process at once.
        notify_writes(app.state.store, changes.notify)
        metrics.watch_subscriptions(lambda: changes.subscribers)
        app.state.runner = runner = AnalysisRunner(
            path_sample=settings.path_sample or None,
            graph_algorithms=settings.graph_algorithms,
            observer=metrics,
        )
        app.state.responses = responses = cache_for(
            settings.response_cache_mb, metrics.response_looked_up
        )

        def forget(organization_id: str) -> None:
            runner.forget(organization_id)
            if responses is not None:
                responses.forget(organization_id)

        app.state.forget = forget
        if tracing is not None:
            tracing.instrument(app.state.store, runner)
        try:
            await _migrate(app.state.store)
            try:
                await runner.prepare(app.state.store)
            except GraphAlgorithmsUnavailable as error:
                raise SettingsError(f"UNSILO_GRAPH_ALGORITHMS=gds: {error}") from error
            yield
        finally:
            await changes.close()
            await app.state.runner.close()
            await app.state.store.close()
            if tracing is not None:
                await tracing.close()

    routes: list[Route | Mount | WebSocketRoute] = [
        Route("/graphql", graphql, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", graphql),  # subscriptions (docs/subscriptions.md)
        Route("/healthz", healthz),
        Route("/readyz", readyz),
    ]
    if settings.graphiql:
        # Only where the IDE is allowed: elsewhere its files are not served either.
        routes.append(Mount(ASSETS_PATH, app=ide_page.assets(), name="graphiql-assets"))
    if settings.explorer:
        routes += explorer_routes()
    if settings.exports:
        routes += export_routes(graphql, metrics)
    if settings.metrics:
        # Outside /graphql: no caller, no rate limit. Keep it off public networks (docs).
        routes.append(Route("/metrics", metrics.endpoint))
    middleware = [] if tracing is None else [tracing.middleware(route.path for route in routes)]
    if settings.cors_origin_list:
        # Outermost: a preflight is answered before tracing, authentication or the rate limit.
        middleware.insert(0, Middleware(Cors, origins=settings.cors_origin_list))
    return Starlette(routes=routes, lifespan=lifespan, middleware=middleware)


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
