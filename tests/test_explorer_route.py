"""/explorer serves only static files, with the page's strict policy; 503 with a how-to when
they are not built, 404 when UNSILO_EXPLORER is off, nothing outside its folder."""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette

from graph_queries.stores.sqlite_store import SqliteStore
from service.app import create_app
from service.explorer import CONTENT_SECURITY_POLICY, NOT_BUILT, explorer_routes
from service.settings import Settings
from tests.live import serve


def test_missing_assets_answer_503_with_how_to_build_them(tmp_path: Path) -> None:
    with serve(Starlette(routes=explorer_routes(tmp_path / "not-built"))) as server:
        response = server.client.get(f"{server.url}/explorer")
        asset = server.client.get(f"{server.url}/explorer/assets/explorer.js")
    assert response.status_code == 503
    assert response.text == NOT_BUILT
    assert "make explorer" in response.text
    assert asset.status_code == 404


def test_built_assets_are_served_with_the_policy_and_nothing_else(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "index.html").write_text("<!doctype html><title>t</title>")
    (tmp_path / "assets" / "explorer.js").write_text("void 0;")
    (tmp_path / "secret.txt").write_text("not to be served")
    with serve(Starlette(routes=explorer_routes(tmp_path / "assets"))) as server:
        page = server.client.get(f"{server.url}/explorer")
        script = server.client.get(f"{server.url}/explorer/assets/explorer.js")
        escapes = [
            server.client.get(f"{server.url}{path}").text
            for path in ("/explorer/assets/../secret.txt", "/explorer/assets/%2e%2e/secret.txt")
        ]
    assert page.status_code == 200
    assert page.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert script.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert script.headers["x-content-type-options"] == "nosniff"
    assert not [text for text in escapes if "not to be served" in text]


def test_the_setting_turns_the_page_off(tmp_path: Path) -> None:
    store = tmp_path / "unsilo.sqlite3"
    with serve(create_app(Settings(explorer=False), lambda: SqliteStore(store))) as off:
        page = off.client.get(f"{off.url}/explorer")
        asset = off.client.get(f"{off.url}/explorer/assets/explorer.js")
    assert page.status_code == 404
    assert asset.status_code == 404
    assert Settings.from_env({"UNSILO_EXPLORER": "false"}).explorer is False
