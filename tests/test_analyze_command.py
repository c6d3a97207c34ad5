"""`unsilo analyze`: the analyses run in process on a file or a store, exported, no server."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import networkx as nx
import pytest
from rich.console import Console

from graph_queries.formats.files import write_organization
from graph_queries.generator import generate_organization
from graph_queries.graphs import build_graphs
from service import analyze_command
from service.cli import main

AS_OF = ["--as-of", "2026-01-01"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.json"
    write_organization(generate_organization(leaders=100), path)
    return path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _units_rows(folder: Path) -> list[dict[str, str]]:
    with (folder / "silo_bottlenecks-units.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_a_file_is_analyzed_and_every_output_written(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # As on a terminal, where each step is told (in a pipe, as here otherwise, nothing is).
    monkeypatch.setattr(
        analyze_command, "stderr_console", lambda: Console(file=sys.stderr, force_terminal=True)
    )
    out_dir = tmp_path / "out"
    code, out, err = _run(
        capsys, "analyze", str(demo), *AS_OF, "--csv", str(out_dir / "csv"),
        "--json", str(out_dir / "results.json"), "--graph", str(out_dir / "org.graphml"),
    )  # fmt: skip
    assert code == 0, err
    assert "organization 'demo': 15 units, 100 leaders" in out
    assert "computing silo_bottlenecks..." in err
    assert "computing execution_report..." in err
    document = json.loads((out_dir / "results.json").read_text(encoding="utf-8"))
    assert set(document["analyses"]) == {
        "silo_bottlenecks", "conflict_hotspots", "executive_factions", "execution_report"
    }  # fmt: skip
    assert document["as_of"] == "2026-01-01"
    graph = nx.read_graphml(out_dir / "org.graphml", force_multigraph=True)
    assert graph.number_of_nodes() == 115  # 15 units and 100 leaders
    assert (out_dir / "csv" / "conflict_hotspots-units.csv").is_file()


def test_privacy_floor_applies_by_default_and_the_flag_lifts_it(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    floored, lifted = tmp_path / "floored", tmp_path / "lifted"
    assert _run(capsys, "analyze", str(demo), *AS_OF, "--analysis", "silo_bottlenecks",
                "--csv", str(floored))[0] == 0  # fmt: skip
    assert _run(capsys, "analyze", str(demo), *AS_OF, "--analysis", "silo_bottlenecks",
                "--csv", str(lifted), "--include-small-groups")[0] == 0  # fmt: skip
    small = [row for row in _units_rows(lifted) if int(row["leaders"]) < 5]
    assert small
    kept = {row["unit_id"] for row in _units_rows(floored)}
    assert kept == {row["unit_id"] for row in _units_rows(lifted)} - {r["unit_id"] for r in small}
    assert not list(floored.glob("conflict_hotspots-*"))  # only the analysis asked for


def test_a_store_is_read_and_never_created(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.sqlite3"
    code, _out, err = _run(
        capsys, "--store", f"sqlite:{missing}", "analyze", "--organization", "demo"
    )
    assert code == 1
    assert err.count("\n") == 1
    assert "no store at" in err
    assert not missing.exists()
    store = f"sqlite:{tmp_path / 'unsilo.sqlite3'}"
    assert _run(capsys, "--store", store, "import", str(demo))[0] == 0
    graph_file = tmp_path / "org.gexf"
    code, out, err = _run(
        capsys, "--store", store, "analyze", "--organization", "demo", *AS_OF,
        "--analysis", "executive_factions", "--graph", str(graph_file),
    )  # fmt: skip
    assert code == 0, err
    assert "executive_factions: verdict" in out
    assert nx.read_gexf(graph_file).number_of_nodes() == 115


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--analysis", "nope"], "--analysis 'nope': unknown"),
        (["--graph", "org.dot"], "unknown format '.dot'"),
        (["--as-of", "01/02/2026"], "not a date"),
        (["--organization", "demo"], "SOURCE or --organization, not both"),
        (["--json", "exists.json"], "exists; pass --force"),
    ],
)
def test_a_mistake_is_one_line_and_a_failing_status(
    demo: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    says: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "exists.json").write_text("{}", encoding="utf-8")
    try:
        code, out, err = _run(capsys, "analyze", str(demo), *args)
    except SystemExit as exit_:  # argparse's own mistakes
        code, (out, err) = int(str(exit_.code)), capsys.readouterr()
    assert code != 0
    assert err.count("\n") == 1, err
    assert says in err
    assert "Traceback" not in err
    assert out == ""
    assert (tmp_path / "exists.json").read_text(encoding="utf-8") == "{}"


def test_no_source_and_a_bad_source_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = _run(capsys, "analyze")
    assert code == 1
    assert err.count("\n") == 1
    assert "give SOURCE" in err
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    code, _out, err = _run(capsys, "analyze", str(broken))
    lines = [line for line in err.splitlines() if not line.endswith("...")]
    assert code == 1
    assert len(lines) == 1
    assert "1 problem in the source" in lines[0]


def test_force_overwrites(demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "org.json"
    target.write_text("old", encoding="utf-8")
    args = ["analyze", str(demo), *AS_OF, "--analysis", "conflict_hotspots", "--graph", str(target)]
    assert _run(capsys, *args)[0] == 1
    assert _run(capsys, *args, "--force")[0] == 0
    data = json.loads(target.read_text(encoding="utf-8"))
    assert nx.node_link_graph(data, edges="edges").number_of_nodes() == 115


@pytest.mark.parametrize(("sample", "exact"), [("2", False), ("0", True)])
def test_the_path_sample_is_the_one_asked_for(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], sample: str, exact: bool
) -> None:
    out = tmp_path / "results.json"
    code, _, err = _run(
        capsys, "analyze", str(demo), *AS_OF, "--analysis", "silo_bottlenecks",
        "--path-sample", sample, "--json", str(out),
    )  # fmt: skip
    assert code == 0, err
    counting = json.loads(out.read_text(encoding="utf-8"))["analyses"]["silo_bottlenecks"][
        "path_counting"
    ]
    assert counting["exact"] is exact
    assert counting["leader_sources"] == (100 if exact else 2)


def test_a_long_silo_analysis_is_announced_with_what_a_sample_would_save() -> None:
    large = build_graphs(generate_organization(leaders=20_000))
    notice = analyze_command.long_run_notice(large, None)
    assert notice is not None
    assert "the silo analysis of 20,000 leaders" in notice
    assert "every unit and leader a path start" in notice
    assert "--path-sample 2000 would take about" in notice
    # The default sample at this size, and any run on the demo, start without a word.
    small = build_graphs(generate_organization(leaders=100))
    assert analyze_command.long_run_notice(small, None) is None
