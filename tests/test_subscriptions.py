"""GraphQL subscriptions over WebSocket (graphql-transport-ws) against a live server: events,
where changes come from, and every refusal an attacker would meet."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import ClientConnection, connect

from graph_queries.commands import import_organization
from graph_queries.context import ANONYMOUS
from graph_queries.formats.json_document import to_document
from graph_queries.graph_changes import GraphChanges
from graph_queries.model import Organization
from graph_queries.stores.sqlite_store import SqliteStore
from service.api_keys import create_key
from service.app import create_app
from service.persisted_queries import document_hash
from service.settings import Settings
from tests.conftest import Backend
from tests.live import LiveServer, serve
from tests.orgs import acme
from tests.test_api import IMPORT
from tests.tokens import SETTINGS as TOKEN_SETTINGS
from tests.tokens import token

PROTOCOL = "graphql-transport-ws"
WAIT = 5.0  # seconds any one expected message may take
CHANGED = "subscription($id: ID!) { organizationChanged(id: $id) { organizationId graphVersion } }"
REPORT_FIELDS = """
    __typename
    ... on ExecutionReportAnalysis {
      graphVersion
      privacy { minGroup withheldGroups lifted }
      report { headlines outcomeMix { n outcomes { status observed } }
               hotspots { unitA unitB } }
    }
    ... on NotFoundError { message entity id }
"""
READY = f"subscription($id: ID!) {{ analysisReady(id: $id) {{ {REPORT_FIELDS} }} }}"
REPORT_QUERY = (
    f"query($id: ID!) {{ organization(id: $id) {{ executionReport {{ {REPORT_FIELDS} }} }} }}"
)
VERSION = "query($id: ID!) { organization(id: $id) { graphVersion } }"
NEW_CONFLICT = """mutation { createConflict(organizationId: "acme", input: {
    unitAId: "u3", unitBId: "u4", raisedAt: "2025-02-01", status: RESOLVED_LATE,
    resolvedAt: "2025-04-01", severity: 4}) { __typename } }"""


# ---- a small graphql-transport-ws client -----------------------------------------------------


def socket(
    server: LiveServer,
    *,
    headers: dict[str, str] | None = None,
    origin: str | None = None,
    subprotocols: tuple[str, ...] = (PROTOCOL,),
) -> ClientConnection:
    url = server.url.replace("http://", "ws://") + "/graphql"
    return connect(
        url,
        subprotocols=list(subprotocols),  # type: ignore[arg-type]
        additional_headers=headers,
        origin=origin,  # type: ignore[arg-type]
        open_timeout=WAIT,
        close_timeout=1,
    )


def receive(ws: ClientConnection, timeout: float = WAIT) -> dict[str, Any]:
    message: dict[str, Any] = json.loads(ws.recv(timeout=timeout))
    return message


def initialize(ws: ClientConnection, payload: dict[str, Any] | None = None) -> None:
    ws.send(json.dumps({"type": "connection_init", "payload": payload or {}}))
    assert receive(ws) == {"type": "connection_ack"}


def subscribe(ws: ClientConnection, operation: str, query: str, **variables: Any) -> None:
    payload = {"query": query, "variables": variables}
    ws.send(json.dumps({"id": operation, "type": "subscribe", "payload": payload}))


def next_data(ws: ClientConnection, operation: str = "1") -> dict[str, Any]:
    message = receive(ws)
    assert (message["type"], message["id"]) == ("next", operation), message
    assert "errors" not in message["payload"], message
    data: dict[str, Any] = message["payload"]["data"]
    return data


def closed(ws: ClientConnection, timeout: float = WAIT) -> tuple[int, str]:
    """The close code and reason the server sent (no message in between)."""
    try:
        message = ws.recv(timeout=timeout)
    except ConnectionClosed as gone:
        frame = gone.rcvd
    else:
        pytest.fail(f"a message instead of a close: {message!r}")
    assert frame is not None
    return frame.code, frame.reason


def eventually(condition: Callable[[], bool], timeout: float = WAIT) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "not within the wait"
        time.sleep(0.02)


@pytest.fixture
def sqlite(tmp_path: Path) -> Backend:
    path = tmp_path / "unsilo.sqlite3"
    return Backend("sqlite", lambda: SqliteStore(path))


def live(backend: Backend, settings: Settings | None = None, **values: Any) -> Any:
    settings = settings.with_overrides(**values) if settings else Settings(**values)
    return serve(create_app(settings, backend.open))


@pytest.fixture
def api(backend: Backend) -> Iterator[LiveServer]:
    # An hour between polls: an event within seconds can only come from the write notice.
    with live(backend, subscription_poll_seconds=3600) as server:
        server.graphql(IMPORT, document=to_document(acme()))
        yield server


def version_of(server: LiveServer, organization_id: str = "acme") -> int:
    version: int = server.graphql(VERSION, id=organization_id)["organization"]["graphVersion"]
    return version


# ---- events ------------------------------------------------------------------------------------


def test_first_event_is_the_current_version_and_a_write_sends_the_next(api: LiveServer) -> None:
    with socket(api) as ws:
        assert ws.subprotocol == PROTOCOL
        initialize(ws)
        subscribe(ws, "1", CHANGED, id="acme")
        first = version_of(api)
        change = {"organizationId": "acme", "graphVersion": first}
        assert next_data(ws) == {"organizationChanged": change}
        api.graphql(NEW_CONFLICT)
        later = next_data(ws)["organizationChanged"]
        assert later == {"organizationId": "acme", "graphVersion": version_of(api)}
        assert later["graphVersion"] > first


def test_a_write_by_another_process_is_seen_by_polling(backend: Backend) -> None:
    with live(backend, subscription_poll_seconds=0.5) as server:
        server.graphql(IMPORT, document=to_document(acme()))
        with socket(server) as ws:
            initialize(ws)
            subscribe(ws, "1", CHANGED, id="acme")
            first = next_data(ws)["organizationChanged"]["graphVersion"]

            async def write_elsewhere() -> int:
                # Another client of the same database, as `unsilo import` would be.
                store = backend.open()
                try:
                    snapshot = acme()
                    snapshot.organization = Organization("acme", "Acme Renamed Elsewhere")
                    await import_organization(store, ANONYMOUS, snapshot, replace=True)
                    return await store.graph_version(ANONYMOUS, "acme")
                finally:
                    await store.close()

            written = asyncio.run(write_elsewhere())
            assert written > first
            seen = next_data(ws)["organizationChanged"]["graphVersion"]
            assert seen == written


def test_analysis_ready_pushes_the_report_the_query_gives_before_and_after_a_write(
    api: LiveServer,
) -> None:
    # Asked first by POST, whose timeout leaves room to compile the analysis kernels once.
    query = api.graphql(REPORT_QUERY, id="acme")["organization"]["executionReport"]
    with socket(api) as ws:
        initialize(ws)
        subscribe(ws, "1", READY, id="acme")
        first = next_data(ws)["analysisReady"]
        assert first == query
        assert first["__typename"] == "ExecutionReportAnalysis"
        api.graphql(NEW_CONFLICT)
        refreshed = next_data(ws)["analysisReady"]
        assert refreshed["graphVersion"] > first["graphVersion"]
        assert refreshed["report"]["outcomeMix"] != first["report"]["outcomeMix"]
        assert refreshed == api.graphql(REPORT_QUERY, id="acme")["organization"]["executionReport"]


async def test_versions_passing_while_a_subscriber_is_busy_come_as_the_latest(
    tmp_path: Path,
) -> None:
    store = SqliteStore(tmp_path / "unsilo.sqlite3")
    changes = GraphChanges(store, poll_seconds=3600)
    try:
        async with changes.watch("acme") as subscriber:
            versions = subscriber.versions(after=1)
            for version in (2, 3, 4):  # offered while nobody takes them
                subscriber.offer(version)
            assert await asyncio.wait_for(anext(versions), WAIT) == 4
            subscriber.offer(4)  # a version already given is not given again
            subscriber.offer(5)
            assert await asyncio.wait_for(anext(versions), WAIT) == 5
            assert changes.pollers == 1
        assert changes.pollers == 0
    finally:
        await changes.close()
        await store.close()


def test_one_poller_per_organization_stopped_when_its_last_subscriber_leaves(
    api: LiveServer, backend: Backend
) -> None:
    app_changes: GraphChanges = api.app.state.changes
    assert app_changes.pollers == 0
    with socket(api) as one, socket(api) as two:
        for ws in (one, two):
            initialize(ws)
            subscribe(ws, "1", CHANGED, id="acme")
            next_data(ws)
        subscribe(two, "2", READY, id="acme")
        next_data(two, "2")
        assert (app_changes.pollers, app_changes.subscribers) == (1, 3)
        metrics = api.client.get(f"{api.url}/metrics").text
        assert "unsilo_subscriptions_active 3.0" in metrics
        two.send(json.dumps({"id": "2", "type": "complete"}))
        eventually(lambda: app_changes.subscribers == 2)
        one.close()
        eventually(lambda: app_changes.subscribers == 1)
        assert app_changes.pollers == 1
    eventually(lambda: app_changes.pollers == 0)
    assert "unsilo_subscriptions_active 0.0" in api.client.get(f"{api.url}/metrics").text


# ---- who may subscribe -------------------------------------------------------------------------


def authenticated(backend: Backend, **values: Any) -> Any:
    return live(backend, TOKEN_SETTINGS, subscription_poll_seconds=3600, **values)


def importer(server: LiveServer) -> None:
    admin = {"authorization": f"Bearer {token(admin=True)}"}
    response = server.client.post(
        f"{server.url}/graphql",
        json={"query": IMPORT, "variables": {"document": to_document(acme())}},
        headers=admin,
    )
    assert response.json()["data"]["importOrganization"]["__typename"] == "ImportPayload"


def answers_for(server: LiveServer, credential: str, organization_id: str) -> list[Any]:
    """Every message both subscriptions get, to their end."""
    with socket(server) as ws:
        initialize(ws, {"authorization": f"Bearer {credential}"})
        subscribe(ws, "1", CHANGED, id=organization_id)
        subscribe(ws, "2", READY, id=organization_id)
        messages = [receive(ws) for _ in range(4)]
    return sorted(messages, key=lambda message: (message["id"], message["type"]))


def test_an_ungranted_caller_gets_what_a_missing_organization_gives(backend: Backend) -> None:
    with authenticated(backend) as server:
        importer(server)
        stranger = token({"elsewhere": "ADMIN"})
        hidden = answers_for(server, stranger, "acme")
        missing = answers_for(server, stranger, "nowhere")
        assert json.dumps(hidden).replace("acme", "X") == json.dumps(missing).replace(
            "nowhere", "X"
        )
        assert hidden[0] == {"id": "1", "type": "complete"}
        assert hidden[1] == {
            "id": "1",
            "type": "next",
            "payload": {"data": {"organizationChanged": None}},
        }
        assert hidden[3]["payload"]["data"]["analysisReady"]["__typename"] == "NotFoundError"
        assert server.app.state.changes.pollers == 0  # nothing is watched for them
        with socket(server) as ws:  # a granted caller, for contrast
            initialize(ws, {"authorization": f"Bearer {token({'acme': 'VIEWER'})}"})
            subscribe(ws, "1", CHANGED, id="acme")
            assert next_data(ws)["organizationChanged"]["organizationId"] == "acme"
            assert server.app.state.changes.pollers == 1


def test_the_credential_may_come_in_connection_init_or_the_header(backend: Backend) -> None:
    with authenticated(backend) as server:
        importer(server)
        header = {"authorization": f"Bearer {token({'acme': 'VIEWER'})}"}
        with socket(server, headers=header) as ws:
            initialize(ws)
            subscribe(ws, "1", CHANGED, id="acme")
            assert next_data(ws)["organizationChanged"]["organizationId"] == "acme"


@pytest.mark.parametrize(
    ("where", "credential", "said"),
    [
        ("payload", "Bearer not-a-token", "malformed token"),
        ("header", "Bearer not-a-token", "malformed token"),
        ("payload", None, "no credentials"),
        ("payload", "Bearer uk_unknown_key_0123456789abcdef", "not accepted"),
    ],
)
def test_an_unknown_credential_closes_with_4403(
    sqlite: Backend, where: str, credential: str | None, said: str
) -> None:
    with authenticated(sqlite) as server:
        headers = {"authorization": credential} if where == "header" and credential else None
        with socket(server, headers=headers) as ws:
            payload = {"authorization": credential} if where == "payload" and credential else {}
            if where == "payload":
                ws.send(json.dumps({"type": "connection_init", "payload": payload}))
            code, reason = closed(ws)
        assert code == 4403
        assert reason.startswith("Forbidden: ")
        assert said in reason


def test_a_token_that_expires_ends_the_connection(sqlite: Backend) -> None:
    with authenticated(sqlite, jwt_leeway=0) as server:
        importer(server)
        short = token({"acme": "VIEWER"}, exp=int(time.time()) + 2)
        with socket(server) as ws:
            initialize(ws, {"authorization": f"Bearer {short}"})
            subscribe(ws, "1", CHANGED, id="acme")
            next_data(ws)
            code, reason = closed(ws, timeout=WAIT)
        assert (code, reason) == (4403, "Forbidden: token expired")
        eventually(lambda: server.app.state.changes.pollers == 0)


# ---- refusals ----------------------------------------------------------------------------------


def refused_handshake(server: LiveServer, **options: Any) -> tuple[int, str]:
    with pytest.raises(InvalidStatus) as raised:
        socket(server, **options)
    response = raised.value.response
    return response.status_code, response.body.decode() if response.body else ""


def test_a_page_of_a_foreign_origin_is_refused(sqlite: Backend) -> None:
    with live(sqlite, cors_origins="https://app.example.com") as server:
        status, said = refused_handshake(server, origin="https://evil.example")
        assert status == 403
        assert said == "origin 'https://evil.example' may not open a WebSocket here\n"
        for allowed in ("https://app.example.com", server.url):
            with socket(server, origin=allowed) as ws:
                initialize(ws)


def test_subscriptions_turned_off_refuse_every_websocket(sqlite: Backend) -> None:
    with live(sqlite, subscriptions=False) as server:
        status, said = refused_handshake(server)
        assert (status, said) == (
            404,
            "subscriptions are turned off here (UNSILO_SUBSCRIPTIONS=false)\n",
        )
        assert server.graphql("{ organizations { id } }") == {"organizations": []}


def test_the_legacy_subprotocol_is_refused(sqlite: Backend) -> None:
    with live(sqlite) as server, socket(server, subprotocols=("graphql-ws",)) as ws:
        assert ws.subprotocol is None
        code, reason = closed(ws)
    assert code == 4406
    assert "legacy graphql-ws" in reason


def test_subscriptions_past_the_connection_limit_are_refused(sqlite: Backend) -> None:
    with live(sqlite, subscriptions_per_connection=2) as server:
        server.graphql(IMPORT, document=to_document(acme()))
        with socket(server) as ws:
            initialize(ws)
            for id in ("1", "2"):
                subscribe(ws, id, CHANGED, id="acme")
                next_data(ws, id)
            subscribe(ws, "3", CHANGED, id="acme")
            refusal = receive(ws)
            assert refusal["type"] == "error"
            assert refusal["id"] == "3"
            [error] = refusal["payload"]
            assert error["extensions"] == {"code": "SUBSCRIPTION_LIMIT", "maximum": 2}
            assert "UNSILO_SUBSCRIPTIONS_PER_CONNECTION" in error["message"]
            ws.send(json.dumps({"id": "1", "type": "complete"}))
            subscribe(ws, "4", CHANGED, id="acme")  # room again
            next_data(ws, "4")


def test_websockets_past_the_caller_limit_are_closed(sqlite: Backend) -> None:
    with live(sqlite, websockets_per_caller=1) as server:
        with socket(server) as first:
            initialize(first)
            with socket(server) as second:
                second.send(json.dumps({"type": "connection_init"}))
                code, reason = closed(second)
            assert code == 4429
            assert "UNSILO_WEBSOCKETS_PER_CALLER" in reason
        with socket(server) as again:  # the first one gave its place back
            initialize(again)


def test_queries_limits_and_sizes_apply_to_subscribe(sqlite: Backend) -> None:
    with live(sqlite, max_query_depth=1, max_body_bytes=2_000) as server:
        with socket(server) as ws:
            initialize(ws)
            subscribe(ws, "1", "{ organizations { id } }")
            error = receive(ws)
            assert error["type"] == "error"
            assert "by POST" in error["payload"][0]["message"]
            subscribe(ws, "2", CHANGED, id="acme")
            too_deep = receive(ws)
            assert too_deep["type"] == "error"
            assert too_deep["payload"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"
            subscribe(ws, "3", CHANGED, id="x" * 3_000)
            code, reason = closed(ws)
        assert code == 1009
        assert "UNSILO_MAX_BODY_BYTES" in reason


def test_only_persisted_operations_may_be_subscribed_in_that_mode(
    sqlite: Backend, tmp_path: Path
) -> None:
    manifest = tmp_path / "operations.json"
    manifest.write_text(json.dumps({document_hash(CHANGED): CHANGED}))
    mode = {"persisted_queries": str(manifest), "persisted_queries_mode": "only"}
    with live(sqlite, **mode) as server, socket(server) as ws:
        initialize(ws)
        subscribe(ws, "1", CHANGED, id="acme")
        refusal = receive(ws)
        assert refusal["type"] == "error"
        assert refusal["payload"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_ALLOWED"
        persisted = {"version": 1, "sha256Hash": document_hash(CHANGED)}
        payload = {"variables": {"id": "acme"}, "extensions": {"persistedQuery": persisted}}
        ws.send(json.dumps({"id": "2", "type": "subscribe", "payload": payload}))
        assert next_data(ws, "2") == {"organizationChanged": None}  # no such organization


def test_a_subscription_sent_by_http_is_refused(sqlite: Backend) -> None:
    with live(sqlite) as server:
        answer = server.graphql_response(CHANGED, id="acme")
        [error] = answer["errors"]
        assert error["extensions"]["code"] == "BAD_REQUEST"
        assert "over WebSocket" in error["message"]
        assert server.app.state.changes.pollers == 0


def test_a_revoked_api_key_ends_the_connection(sqlite: Backend, tmp_path: Path) -> None:
    keys = tmp_path / "keys.json"
    viewer = create_key(keys, "viewer", {"orgs": {"acme": "VIEWER"}})
    create_key(keys, "other", {"orgs": {"acme": "VIEWER"}})
    settings = Settings(mode="production", api_keys_file=str(keys))
    with live(sqlite, settings, subscription_poll_seconds=0.5) as server:
        with socket(server) as ws:
            initialize(ws, {"authorization": f"Bearer {viewer}"})
            subscribe(ws, "1", CHANGED, id="acme")
            assert next_data(ws) == {"organizationChanged": None}  # not imported: nothing
            assert receive(ws) == {"id": "1", "type": "complete"}
            document = json.loads(keys.read_text())
            document["keys"] = document["keys"][1:]  # the viewer's entry taken out
            time.sleep(0.01)  # a distinct modification time, not a timed assertion
            keys.write_text(json.dumps(document))
            code, reason = closed(ws)
        assert (code, reason) == (4403, "Forbidden: unknown or revoked API key")
