"""The JSON document format: round trips, and every kind of problem reported with its path."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from graph_queries.errors import ErrorCode, FieldError, ValidationFailed
from graph_queries.formats.json_document import parse_document, read_json, to_document, write_json
from graph_queries.formats.specs import COLLECTIONS, ORGANIZATION, RecordSpec
from graph_queries.generator import generate_organization
from graph_queries.model import (
    KINDS,
    EntityKind,
    Leader,
    Organization,
    Unit,
)
from tests.orgs import every_field


def document(**changes: object) -> dict[str, object]:
    """A small valid document, with top-level keys replaced or added."""
    base: dict[str, object] = {
        "formatVersion": 1,
        "organization": {"id": "acme", "name": "Acme"},
        "units": [
            {"id": "u1", "name": "Ops", "kind": "DIVISION"},
            {"id": "u2", "name": "Sales", "parentId": "u1"},
        ],
        "leaders": [{"id": "l1", "name": "Ada", "unitId": "u1"}],
    }
    base.update(changes)
    return base


def problems(data: object, source: str | None = None) -> list[FieldError]:
    with pytest.raises(ValidationFailed) as failure:
        parse_document(data, source=source)
    return failure.value.errors


def codes_at(errors: list[FieldError]) -> dict[str, ErrorCode]:
    return {error.path: error.code for error in errors}


# ---- round trips ---------------------------------------------------------------------------------


def test_tiny_organization_survives_a_round_trip_through_json_text() -> None:
    snapshot = every_field()
    text = json.dumps(to_document(snapshot))
    assert parse_document(json.loads(text)) == snapshot


@pytest.mark.parametrize("leaders", [1, 7, 100])
def test_generated_organization_survives_a_round_trip(leaders: int) -> None:
    snapshot = generate_organization(leaders=leaders, seed=3)
    assert parse_document(json.loads(json.dumps(to_document(snapshot)))) == snapshot


def test_write_json_then_read_json_gives_the_same_organization(tmp_path: Path) -> None:
    snapshot = generate_organization(leaders=60)
    path = tmp_path / "nested" / "org.json"
    write_json(snapshot, path)
    assert read_json(path) == snapshot
    text = path.read_text(encoding="utf-8")
    assert text.startswith('{\n  "formatVersion": 1,')


def test_to_document_writes_every_key_in_order_with_explicit_nulls() -> None:
    written = to_document(every_field())
    assert list(written) == [
        "formatVersion", "organization", "units", "leaders", "dependencies", "conflicts", "ties",
    ]  # fmt: skip
    assert written["units"] == [
        {"id": "u1", "name": "Opérations", "kind": "DIVISION", "parentId": None},
        {"id": "u2", "name": "Sales, EMEA", "kind": "REGION", "parentId": "u1"},
    ]
    conflicts = written["conflicts"]
    assert isinstance(conflicts, list)
    assert conflicts[1] == {
        "id": "c2", "unitAId": "u2", "unitBId": "u1", "dependencyId": None, "summary": "",
        "severity": 3, "raisedAt": "2025-06-01", "resolvedAt": None, "status": "OPEN",
    }  # fmt: skip
    assert written["ties"] == [
        {"id": "t1", "leaderAId": "l1", "leaderBId": "l2", "strength": 0.35, "kind": "peer"},
        {"id": "t2", "leaderAId": "l1", "leaderBId": "l2", "strength": 0.1, "kind": None},
    ]


def test_absent_and_null_optional_fields_take_the_model_defaults() -> None:
    snapshot = parse_document(
        document(
            units=[{"id": "u1", "name": "Ops", "kind": None, "parentId": None}],
            leaders=[{"id": "l1", "name": "Ada", "unitId": "u1", "title": None}],
            ties=None,
        )
    )
    assert snapshot.units["u1"] == Unit("u1", "Ops")
    assert snapshot.leaders["l1"] == Leader("l1", "Ada", "u1")
    assert snapshot.ties == {}
    assert snapshot.version == 0


def test_whole_floats_are_accepted_where_integers_are_expected() -> None:
    dependency = {"id": "d1", "fromUnitId": "u1", "toUnitId": "u2", "criticality": 4.0}
    snapshot = parse_document(document(dependencies=[dependency]))
    assert snapshot.dependencies["d1"].criticality == 4


# ---- problems, each with its path and code -------------------------------------------------------


def test_wrong_types_are_reported_with_what_was_found() -> None:
    errors = problems(document(units=[{"id": "u1", "name": 7}], leaders=[]))
    assert len(errors) == 1
    assert errors[0].path == "units[u1].name"
    assert errors[0].code is ErrorCode.INVALID_TYPE
    assert "the number 7" in errors[0].message


def test_booleans_are_not_numbers() -> None:
    dependency = {"id": "d1", "fromUnitId": "u1", "toUnitId": "u2", "criticality": True}
    tie = {"id": "t1", "leaderAId": "l1", "leaderBId": "l2", "strength": False}
    leaders = [
        {"id": "l1", "name": "Ada", "unitId": "u1"},
        {"id": "l2", "name": "Ben", "unitId": "u2"},
    ]
    errors = problems(document(leaders=leaders, dependencies=[dependency], ties=[tie]))
    assert codes_at(errors) == {
        "dependencies[d1].criticality": ErrorCode.INVALID_TYPE,
        "ties[t1].strength": ErrorCode.INVALID_TYPE,
    }


def test_missing_required_fields_are_reported_once_each() -> None:
    errors = problems(document(leaders=[{"id": "l1", "name": "Ada"}]))
    # The placeholder put in for unitId must not add an unknown-reference error on top.
    assert codes_at(errors) == {"leaders[l1].unitId": ErrorCode.REQUIRED}


def test_bad_enum_values_list_the_allowed_ones() -> None:
    errors = problems(document(units=[{"id": "u1", "name": "Ops", "kind": "team"}], leaders=[]))
    assert errors[0].path == "units[u1].kind"
    assert errors[0].code is ErrorCode.INVALID_ENUM
    assert "DIVISION, FUNCTION, REGION, TEAM, OTHER" in errors[0].message


@pytest.mark.parametrize("raised_at", ["2025-02-30", "01/02/2025", "2025-2-1", "2025-01-01T10:00"])
def test_bad_dates_are_invalid_format(raised_at: str) -> None:
    conflict = {"id": "c1", "unitAId": "u1", "unitBId": "u2", "raisedAt": raised_at}
    errors = problems(document(conflicts=[conflict]))
    assert codes_at(errors) == {"conflicts[c1].raisedAt": ErrorCode.INVALID_FORMAT}


def test_unknown_keys_are_reported_at_the_top_and_in_records() -> None:
    errors = problems(document(extra=1, units=[{"id": "u1", "name": "Ops", "colour": "red"}]))
    assert codes_at(errors) == {
        "extra": ErrorCode.UNKNOWN_FIELD,
        "units[u1].colour": ErrorCode.UNKNOWN_FIELD,
    }


def test_duplicate_ids_name_the_repeating_record_by_position() -> None:
    units = [{"id": "u1", "name": "Ops"}, {"id": "u1", "name": "Again", "kind": "NOPE"}]
    errors = problems(document(units=units))
    assert codes_at(errors) == {
        "units[#1].id": ErrorCode.DUPLICATE,
        "units[#1].kind": ErrorCode.INVALID_ENUM,
    }
    assert "units[#0]" in errors[0].message


def test_records_without_a_usable_id_are_named_by_position() -> None:
    units = [{"id": "u1", "name": "Ops"}, {"name": "No id"}, {"id": 5, "name": "Number"}, "u4"]
    errors = problems(document(units=units))
    assert codes_at(errors) == {
        "units[#1].id": ErrorCode.REQUIRED,
        "units[#2].id": ErrorCode.INVALID_TYPE,
        "units[#3]": ErrorCode.INVALID_TYPE,
    }


def test_validation_paths_are_kept_as_validation_writes_them() -> None:
    units = [
        {"id": "u1", "name": "Ops", "parentId": "u2"},
        {"id": "u2", "name": "Sales", "parentId": "u1"},
        {"id": "u3", "name": "X" * 201, "parentId": "nowhere"},
    ]
    dependency = {"id": "d1", "fromUnitId": "u1", "toUnitId": "u2", "ownerIds": ["l1", "l9"]}
    errors = problems(document(units=units, dependencies=[dependency]))
    assert codes_at(errors) == {
        "units[u3].name": ErrorCode.TOO_LONG,
        "units[u3].parentId": ErrorCode.UNKNOWN_REFERENCE,
        "dependencies[d1].ownerIds[1]": ErrorCode.UNKNOWN_REFERENCE,
        "units[u1].parentId": ErrorCode.CYCLE,
    }


def test_a_status_that_cannot_be_read_does_not_also_complain_about_its_dates() -> None:
    conflict = {
        "id": "c1", "unitAId": "u1", "unitBId": "u2", "raisedAt": "2025-01-01",
        "resolvedAt": "2025-01-05", "status": "RESOLVED",
    }  # fmt: skip
    errors = problems(document(conflicts=[conflict]))
    assert codes_at(errors) == {"conflicts[c1].status": ErrorCode.INVALID_ENUM}


def test_owner_ids_must_be_a_list_of_strings() -> None:
    dependencies = [
        {"id": "d1", "fromUnitId": "u1", "toUnitId": "u2", "ownerIds": "l1"},
        {"id": "d2", "fromUnitId": "u1", "toUnitId": "u2", "ownerIds": ["l1", 3]},
    ]
    errors = problems(document(dependencies=dependencies))
    assert codes_at(errors) == {
        "dependencies[d1].ownerIds": ErrorCode.INVALID_TYPE,
        "dependencies[d2].ownerIds[1]": ErrorCode.INVALID_TYPE,
    }


def test_every_problem_comes_back_at_once_with_its_source() -> None:
    data = document(
        formatVersion=2,
        organization={"id": "bad id", "name": ""},
        units=[{"id": "u1", "name": "Ops", "kind": 3}],
        leaders=[{"id": "l1", "name": "Ada", "unitId": "u7", "level": "BOSS"}],
        ties=[{"id": "t1", "leaderAId": "l1", "leaderBId": "l1", "strength": 2}],
    )
    errors = problems(data, source="upload.json")
    assert codes_at(errors) == {
        "formatVersion": ErrorCode.OUT_OF_RANGE,
        "units[u1].kind": ErrorCode.INVALID_TYPE,
        "leaders[l1].level": ErrorCode.INVALID_ENUM,
        "organization.id": ErrorCode.INVALID_FORMAT,
        "organization.name": ErrorCode.REQUIRED,
        "leaders[l1].unitId": ErrorCode.UNKNOWN_REFERENCE,
        "ties[t1].leaderBId": ErrorCode.SELF_REFERENCE,
        "ties[t1].strength": ErrorCode.OUT_OF_RANGE,
    }
    assert {error.source for error in errors} == {"upload.json"}


def test_the_top_level_must_be_an_object_with_version_organization_and_units() -> None:
    assert codes_at(problems([1, 2])) == {"$": ErrorCode.INVALID_TYPE}
    assert codes_at(problems({})) == {
        "formatVersion": ErrorCode.REQUIRED,
        "organization": ErrorCode.REQUIRED,
        "units": ErrorCode.REQUIRED,
    }
    assert codes_at(problems(document(formatVersion="1", units={}, leaders=[]))) == {
        "formatVersion": ErrorCode.INVALID_TYPE,
        "units": ErrorCode.INVALID_TYPE,
    }


# ---- files ---------------------------------------------------------------------------------------


def test_malformed_json_names_the_file_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "formatVersion": 1,\n  "units": [,]\n}\n', encoding="utf-8")
    with pytest.raises(ValidationFailed) as failure:
        read_json(path)
    [error] = failure.value.errors
    assert (error.code, error.source, error.line, error.column) == (
        ErrorCode.MALFORMED,
        str(path),
        3,
        "13",
    )


def test_a_json_file_that_is_not_utf8_is_malformed(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes('{"name": "café"}'.encode("latin-1"))
    with pytest.raises(ValidationFailed) as failure:
        read_json(path)
    [error] = failure.value.errors
    assert (error.code, error.line, error.column) == (ErrorCode.MALFORMED, 1, "14")


def test_read_json_sets_the_file_as_source_of_document_problems(tmp_path: Path) -> None:
    path = tmp_path / "org.json"
    path.write_text(json.dumps(document(leaders=[{"id": "l1", "name": "Ada"}])), encoding="utf-8")
    with pytest.raises(ValidationFailed) as failure:
        read_json(path)
    assert [(e.path, e.source) for e in failure.value.errors] == [("leaders[l1].unitId", str(path))]


@pytest.mark.parametrize(
    ("spec", "entity"),
    [(ORGANIZATION, Organization)]
    + [(COLLECTIONS[KINDS[kind].collection], KINDS[kind].entity) for kind in EntityKind],
    ids=["organization", *(KINDS[kind].name for kind in EntityKind)],
)
def test_each_record_spec_lists_every_field_of_its_entity_once(
    spec: RecordSpec, entity: type
) -> None:
    attrs = [field.attr for field in spec.fields]
    assert sorted(attrs) == sorted(field.name for field in dataclasses.fields(entity))
    assert spec.build is entity
