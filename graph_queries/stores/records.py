"""Entities as stored records: the one mapping between the model and what both stores keep.

A record holds an entity's fields under their model names, as values every store can keep:
text, integers, floats and None, plus a tuple of ids for a list field (a dependency's owners).
Enums are kept as their values and dates as ISO text (`2024-05-31`, whose text order is date
order). The fields and their conversions are read from the model's dataclasses, so a new
entity field means the model, the SQL tables and the Cypher files, and nothing else here.
"""

from __future__ import annotations

import dataclasses
import json
import operator
import typing
from collections.abc import Callable, Sequence
from datetime import date
from enum import Enum
from types import NoneType, UnionType
from typing import Any, Protocol

from graph_queries.model import (
    KINDS,
    AttributeDeclaration,
    AttributeType,
    Entity,
    EntityKind,
    TieKind,
    kind_of,
)

Scalar = str | int | float | None
Value = Scalar | tuple[str, ...]
Record = dict[str, Value]
Convert = Callable[[Any], Any]


class Fields(Protocol):
    """What a record is read from: anything that gives a field's value by name (a dict, a row)."""

    def __getitem__(self, name: str, /) -> Any: ...


@dataclasses.dataclass(frozen=True, slots=True)
class StoredField:
    """One entity field: `encode` / `decode` are None where the value is kept as it is."""

    name: str
    encode: Convert | None
    decode: Convert | None
    is_list: bool  # a tuple of ids, kept in order


def _iso(value: date) -> str:
    return value.isoformat()


def _optional(convert: Convert | None) -> Convert | None:
    if convert is None:
        return None

    def optional(value: Any) -> Any:
        return None if value is None else convert(value)

    return optional


def _ids(value: Sequence[str] | None) -> tuple[str, ...]:
    return tuple(value) if value else ()


def _stored_field(name: str, annotation: Any) -> StoredField:
    args = typing.get_args(annotation)
    if isinstance(annotation, UnionType) and NoneType in args:
        [inner] = [arg for arg in args if arg is not NoneType]
        kept = _stored_field(name, inner)
        return StoredField(name, _optional(kept.encode), _optional(kept.decode), kept.is_list)
    if annotation is date:
        return StoredField(name, _iso, date.fromisoformat, False)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return StoredField(name, operator.attrgetter("value"), annotation, False)
    if typing.get_origin(annotation) is tuple and args == (str, ...):
        return StoredField(name, None, _ids, True)
    if annotation in (str, int, float):
        return StoredField(name, None, None, False)
    raise TypeError(f"{name}: no stored form for {annotation!r}")


def stored_fields(entity: type[Entity]) -> tuple[StoredField, ...]:
    """The entity class's fields in constructor order, each with its conversions."""
    hints = typing.get_type_hints(entity)
    return tuple(_stored_field(f.name, hints[f.name]) for f in dataclasses.fields(entity))


def _compile(name: str, body: str, namespace: dict[str, Any]) -> Convert:
    """One-line function `name(x)` returning `body`, written out as a hand-made one would be.

    Generated like the dataclasses' own `__init__`: a generic loop over the fields costs two
    to three times as much per entity, and the stores run these once per row.
    """
    code = f"def {name}(x):\n    return {body}\n"
    scope = dict(namespace)
    exec(code, scope)  # the names in `code` are the model's field names, never input
    function: Convert = scope[name]
    return function


@dataclasses.dataclass(frozen=True, slots=True)
class Layout:
    """How one kind's entities become records and back.

    `fields` are in constructor order; `columns` the fields holding one value each, `lists`
    those holding a tuple of ids (kept in their order).
    """

    kind: EntityKind
    stored: tuple[StoredField, ...]
    fields: tuple[str, ...]
    columns: tuple[str, ...]
    lists: tuple[str, ...]
    to_record: Callable[[Entity], Record]
    column_values: Callable[[Entity], tuple[Scalar, ...]]  # in `columns` order
    from_record: Callable[[Fields], Entity]

    @classmethod
    def of(cls, kind: EntityKind, stored: tuple[StoredField, ...]) -> Layout:
        entity = KINDS[kind].entity
        namespace: dict[str, Any] = {"entity": entity}
        encoded: dict[str, str] = {}
        decoded: list[str] = []
        for f in stored:
            encode, decode = f"encode_{f.name}", f"decode_{f.name}"
            namespace[encode], namespace[decode] = f.encode, f.decode
            encoded[f.name] = f"{encode}(x.{f.name})" if f.encode else f"x.{f.name}"
            decoded.append(f"{decode}(x[{f.name!r}])" if f.decode else f"x[{f.name!r}]")
        columns = tuple(f.name for f in stored if not f.is_list)
        record = ", ".join(f"{name!r}: {value}" for name, value in encoded.items())
        return cls(
            kind=kind,
            stored=stored,
            fields=tuple(encoded),
            columns=columns,
            lists=tuple(f.name for f in stored if f.is_list),
            to_record=_compile("to_record", f"{{{record}}}", namespace),
            column_values=_compile(
                "column_values", f"({', '.join(encoded[c] for c in columns)},)", namespace
            ),
            from_record=_compile("from_record", f"entity({', '.join(decoded)})", namespace),
        )

    def reading_lists_with(self, decode: Convert) -> Layout:
        """The same layout reading a list field with `decode` (a store keeping lists its way)."""
        return Layout.of(
            self.kind,
            tuple(dataclasses.replace(f, decode=decode) if f.is_list else f for f in self.stored),
        )


LAYOUTS: dict[EntityKind, Layout] = {
    kind: Layout.of(kind, stored_fields(info.entity)) for kind, info in KINDS.items()
}


def to_record(entity: Entity) -> Record:
    return LAYOUTS[kind_of(entity)].to_record(entity)


def from_record(kind: EntityKind, record: Fields) -> Entity:
    return LAYOUTS[kind].from_record(record)


def stored_value(value: Any) -> Scalar:
    """A query parameter in stored form: an enum as its value, a date as ISO text."""
    if isinstance(value, Enum):
        return typing.cast(Scalar, value.value)
    if isinstance(value, date):
        return value.isoformat()
    return typing.cast(Scalar, value)


def encode_attributes(declarations: tuple[AttributeDeclaration, ...]) -> str:
    """An organization's attribute declarations as one text value, the same in both stores."""
    rows = [[d.name, d.entity.value, d.type.value] for d in declarations]
    return json.dumps(rows, ensure_ascii=False)


def decode_attributes(text: str | None) -> tuple[AttributeDeclaration, ...]:
    """The declarations `encode_attributes` wrote; none for an organization stored before them."""
    return tuple(
        AttributeDeclaration(name, EntityKind(entity), AttributeType(type))
        for name, entity, type in json.loads(text or "[]")
    )


def encode_tie_kinds(tie_kinds: tuple[TieKind, ...]) -> str:
    """An organization's tie kinds as one text value, the same in both stores."""
    return json.dumps([[kind.name, kind.directed] for kind in tie_kinds], ensure_ascii=False)


def decode_tie_kinds(text: str | None) -> tuple[TieKind, ...]:
    """The tie kinds `encode_tie_kinds` wrote; none for an organization stored before them."""
    return tuple(TieKind(name, bool(directed)) for name, directed in json.loads(text or "[]"))
