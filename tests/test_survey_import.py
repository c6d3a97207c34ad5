"""`unsilo import-survey`: answers become a directed layer and the reliability of dependencies
between the respondents' and colleagues' units; broken answers change nothing."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from graph_queries.context import ANONYMOUS
from graph_queries.formats.json_document import to_document
from graph_queries.model import OrgSnapshot, Reliability, TieKind
from graph_queries.stores.sqlite_store import SqliteStore
from service.cli import main
from tests.orgs import acme

# acme: l4 and l7 in u3 (Field Sales), l5 in u4 (Logistics), l6 in u5 (Planning); d1 is u3 on
# u4 (SOMETIMES), d3 is u3 on u5 (RARELY); nothing has u4 depend on u3.
ANSWERS = """Respondent,Colleague,Frequency,Reliability,Submitted
l4,l5,daily,ALWAYS,2026-03-01
l7,l5,2,MOSTLY,2026-03-01
l7,l4,weekly,,2026-03-01
l5,l4,5,NEVER,2026-03-02
"""


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "unsilo.sqlite3"
    document = tmp_path / "acme.json"
    document.write_text(json.dumps(to_document(acme())))
    assert main(["--store", f"sqlite:{path}", "import", str(document)]) == 0
    return path


def _import(store: Path, tmp_path: Path, text: str) -> int:
    answers = tmp_path / "answers.csv"
    answers.write_text(text)
    return main(
        ["--store", f"sqlite:{store}", "import-survey", str(answers), "--organization", "acme"]
    )


def _stored(store: Path) -> OrgSnapshot:
    async def read() -> OrgSnapshot:
        opened = SqliteStore(store)
        try:
            return await opened.snapshot(ANONYMOUS, "acme")
        finally:
            await opened.close()

    return asyncio.run(read())


def test_answers_become_a_directed_layer_and_dependency_reliability(
    store: Path, tmp_path: Path
) -> None:
    before = _stored(store)
    assert _import(store, tmp_path, ANSWERS) == 0
    after = _stored(store)
    layer = {
        (t.leader_a_id, t.leader_b_id): t.strength
        for t in after.ties.values()
        if t.kind == "survey"
    }
    assert layer == {("l4", "l5"): 1.0, ("l7", "l5"): 0.4, ("l7", "l4"): 0.8, ("l5", "l4"): 1.0}
    assert TieKind("survey", directed=True) in after.tie_kinds
    # u3 on u4: ALWAYS and MOSTLY, the lower middle answer is MOSTLY; d3 had no answers.
    assert after.dependencies["d1"].reliability is Reliability.MOSTLY
    assert after.dependencies["d3"] == before.dependencies["d3"]
    created = [d for i, d in after.dependencies.items() if i not in before.dependencies]
    assert [(d.from_unit_id, d.to_unit_id, d.reliability) for d in created] == [
        ("u4", "u3", Reliability.NEVER)
    ]
    # Same-unit answers (l7 on l4) make a tie but say nothing about dependencies.
    assert len(after.dependencies) == len(before.dependencies) + 1


def test_a_second_import_replaces_the_layer(store: Path, tmp_path: Path) -> None:
    assert _import(store, tmp_path, ANSWERS) == 0
    assert _import(store, tmp_path, "respondent,colleague\nl4,l5\n") == 0
    layer = [t for t in _stored(store).ties.values() if t.kind == "survey"]
    assert [(t.leader_a_id, t.leader_b_id, t.strength) for t in layer] == [("l4", "l5", 1.0)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("respondent,colleague,frequency\nl4,l5,hourly\n", "answers.csv:2 column frequency"),
        ("respondent,colleague,reliability\nl4,l5,9\n", "answers.csv:2 column reliability"),
        ("respondent,colleague\nl4,l4\n", "answers.csv:2 column colleague"),
        ("respondent,colleague\nl4,l5\nl4,l5\n", "repeats the answer of line 2"),
        ("respondent,colleague\nl4,nobody\n", "'nobody', who is not a leader"),
        ("who,whom\nl4,l5\n", "needs the columns respondent and colleague"),
    ],
)
def test_broken_answers_change_nothing(
    store: Path, tmp_path: Path, text: str, found: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _stored(store)
    assert _import(store, tmp_path, text) == 1
    assert _stored(store).version == before.version
    assert found in capsys.readouterr().err


def test_a_missing_file_is_one_line(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--store", f"sqlite:{store}", "import-survey", "/nonexistent/answers.csv"]
    assert main([*args, "--organization", "acme"]) == 1
    err = capsys.readouterr().err
    assert "does not exist or is not a file" in err
    assert "Traceback" not in err


def test_an_unreadable_path_ends_in_one_line(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A folder where a file is expected: every command reports the path and the reason.
    folder = tmp_path / "export.json"
    folder.mkdir()
    (folder / "x").write_text("")
    assert main(["--store", f"sqlite:{store}", "export", str(folder)]) != 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert str(folder) in err
