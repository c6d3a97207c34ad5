"""Custom attributes of leaders and units: declared, typed, bounded, read and written in both
formats, and refused where they stand."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_queries.errors import ErrorCode, ValidationFailed
from graph_queries.formats.csv_folder import read_csv_folder, write_csv_folder
from graph_queries.formats.json_document import parse_document, to_document
from graph_queries.model import AttributeDeclaration, AttributeType, EntityKind, attribute_values
from tests.orgs import acme
from tests.test_documents import document

DECLARED = [
    {"name": "office", "entity": "LEADER"},
    {"name": "age", "entity": "LEADER", "type": "INTEGER"},
    {"name": "partner", "entity": "LEADER", "type": "BOOLEAN"},
    {"name": "joined", "entity": "LEADER", "type": "DATE"},
    {"name": "budget", "entity": "UNIT", "type": "FLOAT"},
]


def with_attributes(**changes: object) -> dict[str, object]:
    base = document(
        attributes=DECLARED,
        units=[
            {"id": "u1", "name": "Ops", "kind": "DIVISION", "attributes": {"budget": 2.5}},
            {"id": "u2", "name": "Sales", "parentId": "u1"},
        ],
        leaders=[
            {
                "id": "l1",
                "name": "Ada",
                "unitId": "u1",
                "attributes": {"office": "Boston", "age": 64, "partner": True},
            },
            {"id": "l2", "name": "Bo", "unitId": "u2", "attributes": {"joined": "2020-02-29"}},
        ],
    )
    base.update(changes)
    return base


def refused(data: object) -> list[tuple[str, ErrorCode]]:
    with pytest.raises(ValidationFailed) as failure:
        parse_document(data)
    return [(e.path, e.code) for e in failure.value.errors]


def test_declared_values_are_read_as_the_text_of_their_type() -> None:
    snapshot = parse_document(with_attributes())
    assert snapshot.attributes[1] == AttributeDeclaration(
        "age", EntityKind.LEADER, AttributeType.INTEGER
    )
    assert attribute_values(snapshot.leaders["l1"]) == {
        "office": "Boston",
        "age": "64",
        "partner": "true",
    }
    assert attribute_values(snapshot.units["u1"]) == {"budget": "2.5"}


def test_the_document_writes_typed_values_and_reads_them_back() -> None:
    snapshot = parse_document(with_attributes())
    written = to_document(snapshot)
    leaders = written["leaders"]
    assert isinstance(leaders, list)
    assert leaders[0]["attributes"] == {"office": "Boston", "age": 64, "partner": True}
    assert parse_document(written) == snapshot
    assert "attributes" not in to_document(acme())
    assert all("attributes" not in leader for leader in to_document(acme())["leaders"])  # type: ignore[union-attr]


def test_undeclared_and_mistyped_values_are_refused_where_they_stand() -> None:
    leaders = [
        {
            "id": "l1",
            "name": "Ada",
            "unitId": "u1",
            "attributes": {"age": "64", "shoe": 42, "partner": "yes", "joined": "2021-02-29"},
        }
    ]
    assert refused(with_attributes(leaders=leaders)) == [
        ("leaders[l1].attributes.age", ErrorCode.INVALID_TYPE),
        ("leaders[l1].attributes.shoe", ErrorCode.UNKNOWN_FIELD),
        ("leaders[l1].attributes.partner", ErrorCode.INVALID_TYPE),
        ("leaders[l1].attributes.joined", ErrorCode.INVALID_TYPE),
    ]


def test_a_unit_attribute_is_not_a_leader_attribute() -> None:
    leaders = [{"id": "l1", "name": "Ada", "unitId": "u1", "attributes": {"budget": 1.0}}]
    assert refused(with_attributes(leaders=leaders)) == [
        ("leaders[l1].attributes.budget", ErrorCode.UNKNOWN_FIELD)
    ]


def test_declarations_are_checked_and_bounded() -> None:
    declared = [
        {"name": "age", "entity": "LEADER", "type": "INTEGER"},
        {"name": "age", "entity": "LEADER"},
        {"name": "unitId", "entity": "LEADER"},
        {"name": "two words", "entity": "UNIT"},
        {"name": "x", "entity": "TIE"},
        {"name": "y", "entity": "UNIT", "type": "COLOUR"},
    ]
    assert refused(document(attributes=declared)) == [
        ("attributes[#4].entity", ErrorCode.INVALID_ENUM),
        ("attributes[#5].type", ErrorCode.INVALID_ENUM),
        ("attributes[#1].name", ErrorCode.DUPLICATE),
        ("attributes[#2].name", ErrorCode.DUPLICATE),
        ("attributes[#3].name", ErrorCode.INVALID_FORMAT),
    ]
    many = [{"name": f"a{n}", "entity": "UNIT"} for n in range(51)]
    assert refused(document(attributes=many)) == [("attributes", ErrorCode.TOO_LONG)]


def test_huge_values_and_too_many_values_are_refused() -> None:
    leaders = [
        {"id": "l1", "name": "Ada", "unitId": "u1", "attributes": {"office": "x" * 201}},
        {
            "id": "l2",
            "name": "Bo",
            "unitId": "u1",
            "attributes": {f"k{n}": n for n in range(51)},
        },
    ]
    assert refused(with_attributes(leaders=leaders)) == [
        ("leaders[l1].attributes.office", ErrorCode.TOO_LONG),
        ("leaders[l2].attributes", ErrorCode.TOO_LONG),
    ]


def test_the_csv_folder_has_a_column_per_attribute(tmp_path: Path) -> None:
    snapshot = parse_document(with_attributes())
    write_csv_folder(snapshot, tmp_path)
    assert (tmp_path / "leaders.csv").read_text("utf-8").splitlines()[:2] == [
        "id,name,title,level,unitId,reportsToId,office,age,partner,joined",
        "l1,Ada,,MIDDLE,u1,,Boston,64,true,",
    ]
    assert (tmp_path / "attributes.csv").read_text("utf-8").splitlines()[1] == (
        "office,LEADER,STRING"
    )
    assert read_csv_folder(tmp_path) == snapshot


def test_a_bad_csv_attribute_cell_is_located(tmp_path: Path) -> None:
    write_csv_folder(parse_document(with_attributes()), tmp_path)
    leaders = tmp_path / "leaders.csv"
    leaders.write_text(leaders.read_text("utf-8").replace(",64,", ",sixty,"), "utf-8")
    with pytest.raises(ValidationFailed) as failure:
        read_csv_folder(tmp_path)
    [error] = failure.value.errors
    assert (error.path, error.code, error.source, error.line, error.column) == (
        "leaders[l1].attributes.age",
        ErrorCode.INVALID_TYPE,
        "leaders.csv",
        2,
        "age",
    )


def test_an_undeclared_csv_column_is_still_refused(tmp_path: Path) -> None:
    write_csv_folder(acme(), tmp_path)
    leaders = tmp_path / "leaders.csv"
    lines = leaders.read_text("utf-8").splitlines()
    leaders.write_text("\n".join([lines[0] + ",age"] + [line + ",40" for line in lines[1:]]))
    with pytest.raises(ValidationFailed) as failure:
        read_csv_folder(tmp_path)
    assert [(e.path, e.code) for e in failure.value.errors] == [
        ("leaders[*].age", ErrorCode.UNKNOWN_FIELD)
    ]
