"""OpenTelemetry tracing: the spans of a request, its store calls and its analyses, recorded by
the SDK's in-memory exporter; the client's traceparent; nothing personal in any span; tracing
off by default; the OTLP/HTTP export to a collector; the endpoint setting."""

from __future__ import annotations

import asyncio
import http.server
import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from opentelemetry import trace
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.sdk.trace import Event, ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.sdk.trace.sampling import ALWAYS_OFF
from opentelemetry.trace import SpanKind, StatusCode
from starlette.applications import Starlette

from graph_queries.errors import StoreUnavailable
from graph_queries.generator import generate_organization
from graph_queries.model import Organization
from graph_queries.stores.sqlite_store import SqliteStore
from service.app import create_app
from service.cli import DEMO_LEADERS, load_demo
from service.settings import Settings, SettingsError
from service.tracing import exporting_provider, traces_url
from tests import tokens
from tests.live import LiveServer, serve

ROOT = Path(__file__).resolve().parents[1]
SILOS = """query Silos($id: ID!, $top: Int!) { organization(id: $id) {
  name siloBottlenecks(top: $top) { __typename } } }"""
RENAME = """mutation Rename($org: ID!, $id: ID!, $name: String) {
  updateLeader(organizationId: $org, id: $id, input: { name: $name }) { __typename } }"""
NEW_NAME = "Marigold Quintessa Featherstonehaugh"
FAILURE_MESSAGE = "the store could not read Marigold's unit"
CLIENT_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
CLIENT_SPAN = "00f067aa0ba902b7"
DEMO = generate_organization(leaders=DEMO_LEADERS)


class FlakyStore(SqliteStore):
    """Fails its organization reads, with a message quoting a name, while `failing` is set."""

    failing = False

    async def _organizations_by_id(self, ids: Sequence[str]) -> list[Organization]:
        if self.failing:
            raise StoreUnavailable(FAILURE_MESSAGE)
        return await super()._organizations_by_id(ids)


@dataclass
class Traced:
    api: LiveServer
    app: Starlette
    exporter: InMemorySpanExporter
    token: str

    def post(self, query: str, headers: dict[str, str] | None = None, **variables: Any) -> Any:
        return self.api.client.post(
            f"{self.api.url}/graphql",
            json={"query": query, "variables": variables},
            headers={"authorization": f"Bearer {self.token}", **(headers or {})},
        )

    def spans_of(self, response: httpx.Response) -> list[ReadableSpan]:
        """The spans of the request that answered `response`, once its server span has ended
        (it ends after the last byte is sent, so it may come a moment after the answer)."""
        request_id = response.headers["x-request-id"]
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            spans = self.exporter.get_finished_spans()
            served = [
                s for s in spans if (s.attributes or {}).get("unsilo.request_id") == request_id
            ]
            if served:
                trace_id = served[0].context.trace_id
                return [s for s in spans if s.context.trace_id == trace_id]
            time.sleep(0.01)
        raise AssertionError(f"no server span for request {request_id}")


@pytest.fixture
def demo_store(tmp_path: Path) -> Path:
    path = tmp_path / "unsilo.sqlite3"
    asyncio.run(load_demo(Settings(store=f"sqlite:{path}")))
    return path


@pytest.fixture
def traced(demo_store: Path) -> Iterator[Traced]:
    # A provider of the test's own, never the process-wide one: nothing leaks between tests.
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    app = create_app(tokens.SETTINGS, lambda: FlakyStore(demo_store), tracer_provider=provider)
    with serve(app) as api:
        yield Traced(api, app, exporter, tokens.token({"demo": "ADMIN"}))
    provider.shutdown()


def children(spans: list[ReadableSpan], parent: ReadableSpan) -> list[ReadableSpan]:
    return [s for s in spans if s.parent is not None and s.parent.span_id == parent.context.span_id]


def named(spans: list[ReadableSpan], name: str) -> ReadableSpan:
    found = [s for s in spans if s.name == name]
    assert len(found) == 1, [s.name for s in spans]
    return found[0]


def test_a_request_span_holds_its_store_calls_and_its_analysis(traced: Traced) -> None:
    response = traced.post(SILOS, id="demo", top=3)
    assert response.status_code == 200
    assert "errors" not in response.json(), response.json()
    spans = traced.spans_of(response)

    request = named(spans, "POST /graphql")
    assert request.kind == SpanKind.SERVER
    assert request.parent is None  # no traceparent sent: a trace of its own
    assert dict(request.attributes or {}) == {
        "http.request.method": "POST",
        "http.route": "/graphql",
        "http.response.status_code": 200,
        "unsilo.request_id": response.headers["x-request-id"],
        "graphql.operation.name": "Silos",
    }
    assert request.status.status_code == StatusCode.UNSET

    direct = children(spans, request)
    analysis = named(direct, "analysis silo_bottlenecks")
    store_calls = [s for s in direct if s.name.startswith("store ")]
    assert store_calls, [s.name for s in direct]
    organization_read = named(store_calls, "store organizations_by_id")
    assert organization_read.kind == SpanKind.CLIENT
    assert organization_read.attributes == {
        "db.system.name": "sqlite",
        "db.operation.name": "organizations_by_id",
    }
    assert organization_read.end_time is not None
    assert organization_read.start_time is not None
    assert organization_read.end_time >= organization_read.start_time

    attributes = dict(analysis.attributes or {})
    assert attributes["unsilo.analysis"] == "silo_bottlenecks"
    assert attributes["unsilo.graph.leaders"] == len(DEMO.leaders) == DEMO_LEADERS
    assert attributes["unsilo.graph.units"] == len(DEMO.units)
    assert attributes["unsilo.graph.ties"] == len(DEMO.ties)
    assert attributes["unsilo.graph.dependencies"] == len(DEMO.dependencies)
    assert attributes["unsilo.graph.conflicts"] == len(DEMO.conflicts)
    # The analysis read the organization's graphs: those store calls are its children.
    assert "store snapshot" in [s.name for s in children(spans, analysis)]
    assert all(s.status.status_code == StatusCode.UNSET for s in spans)


def test_the_clients_traceparent_is_the_parent(traced: Traced) -> None:
    traceparent = f"00-{CLIENT_TRACE}-{CLIENT_SPAN}-01"
    response = traced.post(SILOS, headers={"traceparent": traceparent}, id="demo", top=3)
    assert response.status_code == 200
    spans = traced.spans_of(response)
    request = named(spans, "POST /graphql")
    assert request.parent is not None
    assert request.parent.is_remote
    assert request.parent.span_id == int(CLIENT_SPAN, 16)
    assert {s.context.trace_id for s in spans} == {int(CLIENT_TRACE, 16)}
    assert len(spans) > 2


def test_another_path_is_not_recorded(traced: Traced) -> None:
    response = traced.api.client.get(f"{traced.api.url}/leaders/Marigold")
    assert response.status_code == 404
    deadline = time.monotonic() + 5
    while not (spans := traced.exporter.get_finished_spans()) and time.monotonic() < deadline:
        time.sleep(0.01)
    span = named(list(spans), "GET")
    assert dict(span.attributes or {}) == {
        "http.request.method": "GET",
        "http.response.status_code": 404,
    }


def test_a_failed_store_call_is_an_error_without_its_message(traced: Traced) -> None:
    store = traced.app.state.store
    store.failing = True
    try:
        response = traced.post(SILOS, id="demo", top=3)
    finally:
        store.failing = False
    assert response.json()["errors"][0]["extensions"]["code"] == "STORE_UNAVAILABLE"
    spans = traced.spans_of(response)
    failed = named(spans, "store organizations_by_id")
    assert failed.status.status_code == StatusCode.ERROR
    assert failed.status.description is None
    assert failed.attributes is not None
    assert failed.attributes["error.type"] == "StoreUnavailable"
    assert not failed.events
    assert not leaks(spans, [FAILURE_MESSAGE, "Marigold"])


def test_no_span_holds_names_query_text_variables_or_credentials(traced: Traced) -> None:
    leader = next(iter(DEMO.leaders.values()))
    renamed = traced.post(RENAME, org="demo", id=leader.id, name=NEW_NAME)
    assert renamed.json()["data"]["updateLeader"]["__typename"] == "LeaderPayload"
    read = traced.post(SILOS, id="demo", top=3)
    assert read.status_code == 200
    spans = traced.spans_of(renamed) + traced.spans_of(read)
    assert "store commit" in [s.name for s in spans]  # the new name went through the store

    secrets = [NEW_NAME, RENAME, SILOS, traced.token, leader.id, DEMO.organization.name]
    secrets += [json.dumps({"org": "demo", "id": leader.id, "name": NEW_NAME})]
    secrets += [entity.name for entity in (*DEMO.leaders.values(), *DEMO.units.values())]
    secrets += [leader.title for leader in DEMO.leaders.values()]
    assert len(secrets) > DEMO_LEADERS
    assert not leaks(spans, secrets)
    # The scan finds what it looks for, in an attribute or an event.
    planted = [
        ReadableSpan("probe", attributes={"leader": f"x {NEW_NAME} y"}),
        ReadableSpan("probe", events=[Event("query", {"text": SILOS})]),
    ]
    assert len(leaks(planted, secrets)) == 2


def leaks(spans: list[ReadableSpan], secrets: Sequence[str]) -> list[str]:
    """Every (span, text) where a secret appears: in a name, an attribute, an event, a status."""
    texts: list[tuple[str, str]] = []
    for span in spans:
        texts.append((span.name, span.name))
        texts += [(span.name, f"{key}={value}") for key, value in (span.attributes or {}).items()]
        for event in span.events:
            texts.append((span.name, event.name))
            texts += [(span.name, f"{k}={v}") for k, v in (event.attributes or {}).items()]
        texts.append((span.name, span.status.description or ""))
    return [f"{where}: {text}" for where, text in texts for s in secrets if s and s in text]


def test_tracing_is_off_by_default(demo_store: Path) -> None:
    app = create_app(tokens.SETTINGS, lambda: SqliteStore(demo_store))
    assert tokens.SETTINGS.otlp_endpoint == ""
    assert app.user_middleware == []
    with serve(app) as api:
        response = api.client.post(
            f"{api.url}/graphql",
            json={"query": SILOS, "variables": {"id": "demo", "top": 3}},
            headers={"authorization": f"Bearer {tokens.token({'demo': 'ADMIN'})}"},
        )
        assert response.status_code == 200
        assert "errors" not in response.json()
        # Nothing wraps the runner.
        assert "run" not in vars(app.state.runner)
        # The store's calls are wrapped once, for their timing only.
        assert not hasattr(app.state.store._organizations_by_id.__wrapped__, "__wrapped__")
    # The process-wide provider was never set, by this app or by the traced ones.
    assert isinstance(trace.get_tracer_provider(), trace.ProxyTracerProvider)


def test_tracing_off_never_loads_the_sdk() -> None:
    code = (
        "import sys\n"
        "from service.app import create_app\n"
        "from service.settings import Settings\n"
        "from graph_queries.stores.sqlite_store import SqliteStore\n"
        "create_app(Settings(), lambda: SqliteStore(':memory:'))\n"
        "print([m for m in sys.modules if m.startswith('opentelemetry.sdk')])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


class Collector(http.server.BaseHTTPRequestHandler):
    """An OTLP/HTTP collector that keeps what it is sent."""

    received: list[tuple[str, dict[str, str], bytes]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["content-length"]))
        self.received.append((self.path, {k.lower(): v for k, v in self.headers.items()}, body))
        self.send_response(200)
        self.send_header("content-type", "application/x-protobuf")
        self.send_header("content-length", "0")
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def collector() -> Iterator[tuple[str, list[tuple[str, dict[str, str], bytes]]]]:
    received: list[tuple[str, dict[str, str], bytes]] = []
    handler = type("Handler", (Collector,), {"received": received})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", received
    finally:
        server.shutdown()
        thread.join(timeout=5)


def test_spans_are_exported_over_otlp_http_with_the_service_resource(
    demo_store: Path,
    collector: tuple[str, list[tuple[str, dict[str, str], bytes]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    endpoint, received = collector
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_HEADERS", "x-collector-key=k1")
    settings = Settings.from_env({"UNSILO_OTLP_ENDPOINT": endpoint})
    with serve(create_app(settings, lambda: SqliteStore(demo_store))) as api:
        response = api.client.post(
            f"{api.url}/graphql", json={"query": "query Orgs { organizations { localId } }"}
        )
        assert response.status_code == 200
    # Stopping the app flushes the batch.
    assert received, "nothing exported"
    path, headers, body = received[0]
    assert path == "/v1/traces"
    assert headers["content-type"] == "application/x-protobuf"
    assert headers["x-collector-key"] == "k1"
    export = ExportTraceServiceRequest.FromString(body)
    resource = {
        kv.key: kv.value.string_value for kv in export.resource_spans[0].resource.attributes
    }
    assert resource["service.name"] == "unsilo"
    assert resource["service.version"] == "0.1.0"
    names = {s.name for rs in export.resource_spans for ss in rs.scope_spans for s in ss.spans}
    assert {"POST /graphql", "store organizations"} <= names


def test_the_standard_sampler_variable_applies(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OTEL_TRACES_SAMPLER", "always_off")
    provider = exporting_provider("http://127.0.0.1:4318")
    try:
        assert provider.sampler is ALWAYS_OFF
    finally:
        provider.shutdown()


@pytest.mark.parametrize(
    ("endpoint", "url"),
    [
        ("http://collector:4318", "http://collector:4318/v1/traces"),
        ("https://otel.example.test/", "https://otel.example.test/v1/traces"),
        ("https://otel.example.test/custom/traces", "https://otel.example.test/custom/traces"),
    ],
)
def test_an_endpoint_without_a_path_means_its_traces_path(endpoint: str, url: str) -> None:
    assert Settings.from_env({"UNSILO_OTLP_ENDPOINT": endpoint}).otlp_endpoint == endpoint
    assert traces_url(endpoint) == url


@pytest.mark.parametrize(
    "endpoint",
    ["collector:4318", "ftp://collector", "http://", "http://collector:port", "http://a b:1"],
)
def test_an_invalid_endpoint_is_a_one_line_settings_error(endpoint: str) -> None:
    with pytest.raises(SettingsError) as raised:
        Settings.from_env({"UNSILO_OTLP_ENDPOINT": endpoint})
    message = str(raised.value)
    assert "\n" not in message
    assert message == f"UNSILO_OTLP_ENDPOINT: {endpoint!r} must be an http:// or https:// URL"


def test_the_setting_is_passed_to_workers() -> None:
    settings = Settings(otlp_endpoint="http://collector:4318")
    assert Settings.from_env(settings.to_environ()).otlp_endpoint == "http://collector:4318"
