# ruff: noqa: E501  (the queries read best unbroken)
"""The explorer page in a real browser (Debian's Chromium through Playwright) against the real
service on loopback over a SQLite store holding a generated organization: what it draws and
marks is compared with the API's own answers, fetched here. Screenshots of each view go to
test-artifacts/explorer/. Needs `make test` (it builds the page and installs Chromium); a
missing piece fails here, never skips."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page

from graph_queries.context import ANONYMOUS
from graph_queries.generator import generate_organization
from graph_queries.stores.sqlite_store import SqliteStore
from service.app import create_app
from service.explorer import ASSETS, CONTENT_SECURITY_POLICY
from tests import tokens
from tests.browser import AXE, Requests, chromium, guarded_page
from tests.live import LiveServer, serve

ORG = "demo"
EARLY = "2025-06-30"  # the generated organization's conflicts run from 2025-01 to 2025-12
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "explorer"
WAIT_MS = 60_000


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    assert (ASSETS / "index.html").is_file(), "explorer assets missing: run `make explorer`"
    path = tmp_path_factory.mktemp("explorer") / "unsilo.sqlite3"
    asyncio.run(_store(path))
    # A floor of 3: this top team's factions (4, 2 and 2 executives) are then not all withheld.
    settings = tokens.SETTINGS.with_overrides(privacy_min_group=3)
    with serve(create_app(settings, lambda: SqliteStore(path))) as server:
        server.client.headers["authorization"] = f"Bearer {TOKEN}"
        yield server


TOKEN = tokens.token({ORG: "ANALYST"})


async def _store(path: Path) -> None:
    store = SqliteStore(path)
    await store.migrate()
    snapshot = generate_organization(leaders=300, organization_id=ORG)
    await store.replace_organization(ANONYMOUS, snapshot, expected_version=None)
    await store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def requests() -> Requests:
    return Requests()


@pytest.fixture(scope="module")
def page(api: LiveServer, browser: Browser, requests: Requests) -> Iterator[Page]:
    """The explorer, connected with an ANALYST's token and showing the organization."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    opened = guarded_page(browser, requests)
    opened.goto(f"{api.url}/explorer")
    opened.fill("#token", TOKEN)
    opened.click("#connect button")
    opened.wait_for_selector(f"#organization option[value={ORG}]", state="attached")
    opened.select_option("#organization", ORG)
    settle(opened)
    yield opened
    opened.context.close()


def settle(page: Page) -> None:
    """Wait until every request the page started has been answered and drawn."""
    page.wait_for_function(
        "() => window.explorer && window.explorer.cy && window.explorer.pending === 0",
        timeout=WAIT_MS,
    )


def shot(page: Page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def analysis(api: LiveServer, field: str, arguments: str, selection: str) -> dict[str, Any]:
    data = api.graphql(
        f'{{ organization(id: "{ORG}") {{ {field}{arguments} {{ ... on {field[0].upper() + field[1:]}Analysis {{ report {{ {selection} }} }} }} }} }}'
    )
    report: dict[str, Any] = data["organization"][field]["report"]
    return report


def choose_mode(page: Page, mode: str) -> None:
    page.check(f"input[name=mode][value={mode}]")
    settle(page)


def test_the_page_is_served_with_a_strict_policy(api: LiveServer) -> None:
    response = httpx.get(f"{api.url}/explorer")
    assert response.status_code == 200
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY
    assert "<script src=" in response.text
    assert "<script>" not in response.text
    script = httpx.get(f"{api.url}/explorer/assets/explorer.js")
    assert script.status_code == 200
    assert "http://" not in response.text
    assert "https://" not in response.text


def test_picking_the_organization_draws_every_unit(api: LiveServer, page: Page) -> None:
    counted = api.graphql(f'{{ organization(id: "{ORG}") {{ units(first: 1) {{ totalCount }} }} }}')
    units = counted["organization"]["units"]["totalCount"]
    assert page.evaluate("window.explorer.cy.nodes().length") == units > 10
    assert page.locator("#units-body tr").count() == units
    network = analysis(api, "unitNetwork", "", "links { unitA }")
    assert page.evaluate("window.explorer.cy.edges().length") == len(network["links"])
    shot(page, "1-silo-bottlenecks")


def test_each_mode_marks_what_the_api_says(api: LiveServer, page: Page) -> None:
    silos = analysis(api, "siloBottlenecks", "(top: 20)", "bottlenecks { kind id }")
    expected = sorted(b["id"] for b in silos["bottlenecks"] if b["kind"] == "UNIT")
    choose_mode(page, "silos")
    assert page.evaluate("window.explorer.highlighted()") == expected != []

    as_of = page.input_value("#as-of") or None
    hot_arguments = f'(top: 20, asOf: "{as_of}")' if as_of else "(top: 20)"
    hotspots = analysis(api, "conflictHotspots", hot_arguments, "units { unit rank }")
    choose_mode(page, "hotspots")
    assert (
        page.evaluate("window.explorer.highlighted()")
        == sorted(u["unit"] for u in hotspots["units"])
        != []
    )
    first = next(u for u in hotspots["units"] if u["rank"] == 1)
    assert (
        page.locator(f"#units-body tr[data-unit='{first['unit']}'] td.mark").inner_text()
        == "#1 hotspot"
    )
    shot(page, "2-conflict-hotspots")

    factions = analysis(api, "executiveFactions", "", "members { division faction }")
    choose_mode(page, "factions")
    divisions = sorted({m["division"] for m in factions["members"] if m["faction"] is not None})
    assert page.evaluate("window.explorer.highlighted()") == divisions != []
    assert "Faction" in page.locator("#side-body").inner_text()
    shot(page, "3-executive-factions")
    choose_mode(page, "silos")


def test_clicking_a_unit_on_the_network_shows_its_figures_and_reasons(
    api: LiveServer, page: Page
) -> None:
    silos = analysis(api, "siloBottlenecks", "(top: 20)", "bottlenecks { kind id name reason }")
    worst = next(b for b in silos["bottlenecks"] if b["kind"] == "UNIT")
    # The node's place on screen, from the renderer: a real mouse click on the canvas.
    x, y = page.evaluate(
        """id => { const cy = window.explorer.cy; const node = cy.getElementById(id);
        const box = cy.container().getBoundingClientRect(); const p = node.renderedPosition();
        return [box.left + p.x, box.top + p.y]; }""",
        worst["id"],
    )
    page.mouse.click(x, y)
    page.wait_for_selector("#details-title")
    assert page.inner_text("#details-title") == worst["name"]
    details = page.inner_text("#details-body")
    assert worst["reason"] in details
    assert "Bottleneck score" in details
    assert "Leaders" in details
    assert page.evaluate("window.explorer.cy.$(':selected').map(n => n.id())") == [worst["id"]]
    shot(page, "4-unit-selected")


def test_the_keyboard_selects_units_and_leaders(api: LiveServer, page: Page) -> None:
    network = analysis(api, "unitNetwork", "", "units { id name }")
    unit = network["units"][-1]
    button = page.locator(f"#units-body tr[data-unit='{unit['id']}'] button")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "name => document.querySelector('#details-title')?.textContent === name", arg=unit["name"]
    )
    assert page.evaluate("window.explorer.cy.$(':selected').map(n => n.id())") == [unit["id"]]
    silos = analysis(api, "siloBottlenecks", "(top: 20)", "bottlenecks { kind id name reason }")
    leader = next(b for b in silos["bottlenecks"] if b["kind"] == "LEADER")
    page.locator(f"button.leader[data-leader='{leader['id']}']").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "name => document.querySelector('#details-title')?.textContent === name", arg=leader["name"]
    )
    assert leader["reason"] in page.inner_text("#details-body")


def outcome_rows(page: Page) -> dict[str, tuple[str, str]]:
    rows = page.locator("#outcomes-table tbody tr")
    return {
        rows.nth(i).get_attribute("data-status") or "": (
            rows.nth(i).locator("[data-col=observed]").inner_text(),
            rows.nth(i).locator("[data-col=benchmark]").inner_text(),
        )
        for i in range(rows.count())
    }


def percent(share: float) -> str:
    return f"{share * 100:.0f}%"


def test_the_chart_table_shows_the_benchmark_beside_the_mix(api: LiveServer, page: Page) -> None:
    as_of = page.input_value("#as-of")
    arguments = f'(asOf: "{as_of}")' if as_of else ""
    report = analysis(
        api,
        "executionReport",
        arguments,
        "outcomeMix { outcomes { status observedShare benchmarkShare } }",
    )
    shown = outcome_rows(page)
    expected = {
        o["status"]: (percent(o["observedShare"]), percent(o["benchmarkShare"]))
        for o in report["outcomeMix"]["outcomes"]
    }
    assert shown == expected
    benchmark = {status: pair[1] for status, pair in shown.items()}
    assert benchmark == {
        "ANTICIPATED_AVOIDED": "15%",
        "RESOLVED_QUICKLY": "26%",
        "RESOLVED_LATE": "37%",
        "TRIED_FAILED": "10%",
        "UNADDRESSED": "12%",
    }
    assert "Sull" in page.inner_text("#outcomes-caption")
    assert (
        page.evaluate(
            "window.explorer.cy !== null && document.querySelector('#outcomes').getAttribute('role')"
        )
        == "img"
    )
    shot(page, "5-execution-report")


def test_the_date_control_rereads_the_dated_analyses(api: LiveServer, page: Page) -> None:
    before = outcome_rows(page)
    page.fill("#as-of", EARLY)
    page.dispatch_event("#as-of", "change")
    page.wait_for_function(
        "date => document.querySelector('#report-as-of').textContent.includes(date)", arg=EARLY
    )
    settle(page)
    report = analysis(
        api,
        "executionReport",
        f'(asOf: "{EARLY}")',
        "outcomeMix { outcomes { status observedShare } }",
    )
    after = outcome_rows(page)
    assert after != before
    assert {s: pair[0] for s, pair in after.items()} == {
        o["status"]: percent(o["observedShare"]) for o in report["outcomeMix"]["outcomes"]
    }
    hotspots = analysis(api, "conflictHotspots", f'(top: 20, asOf: "{EARLY}")', "units { unit }")
    choose_mode(page, "hotspots")
    assert page.evaluate("window.explorer.highlighted()") == sorted(
        u["unit"] for u in hotspots["units"]
    )
    assert f"as of {EARLY}" in page.inner_text("#side-body")
    shot(page, "6-earlier-date")
    choose_mode(page, "silos")


def test_a_keyboard_only_walk_reaches_every_control(api: LiveServer, browser: Browser) -> None:
    requests = Requests()
    page = guarded_page(browser, requests)
    try:
        page.goto(f"{api.url}/explorer")
        reached: list[str] = []

        def tab() -> str:
            page.keyboard.press("Tab")
            focused: str = page.evaluate(
                "() => { const e = document.activeElement; return e.id || e.name || e.className || e.tagName; }"
            )
            outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
            assert outline != "none", f"no visible focus on {focused}"
            reached.append(focused)
            return focused

        while tab() != "token":
            assert len(reached) < 5, reached
        page.keyboard.type(TOKEN)
        page.keyboard.press("Enter")  # submits the form
        page.wait_for_selector(f"#organization option[value={ORG}]", state="attached")
        while tab() != "organization":
            assert len(reached) < 10, reached
        page.keyboard.press("ArrowDown")  # a closed select changes with the arrow keys
        settle(page)
        assert page.input_value("#organization") == ORG
        assert tab() == "mode"
        page.keyboard.press("ArrowDown")  # radios: the arrow moves and checks
        assert (
            page.evaluate("document.querySelector('input[name=mode]:checked').value") == "hotspots"
        )
        assert tab() == "as-of"
        while tab() == "as-of":  # a date field is one stop per part (month, day, year)
            assert len(reached) < 20, reached
        assert reached[-1] == "filter"
        page.keyboard.type(page.evaluate("window.explorer.state.network.units[0].name"))
        assert tab() == "unit"
        page.keyboard.press("Enter")
        page.wait_for_selector("#details-title")
        first = page.evaluate("window.explorer.state.network.units[0].name")
        assert page.inner_text("#details-title") == first
        shot(page, "7-keyboard")
    finally:
        page.context.close()
    assert requests.blocked == []


@pytest.mark.parametrize("mode", ["silos", "hotspots", "factions"])
def test_no_serious_accessibility_violation(page: Page, mode: str) -> None:
    choose_mode(page, mode)
    page.evaluate(
        AXE.read_text("utf-8")
    )  # evaluated, not injected: the policy forbids inline scripts
    violations = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".filter(v => ['serious', 'critical'].includes(v.impact))"
        ".map(v => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes.slice(0, 3).map(n => n.target).join(' ')}`)"
    )
    assert violations == []


def test_nothing_leaves_loopback_and_the_policy_held(page: Page, requests: Requests) -> None:
    assert requests.seen, "no request was recorded"
    assert requests.blocked == []
    assert all(url.startswith("http://127.0.0.1:") for url in requests.seen), requests.seen
    assert page.evaluate("window.explorer.cspViolations") == []
