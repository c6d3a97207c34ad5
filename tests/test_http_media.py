"""GraphQL over HTTP: the answer's media type by the Accept header, the statuses of
`application/graphql-response+json`, GET for queries only and only when allowed, and parse
errors coded apart from validation errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from graph_queries.formats.json_document import to_document
from graph_queries.stores.sqlite_store import SqliteStore
from service.app import create_app
from service.media_types import GRAPHQL_RESPONSE, JSON, negotiate
from service.settings import Settings
from tests.live import LiveServer, serve
from tests.orgs import acme

IMPORT = """mutation($d: JSON!) { importOrganization(document: $d) { __typename } }"""
FACTIONS = """{ organization(id: "acme") { executiveFactions { __typename } } }"""


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, JSON),
        ("*/*", JSON),
        ("application/json", JSON),
        (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE),
        (f"{GRAPHQL_RESPONSE}, application/json;q=0.9", GRAPHQL_RESPONSE),
        (f"application/json, {GRAPHQL_RESPONSE};q=0.5", JSON),
        (f"{GRAPHQL_RESPONSE};q=0", JSON),
        ("text/html", JSON),
    ],
)
def test_the_media_type_follows_the_accept_header(accept: str | None, expected: str) -> None:
    assert negotiate(accept) == expected


def served(tmp_path: Path, **settings: object) -> Iterator[LiveServer]:
    app = create_app(Settings(rate_limit=0, **settings), lambda: SqliteStore(tmp_path / "u.db"))
    with serve(app) as server:
        server.graphql(IMPORT, d=to_document(acme()))
        yield server


@pytest.fixture
def api(tmp_path: Path) -> Iterator[LiveServer]:
    yield from served(tmp_path)


@pytest.fixture
def get_api(tmp_path: Path) -> Iterator[LiveServer]:
    yield from served(tmp_path, allow_get=True)


def post(api: LiveServer, query: str, accept: str | None = None, **extra: object) -> httpx.Response:
    headers = {} if accept is None else {"accept": accept}
    return api.client.post(f"{api.url}/graphql", json={"query": query, **extra}, headers=headers)


def test_request_errors_are_400_without_data_only_for_graphql_response_json(
    api: LiveServer,
) -> None:
    for query, code in (("{", "GRAPHQL_PARSE_FAILED"), ("{ nope }", "GRAPHQL_VALIDATION")):
        as_json = post(api, query, JSON)
        assert as_json.status_code == 200
        assert as_json.headers["content-type"] == JSON
        assert as_json.json()["data"] is None
        assert as_json.json()["errors"][0]["extensions"]["code"] == code
        graphql = post(api, query, GRAPHQL_RESPONSE)
        assert graphql.status_code == 400
        assert graphql.headers["content-type"] == GRAPHQL_RESPONSE
        assert "data" not in graphql.json()
        assert graphql.json()["errors"][0]["extensions"]["code"] == code
    metrics = api.client.get(f"{api.url}/metrics").text
    assert 'unsilo_graphql_errors_total{code="GRAPHQL_PARSE_FAILED"} 2.0' in metrics
    coercion = post(api, "query($id: ID!) { organization(id: $id) { localId } }", GRAPHQL_RESPONSE)
    assert coercion.status_code == 400, coercion.text
    # A field error is not a request error: its `data` says what was resolved.
    missing = post(api, '{ organization(id: "missing") { localId } }', GRAPHQL_RESPONSE)
    assert missing.status_code == 200
    assert "data" in missing.json()


def test_stored_answers_serve_both_media_types(api: LiveServer) -> None:
    first = post(api, FACTIONS, GRAPHQL_RESPONSE)
    second = post(api, FACTIONS, JSON)
    third = post(api, FACTIONS, GRAPHQL_RESPONSE)
    assert [first.status_code, second.status_code, third.status_code] == [200, 200, 200]
    assert first.headers["content-type"] == third.headers["content-type"] == GRAPHQL_RESPONSE
    assert second.headers["content-type"] == JSON
    assert first.content == second.content == third.content


def test_get_is_refused_unless_allowed(api: LiveServer) -> None:
    response = api.client.get(f"{api.url}/graphql", params={"query": "{ __typename }"})
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert response.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"


def test_get_runs_queries_and_never_mutations(get_api: LiveServer) -> None:
    url = f"{get_api.url}/graphql"
    query = {"query": "query($id: ID!) { organization(id: $id) { name } }"}
    answer = get_api.client.get(url, params={**query, "variables": '{"id": "acme"}'})
    assert answer.status_code == 200
    assert answer.json()["data"]["organization"]["name"] == "Acme Widgets"
    assert answer.headers["vary"] == "Accept"
    rename = 'mutation { updateOrganization(id: "acme", input: {name: "Renamed"}) { __typename } }'
    refused = get_api.client.get(url, params={"query": rename})
    assert refused.status_code == 405
    assert refused.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"
    bad = get_api.client.get(url, params={**query, "variables": "[1]"})
    assert bad.status_code == 400
    name = get_api.client.get(url, params={**query, "variables": '{"id": "acme"}'})
    assert name.json()["data"]["organization"]["name"] == "Acme Widgets"  # not renamed
