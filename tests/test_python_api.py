"""The Python API for notebooks (`unsilo`): each loader, each form of the results, the same
answers as `compute_results` and `unsilo analyze` for the same input, the privacy floor by
default, and typed errors naming what is wrong."""

from __future__ import annotations

import asyncio
import csv
import dataclasses
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import networkx as nx
import pytest

import unsilo
from graph_queries.analyses.silos import silo_bottlenecks
from graph_queries.context import ANONYMOUS
from graph_queries.errors import ValidationFailed
from graph_queries.exports import compute_results, csv_cell
from graph_queries.exports.document import results_document
from graph_queries.formats.files import write_organization
from graph_queries.generator import generate_organization
from graph_queries.graphs import build_graphs
from graph_queries.model import OrgSnapshot, TieKind
from graph_queries.privacy_floor import floor_silo_report, floor_simulation, unit_leaders
from graph_queries.scenarios import AddTie, Goal, MergeUnits, recommend, simulate
from graph_queries.stores.neo4j_store import Neo4jSettings, Neo4jStore
from graph_queries.stores.port import Store
from graph_queries.stores.sqlite_store import SqliteStore
from service.cli import main
from service.settings import Settings
from tests.conftest import STORE_KINDS
from tests.orgs import acme

AS_OF = date(2026, 1, 1)
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def snapshot() -> OrgSnapshot:
    return generate_organization(leaders=100)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, snapshot: OrgSnapshot) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.json"
    write_organization(snapshot, path)
    return path


@pytest.fixture(scope="module")
def results(demo: Path) -> unsilo.Results:
    return unsilo.load(demo).analyze(as_of=AS_OF)


@pytest.fixture(scope="module")
def cli_outputs(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What `unsilo analyze` writes for the same file and date, every output."""
    out = tmp_path_factory.mktemp("cli")
    code = main([
        "analyze", str(demo), "--as-of", AS_OF.isoformat(), "--csv", str(out / "csv"),
        "--json", str(out / "results.json"), "--graph", str(out / "org.gexf"),
        "--report", str(out / "report.html"),
    ])  # fmt: skip
    assert code == 0
    return out


# ---- the same answers as the command line and compute_results ---------------------------------


def test_every_file_equals_what_unsilo_analyze_writes(
    results: unsilo.Results, cli_outputs: Path, tmp_path: Path
) -> None:
    written = results.write_csv(tmp_path / "csv")
    expected = sorted(path.name for path in (cli_outputs / "csv").iterdir())
    assert sorted(path.name for path in written) == expected
    for path in written:
        assert path.read_bytes() == (cli_outputs / "csv" / path.name).read_bytes(), path.name
    pairs = [
        (results.write_json(tmp_path / "results.json"), "results.json"),
        (results.write_graph(tmp_path / "org.gexf"), "org.gexf"),
        (results.write_report(tmp_path / "report.html"), "report.html"),
    ]
    for path, name in pairs:
        assert path.read_bytes() == (cli_outputs / name).read_bytes(), name


def test_rows_are_the_csv_tables_as_plain_values(
    results: unsilo.Results, cli_outputs: Path
) -> None:
    tables = results.tables()
    assert list(tables) == results.table_names()
    for name, rows in tables.items():
        with (cli_outputs / "csv" / f"{name}.csv").open(encoding="utf-8", newline="") as file:
            header, *lines = list(csv.reader(file))
        assert rows, name
        assert list(rows[0]) == header
        as_written = [[str(csv_cell(value)) for value in row.values()] for row in rows]
        assert as_written == lines, name
        kinds = {type(value) for row in rows for value in row.values()}
        assert kinds <= {str, int, float, bool, type(None)}, (name, kinds)  # no enums, dates
    assert results.rows("silo_bottlenecks-units") == tables["silo_bottlenecks-units"]


def test_results_equal_compute_results_on_the_same_graphs(
    snapshot: OrgSnapshot, results: unsilo.Results
) -> None:
    direct = compute_results(build_graphs(snapshot), as_of=AS_OF, min_group=5)
    assert results_document(results.raw, "demo", 0) == results_document(direct, "demo", 0)
    assert results.silo_bottlenecks == direct.silo_bottlenecks
    assert results.executive_factions == direct.executive_factions
    assert results.conflict_hotspots == direct.conflict_hotspots


def test_json_and_csv_folders_load_to_the_same_organization(
    snapshot: OrgSnapshot, demo: Path, tmp_path: Path
) -> None:
    write_organization(snapshot, tmp_path / "folder")
    from_json, from_csv = unsilo.load(demo), unsilo.load(str(tmp_path / "folder"))
    assert from_json.snapshot.leaders == from_csv.snapshot.leaders == snapshot.leaders
    assert from_json.snapshot.units == from_csv.snapshot.units
    assert (from_json.id, from_json.name) == ("demo", snapshot.organization.name)
    assert "100 leaders" in repr(from_json)


# ---- the privacy floor ---------------------------------------------------------------------------


def test_the_floor_applies_by_default_and_include_small_groups_lifts_it(
    snapshot: OrgSnapshot, results: unsilo.Results
) -> None:
    org = unsilo.from_snapshot(snapshot)
    lifted = org.analyze(["silo_bottlenecks"], as_of=AS_OF, include_small_groups=True)
    assert results.silo_bottlenecks is not None
    assert lifted.silo_bottlenecks is not None
    small = {u.unit_id for u in lifted.silo_bottlenecks.units if u.leaders < 5}
    assert small
    kept = {u.unit_id for u in results.silo_bottlenecks.units}
    assert kept == {u.unit_id for u in lifted.silo_bottlenecks.units} - small
    assert results.withheld["silo_bottlenecks"] >= len(small)
    assert (results.min_group, results.floor_lifted, lifted.floor_lifted) == (5, False, True)
    assert lifted.withheld == {"silo_bottlenecks": 0}


def test_one_analysis_takes_the_library_options_and_the_floor(snapshot: OrgSnapshot) -> None:
    org = unsilo.from_snapshot(snapshot)
    graphs = build_graphs(snapshot)
    raw = silo_bottlenecks(graphs, top=3, path_sample=None)
    floored = floor_silo_report(raw, 5, unit_leaders(graphs))[0]
    assert org.silo_bottlenecks(top=3, path_sample=None) == floored
    assert org.silo_bottlenecks(top=3, path_sample=None, include_small_groups=True) == raw
    assert floored != raw
    assert len(org.execution_report("2026-01-01", top=2).bottlenecks) <= 2
    hotspots = org.conflict_hotspots(AS_OF)
    assert hotspots.overall.counts.total == len(snapshot.conflicts) > 0
    assert org.conflict_hotspots(AS_OF, include_small_groups=True) == hotspots
    assert org.executive_factions().executives > 0
    assert org.unit_network().units


def test_a_simulation_is_the_engines_with_the_floor_of_the_api() -> None:
    org = unsilo.from_snapshot(acme())
    changes = [AddTie("l5", "l7"), MergeUnits("u5", "u4")]
    whole = simulate(acme(), changes, AS_OF)
    assert org.simulate(changes, "2026-01-01", include_small_groups=True) == whole
    floored = org.simulate(changes, AS_OF)
    assert floored == floor_simulation(whole, org.min_group)[0]
    # acme's units are all under the floor: no unit's E-I index, before or after.
    assert whole.differences.units
    assert floored.differences.units == ()
    assert org.snapshot == acme()  # nothing written, not even in memory
    with pytest.raises(ValidationFailed) as failure:
        org.simulate([AddTie("l5", "nobody")], AS_OF)
    assert [error.path for error in failure.value.errors] == ["changes[0].leaderBId"]


def test_recommendations_are_the_engines_with_the_floor_of_the_api() -> None:
    org = unsilo.from_snapshot(generate_organization(200, seed=7))
    whole = recommend(org.snapshot, Goal.CONNECT_FACTIONS, count=2)
    assert org.recommend("CONNECT_FACTIONS", count=2, include_small_groups=True) == whole
    # Its two factions have 4 executives each, under the floor of 5: nothing is shown.
    floored = org.recommend(Goal.CONNECT_FACTIONS, count=2)
    assert len(whole.recommendations) == 2
    assert floored == dataclasses.replace(whole, recommendations=())
    lower = unsilo.from_snapshot(org.snapshot, settings=Settings(privacy_min_group=4))
    assert lower.recommend(Goal.CONNECT_FACTIONS, count=2) == whole
    with pytest.raises(ValueError, match="CONNECT"):
        org.recommend("CONNECT")


def test_the_floor_comes_from_the_settings(snapshot: OrgSnapshot) -> None:
    settings = Settings(privacy_min_group=8)
    assert unsilo.from_snapshot(snapshot, settings=settings).min_group == 8
    # Ties read from e-mail or calendars get the higher floor, as in the API.
    mailed = dataclasses.replace(snapshot, tie_kinds=(TieKind("email"),))
    assert unsilo.from_snapshot(mailed).min_group == 10
    assert unsilo.from_snapshot(mailed, settings=settings).min_group == 10
    results = unsilo.from_snapshot(snapshot, settings=settings).analyze(
        ["silo_bottlenecks"], as_of=AS_OF
    )
    assert results.min_group == 8
    assert results.silo_bottlenecks is not None
    assert all(u.leaders >= 8 for u in results.silo_bottlenecks.units)


# ---- DataFrames ----------------------------------------------------------------------------------


def test_frames_hold_the_tables(results: unsilo.Results) -> None:
    frames = results.frames()
    assert list(frames) == results.table_names()
    rows = results.rows("silo_bottlenecks-units")
    frame = frames["silo_bottlenecks-units"]
    assert list(frame.columns) == list(rows[0])
    assert len(frame) == len(rows)
    assert frame["unit_id"].tolist() == [row["unit_id"] for row in rows]
    assert frame["leaders"].tolist() == [row["leaders"] for row in rows]


def test_without_pandas_a_frame_says_how_to_install_it(demo: Path) -> None:
    # A fresh interpreter where importing pandas fails, as where it is not installed.
    script = f"""
import sys
class NoPandas:
    def find_spec(self, name, path=None, target=None):
        if name == "pandas" or name.startswith("pandas."):
            raise ModuleNotFoundError("No module named 'pandas'", name="pandas")
sys.meta_path.insert(0, NoPandas())
import unsilo
results = unsilo.load({str(demo)!r}).analyze(["executive_factions"], as_of="2026-01-01")
print(len(results.rows("executive_factions-members")))
try:
    results.frame("executive_factions-members")
except ImportError as error:
    print(error)
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    count, message = done.stdout.splitlines()
    assert int(count) > 0
    assert message == 'DataFrames need pandas: pip install "unsilo[pandas]"'


def test_importing_unsilo_does_not_import_pandas() -> None:
    code = "import sys, unsilo; print('pandas' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.stdout.strip() == "False", done.stderr


# ---- the stores ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", STORE_KINDS)
def test_load_store_reads_each_store_inside_a_running_loop(
    kind: str, request: pytest.FixtureRequest, tmp_path: Path, snapshot: OrgSnapshot
) -> None:
    store: Store
    if kind == "neo4j":
        neo4j: Neo4jSettings = request.getfixturevalue("neo4j_settings")
        settings = Settings(neo4j_user=neo4j.user, neo4j_password=neo4j.password)
        uri, store = neo4j.uri, Neo4jStore(neo4j)
    else:
        settings, uri = Settings(), f"sqlite:{tmp_path / 'unsilo.sqlite3'}"
        store = SqliteStore(tmp_path / "unsilo.sqlite3")

    async def seed() -> None:
        try:
            await store.replace_organization(ANONYMOUS, snapshot, expected_version=0)
        finally:
            await store.close()

    async def in_a_loop() -> unsilo.Organization:
        # Called where an event loop runs, as from a notebook's cell.
        return unsilo.load_store(uri, organization="demo", settings=settings)

    asyncio.run(seed())
    org = asyncio.run(in_a_loop())
    assert org.snapshot.leaders == snapshot.leaders
    assert org.snapshot.ties == snapshot.ties
    assert org.snapshot.version >= 1
    with pytest.raises(unsilo.NotFound, match="'elsewhere'"):
        unsilo.load_store(uri, organization="elsewhere", settings=settings)


def test_a_missing_store_is_refused_and_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.sqlite3"
    with pytest.raises(unsilo.StoreNotFound, match=r"nowhere\.sqlite3"):
        unsilo.load_store(f"sqlite:{missing}", organization="demo")
    assert not missing.exists()


# ---- mistakes ------------------------------------------------------------------------------------


def test_a_bad_store_uri_or_setting_is_named(
    snapshot: OrgSnapshot, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(unsilo.SettingsError, match=r"^store: 'bogus' must start with sqlite:"):
        unsilo.load_store("bogus", organization="demo")
    monkeypatch.setenv("UNSILO_PRIVACY_MIN_GROUP", "abc")
    with pytest.raises(unsilo.SettingsError, match="UNSILO_PRIVACY_MIN_GROUP: 'abc' is not a"):
        unsilo.from_snapshot(snapshot)


def test_bad_paths_are_typed_errors_naming_the_path(tmp_path: Path) -> None:
    with pytest.raises(unsilo.ValidationFailed, match=r"missing\.json.*does not exist"):
        unsilo.load(tmp_path / "missing.json")
    (tmp_path / "org.txt").write_text("id,name\n", encoding="utf-8")
    with pytest.raises(unsilo.ValidationFailed, match=r"neither a \.json file nor a folder"):
        unsilo.load(tmp_path / "org.txt")
    (tmp_path / "bad.json").write_text('{"organization": {"id": "x"}}', encoding="utf-8")
    with pytest.raises(unsilo.ValidationFailed) as failure:
        unsilo.load(tmp_path / "bad.json")
    assert any("name" in error.path for error in failure.value.errors)
    with pytest.raises(unsilo.ValidationFailed, match=r"edges\.csv.*does not exist"):
        unsilo.load_network(tmp_path / "edges.csv", organization="net")


def test_bad_arguments_name_the_argument(results: unsilo.Results, demo: Path) -> None:
    org = unsilo.load(demo)
    with pytest.raises(ValueError, match="unknown analysis 'silos'"):
        org.analyze(["silos"])
    with pytest.raises(TypeError, match="analyses 'silo_bottlenecks': give a list"):
        org.analyze("silo_bottlenecks")
    with pytest.raises(ValueError, match="as_of '2026-13-01': not a date"):
        org.analyze(as_of="2026-13-01")
    with pytest.raises(ValueError, match="table 'units': no such table; the tables are"):
        results.rows("units")


def test_writers_refuse_to_overwrite_unless_asked(results: unsilo.Results, tmp_path: Path) -> None:
    path = results.write_graph(tmp_path / "org.graphml")
    with pytest.raises(FileExistsError, match=r"org\.graphml exists; pass overwrite=True"):
        results.write_graph(path)
    results.write_graph(path, overwrite=True)
    assert nx.read_graphml(path, force_multigraph=True).number_of_nodes() == 115
    with pytest.raises(ValueError, match=r"unknown graph format '\.dot'"):
        results.write_graph(tmp_path / "org.dot")
    results.write_csv(tmp_path / "csv")
    with pytest.raises(FileExistsError, match="not empty"):
        results.write_csv(tmp_path / "csv")
    results.write_json(tmp_path / "r.json")
    assert json.loads((tmp_path / "r.json").read_text("utf-8"))["as_of"] == "2026-01-01"


def test_the_package_examples_run() -> None:
    import doctest

    import unsilo.organization

    for module in (unsilo, unsilo.organization):
        outcome = doctest.testmod(module)
        assert outcome.attempted > 0, module.__name__
        assert outcome.failed == 0, module.__name__
