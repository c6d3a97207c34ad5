"""What both stores share: entities as stored records, and what filters and relations mean."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from graph_queries.generator import generate_organization
from graph_queries.model import KINDS, Conflict, EntityKind, OrgSnapshot, kind_of
from graph_queries.stores.filter_conditions import CONDITIONS, Match, conditions
from graph_queries.stores.port import (
    FILTER_FOR_KIND,
    RELATIONS,
    ConflictFilter,
    Relation,
    UnitFilter,
)
from graph_queries.stores.records import LAYOUTS, from_record, to_record
from tests.orgs import acme

SCALARS = (str, int, float, type(None))


@pytest.mark.parametrize(
    "snapshot", [acme(), generate_organization(leaders=300)], ids=["acme", "generated"]
)
def test_every_entity_survives_its_record(snapshot: OrgSnapshot) -> None:
    for entity in snapshot.entities():
        kind = kind_of(entity)
        record = to_record(entity)
        assert list(record) == [f.name for f in dataclasses.fields(KINDS[kind].entity)]
        for value in record.values():
            is_ids = isinstance(value, tuple) and all(isinstance(v, str) for v in value)
            assert type(value) in SCALARS or is_ids, (entity, value)
        assert from_record(kind, record) == entity
        layout = LAYOUTS[kind]
        assert layout.column_values(entity) == tuple(record[c] for c in layout.columns)


def test_records_keep_dates_as_iso_text_and_enums_as_values() -> None:
    conflict = next(iter(acme().conflicts.values()))
    resolved = dataclasses.replace(conflict, resolved_at=date(2025, 6, 1))
    record = to_record(resolved)
    assert record["raised_at"] == conflict.raised_at.isoformat()
    assert record["resolved_at"] == "2025-06-01"
    assert record["status"] == conflict.status.value
    assert type(record["status"]) is str
    assert to_record(dataclasses.replace(conflict, resolved_at=None))["resolved_at"] is None
    assert isinstance(from_record(EntityKind.CONFLICT, record), Conflict)


def test_every_filter_field_has_one_meaning_on_fields_of_its_kind() -> None:
    for kind, filter_type in FILTER_FOR_KIND.items():
        described = [condition.name for condition in CONDITIONS[filter_type]]
        assert sorted(described) == sorted(f.name for f in dataclasses.fields(filter_type))
        for condition in CONDITIONS[filter_type]:
            # A HAS condition looks into a list field (kept in a side table or a list property).
            layout = LAYOUTS[kind]
            fields = layout.lists if condition.match is Match.HAS else layout.columns
            assert set(condition.fields) <= set(fields), condition


def test_filter_values_arrive_in_stored_form_and_unused_ones_as_none() -> None:
    values = {c.name: v for c, v in conditions(ConflictFilter(raised_from=date(2025, 1, 2)))}
    assert values == {
        "text": None,
        "unit_id": None,
        "status": None,
        "raised_from": "2025-01-02",
        "raised_to": None,
    }
    [(text, value), *_] = conditions(UnitFilter(text=""))
    assert text.match is Match.CONTAINS
    assert value is None


def test_every_relation_names_fields_of_its_kind() -> None:
    assert set(RELATIONS) == set(Relation)
    for relation, info in RELATIONS.items():
        assert set(info.fields) <= set(LAYOUTS[info.kind].fields), relation
