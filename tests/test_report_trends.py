"""The HTML report's Trends section, from `unsilo analyze --report` and the API's report.html:
series read from a real SQLite store's snapshots, the privacy floor as the API's `trends`
applies it, no script and no leader's figure; and the one line on how to capture snapshots
when there is no store or fewer than two."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest

from graph_queries.exports.report_trends import HOW_TO_CAPTURE
from graph_queries.formats.files import write_organization
from graph_queries.model import OrgSnapshot
from service.app import create_app
from service.cli import main
from service.settings import Settings
from service.stores import open_store
from tests import tokens
from tests.live import LiveServer, serve
from tests.test_api_exports import SETTINGS
from tests.trend_orgs import DATES, stored_waves

ORG = "gen"
AS_OF = "2026-01-01"
FLOOR = 5  # the default floor: the generated organization has units of a single leader


@pytest.fixture(scope="module")
def waves(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, OrgSnapshot]:
    path = tmp_path_factory.mktemp("trends") / "unsilo.sqlite3"
    return path, stored_waves(path, ORG)


@pytest.fixture(scope="module")
def api(waves: tuple[Path, OrgSnapshot]) -> Iterator[LiveServer]:
    settings = Settings(store=f"sqlite:{waves[0]}", **SETTINGS)  # type: ignore[arg-type]
    with serve(create_app(settings, lambda: open_store(settings))) as server:
        yield server


def analyze(store: Path, out: Path, *more: str) -> str:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("UNSILO_STORE", f"sqlite:{store}")
        code = main(["analyze", "--organization", ORG, "--as-of", AS_OF,
                     "--report", str(out), *more])  # fmt: skip
    assert code == 0
    return out.read_text(encoding="utf-8")


def trends_of(report: str) -> str:
    return report.split('<section id="trends">')[1].split("</section>")[0]


def unit_rows(section: str) -> dict[str, list[str]]:
    """The E-I table: unit name -> its cells, one per snapshot."""
    table = section.split("E-I index of each unit at each snapshot")[1]
    rows = re.findall(r"<tr><td>(.*?)</td></tr>", table)
    cells = [[unescape(cell) for cell in row.split("</td><td>")] for row in rows]
    return {row[0]: row[1:] for row in cells}


def small_and_large(first: OrgSnapshot) -> tuple[set[str], set[str]]:
    sizes = dict.fromkeys(first.units, 0)
    for leader in first.leaders.values():
        sizes[leader.unit_id] += 1
    names = {unit.id: unit.name for unit in first.units.values()}
    small = {names[u] for u, n in sizes.items() if 0 < n < FLOOR}
    return small, {names[u] for u, n in sizes.items() if n >= FLOOR}


def test_the_cli_report_has_a_chart_per_figure_and_the_floored_unit_table(
    waves: tuple[Path, OrgSnapshot], tmp_path: Path
) -> None:
    store, first = waves
    section = trends_of(analyze(store, tmp_path / "report.html"))
    dates = [d.isoformat() for d in DATES]
    assert f"{len(DATES)} snapshots from {dates[0]} to {dates[-1]}" in section
    assert section.count("<svg") == 4
    for label in ("Unresolved conflict share", "Reliable dependency share", "Modularity"):
        assert f"<figcaption>{label}" in section
    assert "<th>Faction verdict</th>" in section
    rows = unit_rows(section)
    small, large = small_and_large(first)
    assert small
    assert large
    assert set(rows) == large  # every unit at the floor or above, none below
    assert not small & set(rows)
    assert all(len(cells) == len(DATES) for cells in rows.values())
    assert "units withheld at one snapshot or more" in section
    # The thinning waves: cross-unit ties fall, so the E-I index of most units falls.
    falling = [
        unit
        for unit, cells in rows.items()
        if float(cells[-1].split()[0]) < float(cells[0].split()[0])
    ]
    assert len(falling) > len(rows) / 2
    assert " *" in section  # a significant change is marked
    leaders = {leader.name for leader in first.leaders.values()}
    assert not any(name in section for name in leaders)
    assert "<script" not in section.lower()


def test_the_cli_lifts_the_floor_when_asked(
    waves: tuple[Path, OrgSnapshot], tmp_path: Path
) -> None:
    store, first = waves
    section = trends_of(analyze(store, tmp_path / "all.html", "--include-small-groups"))
    small, large = small_and_large(first)
    assert set(unit_rows(section)) == small | large
    assert "The privacy floor was lifted" in section


def test_the_api_report_equals_the_cli_report_and_only_an_admin_lifts_the_floor(
    api: LiveServer, waves: tuple[Path, OrgSnapshot], tmp_path: Path
) -> None:
    store, first = waves
    url = f"{api.url}/organizations/{ORG}/exports/report.html"
    analyst = {"authorization": f"Bearer {tokens.token({ORG: 'ANALYST'})}"}
    response = api.client.get(url, params={"asOf": AS_OF}, headers=analyst)
    assert response.status_code == 200
    cli = analyze(store, tmp_path / "cli.html", "--force")
    assert response.text == cli
    small, _ = small_and_large(first)
    admin = {"authorization": f"Bearer {tokens.token({ORG: 'ADMIN'})}"}
    lifted = api.client.get(
        url, params={"asOf": AS_OF, "includeSmallGroups": "true"}, headers=admin
    )
    assert lifted.status_code == 200
    assert small <= set(unit_rows(trends_of(lifted.text)))
    refused = api.client.get(
        url, params={"asOf": AS_OF, "includeSmallGroups": "true"}, headers=analyst
    )
    assert refused.status_code == 403


def test_without_a_store_or_with_one_snapshot_the_section_says_how_to_capture(
    waves: tuple[Path, OrgSnapshot], tmp_path: Path
) -> None:
    source = tmp_path / "gen.json"
    write_organization(waves[1], source)
    out = tmp_path / "file.html"
    assert main(["analyze", str(source), "--as-of", AS_OF, "--report", str(out)]) == 0
    section = trends_of(out.read_text(encoding="utf-8"))
    assert HOW_TO_CAPTURE in section
    assert "no store was read" in section
    assert "<svg" not in section
    single = tmp_path / "single.sqlite3"
    stored_waves(single, ORG, DATES[:1])
    section = trends_of(analyze(single, tmp_path / "single.html"))
    assert HOW_TO_CAPTURE in section
    assert "(1 kept.)" in section
    assert "<table" not in section
