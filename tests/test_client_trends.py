# ruff: noqa: E501  (the query reads best unbroken)
"""The typed client's `trends` against the real service over a SQLite store holding an
organization with four analysis snapshots: the series equal the raw answer, the privacy floor
holds for an ANALYST, only an ADMIN lifts it, and a bad argument is the typed failure."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from graph_queries.model import OrgSnapshot
from graph_queries.stores.sqlite_store import SqliteStore
from service.app import create_app
from tests import tokens
from tests.live import LiveServer, serve
from tests.trend_orgs import DATES, stored_waves
from unsilo_client import Forbidden, ValidationFailed, connect, require
from unsilo_client.generated.enums import TrendFigure
from unsilo_client.generated.trends import TrendsOrganizationTrendsTrendsAnalysis as Analysis

ORG = "gen"
FLOOR = 5  # tokens.SETTINGS keeps the default floor


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveServer, OrgSnapshot]]:
    path = tmp_path_factory.mktemp("client-trends") / "unsilo.sqlite3"
    snapshot = stored_waves(path, ORG)
    with serve(create_app(tokens.SETTINGS, lambda: SqliteStore(path))) as server:
        yield server, snapshot


def read(api: LiveServer, role: str, **arguments: Any) -> Analysis:
    with connect(api.url, token=tokens.token({ORG: role})) as client:
        found = client.trends(ORG, **arguments).organization
        return require(found.trends if found else None, Analysis)


def sizes(snapshot: OrgSnapshot) -> dict[str, int]:
    counted = dict.fromkeys(snapshot.units, 0)
    for leader in snapshot.leaders.values():
        counted[leader.unit_id] += 1
    return counted


def test_the_series_match_the_raw_answer(first: tuple[LiveServer, OrgSnapshot]) -> None:
    api, _ = first
    trends = read(api, "ANALYST")
    assert [s.effective_date for s in trends.report.snapshots] == list(DATES)
    token = tokens.token({ORG: "ANALYST"})
    response = api.client.post(
        f"{api.url}/graphql",
        json={
            "query": f'{{ organization(id: "{ORG}") {{ trends {{ ... on TrendsAnalysis {{ report {{ series {{ figure unitId points {{ value change significant }} }} }} }} }} }} }}'
        },
        headers={"authorization": f"Bearer {token}"},
    )
    raw = response.json()["data"]["organization"]["trends"]["report"]["series"]
    assert [
        (s.figure.value, s.unit_id, [(p.value, p.change, p.significant) for p in s.points])
        for s in trends.report.series
    ] == [
        (
            s["figure"],
            s["unitId"],
            [(p["value"], p["change"], p["significant"]) for p in s["points"]],
        )
        for s in raw
    ]
    assert any(p.significant for s in trends.report.series for p in s.points)
    assert len(trends.report.faction_verdicts) == len(DATES)
    assert "two-proportion" in trends.report.method


def test_the_floor_holds_and_only_an_admin_lifts_it(first: tuple[LiveServer, OrgSnapshot]) -> None:
    api, snapshot = first
    counted = sizes(snapshot)
    small = {u for u, n in counted.items() if 0 < n < FLOOR}
    assert small
    floored = read(api, "ANALYST")
    units = {s.unit_id for s in floored.report.series if s.unit_id is not None}
    assert units == {u for u, n in counted.items() if n >= FLOOR}
    assert floored.privacy.withheld_groups == len(small)
    assert floored.privacy.lifted is False
    lifted = read(api, "ADMIN", include_small_groups=True)
    assert small <= {s.unit_id for s in lifted.report.series}
    assert lifted.privacy.lifted is True
    with pytest.raises(Forbidden) as refused:
        read(api, "ANALYST", include_small_groups=True)
    assert refused.value.required_role == "ADMIN"


def test_last_and_units_bound_the_answer(first: tuple[LiveServer, OrgSnapshot]) -> None:
    api, _ = first
    unit = next(s.unit_id for s in read(api, "ANALYST").report.series if s.unit_id)
    chosen = read(api, "ANALYST", last=2, units=[unit])
    assert [s.effective_date for s in chosen.report.snapshots] == [date(2025, 9, 30), DATES[-1]]
    assert {(s.figure, s.unit_id) for s in chosen.report.series if s.unit_id} == {
        (TrendFigure.EI_INDEX, unit),
        (TrendFigure.INSULARITY, unit),
        (TrendFigure.BOTTLENECK_SCORE, unit),
    }
    with pytest.raises(ValidationFailed) as failure:
        read(api, "ANALYST", last=0)
    assert [(p.path, p.code) for p in failure.value.problems] == [("last", "OUT_OF_RANGE")]
