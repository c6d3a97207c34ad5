"""/explorer serves only static files, with the page's strict policy; 503 with a how-to when
they are not built, 404 when UNSILO_EXPLORER is off, nothing outside its folder."""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.testclient import TestClient

from graph_queries.stores.sqlite_store import SqliteStore
from service.app import create_app
from service.explorer import CONTENT_SECURITY_POLICY, NOT_BUILT, explorer_routes
from service.settings import Settings


def test_missing_assets_answer_503_with_how_to_build_them(tmp_path: Path) -> None:
    client = TestClient(Starlette(routes=explorer_routes(tmp_path / "not-built")))
    response = client.get("/explorer")
    assert response.status_code == 503
    assert response.text == NOT_BUILT
    assert "make explorer" in response.text
    assert client.get("/explorer/assets/explorer.js").status_code == 404


def test_built_assets_are_served_with_the_policy_and_nothing_else(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "index.html").write_text("<!doctype html><title>t</title>")
    (tmp_path / "assets" / "explorer.js").write_text("void 0;")
    (tmp_path / "secret.txt").write_text("not to be served")
    client = TestClient(Starlette(routes=explorer_routes(tmp_path / "assets")))
    page = client.get("/explorer")
    assert page.status_code == 200
    assert page.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    script = client.get("/explorer/assets/explorer.js")
    assert script.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert script.headers["x-content-type-options"] == "nosniff"
    for path in ("/explorer/assets/../secret.txt", "/explorer/assets/%2e%2e/secret.txt"):
        assert "not to be served" not in client.get(path).text


def test_the_setting_turns_the_page_off(tmp_path: Path) -> None:
    store = tmp_path / "unsilo.sqlite3"
    on = TestClient(create_app(Settings(), lambda: SqliteStore(store)))
    off = TestClient(create_app(Settings(explorer=False), lambda: SqliteStore(store)))
    assert on.get("/explorer").status_code in (200, 503)
    assert off.get("/explorer").status_code == 404
    assert off.get("/explorer/assets/explorer.js").status_code == 404
    assert Settings.from_env({"UNSILO_EXPLORER": "false"}).explorer is False
