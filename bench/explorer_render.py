"""How fast the explorer draws a large unit network, in Debian's Chromium, headless.

Run from the repository root (after `make explorer`; needs /usr/bin/chromium)::

    .venv/bin/python -m bench.explorer_render                 # ~1,000 units, ~1 min
    .venv/bin/python -m bench.explorer_render --leaders 2000  # ~290 units

A generated organization (`generate_organization(leaders=--leaders)`, 7,000 leaders give 999
units) is imported into a temporary SQLite store and served on loopback by the real app in
this process. The page is opened, the organization chosen, and the page's own timings read
(`window.explorer.timings`, milliseconds from choosing the organization):

- network fetched: `unitNetwork` answered and parsed;
- layout: the fCoSE layout (`draft` quality above 400 units) computed in the page;
- first drawn: the first animation frame after the network was handed to Cytoscape.js.

Then, once the analyses the page loads next have all answered, the frame times
(requestAnimationFrame deltas) of one second with nothing happening (the baseline), and of
panning (mouse drags) and zooming (wheel steps) over the canvas: median, p95 and worst, with the
ratio of each median to the baseline's. Last, the organization is chosen again: the layout is
then read from the page's cache (`redraw layout`), the baseline for the layout's cost.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
from pathlib import Path
from typing import Any

from graph_queries.context import ANONYMOUS
from graph_queries.generator import generate_organization
from graph_queries.stores.sqlite_store import SqliteStore
from service.app import create_app
from service.explorer import ASSETS
from service.settings import Settings
from tests.browser import Requests, chromium, guarded_page
from tests.live import serve

ORG = "bench"
COLLECT = """ms => new Promise(done => { const deltas = []; let last = performance.now();
  const end = last + ms; function frame(now) { deltas.push(now - last); last = now;
  if (now < end) requestAnimationFrame(frame); else done(deltas); }
  requestAnimationFrame(frame); })"""
READY = "() => window.explorer && window.explorer.cy && window.explorer.pending === 0"


async def _store(path: Path, leaders: int, seed: int) -> int:
    snapshot = generate_organization(leaders=leaders, seed=seed, organization_id=ORG)
    store = SqliteStore(path)
    await store.migrate()
    await store.replace_organization(ANONYMOUS, snapshot, expected_version=None)
    await store.close()
    return len(snapshot.units)


def frames(deltas: list[float]) -> dict[str, float]:
    ordered = sorted(deltas[1:])  # the first delta waits for the collector to start
    return {
        "median": statistics.median(ordered),
        "p95": ordered[max(0, round(0.95 * len(ordered)) - 1)],
        "worst": ordered[-1],
        "frames": len(ordered),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--leaders", type=int, default=7000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    assert (ASSETS / "index.html").is_file(), "run `make explorer` first"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        units = asyncio.run(_store(path, args.leaders, args.seed))
        settings = Settings(rate_limit=0, request_timeout=120)
        with serve(create_app(settings, lambda: SqliteStore(path))) as api, chromium() as browser:
            requests = Requests()
            page = guarded_page(browser, requests)
            page.goto(f"{api.url}/explorer")
            page.wait_for_selector(f"#organization option[value={ORG}]", state="attached")
            page.select_option("#organization", ORG)
            page.wait_for_function(READY, timeout=600_000)
            first: dict[str, Any] = page.evaluate("window.explorer.timings")
            drawn = page.evaluate(
                "[window.explorer.cy.nodes().length, window.explorer.cy.edges().length]"
            )
            idle = frames(page.evaluate(COLLECT, 1000))
            box = page.locator("#network").bounding_box()
            assert box is not None
            cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
            viewport = "[window.explorer.cy.pan(), window.explorer.cy.zoom()]"
            before = page.evaluate(viewport)
            collecting = page.evaluate_handle(COLLECT, 2500)
            page.mouse.move(cx, cy)
            page.mouse.down()
            for step in range(40):
                page.mouse.move(cx + 6 * (step % 20) - 60, cy + 3 * (step % 10) - 15)
            page.mouse.up()
            for step in range(20):
                page.mouse.wheel(0, -120 if step < 10 else 120)
            moving = frames(page.evaluate("p => p", collecting))
            assert page.evaluate(viewport) != before, "the drags and wheel steps moved nothing"
            page.select_option("#organization", "")
            page.select_option("#organization", ORG)
            page.wait_for_function(READY, timeout=600_000)
            again: dict[str, Any] = page.evaluate("window.explorer.timings")
            assert requests.blocked == [], requests.blocked
    print(f"explorer render: {units} units, {drawn[0]} nodes and {drawn[1]} edges drawn")
    print(f"  network fetched   {first['networkFetchedMs']:8.0f} ms")
    print(f"  layout            {first['layoutMs']:8.0f} ms")
    print(f"  first drawn       {first['firstDrawMs']:8.0f} ms")
    print(
        f"  redraw layout     {again['layoutMs']:8.0f} ms  (cached positions; first/cached "
        f"{first['layoutMs'] / max(again['layoutMs'], 0.1):.0f}x)"
    )
    print("  frame times (ms)   median    p95  worst  frames  median/idle")
    for name, figures in (("idle", idle), ("pan + zoom", moving)):
        print(
            f"  {name:<16} {figures['median']:7.1f} {figures['p95']:6.1f} {figures['worst']:6.1f}"
            f" {figures['frames']:7.0f}  {figures['median'] / idle['median']:6.2f}x"
        )


if __name__ == "__main__":
    main()
