"""Malformed bodies and hostile text: a 4xx or a coded GraphQL error, never a 500 or an outage."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graph_queries.context import ANONYMOUS
from graph_queries.errors import ErrorCode, InputRejected
from graph_queries.formats.json_document import to_document
from graph_queries.model import EntityKind, Unit
from graph_queries.stores.port import PageWindow, Store, UnitFilter
from graph_queries.validation import validate_snapshot
from service.app import create_app
from service.settings import Settings
from tests.conftest import Backend
from tests.live import LiveServer, serve
from tests.orgs import acme
from tests.test_api import IMPORT, RESULT_FIELDS, totals

ORGANIZATIONS = b'{"query": "{ organizations { localId } }"}'
JSON = "application/json"
MALFORMED_BODIES = [
    pytest.param(b'"{ organizations { localId } }"', JSON, 400, id="json-string"),
    pytest.param(b"null", JSON, 400, id="json-null"),
    pytest.param(b"42", JSON, 400, id="json-number"),
    pytest.param(b"true", JSON, 400, id="json-boolean"),
    pytest.param(b"[]", JSON, 400, id="json-array"),
    pytest.param(b"[" + ORGANIZATIONS + b"]", JSON, 400, id="batch-array"),
    pytest.param(b'{"query": "{ organizations { localId } }\xff"}', JSON, 400, id="invalid-utf8"),
    pytest.param(b"\xfe\xff\x00{", JSON, 400, id="utf16-bom"),
    pytest.param(b'{"query": ', JSON, 400, id="truncated-json"),
    pytest.param(b"", JSON, 400, id="empty-body"),
    pytest.param(ORGANIZATIONS, "text/plain", 415, id="text-plain"),
    pytest.param(ORGANIZATIONS, "application/x-www-form-urlencoded", 415, id="form"),
    pytest.param(ORGANIZATIONS, None, 415, id="no-content-type"),
    pytest.param(b'{"variables": {}}', JSON, 400, id="missing-query"),
    pytest.param(b'{"query": null}', JSON, 400, id="null-query"),
    pytest.param(b'{"query": 7}', JSON, 400, id="number-query"),
    pytest.param(
        b'{"query": "{ organizations { localId } }", "variables": []}', JSON, 400, id="vars-list"
    ),
    pytest.param(
        b'{"query": "{ organizations { localId } }", "variables": "x"}', JSON, 400, id="vars-str"
    ),
    pytest.param(
        b'{"query": "{ organizations { localId } }", "operationName": 3}', JSON, 400, id="op"
    ),
]


@pytest.fixture(scope="module")
def sqlite_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    from graph_queries.stores.sqlite_store import SqliteStore

    path = tmp_path_factory.mktemp("hostile") / "unsilo.sqlite3"
    with serve(create_app(Settings(), lambda: SqliteStore(path))) as server:
        server.graphql(IMPORT, document=to_document(acme()))
        yield server


@pytest.fixture
def api(backend: Backend) -> Iterator[LiveServer]:
    with serve(create_app(Settings(), backend.open)) as server:
        server.graphql(IMPORT, document=to_document(acme()))
        yield server


@pytest.mark.parametrize(("body", "content_type", "status"), MALFORMED_BODIES)
def test_malformed_body_is_a_4xx_with_a_graphql_error(
    sqlite_api: LiveServer, body: bytes, content_type: str | None, status: int
) -> None:
    headers = {} if content_type is None else {"content-type": content_type}
    response = sqlite_api.client.post(f"{sqlite_api.url}/graphql", content=body, headers=headers)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(JSON)
    [error] = response.json()["errors"]
    assert error["message"]
    assert error["extensions"]["code"] in {"BAD_REQUEST", "UNSUPPORTED_MEDIA_TYPE"}
    # The server is still fine afterwards.
    assert sqlite_api.graphql("{ organizations { localId } }")["organizations"] == [
        {"localId": "acme"}
    ]


def test_content_type_with_charset_is_accepted(sqlite_api: LiveServer) -> None:
    response = sqlite_api.client.post(
        f"{sqlite_api.url}/graphql",
        content=ORGANIZATIONS,
        headers={"content-type": "application/json; charset=utf-8"},
    )
    assert response.status_code == 200
    assert response.json() == {"data": {"organizations": [{"localId": "acme"}]}}


FILTER = """query($text: String) { organization(id: "acme") {
  units(first: 5, filter: {text: $text}) { totalCount } } }"""


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("x" * 50_000, "variable $text has 50000 characters, at most 10000"),
        ("Sales\x00anything", "variable $text contains the control character U+0000"),
        ("Sales\x1b[31m", "variable $text contains the control character U+001B"),
    ],
)
def test_hostile_filter_text_is_bad_user_input(api: LiveServer, text: str, problem: str) -> None:
    body = api.graphql_response(FILTER, text=text)
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["message"].startswith(problem)
    assert body["data"] is None


def test_long_literal_argument_is_named(backend: Backend) -> None:
    query = '{ organization(id: "acme") { units(filter: {text: "%s"}) { totalCount } } }' % (
        "y" * 10_001
    )
    # Longer than the default query-length limit, which would refuse it first (QUERY_TOO_LONG).
    with serve(create_app(Settings(max_query_length=20_000), backend.open)) as server:
        [error] = server.graphql_response(query)["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["message"] == "argument filter.text has 10001 characters, at most 10000"


def test_tab_and_newline_pass_in_filter_text(api: LiveServer) -> None:
    organization = api.graphql(FILTER, text="a\tb\nc")["organization"]
    assert organization["units"]["totalCount"] == 0


def test_text_limit_is_a_setting(backend: Backend) -> None:
    with serve(create_app(Settings(max_text_argument=5), backend.open)) as server:
        [error] = server.graphql_response(FILTER, text="sixsix")["errors"]
        assert error["message"] == "variable $text has 6 characters, at most 5"
        assert "errors" not in server.graphql_response(FILTER, text="five5")


async def test_store_refuses_a_huge_filter_as_input_not_outage(store: Store) -> None:
    # Below the GraphQL limit the stores answer; far above it, a store's own limit is the
    # caller's error (InputRejected), never StoreUnavailable.
    await store.replace_organization(ANONYMOUS, acme(), expected_version=0)
    for text in ("x" * 10_000, "%_\\" * 3_334, "x" * 60_000):
        refusal = ""
        try:
            page = await store.page(
                ANONYMOUS, "acme", EntityKind.UNIT, UnitFilter(text=text), PageWindow(first=5)
            )
        except InputRejected as refused:
            refusal = str(refused)
        else:
            assert page.items == []
        assert refusal in ("", f"the store refused the input: {refusal.split(': ', 1)[-1]}")


@pytest.mark.parametrize("id", ["u9\n", "u9\r\n", "\nu9", "u9\x00"])
def test_ids_are_matched_whole(api: LiveServer, id: str) -> None:
    query = f"""mutation($id: ID!) {{ createUnit(organizationId: "acme",
        input: {{id: $id, name: "Pricing"}}) {{ {RESULT_FIELDS} }} }}"""
    body = api.graphql_response(query, id=id)
    if "errors" in body:  # a control character other than newline, refused before the write
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    else:
        result = body["data"]["createUnit"]
        assert result["__typename"] == "ValidationError"
        assert [(e["path"], e["code"]) for e in result["errors"]] == [
            ("input.id", "INVALID_FORMAT")
        ]
    assert totals(api)["units"]["totalCount"] == 5


def test_control_characters_in_stored_text_are_refused() -> None:
    snapshot = acme()
    unit = next(iter(snapshot.units.values()))
    snapshot.units[unit.id] = Unit(unit.id, "Sales\x00Ops", unit.kind, unit.parent_id)
    errors = validate_snapshot(snapshot)
    assert [(e.path, e.code) for e in errors] == [
        (f"units[{unit.id}].name", ErrorCode.INVALID_FORMAT)
    ]
    assert "U+0000" in errors[0].message
    snapshot.units[unit.id] = Unit(unit.id, "Sales\tOps\nEMEA", unit.kind, unit.parent_id)
    assert validate_snapshot(snapshot) == []


def test_import_with_a_nul_stores_nothing(api: LiveServer) -> None:
    before = totals(api)
    document = to_document(acme("other"))
    document["units"][0]["name"] = "Bad\x00name"
    body = api.graphql_response(IMPORT, document=document)
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "variable $document.units[0].name" in body["errors"][0]["message"]
    listed = api.graphql("{ organizations { localId } }")["organizations"]
    assert listed == [{"localId": "acme"}]
    assert totals(api) == before
