"""Prometheus metrics of one server process, served at /metrics (docs/operations.md).

Each app has its own registry, so that several apps in one process (the tests) never share
counts. With `unsilo serve --workers N` each worker counts only its own requests: see
docs/operations.md for why this is not aggregated across workers.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from starlette.requests import Request
from starlette.responses import Response

ANONYMOUS_OPERATION = "anonymous"  # no name, or one that is not an operation of the document
OTHER_OPERATION = "other"  # a name past the cap
MAX_OPERATION_NAMES = 100  # distinct operation labels; clients choose names, so they are capped
OTHER_CODE = "OTHER"
_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]{0,63}")
_CODE = re.compile(r"[A-Z][A-Z_]{0,39}")

REQUEST_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
ANALYSIS_BUCKETS = (0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)
STORE_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5)


class Metrics:
    """The service's instruments; their names and labels are listed in docs/operations.md."""

    def __init__(self, max_operation_names: int = MAX_OPERATION_NAMES) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self._max_operations = max_operation_names
        self._operations: set[str] = set()
        self._lock = threading.Lock()  # store calls may be timed from worker threads
        r = self.registry
        self.requests = Counter(
            "unsilo_graphql_requests", "GraphQL requests answered", ["operation"], registry=r
        )
        self.request_seconds = Histogram(
            "unsilo_graphql_request_duration_seconds",
            "Time to answer a GraphQL request",
            ["operation"],
            buckets=REQUEST_BUCKETS,
            registry=r,
        )
        self.errors = Counter(
            "unsilo_graphql_errors", "GraphQL errors by extensions.code", ["code"], registry=r
        )
        self.analysis_seconds = Histogram(
            "unsilo_analysis_duration_seconds",
            "Time to compute an analysis (cache misses only)",
            ["analysis"],
            buckets=ANALYSIS_BUCKETS,
            registry=r,
        )
        self.analysis_hits = Counter(
            "unsilo_analysis_cache_hits", "Analyses answered from the runner's cache",
            ["analysis"], registry=r,
        )  # fmt: skip
        self.analysis_misses = Counter(
            "unsilo_analysis_cache_misses", "Analyses computed (not in the runner's cache)",
            ["analysis"], registry=r,
        )  # fmt: skip
        self.response_hits = Counter(
            "unsilo_response_cache_hits", "Encoded answers reused", registry=r
        )
        self.response_misses = Counter(
            "unsilo_response_cache_misses", "Storable answers that were executed", registry=r
        )
        self.store_seconds = Histogram(
            "unsilo_store_call_duration_seconds",
            "Time of one store call, by store method",
            ["method"],
            buckets=STORE_BUCKETS,
            registry=r,
        )
        self.exports = Counter(
            "unsilo_exports", "Export downloads answered, by file and HTTP status",
            ["file", "status"], registry=r,
        )  # fmt: skip
        self.export_seconds = Histogram(
            "unsilo_export_duration_seconds",
            "Time to answer an export download (results and rendering)",
            ["file"],
            buckets=ANALYSIS_BUCKETS,
            registry=r,
        )

        self.subscriptions = Gauge(
            "unsilo_subscriptions_active",
            "GraphQL subscriptions open (authorized, watching an organization)",
            registry=r,
        )

    def watch_subscriptions(self, active: Callable[[], int]) -> None:
        """Read the open subscriptions at each scrape (a new lifespan replaces the source)."""
        self.subscriptions.set_function(active)

    def watch_neo4j_pool(self, in_use: Callable[[], int], max_size: int) -> None:
        """Export a Neo4j store's connections in use, read at each scrape, against its pool size."""
        Gauge(
            "unsilo_neo4j_connections_in_use",
            "Neo4j transactions running, each on a pooled connection",
            registry=self.registry,
        ).set_function(in_use)
        Gauge(
            "unsilo_neo4j_pool_max_size", "Neo4j connection pool size (the most in use at once)",
            registry=self.registry,
        ).set(max_size)  # fmt: skip

    def operation_label(self, name: str | None) -> str:
        """`name` while fewer than the cap have been seen, else `other`; no name: `anonymous`."""
        if name is None or not _NAME.fullmatch(name) or name in (ANONYMOUS_OPERATION,):
            return ANONYMOUS_OPERATION
        with self._lock:
            if name in self._operations:
                return name
            if len(self._operations) >= self._max_operations:
                return OTHER_OPERATION
            self._operations.add(name)
            return name

    def request(self, operation: str, seconds: float, codes: list[str]) -> None:
        self.requests.labels(operation).inc()
        self.request_seconds.labels(operation).observe(seconds)
        for code in codes:
            self.errors.labels(code if _CODE.fullmatch(code) else OTHER_CODE).inc()

    def exported(self, file: str, status: int, seconds: float) -> None:
        """`file` is one of the export file names or `other`: callers cannot add labels."""
        self.exports.labels(file, str(status)).inc()
        self.export_seconds.labels(file).observe(seconds)

    # ---- hooks for the runner (graph_queries.runner.RunnerObserver) and the response cache ----
    def looked_up(self, analysis: str, hit: bool) -> None:
        (self.analysis_hits if hit else self.analysis_misses).labels(analysis).inc()

    def computed(self, analysis: str, seconds: float) -> None:
        self.analysis_seconds.labels(analysis).observe(seconds)

    def response_looked_up(self, hit: bool) -> None:
        (self.response_hits if hit else self.response_misses).inc()

    def store_call(self, method: str, seconds: float) -> None:
        self.store_seconds.labels(method).observe(seconds)

    async def endpoint(self, request: Request) -> Response:
        return Response(generate_latest(self.registry), media_type=CONTENT_TYPE_LATEST)
