"""Tie kinds in the JSON document and the CSV folder: read, written back, refused with a place."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from graph_queries.context import ANONYMOUS
from graph_queries.errors import ErrorCode, ValidationFailed
from graph_queries.formats.csv_folder import read_csv_folder, write_csv_folder
from graph_queries.formats.json_document import parse_document, to_document
from graph_queries.model import Tie, TieKind
from graph_queries.stores.sqlite_store import SqliteStore
from tests.orgs import acme
from tests.test_documents import document


def layered_document(**changes: object) -> dict[str, object]:
    base = document(
        tieKinds=[{"name": "advice", "directed": True}, {"name": "friendship"}],
        leaders=[
            {"id": "l1", "name": "Ada", "unitId": "u1"},
            {"id": "l2", "name": "Bo", "unitId": "u2"},
        ],
        ties=[
            {"id": "t1", "leaderAId": "l1", "leaderBId": "l2", "kind": "advice"},
            {"id": "t2", "leaderAId": "l2", "leaderBId": "l1", "kind": "advice"},
        ],
    )
    base.update(changes)
    return base


def refused(data: object) -> list[tuple[str, ErrorCode]]:
    with pytest.raises(ValidationFailed) as failure:
        parse_document(data)
    return [(e.path, e.code) for e in failure.value.errors]


def test_a_directed_kind_takes_both_arcs_of_a_pair() -> None:
    snapshot = parse_document(layered_document())
    assert snapshot.tie_kinds == (TieKind("advice", True), TieKind("friendship", False))
    assert [t.id for t in snapshot.ties.values()] == ["t1", "t2"]


def test_without_the_declaration_the_reverse_arc_repeats_the_tie() -> None:
    assert refused(layered_document(tieKinds=[])) == [("ties[t2]", ErrorCode.DUPLICATE)]


def test_the_document_keeps_its_declarations_and_omits_none() -> None:
    snapshot = parse_document(layered_document())
    written = to_document(snapshot)
    assert written["tieKinds"] == [
        {"name": "advice", "directed": True},
        {"name": "friendship", "directed": False},
    ]
    assert parse_document(written) == snapshot
    assert "tieKinds" not in to_document(acme())


def test_declarations_are_refused_where_they_stand() -> None:
    kinds = [{"name": "advice", "directed": "yes"}, {"name": "advice"}, {"directed": True}]
    assert refused(layered_document(tieKinds=kinds)) == [
        ("tieKinds[advice].directed", ErrorCode.INVALID_TYPE),
        ("tieKinds[#2].name", ErrorCode.REQUIRED),
        ("tieKinds[#1].name", ErrorCode.DUPLICATE),
        ("ties[t2]", ErrorCode.DUPLICATE),  # "advice" could not be read as directed
    ]


def test_a_declaration_is_bounded() -> None:
    kinds = [{"name": f"k{n}"} for n in range(51)] + [{"name": "x" * 41}]
    assert refused(document(tieKinds=kinds)) == [
        ("tieKinds", ErrorCode.TOO_LONG),
        (f"tieKinds[{'x' * 41}].name", ErrorCode.TOO_LONG),
    ]


def test_the_csv_folder_writes_and_reads_the_declarations(tmp_path: Path) -> None:
    snapshot = parse_document(layered_document())
    write_csv_folder(snapshot, tmp_path)
    assert (tmp_path / "tieKinds.csv").read_text("utf-8") == (
        "name,directed\nadvice,true\nfriendship,false\n"
    )
    assert read_csv_folder(tmp_path) == snapshot
    write_csv_folder(acme(), tmp_path / "plain")
    assert not (tmp_path / "plain" / "tieKinds.csv").exists()


def test_a_bad_csv_cell_is_located_by_line_and_column(tmp_path: Path) -> None:
    write_csv_folder(parse_document(layered_document()), tmp_path)
    (tmp_path / "tieKinds.csv").write_text("name,directed\nadvice,maybe\n", "utf-8")
    with pytest.raises(ValidationFailed) as failure:
        read_csv_folder(tmp_path)
    located = [(e.path, e.code, e.source, e.line, e.column) for e in failure.value.errors]
    assert located[0] == (
        "tieKinds[advice].directed",
        ErrorCode.INVALID_TYPE,
        "tieKinds.csv",
        2,
        "directed",
    )


async def test_an_older_sqlite_file_gains_the_tie_kinds_column(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TABLE organizations (id TEXT PRIMARY KEY, name TEXT NOT NULL, "
            "version INTEGER NOT NULL)"
        )
        db.execute("INSERT INTO organizations VALUES ('acme', 'Acme', 1)")
    store = SqliteStore(path)
    try:
        assert await store.tie_kinds(ANONYMOUS, "acme") == ()
        organization = acme()
        organization.tie_kinds = (TieKind("MEETING", True),)
        organization.ties["t6"] = Tie("t6", "l2", "l1", kind="MEETING")
        await store.replace_organization(ANONYMOUS, organization, expected_version=None)
        assert (await store.snapshot(ANONYMOUS, "acme")).tie_kinds == organization.tie_kinds
    finally:
        await store.close()
