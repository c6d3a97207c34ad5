"""Plain values for export files: only str, int, float and bool, which GraphML, GEXF, JSON and CSV
all carry.

- None is left out (GraphML and GEXF have no null: an absent attribute is the missing value);
- dates and datetimes become ISO 8601 text (ISO 8601-1:2019, `date.isoformat`);
- enums become their value;
- a list or tuple of plain values is joined with `LIST_SEPARATOR`, a list of pairs joins each
  pair with `PAIR_SEPARATOR` first; a list of records keeps their first field (their id);
- a mapping (custom attribute values) is split into one attribute per key, `name.key`;
- a record (a dataclass) is split into one attribute per field, `name_field`.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Mapping
from datetime import date
from enum import Enum
from typing import Any

Plain = str | int | float | bool

LIST_SEPARATOR = ";"
PAIR_SEPARATOR = ","


def plain(value: Any) -> Plain | None:
    """One value as str, int, float or bool; None for None.

    A float that is not finite becomes text ("nan", "inf"): JSON has no such number.
    """
    # Enums first: a StrEnum is a str, but its plain form is its value, a str itself.
    if isinstance(value, Enum):
        return plain(value.value)
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, date):  # datetime included
        return value.isoformat()
    if isinstance(value, Iterable) and not isinstance(value, Mapping):
        return LIST_SEPARATOR.join(_item(item) for item in value)
    raise TypeError(f"no plain form for {type(value).__name__}")


def _item(item: Any) -> str:
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        return _item(getattr(item, dataclasses.fields(item)[0].name))
    if isinstance(item, tuple | list):
        return PAIR_SEPARATOR.join(_item(part) for part in item)
    text = plain(item)
    return "" if text is None else str(text)


def is_table(value: Any) -> bool:
    """A non-empty list or tuple of records: a table of its own in the CSV export."""
    return (
        isinstance(value, list | tuple)
        and bool(value)
        and all(dataclasses.is_dataclass(item) and not isinstance(item, type) for item in value)
    )


def flatten(
    record: Any, prefix: str = "", skip: frozenset[str] = frozenset(), keep_none: bool = False
) -> dict[str, Plain | None]:
    """The fields of a record (dataclass) as plain values, in field order, nested records
    flattened to `prefixfield_subfield`. Fields named in `skip` are left out; None values too,
    unless `keep_none` (a CSV row keeps its columns)."""
    flat: dict[str, Plain | None] = {}
    for field in dataclasses.fields(record):
        if field.name in skip:
            continue
        value = getattr(record, field.name)
        name = f"{prefix}{field.name}"
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            flat.update(flatten(value, f"{name}_", keep_none=keep_none))
        elif isinstance(value, Mapping):
            flat.update(split_mapping(name, value))
        else:
            converted = plain(value)
            if converted is not None or keep_none:
                flat[name] = converted
    return flat


def split_mapping(name: str, values: Mapping[str, Any]) -> dict[str, Plain]:
    """`{"site": "Lyon"}` under `attributes` -> `{"attributes.site": "Lyon"}`, keys sorted."""
    split: dict[str, Plain] = {}
    for key in sorted(values):
        converted = plain(values[key])
        if converted is not None:
            split[f"{name}.{key}"] = converted
    return split


def plain_attributes(data: Mapping[str, Any]) -> dict[str, Plain]:
    """A node's or edge's attributes from `build_graphs` made plain (see the module docstring)."""
    result: dict[str, Plain] = {}
    for name, value in data.items():
        if isinstance(value, Mapping):
            result.update(split_mapping(name, value))
        elif (converted := plain(value)) is not None:
            result[name] = converted
    return result
