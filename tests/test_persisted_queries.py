"""Persisted operations on the real app: sent by hash, refused when unknown, and, when only
they are accepted, full documents refused; a broken manifest stops start-up, named."""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph_queries.stores.sqlite_store import SqliteStore
from service.app import create_app
from service.persisted_queries import MAX_OPERATIONS, PersistedQueries
from service.settings import Settings, SettingsError
from tests.live import LiveServer, serve

ORGANIZATIONS = "query Orgs { organizations { localId } }"
OTHER = "query Other { organizations { name } }"


def sha(document: str) -> str:
    return hashlib.sha256(document.encode()).hexdigest()


def manifest(tmp_path: Path, content: Any) -> str:
    path = tmp_path / "operations.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content), "utf-8")
    return str(path)


@contextlib.contextmanager
def served(tmp_path: Path, **settings: Any) -> Iterator[LiveServer]:
    app = create_app(Settings(**settings), lambda: SqliteStore(tmp_path / "unsilo.sqlite3"))
    with serve(app) as live:
        yield live


def post(live: LiveServer, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    response = live.client.post(f"{live.url}/graphql", json=body)
    return response.status_code, response.json()


def by_hash(document: str, **more: Any) -> dict[str, Any]:
    return {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": sha(document)}}, **more}


def code(body: dict[str, Any]) -> str:
    return str(body["errors"][0]["extensions"]["code"])


def test_only_persisted_operations_when_so_configured(tmp_path: Path) -> None:
    path = manifest(tmp_path, {sha(ORGANIZATIONS): ORGANIZATIONS})
    with served(tmp_path, persisted_queries=path, persisted_queries_mode="only") as live:
        assert post(live, by_hash(ORGANIZATIONS)) == (200, {"data": {"organizations": []}})
        both = by_hash(ORGANIZATIONS, query=ORGANIZATIONS)
        assert post(live, both) == (200, {"data": {"organizations": []}})
        status, body = post(live, by_hash(OTHER))
        assert (status, code(body)) == (400, "PERSISTED_QUERY_NOT_FOUND")
        status, body = post(live, by_hash(OTHER, query=OTHER))
        assert (status, code(body)) == (400, "PERSISTED_QUERY_NOT_FOUND")
        status, body = post(live, {"query": ORGANIZATIONS})
        assert (status, code(body)) == (400, "PERSISTED_QUERY_NOT_ALLOWED")
        status, body = post(live, by_hash(ORGANIZATIONS, query=OTHER))
        assert (status, code(body)) == (400, "PERSISTED_QUERY_HASH_MISMATCH")
        wrong = {"extensions": {"persistedQuery": {"version": 2, "sha256Hash": "ab"}}}
        status, body = post(live, wrong)
        assert (status, code(body)) == (400, "BAD_REQUEST")


def test_full_documents_stay_allowed_in_development(tmp_path: Path) -> None:
    path = manifest(tmp_path, {sha(ORGANIZATIONS): ORGANIZATIONS})
    with served(tmp_path, persisted_queries=path) as live:
        assert post(live, {"query": OTHER}) == (200, {"data": {"organizations": []}})
        assert post(live, by_hash(ORGANIZATIONS)) == (200, {"data": {"organizations": []}})
        status, body = post(live, by_hash(OTHER))
        assert (status, code(body)) == (400, "PERSISTED_QUERY_NOT_FOUND")


def test_persisted_operations_pass_the_same_limits(tmp_path: Path) -> None:
    aliased = "query Aliased { a: organizations { id } b: organizations { localId } }"
    path = manifest(tmp_path, {sha(aliased): aliased})
    with served(tmp_path, persisted_queries=path, max_query_aliases=1) as live:
        _, body = post(live, by_hash(aliased))
        assert code(body) == "QUERY_TOO_COMPLEX"


def test_production_accepts_only_persisted_operations_once_a_manifest_is_set(
    tmp_path: Path,
) -> None:
    path = manifest(tmp_path, {})
    assert Settings(mode="production", persisted_queries=path).persisted_only
    assert not Settings(mode="production").persisted_only
    assert not Settings(persisted_queries=path).persisted_only
    assert not Settings(
        mode="production", persisted_queries=path, persisted_queries_mode="also"
    ).persisted_only
    with pytest.raises(SettingsError, match="UNSILO_PERSISTED_QUERIES_MODE: 'only' needs"):
        Settings.from_env({"UNSILO_PERSISTED_QUERIES_MODE": "only"})


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{not json", "not JSON"),
        ([ORGANIZATIONS], "must be a JSON object"),
        ({"abc": ORGANIZATIONS}, "is not the SHA-256 hex of its document"),
        ({sha(OTHER): ORGANIZATIONS}, "is not the SHA-256 hex of its document"),
        ({sha("x"): 1}, "is not a document"),
        ({sha(str(n)): str(n) for n in range(MAX_OPERATIONS + 1)}, "operations, at most"),
    ],
)
def test_a_broken_manifest_stops_start_up_in_one_line(
    tmp_path: Path, content: Any, problem: str
) -> None:
    settings = Settings(persisted_queries=manifest(tmp_path, content))
    with pytest.raises(SettingsError, match=f"^UNSILO_PERSISTED_QUERIES: .*{problem}") as error:
        PersistedQueries(settings)
    assert "\n" not in str(error.value)
    with pytest.raises(SettingsError, match=r"^UNSILO_PERSISTED_QUERIES: "):
        create_app(settings, lambda: SqliteStore(tmp_path / "unsilo.sqlite3"))


def test_a_missing_manifest_is_named(tmp_path: Path) -> None:
    settings = Settings(persisted_queries=str(tmp_path / "missing.json"))
    with pytest.raises(SettingsError, match=r"^UNSILO_PERSISTED_QUERIES: .*cannot be read"):
        PersistedQueries(settings)


def test_get_cannot_pass_around_persisted_only(tmp_path: Path) -> None:
    path = manifest(tmp_path, {sha(ORGANIZATIONS): ORGANIZATIONS})
    with served(
        tmp_path, persisted_queries=path, persisted_queries_mode="only", allow_get=True
    ) as live:
        full = live.client.get(f"{live.url}/graphql", params={"query": OTHER})
        assert (full.status_code, code(full.json())) == (400, "PERSISTED_QUERY_NOT_ALLOWED")
        extensions = json.dumps(by_hash(ORGANIZATIONS)["extensions"])
        # By hash with the query too: resolved, but a GET is not rewritten, so POST is asked for.
        params = {"extensions": extensions, "query": ORGANIZATIONS}
        hashed = live.client.get(f"{live.url}/graphql", params=params)
        assert (hashed.status_code, code(hashed.json())) == (400, "BAD_REQUEST")
        assert "by POST" in hashed.json()["errors"][0]["message"]
