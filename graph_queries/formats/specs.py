"""The record specs of the import/export formats: each record's keys, in the order they are written.

A JSON document and a CSV folder hold the same records: the organization and one collection per
entity kind. Each key is listed once here with its camelCase name, the dataclass attribute it
fills and how its value is read, and every reader, writer and message works from these lists.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from graph_queries.model import (
    KINDS,
    AttributeDeclaration,
    AttributeType,
    ConflictStatus,
    EntityKind,
    LeaderLevel,
    Organization,
    Reliability,
    TieKind,
    UnitKind,
)

FORMAT_VERSION = 1


class AttributeEntity(Enum):
    """The entity kinds a custom attribute may be declared for."""

    LEADER = "LEADER"
    UNIT = "UNIT"


ROOT = "$"  # the path of the document itself


class FieldKind(Enum):
    """How a key's value is read; the CSV reader also uses it to turn cells into values."""

    ID = "id"
    TEXT = "text"
    REF = "ref"
    INT = "int"
    FLOAT = "float"
    ENUM = "enum"
    DATE = "date"
    IDS = "ids"
    BOOLEAN = "boolean"
    ATTRIBUTES = "attributes"  # an object of custom attribute values, checked by declaration


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One key of a record: its camelCase name, the dataclass attribute, and how to read it."""

    key: str
    attr: str
    kind: FieldKind
    required: bool = False
    enum: type[Enum] | None = None


@dataclass(frozen=True, slots=True)
class RecordSpec:
    """The keys of one kind of record, in the order documents and CSV headers list them."""

    noun: str
    build: Callable[..., Any]
    fields: tuple[FieldSpec, ...]
    # Computed once: readers test every key of every record against it.
    keys: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "keys", tuple(spec.key for spec in self.fields))


def _field(
    key: str, kind: FieldKind, required: bool = False, enum: type[Enum] | None = None
) -> FieldSpec:
    attr = re.sub(r"([A-Z])", r"_\1", key).lower()
    return FieldSpec(key, attr, kind, required, enum)


ORGANIZATION = RecordSpec(
    "organization",
    Organization,
    (_field("id", FieldKind.ID, True), _field("name", FieldKind.TEXT, True)),
)
# Each entity kind's keys; its record and collection names come from the model's KINDS table.
_FIELDS: dict[EntityKind, tuple[FieldSpec, ...]] = {
    EntityKind.UNIT: (
        _field("id", FieldKind.ID, True),
        _field("name", FieldKind.TEXT, True),
        _field("kind", FieldKind.ENUM, enum=UnitKind),
        _field("parentId", FieldKind.REF),
        _field("attributes", FieldKind.ATTRIBUTES),
    ),
    EntityKind.LEADER: (
        _field("id", FieldKind.ID, True),
        _field("name", FieldKind.TEXT, True),
        _field("title", FieldKind.TEXT),
        _field("level", FieldKind.ENUM, enum=LeaderLevel),
        _field("unitId", FieldKind.REF, True),
        _field("reportsToId", FieldKind.REF),
        _field("attributes", FieldKind.ATTRIBUTES),
    ),
    EntityKind.DEPENDENCY: (
        _field("id", FieldKind.ID, True),
        _field("fromUnitId", FieldKind.REF, True),
        _field("toUnitId", FieldKind.REF, True),
        _field("description", FieldKind.TEXT),
        _field("criticality", FieldKind.INT),
        _field("reliability", FieldKind.ENUM, enum=Reliability),
        _field("ownerIds", FieldKind.IDS),
    ),
    EntityKind.CONFLICT: (
        _field("id", FieldKind.ID, True),
        _field("unitAId", FieldKind.REF, True),
        _field("unitBId", FieldKind.REF, True),
        _field("dependencyId", FieldKind.REF),
        _field("summary", FieldKind.TEXT),
        _field("severity", FieldKind.INT),
        _field("raisedAt", FieldKind.DATE, True),
        _field("resolvedAt", FieldKind.DATE),
        _field("status", FieldKind.ENUM, enum=ConflictStatus),
    ),
    EntityKind.TIE: (
        _field("id", FieldKind.ID, True),
        _field("leaderAId", FieldKind.REF, True),
        _field("leaderBId", FieldKind.REF, True),
        _field("strength", FieldKind.FLOAT),
        _field("kind", FieldKind.TEXT),
    ),
}
# Keyed by collection name, in the order of EntityKind: the order documents and folders list them.
COLLECTIONS: dict[str, RecordSpec] = {
    KINDS[kind].collection: RecordSpec(KINDS[kind].name, KINDS[kind].entity, fields)
    for kind, fields in _FIELDS.items()
}
COLLECTION_KINDS = {info.collection: kind for kind, info in KINDS.items()}
REQUIRED_COLLECTIONS = frozenset({KINDS[EntityKind.UNIT].collection})
# The organization's declared tie kinds: an optional list beside the collections, whose records
# are named by `name` (there is no id); written only when something is declared.
TIE_KINDS_KEY = "tieKinds"
TIE_KINDS = RecordSpec(
    "tie kind",
    TieKind,
    (_field("name", FieldKind.TEXT, True), _field("directed", FieldKind.BOOLEAN)),
)
# The custom attributes the organization declares for its leaders and units; optional too.
ATTRIBUTES_KEY = "attributes"
ATTRIBUTES = RecordSpec(
    "attribute",
    AttributeDeclaration,
    (
        _field("name", FieldKind.TEXT, True),
        _field("entity", FieldKind.ENUM, True, enum=AttributeEntity),
        _field("type", FieldKind.ENUM, enum=AttributeType),
    ),
)
TOP_LEVEL_KEYS = ("formatVersion", "organization", TIE_KINDS_KEY, ATTRIBUTES_KEY, *COLLECTIONS)
