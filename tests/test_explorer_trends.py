# ruff: noqa: E501  (the queries read best unbroken)
"""The explorer's Trends panel in a real browser (Debian's Chromium through Playwright) against
the real service over a SQLite store: an organization with four analysis snapshots at
different effective dates, one with a single snapshot, and a caller without the ANALYST role.
What the panel draws (its lines, their values and significance marks, the privacy floor) is
compared with the API's own `trends` answer, fetched here."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from graph_queries.stores.sqlite_store import SqliteStore
from service.app import create_app
from service.explorer import ASSETS
from tests import tokens
from tests.browser import AXE, Requests, chromium, guarded_page
from tests.live import LiveServer, serve
from tests.trend_orgs import DATES, store_waves

ORG = "gen"
SOLO = "solo"  # one snapshot only
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "explorer"
WAIT_MS = 60_000
SHOWN = 8  # the lines the panel draws at first (frontend/explorer/src/trends.js)
TRENDS = """query($org: ID!, $all: Boolean! = false) { organization(id: $org) { trends(includeSmallGroups: $all) {
  ... on TrendsAnalysis { privacy { withheldGroups note }
    report { snapshots { effectiveDate } series { figure unitId unitName points { effectiveDate value significant } }
      factionVerdicts { verdict } } } } } }"""


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    assert (ASSETS / "index.html").is_file(), "explorer assets missing: run `make explorer`"
    path = tmp_path_factory.mktemp("explorer-trends") / "unsilo.sqlite3"

    async def fill() -> None:
        await store_waves(path, ORG)
        await store_waves(path, SOLO, DATES[:1], leaders=100)

    asyncio.run(fill())
    with serve(create_app(tokens.SETTINGS, lambda: SqliteStore(path))) as server:
        yield server


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


def trends(api: LiveServer, role: str = "ANALYST", **variables: Any) -> dict[str, Any]:
    headers = {"authorization": f"Bearer {tokens.token({ORG: role})}"}
    response = api.client.post(
        f"{api.url}/graphql",
        json={"query": TRENDS, "variables": {"org": ORG, **variables}},
        headers=headers,
    )
    body = response.json()
    assert "errors" not in body, body
    answer: dict[str, Any] = body["data"]["organization"]["trends"]
    return answer


def opened(api: LiveServer, browser: Browser, requests: Requests, token: str, org: str) -> Page:
    page = guarded_page(browser, requests)
    page.goto(f"{api.url}/explorer")
    page.fill("#token", token)
    page.click("#connect button")
    page.wait_for_selector(f"#organization option[value={org}]", state="attached")
    page.select_option("#organization", org)
    page.wait_for_function(
        "() => window.explorer && window.explorer.pending === 0 && !document.querySelector('#trends-status').textContent.startsWith('Loading')",
        timeout=WAIT_MS,
    )
    return page


def cell(point: dict[str, Any] | None) -> str:
    if point is None or point["value"] is None:
        return "\N{EN DASH}"  # the page's mark of no figure
    value = point["value"]
    text = str(int(value)) if float(value).is_integer() else f"{value:.2f}"
    return text + (" *" if point["significant"] else "")


def biggest_change_first(answer: dict[str, Any], figure: str) -> list[str]:
    def size(series: dict[str, Any]) -> float:
        values = [p["value"] for p in series["points"] if p["value"] is not None]
        return abs(values[-1] - values[0]) if len(values) > 1 else 0.0

    units = [s for s in answer["report"]["series"] if s["unitId"] and s["figure"] == figure]
    ordered = sorted(enumerate(units), key=lambda pair: (-size(pair[1]), pair[0]))
    return [s["unitId"] for _, s in ordered]


def table(page: Page) -> dict[str, list[tuple[str, str]]]:
    """The unit table: unit id -> (text, data-significant) per snapshot."""
    read: dict[str, list[list[str]]] = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('#trend-table tbody tr')].map(r =>
        [r.dataset.unit, [...r.querySelectorAll('td')].map(c => [c.textContent, c.dataset.significant])]))"""
    )
    return {unit: [(c[0], c[1]) for c in cells] for unit, cells in read.items()}


def expected_table(
    answer: dict[str, Any], figure: str, units: list[str]
) -> dict[str, list[tuple[str, str]]]:
    dates = [s["effectiveDate"] for s in answer["report"]["snapshots"]]
    by_unit = {
        s["unitId"]: s for s in answer["report"]["series"] if s["figure"] == figure and s["unitId"]
    }
    rows = {}
    for unit in units:
        at = {p["effectiveDate"]: p for p in by_unit[unit]["points"]}
        rows[unit] = [
            (
                cell(at.get(d)),
                ""
                if at.get(d) is None or at[d]["significant"] is None
                else str(at[d]["significant"]).lower(),
            )
            for d in dates
        ]
    return rows


def expected_lines(answer: dict[str, Any], figure: str, units: list[str]) -> list[list[Any]]:
    dates = [s["effectiveDate"] for s in answer["report"]["snapshots"]]
    by_unit = {
        s["unitId"]: s for s in answer["report"]["series"] if s["figure"] == figure and s["unitId"]
    }
    lines = []
    for unit in units:
        at = {p["effectiveDate"]: p for p in by_unit[unit]["points"]}
        values = [at[d]["value"] if d in at else None for d in dates]
        styles = ["rect" if d in at and at[d]["significant"] else "circle" for d in dates]
        lines.append([by_unit[unit]["unitName"], values, styles])
    return lines


def test_a_line_per_unit_with_the_api_values_and_the_floor(
    api: LiveServer, browser: Browser
) -> None:
    requests = Requests()
    page = opened(api, browser, requests, tokens.token({ORG: "ANALYST"}), ORG)
    try:
        answer = trends(api)
        assert not page.locator("#trends-body").is_hidden()
        status = page.inner_text("#trends-status")
        assert (
            f"{len(DATES)} snapshots from {DATES[0].isoformat()} to {DATES[-1].isoformat()}"
            in status
        )
        first = biggest_change_first(answer, "EI_INDEX")[:SHOWN]
        assert page.evaluate("window.explorer.trendLines") == first
        assert table(page) == expected_table(answer, "EI_INDEX", first)
        # The lines Chart.js drew: one per unit, its points the API's values, a significant
        # change a square.
        drawn = page.evaluate(
            "() => window.explorer.trendChart.data.datasets.map(d => [d.label, d.data, d.pointStyle])"
        )
        assert drawn == expected_lines(answer, "EI_INDEX", first)
        assert page.get_attribute("#trend-chart", "role") == "img"
        assert f"of {SHOWN} units" in (page.get_attribute("#trend-chart", "aria-label") or "")
        marked = [c for row in table(page).values() for c in row if c[0].endswith("*")]
        assert all(c[1] == "true" for c in marked)

        # The floor: units the ADMIN sees with the floor lifted are neither drawn nor offered.
        lifted = trends(api, "ADMIN", all=True)
        every = {s["unitId"] for s in lifted["report"]["series"] if s["unitId"]}
        floored = {s["unitId"] for s in answer["report"]["series"] if s["unitId"]}
        withheld = every - floored
        assert withheld
        offered = set(
            page.eval_on_selector_all("#trend-units option", "os => os.map(o => o.value)")
        )
        assert offered == floored
        assert not withheld & offered
        assert f"{answer['privacy']['withheldGroups']} group(s)" in page.inner_text(
            "#trend-privacy"
        )

        # The organization's figures: a row per snapshot with its verdict.
        rows = page.locator("#trend-organization-table tbody tr")
        assert rows.count() == len(DATES)
        verdicts = [v["verdict"] for v in answer["report"]["factionVerdicts"]]
        shown = [
            rows.nth(i).locator("[data-figure=VERDICT]").inner_text().split(" ")[0]
            for i in range(len(DATES))
        ]
        assert shown == verdicts
        assert page.locator("#trend-organization canvas").count() == 3
        page.locator("section.trends").screenshot(path=str(ARTIFACTS / "8-trends.png"))

        # The chooser: a unit further down the list replaces the drawn ones.
        later = biggest_change_first(answer, "EI_INDEX")[-1]
        page.select_option("#trend-units", [later])
        page.wait_for_function("id => window.explorer.trendLines.join() === id", arg=later)
        assert table(page) == expected_table(answer, "EI_INDEX", [later])
        # Insularity instead: the same units, its values.
        page.select_option("#trend-figure", "INSULARITY")
        page.wait_for_function(
            "() => document.querySelector('#trend-caption').textContent.startsWith('Insularity')"
        )
        assert table(page) == expected_table(answer, "INSULARITY", [later])

        page.evaluate(AXE.read_text("utf-8"))
        violations = page.evaluate(
            "async () => (await axe.run(document.querySelector('section.trends'), {resultTypes: ['violations']})).violations"
            ".filter(v => ['serious', 'critical'].includes(v.impact)).map(v => `${v.id}: ${v.help}`)"
        )
        assert violations == []
        assert page.evaluate("window.explorer.cspViolations") == []
    finally:
        page.context.close()
    assert requests.blocked == []


def test_one_snapshot_is_told_not_drawn(api: LiveServer, browser: Browser) -> None:
    page = opened(api, browser, Requests(), tokens.token({SOLO: "ANALYST"}), SOLO)
    try:
        status = page.inner_text("#trends-status")
        assert status.startswith(
            "Trends need two or more analysis snapshots; this organization has 1."
        )
        assert "unsilo snapshot" in status
        assert page.locator("#trends-body").is_hidden()
        assert page.evaluate("window.explorer.trendLines") == []
    finally:
        page.context.close()


def test_a_caller_without_the_analyst_role_is_told_so(api: LiveServer, browser: Browser) -> None:
    page = opened(api, browser, Requests(), tokens.token({ORG: "VIEWER"}), ORG)
    try:
        assert page.inner_text("#trends-status") == (
            "Trends need the ANALYST role on this organization; this token does not have it."
        )
        assert page.locator("#trends-body").is_hidden()
    finally:
        page.context.close()
