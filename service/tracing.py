"""OpenTelemetry tracing, off unless UNSILO_OTLP_ENDPOINT is set (docs/operations.md, "Traces").

The app is handed a tracer provider (`create_app(tracer_provider=...)`, or one built here from the
settings) and never reads or sets the process-wide one, which OpenTelemetry lets a process set
only once. With tracing off nothing here is installed: no middleware, no wrapped store or runner,
so a request runs exactly the code it runs without this module.

Spans carry names of operations, routes, counts, status codes and ids the service made; never
query text, variables, headers, error messages, ids or names of organizations, people or units,
tokens, API keys, Cypher or its parameters. An error is its status and its exception's class.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Iterable
from importlib.metadata import version
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import anyio.to_thread
from opentelemetry import propagate, trace
from opentelemetry.trace import SpanKind, StatusCode, Tracer
from starlette.middleware import Middleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph_queries.runner import AnalysisRunner
from graph_queries.stores.port import Store
from schema.request_ids import REQUEST_ID_HEADER
from service.settings import Settings
from service.store_timing import STORE_METHODS

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import TracerProvider as SdkTracerProvider

SERVICE_NAME = "unsilo"
TRACES_PATH = "/v1/traces"  # OTLP/HTTP's path for traces, added to an endpoint given without one
# Methods named as they are; anything else a client sends is `_OTHER` (the semantic conventions).
METHODS = frozenset(("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE"))
_REQUEST_ID = REQUEST_ID_HEADER.encode("latin-1")


class Tracing:
    """The spans of one app: requests, the store calls and analysis runs made within them."""

    def __init__(self, provider: trace.TracerProvider, owned: SdkTracerProvider | None = None):
        self.tracer = provider.get_tracer(SERVICE_NAME, version(SERVICE_NAME))
        self._owned = owned  # built from the settings: flushed and stopped with the app

    def middleware(self, routes: Iterable[str]) -> Middleware:
        return Middleware(RequestSpans, tracer=self.tracer, routes=frozenset(routes))

    def instrument(self, store: Store, runner: AnalysisRunner) -> None:
        """A span around each of the store's database calls and each analysis run."""
        kind = store_kind(store)
        for method in STORE_METHODS:
            inner = getattr(store, "_" + method)
            # Over the timing wrapper of service/store_timing.py, the same way.
            setattr(store, "_" + method, _store_span(self.tracer, inner, method, kind))
        # An instance attribute shadows the method, as for the store (mypy refuses a plain `=`).
        setattr(runner, "run", _analysis_span(self.tracer, runner.run))  # noqa: B010

    async def close(self) -> None:
        if self._owned is not None:
            # Exports what is still queued; the exporter's own timeout bounds it.
            await anyio.to_thread.run_sync(self._owned.shutdown)


def tracing_for(settings: Settings, provider: trace.TracerProvider | None) -> Tracing | None:
    """Tracing with `provider` if given, else with one exporting to the settings' endpoint;
    None (off) when neither is there."""
    if provider is not None:
        return Tracing(provider)
    if not settings.otlp_endpoint:
        return None
    built = exporting_provider(settings.otlp_endpoint)
    return Tracing(built, owned=built)


def exporting_provider(endpoint: str) -> SdkTracerProvider:
    """An SDK provider exporting in batches over OTLP/HTTP (protobuf). Its sampler
    (OTEL_TRACES_SAMPLER), the exporter's headers, timeout and certificates (OTEL_EXPORTER_OTLP_*)
    and extra resource attributes (OTEL_RESOURCE_ATTRIBUTES) come from the standard variables."""
    # Imported here: a process with tracing off never loads the SDK or the exporter.
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    resource = Resource.create(
        {"service.name": SERVICE_NAME, "service.version": version(SERVICE_NAME)}
    )
    provider = TracerProvider(resource=resource)
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=traces_url(endpoint))))
    return provider


def traces_url(endpoint: str) -> str:
    """`http://collector:4318` means its traces path, as OTEL_EXPORTER_OTLP_ENDPOINT does; a URL
    with a path is used as it is."""
    if urlsplit(endpoint).path.strip("/"):
        return endpoint
    return endpoint.rstrip("/") + TRACES_PATH


def store_kind(store: Store) -> str:
    """`sqlite` or `neo4j`: the module of the store's class (or of the one it extends) is
    `graph_queries.stores.sqlite_store` or `...neo4j_store`. Checked by name: importing the
    Neo4j store would load its driver into processes that do not use it."""
    for cls in type(store).__mro__:
        package, _, module = cls.__module__.rpartition(".")
        if package == "graph_queries.stores" and module.endswith("_store"):
            return module.removesuffix("_store")
    return type(store).__name__.lower()


class RequestSpans:
    """A server span around each HTTP request, child of the client's W3C `traceparent` if any:
    method, route, status code, request id and the GraphQL operation's name (as the request's
    log line and metric label name it)."""

    def __init__(self, app: ASGIApp, tracer: Tracer, routes: frozenset[str]) -> None:
        self.app = app
        self.tracer = tracer
        self.routes = routes
        # The propagators' headers (traceparent, tracestate, baggage; OTEL_PROPAGATORS chooses
        # them at start-up): the only request headers read.
        self.fields = frozenset(f.encode("latin-1") for f in propagate.get_global_textmap().fields)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method = scope["method"] if scope["method"] in METHODS else "_OTHER"
        # Only a route the app has: any other path is the client's text.
        route = scope["path"] if scope["path"] in self.routes else None
        attributes: dict[str, Any] = {"http.request.method": method}
        if route is not None:
            attributes["http.route"] = route
        carrier = {
            name.decode("latin-1"): value.decode("latin-1")
            for name, value in scope["headers"]
            if name in self.fields
        }
        parent = propagate.extract(carrier)
        with self.tracer.start_as_current_span(
            f"{method} {route}" if route else method,
            context=parent,
            kind=SpanKind.SERVER,
            attributes=attributes,
            record_exception=False,  # an exception's message may quote data
            set_status_on_exception=False,
        ) as span:

            async def traced_send(message: Message) -> None:
                if message["type"] == "http.response.start":
                    status = message["status"]
                    span.set_attribute("http.response.status_code", status)
                    if status >= 500:
                        span.set_status(StatusCode.ERROR)
                    for name, value in message.get("headers", ()):
                        if name == _REQUEST_ID:
                            span.set_attribute("unsilo.request_id", value.decode("latin-1"))
                await send(message)

            try:
                await self.app(scope, receive, traced_send)
            except Exception as error:
                _failed(span, error)
                raise
            finally:
                # Set by schema/operation_name.py: a name the document defines, or none.
                operation = scope.get("state", {}).get("operation_name")
                if isinstance(operation, str):
                    span.set_attribute("graphql.operation.name", operation)


def _store_span(
    tracer: Tracer, inner: Callable[..., Awaitable[Any]], method: str, kind: str
) -> Callable[..., Awaitable[Any]]:
    attributes = {"db.system.name": kind, "db.operation.name": method}

    @functools.wraps(inner)
    async def traced(*args: Any, **kwargs: Any) -> Any:
        if not trace.get_current_span().get_span_context().is_valid:
            # Outside any request (start-up, a command): no trace to belong to.
            return await inner(*args, **kwargs)
        with tracer.start_as_current_span(
            f"store {method}",
            kind=SpanKind.CLIENT,
            attributes=attributes,
            record_exception=False,
            set_status_on_exception=False,
        ) as span:
            try:
                return await inner(*args, **kwargs)
            except Exception as error:
                _failed(span, error)
                raise

    return traced


def _analysis_span(
    tracer: Tracer, inner: Callable[..., Awaitable[Any]]
) -> Callable[..., Awaitable[Any]]:
    @functools.wraps(inner)
    async def traced(
        store: Store, ctx: Any, organization_id: str, analysis: Any, arguments: Any
    ) -> Any:
        with tracer.start_as_current_span(
            f"analysis {analysis.name}",
            attributes={"unsilo.analysis": analysis.name},
            record_exception=False,
            set_status_on_exception=False,
        ) as span:
            try:
                computed = await inner(store, ctx, organization_id, analysis, arguments)
            except Exception as error:
                _failed(span, error)
                raise
            span.set_attribute("unsilo.graph_version", computed.graph_version)
            for collection, count in computed.graph_counts.items():
                span.set_attribute(f"unsilo.graph.{collection}", count)
            return computed

    return traced


def _failed(span: trace.Span, error: BaseException) -> None:
    # The class only: a message may quote a name, an id or a query.
    span.set_status(StatusCode.ERROR)
    span.set_attribute("error.type", type(error).__qualname__)
