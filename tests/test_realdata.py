"""Real organizations through the project's own CSV import: facts of the data, not analyses.

Every expected figure is either published with the data (SNAP's, Lazega's) or computed here from
the raw files independently of tests/realdata.py, so that a mapping bug cannot hide behind itself.
"""

from __future__ import annotations

import csv
import dataclasses
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from graph_queries.context import ANONYMOUS
from graph_queries.graphs import build_graphs
from graph_queries.model import LeaderLevel, OrgSnapshot, Reliability, UnitKind
from graph_queries.stores.port import Store
from graph_queries.stores.sqlite_store import SqliteStore
from tests.realdata import DATA, DataChecksumError, email_eu_core, lazega

ROOT = Path(__file__).resolve().parents[1]
EMAIL = DATA / "email-eu-core"
LAZEGA = DATA / "lazega"


@dataclasses.dataclass(frozen=True)
class Imported:
    folder: Path
    snapshot: OrgSnapshot


@pytest.fixture(scope="module")
def email(tmp_path_factory: pytest.TempPathFactory) -> Imported:
    folder = tmp_path_factory.mktemp("email") / "email-eu-core"
    return Imported(folder, email_eu_core(folder))


@pytest.fixture(scope="module")
def firm(tmp_path_factory: pytest.TempPathFactory) -> Imported:
    folder = tmp_path_factory.mktemp("lazega") / "lazega"
    return Imported(folder, lazega(folder))


def raw_pairs(file: Path) -> list[tuple[str, str]]:
    """Directed edges of a SNAP edge list or a `source,target` CSV, exactly as in the file."""
    if file.suffix == ".csv":
        with file.open(newline="") as stream:
            return [(row["source"], row["target"]) for row in csv.DictReader(stream)]
    return [(a, b) for a, b in (line.split() for line in file.read_text().splitlines() if line)]


def unordered(edges: list[tuple[str, str]]) -> set[frozenset[str]]:
    return {frozenset(edge) for edge in edges if edge[0] != edge[1]}


def mutual(edges: list[tuple[str, str]]) -> set[frozenset[str]]:
    directed = set(edges)
    return {frozenset((a, b)) for a, b in directed if a != b and (b, a) in directed}


# ---- email-Eu-core -------------------------------------------------------------------------------


def test_email_people_and_departments(email: Imported) -> None:
    snapshot = email.snapshot
    labels = dict(raw_pairs(EMAIL / "email-Eu-core-department-labels.txt"))
    assert snapshot.organization.id == "email-eu-core"
    assert len(snapshot.leaders) == 1005
    assert len(snapshot.units) == 42
    assert {u.kind for u in snapshot.units.values()} == {UnitKind.FUNCTION}
    assert {u.parent_id for u in snapshot.units.values()} == {None}
    assert snapshot.units["d7"].name == "Department 7"
    assert {leader.level for leader in snapshot.leaders.values()} == {LeaderLevel.MIDDLE}
    assert {leader.title for leader in snapshot.leaders.values()} == {""}
    assert all(leader.reports_to_id is None for leader in snapshot.leaders.values())
    assert {leader.id: leader.unit_id for leader in snapshot.leaders.values()} == {
        f"p{person}": f"d{department}" for person, department in labels.items()
    }
    assert not snapshot.dependencies
    assert not snapshot.conflicts


def test_email_ties_are_the_unordered_pairs_without_self_loops(email: Imported) -> None:
    edges = raw_pairs(EMAIL / "email-Eu-core.txt")
    assert len(edges) == 25_571
    assert sum(a == b for a, b in edges) == 642
    ties = email.snapshot.ties.values()
    pairs = {frozenset((t.leader_a_id[1:], t.leader_b_id[1:])) for t in ties}
    assert len(ties) == len(unordered(edges))
    assert pairs == unordered(edges)
    assert {t.kind for t in ties} == {"EMAIL"}
    both_ways = {frozenset((t.leader_a_id[1:], t.leader_b_id[1:])) for t in ties if t.strength == 1}
    assert both_ways == mutual(edges)
    assert Counter(t.strength for t in ties) == {
        1.0: len(mutual(edges)),
        0.5: len(unordered(edges)) - len(mutual(edges)),
    }


def test_email_collaboration_graph_has_snaps_figures(email: Imported) -> None:
    graph = nx.Graph(build_graphs(email.snapshot).collaboration)
    assert graph.number_of_nodes() == 1005
    largest = max(nx.connected_components(graph), key=len)
    assert len(largest) == 986
    assert sum(nx.triangles(graph).values()) // 3 == 105_461
    assert round(nx.average_clustering(graph), 4) == 0.3994


# ---- Lazega law firm -----------------------------------------------------------------------------


def lawyers() -> list[dict[str, str]]:
    with (LAZEGA / "attributes.csv").open(newline="") as stream:
        return list(csv.DictReader(stream))


def test_lazega_lawyers_offices_and_practices(firm: Imported) -> None:
    snapshot = firm.snapshot
    assert snapshot.organization.id == "lazega"
    assert len(snapshot.leaders) == 71
    levels = Counter(leader.level for leader in snapshot.leaders.values())
    assert levels == {LeaderLevel.EXECUTIVE: 36, LeaderLevel.MIDDLE: 35}
    offices = {"1": "boston", "2": "hartford", "3": "providence"}
    expected_sizes = Counter(offices[row["office"]] for row in lawyers())
    assert expected_sizes == {"boston": 48, "hartford": 19, "providence": 4}
    office_of = {unit.id: unit.parent_id for unit in snapshot.units.values()}
    sizes = Counter(office_of[leader.unit_id] for leader in snapshot.leaders.values())
    assert sizes == expected_sizes
    divisions = {u.id for u in snapshot.units.values() if u.kind is UnitKind.DIVISION}
    assert divisions == set(offices.values())
    teams = [u for u in snapshot.units.values() if u.kind is UnitKind.TEAM]
    assert len(teams) == 6
    assert all(team.parent_id in divisions for team in teams)
    practices = {"1": "Litigation", "2": "Corporate"}
    for row in lawyers():
        leader = snapshot.leaders[f"l{row['id']}"]
        status = "Partner" if row["status"] == "1" else "Associate"
        assert leader.title == f"{status}, {practices[row['practice']]}"
        assert leader.unit_id == f"{offices[row['office']]}-{practices[row['practice']].lower()}"
        assert leader.reports_to_id is None
    assert not snapshot.conflicts


def test_lazega_work_ties_are_the_unordered_cowork_pairs(firm: Imported) -> None:
    edges = raw_pairs(LAZEGA / "cowork_edges.csv")
    ties = firm.snapshot.ties.values()
    assert len(ties) == len(unordered(edges)) == 726
    assert {frozenset((t.leader_a_id[1:], t.leader_b_id[1:])) for t in ties} == unordered(edges)
    assert {t.kind for t in ties} == {"WORK"}
    assert sum(t.strength == 1.0 for t in ties) == len(mutual(edges))


def test_lazega_dependencies_are_advice_across_units(firm: Imported) -> None:
    snapshot = firm.snapshot
    unit = {leader.id[1:]: leader.unit_id for leader in snapshot.leaders.values()}
    advice = raw_pairs(LAZEGA / "advice_edges.csv")
    across = Counter((unit[a], unit[b]) for a, b in advice if unit[a] != unit[b])
    dependencies = list(snapshot.dependencies.values())
    assert all(d.from_unit_id != d.to_unit_id for d in dependencies)
    assert Counter((d.from_unit_id, d.to_unit_id) for d in dependencies) == dict.fromkeys(across, 1)
    assert {d.reliability for d in dependencies} == {Reliability.MOSTLY}
    assert all(1 <= d.criticality <= 5 for d in dependencies)
    # Criticality follows the number of advice edges: more edges never means less critical.
    by_count = sorted(dependencies, key=lambda d: across[d.from_unit_id, d.to_unit_id])
    assert [d.criticality for d in by_count] == sorted(d.criticality for d in by_count)
    busiest = max(dependencies, key=lambda d: across[d.from_unit_id, d.to_unit_id])
    assert busiest.criticality == 5


# ---- the data must be the published data --------------------------------------------------------


def test_a_changed_file_fails_the_checksum(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "lazega").mkdir(parents=True)
    (data / "SHA256SUMS").write_bytes((DATA / "SHA256SUMS").read_bytes())
    for file in LAZEGA.iterdir():
        (data / "lazega" / file.name).write_bytes(file.read_bytes())
    cowork = data / "lazega" / "cowork_edges.csv"
    cowork.write_bytes(cowork.read_bytes() + b"1,2\n")
    with pytest.raises(DataChecksumError, match=r"cowork_edges\.csv"):
        lazega(tmp_path / "out", data=data)
    assert not (tmp_path / "out").exists()


# ---- through the real stores and the CLI ---------------------------------------------------------


@pytest.mark.parametrize("dataset", ["email", "firm"])
async def test_stores_keep_the_imported_organization(
    store: Store, dataset: str, request: pytest.FixtureRequest
) -> None:
    imported: Imported = request.getfixturevalue(dataset)
    snapshot = imported.snapshot
    version = await store.replace_organization(ANONYMOUS, snapshot, expected_version=0)
    assert version == 1
    stored = await store.snapshot(ANONYMOUS, snapshot.organization.id)
    assert stored == dataclasses.replace(snapshot, version=1)


async def test_cli_imports_the_folder(firm: Imported, tmp_path: Path) -> None:
    database = tmp_path / "db.sqlite3"
    env = {key: value for key, value in os.environ.items() if not key.startswith("UNSILO_")}
    command = [sys.executable, "-m", "service.cli", "--store", f"sqlite:{database}", "import"]
    done = subprocess.run(
        [*command, str(firm.folder)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "imported organization 'lazega'" in done.stdout
    for count in ("9 units", "71 leaders", "24 dependencies", "0 conflicts", "726 ties"):
        assert count in done.stdout
    store = SqliteStore(database)
    try:
        stored = await store.snapshot(ANONYMOUS, "lazega")
    finally:
        await store.close()
    assert stored == dataclasses.replace(firm.snapshot, version=1)
