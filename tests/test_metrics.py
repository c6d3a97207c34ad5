"""/metrics from the real app: requests by operation, errors by code, analyses and caches,
store calls; bounded operation labels; the setting that turns the endpoint off."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from prometheus_client import generate_latest
from prometheus_client.parser import text_string_to_metric_families

from graph_queries.formats.json_document import to_document
from graph_queries.stores.sqlite_store import SqliteStore
from service.app import create_app
from service.metrics import ANONYMOUS_OPERATION, OTHER_OPERATION, Metrics
from service.settings import Settings
from tests.live import LiveServer, serve
from tests.orgs import acme

ROOT = Path(__file__).resolve().parents[1]
IMPORT = """mutation Load($d: JSON!) { importOrganization(document: $d) { __typename } }"""
NAME = """query OrgName($id: ID!) { organization(id: $id) { name } }"""
INVALID = """query Broken { organization(id: "acme") { noSuchField } }"""
FACTIONS = """query Factions { organization(id: "acme") { executiveFactions { __typename } } }"""
# The same analysis in another text: the response cache misses, the runner's cache hits.
FACTIONS_AGAIN = """query FactionsAgain { organization(id: "acme") {
  executiveFactions { __typename } name } }"""

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def scrape(api: LiveServer) -> Samples:
    response = api.client.get(f"{api.url}/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


@pytest.fixture
def api(tmp_path: Path) -> Iterator[LiveServer]:
    path = tmp_path / "unsilo.sqlite3"
    with serve(create_app(Settings(), lambda: SqliteStore(path))) as server:
        server.graphql(IMPORT, d=to_document(acme()))
        yield server


def post(api: LiveServer, query: str, **variables: object) -> httpx.Response:
    return api.client.post(f"{api.url}/graphql", json={"query": query, "variables": variables})


def test_requests_errors_analyses_caches_and_store_calls_are_counted(api: LiveServer) -> None:
    assert post(api, NAME, id="acme").json()["data"]["organization"]["name"] == "Acme Widgets"
    refused = post(api, INVALID).json()
    assert refused["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION"
    for query in (FACTIONS, FACTIONS_AGAIN, FACTIONS):
        assert "errors" not in post(api, query).json()
    post(api, "{ organizations { localId } }")

    samples = scrape(api)
    requests = "unsilo_graphql_requests_total"
    assert value(samples, requests, operation="OrgName") == 1
    assert value(samples, requests, operation="Load") == 1
    assert value(samples, requests, operation="Factions") == 2
    assert value(samples, requests, operation="FactionsAgain") == 1
    assert value(samples, requests, operation=ANONYMOUS_OPERATION) == 1
    # Refused by validation, but it parsed: counted under the name it defines.
    assert value(samples, requests, operation="Broken") == 1
    duration = "unsilo_graphql_request_duration_seconds_count"
    assert value(samples, duration, operation="Factions") == 2
    assert value(samples, "unsilo_graphql_errors_total", code="GRAPHQL_VALIDATION") == 1
    assert value(samples, "unsilo_graphql_errors_total", code="INTERNAL") == 0

    factions = {"analysis": "executive_factions"}
    assert value(samples, "unsilo_analysis_cache_misses_total", **factions) == 1
    assert value(samples, "unsilo_analysis_cache_hits_total", **factions) == 1
    assert value(samples, "unsilo_analysis_duration_seconds_count", **factions) == 1
    assert value(samples, "unsilo_response_cache_misses_total") == 2
    assert value(samples, "unsilo_response_cache_hits_total") == 1

    store = "unsilo_store_call_duration_seconds_count"
    assert value(samples, store, method="snapshot") == 1  # one graph build for both analyses
    assert value(samples, store, method="graph_version") >= 3
    assert value(samples, store, method="replace_organization") == 1


def test_refusals_before_execution_are_counted_by_code(api: LiveServer) -> None:
    too_long = post(api, "{ organizations { localId } }" + " " * 20_000)
    assert too_long.status_code == 400
    samples = scrape(api)
    assert value(samples, "unsilo_graphql_errors_total", code="QUERY_TOO_LONG") == 1
    assert value(samples, "unsilo_graphql_requests_total", operation=ANONYMOUS_OPERATION) == 1


def test_operation_labels_are_bounded() -> None:
    metrics = Metrics(max_operation_names=2)
    assert metrics.operation_label("A") == "A"
    assert metrics.operation_label("B") == "B"
    assert metrics.operation_label("C") == OTHER_OPERATION
    assert metrics.operation_label("A") == "A"
    assert metrics.operation_label(None) == ANONYMOUS_OPERATION
    assert metrics.operation_label("not a name!") == ANONYMOUS_OPERATION
    assert metrics.operation_label("x" * 65) == ANONYMOUS_OPERATION


def test_metrics_can_be_turned_off(tmp_path: Path) -> None:
    app = create_app(Settings(metrics=False), lambda: SqliteStore(tmp_path / "s.sqlite3"))
    with serve(app) as api:
        assert api.client.get(f"{api.url}/metrics").status_code == 404
        assert api.client.get(f"{api.url}/healthz").status_code == 200


def test_metrics_are_not_rate_limited(tmp_path: Path) -> None:
    settings = Settings(rate_limit=1, rate_burst=1)
    with serve(create_app(settings, lambda: SqliteStore(tmp_path / "s.sqlite3"))) as api:
        statuses = {api.client.get(f"{api.url}/metrics").status_code for _ in range(5)}
        assert statuses == {200}
        assert post(api, "{ organizations { localId } }").status_code == 200
        assert post(api, "{ organizations { localId } }").status_code == 429


def test_the_dashboard_reads_only_metrics_the_service_exports() -> None:
    dashboard = json.loads((ROOT / "docs" / "grafana-dashboard.json").read_text())
    exprs = [target["expr"] for panel in dashboard["panels"] for target in panel["targets"]]
    used = {re.sub(r"_bucket$", "", name) for e in exprs for name in re.findall(r"unsilo_\w+", e)}
    metrics = Metrics()
    metrics.watch_neo4j_pool(lambda: 0, 1)
    exported = generate_latest(metrics.registry).decode()
    assert used
    for name in used:
        assert f"# TYPE {name} " in exported or f"# HELP {name} " in exported, name


def test_a_store_without_a_pool_exports_no_pool_figures(api: LiveServer) -> None:
    names = {name for name, _ in scrape(api)}
    assert (
        "unsilo_graphql_requests_total" in names
        or "unsilo_store_call_duration_seconds_count" in names
    )
    assert not any(name.startswith("unsilo_neo4j_") for name in names)
