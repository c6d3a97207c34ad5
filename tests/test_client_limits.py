"""The client past the service's limits (real servers with small limits) and its own bounds."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from graph_queries.context import ANONYMOUS
from graph_queries.formats.json_document import to_document
from graph_queries.generator import generate_organization
from graph_queries.stores.sqlite_store import SqliteStore
from service.app import create_app
from service.settings import Settings
from tests.live import LiveServer, serve
from tests.orgs import acme
from unsilo_client import (
    MAX_PAGE,
    AccessDenied,
    AuthenticationError,
    EntityNotFound,
    GraphQLError,
    HTTPError,
    InvalidQuery,
    InvalidResponse,
    QueryTooComplex,
    RateLimited,
    RequestTooLarge,
    ServiceUnavailable,
    connect,
    each_node,
)
from unsilo_client.errors import graphql_error, http_error


def live(tmp_path: Path, settings: Settings) -> Iterator[LiveServer]:
    path = tmp_path / "unsilo.sqlite3"

    async def fill() -> None:
        store = SqliteStore(path)
        await store.migrate()
        await store.replace_organization(ANONYMOUS, acme(), expected_version=0)
        await store.close()

    asyncio.run(fill())
    with serve(create_app(settings, lambda: SqliteStore(path))) as server:
        yield server


@pytest.fixture
def strict(tmp_path: Path) -> Iterator[LiveServer]:
    # Development mode (no credentials) keeps this about the limits alone. A burst of 2: each
    # test makes at most two requests before any it expects rate limited.
    yield from live(
        tmp_path,
        Settings(rate_limit=0.5, rate_burst=2, max_body_bytes=20_000, max_query_depth=4),
    )


def test_too_many_requests_is_rate_limited_with_the_wait(strict: LiveServer) -> None:
    with connect(strict.url) as client:
        client.organizations()
        client.organizations()
        with pytest.raises(RateLimited) as raised:
            client.organizations()
    error = raised.value
    assert (error.status, error.code) == (429, "RATE_LIMITED")
    assert error.retry_after is not None
    assert error.retry_after >= 1
    assert "Retry-After" in error.message


def test_a_body_past_the_limit_is_request_too_large(strict: LiveServer) -> None:
    document = to_document(generate_organization(leaders=60, organization_id="big"))
    with connect(strict.url) as client, pytest.raises(RequestTooLarge) as raised:
        client.import_organization(document)
    assert (raised.value.status, raised.value.code) == (413, "BODY_TOO_LARGE")
    assert "20000 bytes" in raised.value.message


def test_an_operation_past_a_limit_or_off_the_schema_is_typed(strict: LiveServer) -> None:
    with connect(strict.url) as client:
        # units > edges > node > attributes > name is deeper than 4.
        with pytest.raises(QueryTooComplex) as raised:
            client.units("acme")
        assert raised.value.code == "QUERY_TOO_COMPLEX"
        assert "depth" in raised.value.message
        # What an old client sends to a newer service without the field.
        with pytest.raises(InvalidQuery) as invalid:
            client.get_data(client.execute("{ organizations { budget } }"))
    assert invalid.value.code == "GRAPHQL_VALIDATION"
    assert "budget" in invalid.value.message


def test_error_bodies_of_any_shape_become_typed_errors() -> None:
    """What a proxy or an older service might send: no code, no list, a long message."""
    coded = graphql_error([{"message": "m", "path": ["a", 0, None], "extensions": {"code": 3}}])
    assert (type(coded), coded.code, coded.path) == (GraphQLError, None, ("a", 0))
    assert str(graphql_error("boom")) == "ERROR: boom"
    assert str(graphql_error([])) == "ERROR: empty errors"
    long = http_error(400, {"errors": [{"message": "x" * 5000}]}, None)
    assert len(long.message) == 500
    limited = http_error(429, {"errors": []}, "soon")
    assert isinstance(limited, RateLimited)
    assert limited.retry_after is None
    assert limited.message == "no message from the service"


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (401, AuthenticationError),
        (403, AccessDenied),
        (413, RequestTooLarge),
        (429, RateLimited),
        (503, ServiceUnavailable),
        (400, HTTPError),
        (502, HTTPError),
    ],
)
def test_each_refusal_status_has_its_class_naming_status_and_message(
    status: int, kind: type[HTTPError]
) -> None:
    body = {"errors": [{"message": "the reason", "extensions": {"code": "SOME_CODE"}}]}
    error = http_error(status, body, "2")
    assert type(error) is kind
    assert str(error) == f"HTTP {status} SOME_CODE: the reason"


@dataclass
class Info:
    has_next_page: bool
    end_cursor: str | None


@dataclass
class Edge:
    node: int


@dataclass
class Page:
    edges: list[Edge]
    page_info: Info


@dataclass
class Pages:
    """A list of numbers served in pages as a connection would, recording what was asked."""

    items: list[int]
    asked: list[tuple[int, str | None]] = field(default_factory=list)

    def __call__(self, first: int, after: str | None) -> Page:
        self.asked.append((first, after))
        start = int(after) if after else 0
        chunk = self.items[start : start + first]
        end = start + len(chunk)
        return Page([Edge(n) for n in chunk], Info(end < len(self.items), str(end)))


def test_each_node_walks_every_page_lazily_and_stops_at_the_limit() -> None:
    pages = Pages(list(range(10)))
    assert list(each_node(pages, page_size=4)) == list(range(10))
    assert pages.asked == [(4, None), (4, "4"), (4, "8")]
    limited = Pages(list(range(10)))
    assert list(each_node(limited, page_size=4, limit=5)) == [0, 1, 2, 3, 4]
    assert limited.asked == [(4, None), (1, "4")]
    lazy = Pages(list(range(10)))
    assert next(each_node(lazy, page_size=3)) == 0
    assert lazy.asked == [(3, None)]


@pytest.mark.parametrize(
    ("size", "limit", "says"),
    [
        (0, None, "page_size: must be 1 to 100, not 0"),
        (MAX_PAGE + 1, None, "page_size: must be 1 to 100, not 101"),
        (10, -1, "limit: must be 0 or more, not -1"),
    ],
)
def test_each_node_refuses_a_page_size_the_service_would(
    size: int, limit: int | None, says: str
) -> None:
    with pytest.raises(ValueError, match=says):
        next(each_node(Pages([1]), page_size=size, limit=limit))


def test_each_node_stops_on_a_page_that_does_not_move_on() -> None:
    def stuck(first: int, after: str | None) -> Page:
        return Page([Edge(1)], Info(True, "same"))

    with pytest.raises(InvalidResponse, match="did not move on"):
        list(each_node(stuck, page_size=2))


def test_each_node_of_an_organization_not_there_is_not_found() -> None:
    with pytest.raises(EntityNotFound, match="not visible"):
        next(each_node(lambda first, after: None))
