"""CORS on the real app: a listed origin may call /graphql from a browser; any other origin,
and every origin when none is listed, gets no CORS headers."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph_queries.stores.sqlite_store import SqliteStore
from service.app import create_app
from service.settings import Settings, SettingsError
from tests.live import LiveServer, serve

ALLOWED = "https://app.example.com"
QUERY = {"query": "{ organizations { localId } }"}


@contextlib.contextmanager
def served(tmp_path: Path, **settings: str) -> Iterator[LiveServer]:
    app = create_app(Settings(**settings), lambda: SqliteStore(tmp_path / "unsilo.sqlite3"))
    with serve(app) as live:
        yield live


def preflight(live: LiveServer, origin: str) -> tuple[int, dict[str, str]]:
    response = live.client.options(
        f"{live.url}/graphql",
        headers={
            "origin": origin,
            "access-control-request-method": "POST",
            "access-control-request-headers": "authorization, content-type",
        },
    )
    return response.status_code, {k.lower(): v for k, v in response.headers.items()}


def cors_headers(headers: dict[str, str]) -> set[str]:
    return {name for name in headers if name.startswith("access-control-")}


def test_an_allowed_origin_gets_a_preflight_and_the_request_id(tmp_path: Path) -> None:
    with served(tmp_path, cors_origins=f"{ALLOWED}, http://localhost:5173") as live:
        status, headers = preflight(live, ALLOWED)
        assert status in (200, 204)
        assert headers["access-control-allow-origin"] == ALLOWED
        assert "POST" in headers["access-control-allow-methods"]
        allowed_headers = headers["access-control-allow-headers"].lower()
        assert "authorization" in allowed_headers
        assert "content-type" in allowed_headers
        assert "access-control-allow-credentials" not in headers

        response = live.client.post(f"{live.url}/graphql", json=QUERY, headers={"origin": ALLOWED})
        assert response.status_code == 200, response.text
        assert response.headers["access-control-allow-origin"] == ALLOWED
        exposed = response.headers["access-control-expose-headers"].lower()
        assert "x-request-id" in exposed
        assert response.headers["x-request-id"]


def test_another_origin_gets_no_cors_headers(tmp_path: Path) -> None:
    with served(tmp_path, cors_origins=ALLOWED) as live:
        status, headers = preflight(live, "https://evil.example.net")
        assert status == 405
        assert not cors_headers(headers)
        response = live.client.post(
            f"{live.url}/graphql", json=QUERY, headers={"origin": "https://evil.example.net"}
        )
        assert response.status_code == 200
        assert not cors_headers(dict(response.headers))


def test_no_origin_is_allowed_by_default(tmp_path: Path) -> None:
    with served(tmp_path) as live:
        status, headers = preflight(live, ALLOWED)
        assert status == 405
        assert not cors_headers(headers)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("https://app.example.com/", "is not an origin"),
        ("app.example.com", "is not an origin"),
        ("ftp://app.example.com", "is not an origin"),
    ],
)
def test_origins_must_be_exact(value: str, problem: str) -> None:
    with pytest.raises(SettingsError, match=f"UNSILO_CORS_ORIGINS: .*{problem}"):
        Settings.from_env({"UNSILO_CORS_ORIGINS": value})


def test_any_origin_is_refused_in_production() -> None:
    assert Settings(cors_origins="*").cors_origin_list == ["*"]
    with pytest.raises(SettingsError, match=r"UNSILO_CORS_ORIGINS: '\*' is not allowed"):
        Settings.from_env({"UNSILO_MODE": "production", "UNSILO_CORS_ORIGINS": "*"})
