"""`unsilo import --effective-date` and `unsilo snapshot`: an analysis snapshot per import or
capture, keyed by date and graph version, bounded by UNSILO_SNAPSHOTS_KEPT."""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
from datetime import date
from pathlib import Path

import pytest

from graph_queries.analyses.trends import summary_from_json
from graph_queries.context import ANONYMOUS
from graph_queries.generator import generate_organization
from graph_queries.model import OrgSnapshot
from graph_queries.stores.analysis_snapshots import DEFAULT_KEPT, AnalysisSnapshot
from graph_queries.stores.sqlite_store import SqliteStore
from service.cli import DEMO_LEADERS, load_demo, main
from service.settings import Settings
from service.store_commands import DEMO_HISTORY


def _kept(path: Path, organization_id: str = "acme") -> list[AnalysisSnapshot]:
    async def read() -> list[AnalysisSnapshot]:
        store = SqliteStore(path, create=False)
        try:
            return await store.analysis_snapshots(ANONYMOUS, organization_id)
        finally:
            await store.close()

    return asyncio.run(read())


@pytest.fixture
def document(tmp_path: Path) -> Path:
    out = tmp_path / "acme.json"
    assert (
        main(["generate", "--leaders", "40", "--organization", "acme", "--output", str(out)]) == 0
    )
    return out


def test_each_import_keeps_a_snapshot_at_its_effective_date(
    tmp_path: Path, document: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "unsilo.sqlite3"
    store = ["--store", f"sqlite:{db}"]
    assert main(["import", str(document), "--effective-date", "2025-10-01", *store]) == 0
    assert "kept the analysis snapshot of 'acme' at 2025-10-01 (graph version 1)" in (
        capsys.readouterr().out
    )
    argv = ["import", str(document), "--replace", "--effective-date", "2026-01-01", *store]
    assert main(argv) == 0
    kept = _kept(db)
    assert [(s.effective_date, s.graph_version) for s in kept] == [
        (date(2025, 10, 1), 1),
        (date(2026, 1, 1), 2),
    ]
    summary = summary_from_json(kept[1].summary)
    assert (summary.as_of, summary.version, summary.organization_id) == (
        date(2026, 1, 1),
        2,
        "acme",
    )
    assert summary.units


def test_snapshot_captures_the_stored_graph_and_again_replaces(
    tmp_path: Path, document: Path
) -> None:
    db = tmp_path / "unsilo.sqlite3"
    store = ["--store", f"sqlite:{db}"]
    assert main(["import", str(document), "--no-snapshot", *store]) == 0
    assert _kept(db) == []
    for _ in range(2):
        argv = ["snapshot", "--organization", "acme", "--effective-date", "2026-03-31", *store]
        assert main(argv) == 0
    assert [(s.effective_date, s.graph_version) for s in _kept(db)] == [(date(2026, 3, 31), 1)]


def test_the_bound_drops_the_oldest(
    tmp_path: Path, document: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "unsilo.sqlite3"
    store = ["--store", f"sqlite:{db}"]
    monkeypatch.setenv("UNSILO_SNAPSHOTS_KEPT", "2")
    assert main(["import", str(document), "--no-snapshot", *store]) == 0
    for day in ("2026-01-01", "2026-02-01", "2026-03-01"):
        assert main(["snapshot", "--organization", "acme", "--effective-date", day, *store]) == 0
    assert [s.effective_date.month for s in _kept(db)] == [2, 3]


def test_a_bad_effective_date_is_one_line_and_changes_nothing(
    tmp_path: Path, document: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "unsilo.sqlite3"
    argv = ["import", str(document), "--effective-date", "31/12/2025", "--store", f"sqlite:{db}"]
    assert main(argv) == 1
    assert capsys.readouterr().err == (
        "unsilo: --effective-date '31/12/2025': not a date; write it YYYY-MM-DD\n"
    )
    assert not db.exists()
    assert main(["snapshot", "--organization", "nobody", "--store", f"sqlite:{db}"]) == 1
    assert "no store at" in capsys.readouterr().err


def test_the_setting_defaults_to_what_the_stores_keep() -> None:
    assert Settings.from_env({}).snapshots_kept == DEFAULT_KEPT


def test_survey_waves_load_as_a_series_and_every_import_is_a_point(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "unsilo.sqlite3"
    store = ["--store", f"sqlite:{db}"]
    generate = ["generate", "--leaders", "40", "--organization", "acme", *store]
    assert main([*generate, "--effective-date", "2025-06-30"]) == 0
    people = sorted(_stored(db, "acme").leaders)
    for wave, (day, answers) in enumerate(
        (("2025-09-30", people[:6]), ("2025-12-31", people[:12])), start=1
    ):
        survey = tmp_path / f"wave{wave}.csv"
        rows = [f"{a},{b},weekly,,{day}" for a, b in itertools.pairwise(answers)]
        survey.write_text(
            "Respondent,Colleague,Frequency,Reliability,Submitted\n" + "\n".join(rows)
        )
        argv = ["import-survey", str(survey), "--organization", "acme", "--effective-date", day]
        assert main([*argv, *store]) == 0
    kept = _kept(db)
    assert [(s.effective_date, s.graph_version) for s in kept] == [
        (date(2025, 6, 30), 1),
        (date(2025, 9, 30), 2),
        (date(2025, 12, 31), 3),
    ]
    out = capsys.readouterr().out
    assert out.count("kept the analysis snapshot of 'acme'") == 3
    # The waves' ties are in the later summaries: more ties inside or across units each time.
    ties = [
        sum(u.internal_ties + u.external_ties for u in summary_from_json(s.summary).units)
        for s in kept
    ]
    assert ties[0] < ties[1] < ties[2]


def test_a_network_import_is_a_point_unless_told_not_to_be(tmp_path: Path) -> None:
    db = tmp_path / "unsilo.sqlite3"
    edges = tmp_path / "edges.csv"
    edges.write_text("source,target\na,b\nb,c\nc,a\n")
    argv = ["import-network", str(edges), "--organization", "net", "--store", f"sqlite:{db}"]
    assert main([*argv, "--no-snapshot"]) == 0
    assert _kept(db, "net") == []
    assert main([*argv, "--replace", "--effective-date", "2026-02-01"]) == 0
    assert [s.effective_date for s in _kept(db, "net")] == [date(2026, 2, 1)]


def test_the_demo_comes_with_three_quarters_of_trends(tmp_path: Path) -> None:
    path = tmp_path / "unsilo.sqlite3"
    settings = Settings(store=f"sqlite:{path}")
    asyncio.run(load_demo(settings))
    kept = _kept(path, "demo")
    expected = [(day, version) for version, day in enumerate(DEMO_HISTORY, start=1)]
    assert [(s.effective_date, s.graph_version) for s in kept] == expected
    # Silos close from one quarter to the next: more ties across units each time.
    across = [sum(u.external_ties for u in summary_from_json(s.summary).units) for s in kept]
    assert across[0] < across[1] < across[2]
    # What the demo shows now is the generated organization itself.
    demo = generate_organization(leaders=DEMO_LEADERS)
    assert _stored(path, "demo") == dataclasses.replace(demo, version=3)
    asyncio.run(load_demo(settings, reset=True))  # made anew, its history with it
    assert [(s.effective_date, s.graph_version) for s in _kept(path, "demo")] == expected


def _stored(path: Path, organization_id: str) -> OrgSnapshot:
    async def read() -> OrgSnapshot:
        store = SqliteStore(path, create=False)
        try:
            return await store.snapshot(ANONYMOUS, organization_id)
        finally:
            await store.close()

    return asyncio.run(read())
