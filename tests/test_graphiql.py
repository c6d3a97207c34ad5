"""GraphiQL from the package's own assets, over HTTP on the real app: the IDE page names only
same-origin files, with integrity hashes and a Content-Security-Policy; the bundle loads nothing
from another host; nothing is served where the IDE is off; a missing build is said, not blank."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from graph_queries.context import ANONYMOUS
from graph_queries.stores.sqlite_store import SqliteStore
from service.app import create_app
from service.graphiql_page import GRAPHIQL_ASSETS
from service.settings import Settings
from tests.live import LiveServer, serve

BROWSER = {"accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
SCRIPT_URL = "/static/graphiql/graphiql.js"
STYLE_URL = "/static/graphiql/graphiql.css"
# Where a script or style may come from other than this origin: any absolute or
# protocol-relative URL.
OTHER_ORIGIN = re.compile(r"(?:https?:)?//[\w.-]+", re.IGNORECASE)
CDN = re.compile(r"unpkg|jsdelivr|cdnjs|esm\.sh|skypack|googleapis|\bcdn\.", re.IGNORECASE)


class Tags(HTMLParser):
    """Every start tag of a page with its attributes, and the text inside <script>s."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.script_text = ""
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.script_text += data


def parsed(page: str) -> Tags:
    tags = Tags()
    tags.feed(page)
    return tags


@contextlib.contextmanager
def served(tmp_path: Path, assets: Path = GRAPHIQL_ASSETS, **settings: Any) -> Iterator[LiveServer]:
    app = create_app(
        Settings(**settings),
        lambda: SqliteStore(tmp_path / "unsilo.sqlite3"),
        identify=lambda request: ANONYMOUS,
        graphiql_assets=assets,
    )
    with serve(app) as live:
        yield live


def sri(content: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(content).digest()).decode()


def test_the_ide_page_names_only_same_origin_assets(tmp_path: Path) -> None:
    with served(tmp_path) as live:
        page = live.client.get(f"{live.url}/graphql", headers=BROWSER)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    tags = parsed(page.text)
    scripts = [attrs.get("src") for tag, attrs in tags.tags if tag == "script"]
    styles = [attrs.get("href") for tag, attrs in tags.tags if tag == "link"]
    assert scripts == [SCRIPT_URL]
    assert styles == [STYLE_URL]
    assert OTHER_ORIGIN.findall(page.text) == []
    # Nothing inline, which the page's policy would block: no script text, no style attribute.
    assert tags.script_text.strip() == ""
    assert not any("style" in attrs or tag == "style" for tag, attrs in tags.tags)
    (root,) = [attrs for tag, attrs in tags.tags if attrs.get("id") == "graphiql"]
    assert root["data-endpoint"] == "/graphql"


def test_the_bundle_loads_nothing_from_another_host(tmp_path: Path) -> None:
    with served(tmp_path) as live:
        script = live.client.get(live.url + SCRIPT_URL).text
        style = live.client.get(live.url + STYLE_URL).text
    assert len(script) > 100_000, "the bundle holds GraphiQL and React"
    assert CDN.findall(script) == []
    assert CDN.findall(style) == []
    # Fonts and icons are inlined: every url() of the styles is a data: URL, and none imports.
    urls = re.findall(r"url\(\s*['\"]?([^'\")]*)", style)
    assert urls, "the styles carry their fonts"
    assert [url for url in urls if not url.startswith("data:")] == []
    assert "@import" not in style


def test_integrity_hashes_match_the_served_files(tmp_path: Path) -> None:
    with served(tmp_path) as live:
        page = live.client.get(f"{live.url}/graphql", headers=BROWSER).text
        found = {
            attrs.get("src") or attrs.get("href"): attrs["integrity"]
            for tag, attrs in parsed(page).tags
            if tag in ("script", "link")
        }
        for url, integrity in found.items():
            assert url is not None
            assert integrity == sri(live.client.get(live.url + url).content), url
    assert set(found) == {SCRIPT_URL, STYLE_URL}


def test_the_page_allows_only_its_own_origin(tmp_path: Path) -> None:
    with served(tmp_path) as live:
        page = live.client.get(f"{live.url}/graphql", headers=BROWSER)
    policy = {
        directive.split()[0]: directive.split()[1:]
        for directive in page.headers["content-security-policy"].split(";")
    }
    assert policy["default-src"] == ["'none'"]
    for directive in ("script-src", "style-src", "connect-src"):
        assert policy[directive] == ["'self'"], directive
    assert policy["frame-ancestors"] == ["'none'"]
    assert page.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    ("url", "content_type"),
    [(SCRIPT_URL, "text/javascript"), (STYLE_URL, "text/css")],
)
def test_assets_are_served_with_their_types_and_revalidated(
    tmp_path: Path, url: str, content_type: str
) -> None:
    with served(tmp_path) as live:
        first = live.client.get(live.url + url)
        again = live.client.get(live.url + url, headers={"if-none-match": first.headers["etag"]})
    assert first.status_code == 200
    assert first.headers["content-type"].split(";")[0] == content_type
    assert first.headers["x-content-type-options"] == "nosniff"
    assert first.headers["cache-control"] == "no-cache"
    assert again.status_code == 304


def test_only_the_built_files_are_reachable(tmp_path: Path) -> None:
    with served(tmp_path) as live:
        for path in (
            "/static/graphiql/",
            "/static/graphiql/../app.py",
            "/static/graphiql/%2e%2e/app.py",
        ):
            assert live.client.get(live.url + path).status_code == 404, path


def test_no_page_and_no_assets_where_the_ide_is_off(tmp_path: Path) -> None:
    with served(tmp_path, mode="production") as live:
        page = live.client.get(f"{live.url}/graphql", headers=BROWSER)
        assets = [live.client.get(live.url + url) for url in (SCRIPT_URL, STYLE_URL)]
    assert page.status_code == 404
    assert "graphiql" not in page.text.lower()
    assert [asset.status_code for asset in assets] == [404, 404]
    with served(tmp_path, mode="production", allow_graphiql=True) as live:
        page = live.client.get(f"{live.url}/graphql", headers=BROWSER)
        asset = live.client.get(live.url + SCRIPT_URL)
    assert (page.status_code, asset.status_code) == (200, 200)


def test_missing_assets_are_said_not_a_blank_page(tmp_path: Path) -> None:
    with served(tmp_path, assets=tmp_path / "not-built") as live:
        page = live.client.get(f"{live.url}/graphql", headers=BROWSER)
        asset = live.client.get(live.url + SCRIPT_URL)
    assert page.status_code == 503
    assert page.headers["content-type"].startswith("text/plain")
    assert page.text.count("\n") == 1
    assert "make graphiql" in page.text
    assert asset.status_code == 404


def test_a_rebuild_while_serving_is_hashed_again(tmp_path: Path) -> None:
    built = tmp_path / "assets"
    built.mkdir()
    (built / "graphiql.js").write_text("first();")
    (built / "graphiql.css").write_text("a{}")
    with served(tmp_path, assets=built) as live:
        before = live.client.get(f"{live.url}/graphql", headers=BROWSER).text
        (built / "graphiql.js").write_text("second(); // a longer build")
        after = live.client.get(f"{live.url}/graphql", headers=BROWSER).text
    assert sri(b"first();") in before
    assert sri(b"second(); // a longer build") in after
