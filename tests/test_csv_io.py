"""The CSV folder format: round trips, and every problem pointed at by file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_queries.errors import ErrorCode, FieldError, ValidationFailed
from graph_queries.formats.csv_folder import read_csv_folder, write_csv_folder
from graph_queries.formats.files import read_organization, write_organization
from graph_queries.generator import generate_organization
from graph_queries.model import (
    Dependency,
    Organization,
    OrgSnapshot,
    Unit,
    UnitKind,
)
from tests.orgs import every_field

UNITS = "id,name,kind,parentId\nu1,Ops,DIVISION,\nu2,Sales,REGION,u1\n"


def folder(tmp_path: Path, **files: str | bytes) -> Path:
    """A folder with organization.csv and units.csv unless replaced; `name_csv` keys name files."""
    path = tmp_path / "org"
    path.mkdir()
    contents: dict[str, str | bytes] = {
        "organization.csv": "id,name\nacme,Acme\n",
        "units.csv": UNITS,
    }
    contents.update({key.replace("_csv", ".csv"): text for key, text in files.items()})
    for name, text in contents.items():
        if isinstance(text, bytes):
            (path / name).write_bytes(text)
        elif text:
            (path / name).write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[FieldError]:
    with pytest.raises(ValidationFailed) as failure:
        read_csv_folder(path)
    return failure.value.errors


def where(errors: list[FieldError]) -> list[tuple[str | None, int | None, str | None, str, str]]:
    """Each error as (file, line, column, path, code), easy to compare whole."""
    return [(e.source, e.line, e.column, e.path, e.code.value) for e in errors]


# ---- round trips ---------------------------------------------------------------------------------


def test_tiny_organization_survives_a_round_trip(tmp_path: Path) -> None:
    snapshot = every_field()
    write_csv_folder(snapshot, tmp_path / "out")
    assert read_csv_folder(tmp_path / "out") == snapshot


@pytest.mark.parametrize("leaders", [1, 2, 100, 1000])
def test_generated_organization_survives_a_round_trip(tmp_path: Path, leaders: int) -> None:
    snapshot = generate_organization(leaders=leaders, seed=11)
    write_csv_folder(snapshot, tmp_path / "out")
    assert read_csv_folder(tmp_path / "out") == snapshot


def test_all_six_files_are_written_with_headers_even_when_empty(tmp_path: Path) -> None:
    snapshot = OrgSnapshot.of(Organization("acme", "Acme"), [Unit("u1", "Ops")])
    write_csv_folder(snapshot, tmp_path / "a" / "b")
    written = {
        path.name: path.read_text(encoding="utf-8") for path in (tmp_path / "a" / "b").iterdir()
    }
    assert written == {
        "organization.csv": "id,name\nacme,Acme\n",
        "units.csv": "id,name,kind,parentId\nu1,Ops,TEAM,\n",
        "leaders.csv": "id,name,title,level,unitId,reportsToId\n",
        "dependencies.csv": "id,fromUnitId,toUnitId,description,criticality,reliability,ownerIds\n",
        "conflicts.csv": (
            "id,unitAId,unitBId,dependencyId,summary,severity,raisedAt,resolvedAt,status\n"
        ),
        "ties.csv": "id,leaderAId,leaderBId,strength,kind\n",
    }


def test_owner_ids_are_joined_with_semicolons(tmp_path: Path) -> None:
    write_csv_folder(every_field(), tmp_path)
    lines = (tmp_path / "dependencies.csv").read_text(encoding="utf-8").splitlines()
    assert lines[1] == 'd1,u2,u1,"Parts, on time",5,RARELY,l1;l2'
    assert lines[2] == "d2,u1,u2,,3,MOSTLY,"


def test_only_organization_and_units_are_required(tmp_path: Path) -> None:
    snapshot = read_csv_folder(folder(tmp_path))
    assert list(snapshot.units) == ["u1", "u2"]
    assert snapshot.units["u1"] == Unit("u1", "Ops", UnitKind.DIVISION)
    assert (snapshot.leaders, snapshot.dependencies, snapshot.conflicts, snapshot.ties) == (
        {},
        {},
        {},
        {},
    )


def test_cells_become_numbers_lists_and_defaults(tmp_path: Path) -> None:
    leaders = "id,name,unitId\nl1,Ada,u1\nl2,Ben,u2\n"
    dependencies = (
        "id,fromUnitId,toUnitId,criticality,ownerIds\nd1,u1,u2,4.0, l1 ; l2 ;\nd2,u2,u1,,\n"
    )
    ties = "id,leaderAId,leaderBId,strength\nt1,l1,l2,0.5\n"
    path = folder(tmp_path, leaders_csv=leaders, dependencies_csv=dependencies, ties_csv=ties)
    snapshot = read_csv_folder(path)
    assert snapshot.dependencies["d1"] == Dependency("d1", "u1", "u2", 4, owner_ids=("l1", "l2"))
    assert snapshot.dependencies["d2"] == Dependency("d2", "u2", "u1")
    assert snapshot.ties["t1"].strength == 0.5


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = folder(tmp_path, units_csv="\ufeff" + UNITS)
    assert list(read_csv_folder(path).units) == ["u1", "u2"]


# ---- problems of the files themselves ------------------------------------------------------------


def test_a_missing_required_file_is_reported(tmp_path: Path) -> None:
    path = folder(tmp_path)
    (path / "units.csv").unlink()
    assert where(problems(path)) == [("units.csv", None, None, "units", "REQUIRED")]


def test_an_empty_file_is_reported_at_line_one(tmp_path: Path) -> None:
    errors = problems(folder(tmp_path, units_csv=b"", leaders_csv=b"\n\n"))
    assert where(errors) == [
        ("units.csv", 1, "id", "units", "MALFORMED"),
        ("leaders.csv", 1, "id", "leaders", "MALFORMED"),
    ]


def test_unknown_and_duplicate_header_columns_are_reported(tmp_path: Path) -> None:
    units = "id,name,colour,name,\nu1,Ops,red,again,\n"
    errors = problems(folder(tmp_path, units_csv=units))
    assert where(errors) == [
        ("units.csv", 1, "colour", "units[*].colour", "UNKNOWN_FIELD"),
        ("units.csv", 1, "name", "units[*].name", "DUPLICATE"),
        ("units.csv", 1, "5", "units[*].5", "UNKNOWN_FIELD"),
    ]


def test_a_missing_required_column_is_reported_once_not_on_every_row(tmp_path: Path) -> None:
    leaders = "id,name\nl1,Ada\nl2,Ben\n"
    errors = problems(folder(tmp_path, leaders_csv=leaders))
    assert where(errors) == [("leaders.csv", 1, "unitId", "leaders[*].unitId", "REQUIRED")]


def test_rows_with_the_wrong_number_of_cells_are_reported(tmp_path: Path) -> None:
    units = "id,name,kind,parentId\nu1,Ops\nu2,Sales,TEAM,u1,extra\n"
    errors = problems(folder(tmp_path, units_csv=units))
    assert where(errors) == [
        ("units.csv", 2, "kind", "units[u1]", "MALFORMED"),
        ("units.csv", 3, "5", "units[u2]", "MALFORMED"),
    ]
    assert errors[0].message == "has 2 cells, the header has 4"


def test_cells_that_are_not_utf8_are_reported_with_line_and_column(tmp_path: Path) -> None:
    leaders = "id,name,title,unitId\nl1,Ada,CEO,u1\nl2,Ben,Chef de café,u1\n".encode("latin-1")
    errors = problems(folder(tmp_path, leaders_csv=leaders))
    assert where(errors) == [("leaders.csv", 3, "title", "leaders[l2].title", "MALFORMED")]


def test_an_organization_file_needs_exactly_one_row(tmp_path: Path) -> None:
    assert where(problems(folder(tmp_path, organization_csv="id,name\n"))) == [
        ("organization.csv", 1, "id", "organization", "REQUIRED")
    ]
    other = tmp_path / "second"
    other.mkdir()
    errors = problems(folder(other, organization_csv="id,name\na,A\nb,B\n"))
    assert where(errors) == [("organization.csv", 3, "id", "organization", "MALFORMED")]


def test_a_misspelt_file_is_reported_rather_than_ignored(tmp_path: Path) -> None:
    errors = problems(folder(tmp_path, leader_csv="id,name,unitId\n"))
    assert where(errors) == [("leader.csv", None, None, "leader", "UNKNOWN_FIELD")]


# ---- problems in the records, pointed at by line and column --------------------------------------


def test_conversion_problems_carry_the_line_and_column(tmp_path: Path) -> None:
    units = "id,name,kind,parentId\nu1,Ops,DIVISION,\nu2,Sales,team,u1\n"
    dependencies = "id,fromUnitId,toUnitId,criticality\nd1,u1,u2,high\nd2,u1,u2,2.5\n"
    conflicts = "id,unitAId,unitBId,raisedAt\nc1,u1,u2,2025-02-30\n"
    path = folder(tmp_path, units_csv=units, dependencies_csv=dependencies, conflicts_csv=conflicts)
    assert where(problems(path)) == [
        ("units.csv", 3, "kind", "units[u2].kind", "INVALID_ENUM"),
        ("dependencies.csv", 2, "criticality", "dependencies[d1].criticality", "INVALID_TYPE"),
        ("dependencies.csv", 3, "criticality", "dependencies[d2].criticality", "INVALID_TYPE"),
        ("conflicts.csv", 2, "raisedAt", "conflicts[c1].raisedAt", "INVALID_FORMAT"),
    ]


def test_duplicate_ids_point_at_the_second_row(tmp_path: Path) -> None:
    units = "id,name\nu1,Ops\nu2,Sales\nu1,Again\n"
    assert where(problems(folder(tmp_path, units_csv=units))) == [
        ("units.csv", 4, "id", "units[#2].id", "DUPLICATE")
    ]


def test_validation_problems_are_mapped_back_to_the_defining_row(tmp_path: Path) -> None:
    units = "id,name,parentId\nu1,Ops,u3\nu2,Sales,\nu3,Plant,u1\n"
    leaders = "id,name,unitId,reportsToId\nl1,Ada,u1,\nl2,Ben,u9,l1\n"
    dependencies = "id,fromUnitId,toUnitId,ownerIds\nd1,u1,u2,l1;l7\n"
    ties = "id,leaderAId,leaderBId,strength\nt1,l1,l2,0.5\nt2,l2,l1,0.7\n"
    path = folder(
        tmp_path, units_csv=units, leaders_csv=leaders, dependencies_csv=dependencies, ties_csv=ties
    )
    assert where(problems(path)) == [
        ("units.csv", 2, "parentId", "units[u1].parentId", "CYCLE"),
        ("leaders.csv", 3, "unitId", "leaders[l2].unitId", "UNKNOWN_REFERENCE"),
        ("dependencies.csv", 2, "ownerIds", "dependencies[d1].ownerIds[1]", "UNKNOWN_REFERENCE"),
        ("ties.csv", 3, "id", "ties[t2]", "DUPLICATE"),
    ]


def test_lines_are_physical_lines_even_after_a_cell_spanning_lines(tmp_path: Path) -> None:
    units = 'id,name,kind\nu1,"Ops\nand\nmore",DIVISION\nu2,Sales,BAD\n'
    assert where(problems(folder(tmp_path, units_csv=units))) == [
        ("units.csv", 5, "kind", "units[u2].kind", "INVALID_ENUM")
    ]


def test_a_bad_folder_reports_every_problem_of_every_file_at_once(tmp_path: Path) -> None:
    path = folder(
        tmp_path,
        organization_csv="id,name\nbad id,Acme\n",
        units_csv="id,name,kind,parentId,size\nu1,Ops,DIVISION,,3\nu2,,TEAM,u1,4\n",
        leaders_csv="id,name,unitId,level\nl1,Ada,u1,CEO\nl2,Ben,u2\n",
        ties_csv="id,leaderAId,leaderBId,strength\nt1,l1,l2,true\n",
    )
    errors = problems(path)
    assert where(errors) == [
        ("organization.csv", 2, "id", "organization.id", "INVALID_FORMAT"),
        ("units.csv", 1, "size", "units[*].size", "UNKNOWN_FIELD"),
        ("units.csv", 3, "name", "units[u2].name", "REQUIRED"),
        ("leaders.csv", 2, "level", "leaders[l1].level", "INVALID_ENUM"),
        ("leaders.csv", 3, "level", "leaders[l2]", "MALFORMED"),
        ("ties.csv", 2, "strength", "ties[t1].strength", "INVALID_TYPE"),
    ]
    assert len({error.source for error in errors}) == 4


# ---- choosing the format by path -----------------------------------------------------------------


def test_read_and_write_organization_choose_the_format_by_path(tmp_path: Path) -> None:
    snapshot = every_field()
    write_organization(snapshot, tmp_path / "org.json")
    write_organization(snapshot, tmp_path / "org")
    assert (tmp_path / "org.json").is_file()
    assert (tmp_path / "org" / "units.csv").is_file()
    assert read_organization(tmp_path / "org.json") == snapshot
    assert read_organization(tmp_path / "org") == snapshot


@pytest.mark.parametrize("name", ["missing", "org.txt"])
def test_read_organization_refuses_other_paths_naming_them(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    if name.endswith(".txt"):
        path.write_text("hello", encoding="utf-8")
    with pytest.raises(ValidationFailed) as failure:
        read_organization(path)
    [error] = failure.value.errors
    assert (error.source, error.code) == (str(path), ErrorCode.INVALID_FORMAT)
