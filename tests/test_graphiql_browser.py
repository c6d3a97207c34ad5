"""GraphiQL in a real browser (Debian's Chromium through Playwright) against the real service on
loopback: the IDE draws from the package's own assets with every request outside loopback
blocked, nothing breaks its Content-Security-Policy, and a query typed in it runs."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage

from graph_queries.context import ANONYMOUS
from graph_queries.stores.sqlite_store import SqliteStore
from service.app import create_app
from service.settings import Settings
from tests.browser import Requests, chromium, guarded_page
from tests.live import LiveServer, serve
from tests.orgs import acme

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "graphiql"
QUERY = "{ organizations { localId name } }"
WAIT_MS = 30_000


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    path = tmp_path_factory.mktemp("graphiql") / "unsilo.sqlite3"
    asyncio.run(_store(path))
    app = create_app(
        Settings(allow_graphiql=True),
        lambda: SqliteStore(path),
        identify=lambda request: ANONYMOUS,
    )
    with serve(app) as server:
        yield server


async def _store(path: Path) -> None:
    store = SqliteStore(path)
    await store.migrate()
    await store.replace_organization(ANONYMOUS, acme(), expected_version=None)
    await store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


def test_graphiql_draws_offline_and_runs_a_query(api: LiveServer, browser: Browser) -> None:
    requests = Requests()
    page = guarded_page(browser, requests)
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))

    def console(message: ConsoleMessage) -> None:
        # A blocked inline script or style, or a failed load, is reported here.
        if message.type == "error":
            problems.append(message.text)

    page.on("console", console)
    # GraphiQL opens with the query it last kept; set it as a returning user's would be.
    page.add_init_script(f"localStorage.setItem('graphiql:query', {QUERY!r});")
    page.goto(f"{api.url}/graphql")
    page.wait_for_selector(".graphiql-container", timeout=WAIT_MS)
    page.click(".graphiql-execute-button")
    result = page.locator(".result-window")
    result.get_by_text('"localId": "acme"').wait_for(timeout=WAIT_MS)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "query.png"), full_page=True)
    page.context.close()
    assert requests.blocked == []
    assert any(url.endswith("/static/graphiql/graphiql.js") for url in requests.seen)
    assert problems == []
