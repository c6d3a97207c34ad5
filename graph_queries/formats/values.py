"""Reading one value of a record: type checks, enums, dates and the messages that refuse them.

Each reader takes a JSON-decoded value and its key's spec and returns the value the dataclass
gets, or raises :class:`BadValue` with the code and message a person fixing the file needs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from enum import Enum
from functools import cache

from graph_queries.errors import ErrorCode
from graph_queries.formats.specs import FieldKind, FieldSpec

DATE_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class BadValue(Exception):
    """A value that cannot be read; caught right away and turned into a FieldError."""

    def __init__(self, code: ErrorCode, message: str, suffix: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.suffix = suffix


def placeholder(field: FieldSpec) -> object:
    """A stand-in for a required value that could not be read; distinct per key so that the
    validation checks comparing two keys (a unit depending on itself) stay quiet."""
    if field.kind is FieldKind.DATE:
        return date.min
    if field.kind is FieldKind.REF:
        return f"\x00{field.key}"
    return ""


def read_value(field: FieldSpec, value: object) -> object:
    """The value of one key, None for "use the default", or BadValue."""
    if value is None:
        if field.required:
            raise BadValue(ErrorCode.REQUIRED, "is required")
        return None
    return _READERS[field.kind](value, field)


def _as_id(value: object, field: FieldSpec) -> str:
    text = _as_text(value, field)
    if not text:
        raise BadValue(ErrorCode.REQUIRED, "must not be empty")
    return text


def _as_ref(value: object, field: FieldSpec) -> str:
    text = _as_text(value, field)
    if not text:
        if field.required:
            raise BadValue(ErrorCode.REQUIRED, "must not be empty")
        raise BadValue(ErrorCode.INVALID_FORMAT, "must be an id or null, not an empty string")
    return text


def _as_text(value: object, field: FieldSpec) -> str:
    if not isinstance(value, str):
        raise BadValue(ErrorCode.INVALID_TYPE, f"must be a string, got {describe(value)}")
    return value


def _as_int(value: object, field: FieldSpec) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raise BadValue(ErrorCode.INVALID_TYPE, f"must be an integer, got {describe(value)}")


def _as_float(value: object, field: FieldSpec) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BadValue(ErrorCode.INVALID_TYPE, f"must be a number, got {describe(value)}")
    try:
        return float(value)
    except OverflowError:
        raise BadValue(ErrorCode.OUT_OF_RANGE, f"is {value}, too large for a number") from None


def _as_enum(value: object, field: FieldSpec) -> Enum:
    assert field.enum is not None
    allowed = _values_of(field.enum)
    if not isinstance(value, str):
        message = f"must be one of {', '.join(allowed)}; got {describe(value)}"
        raise BadValue(ErrorCode.INVALID_TYPE, message)
    if value not in allowed:
        raise BadValue(
            ErrorCode.INVALID_ENUM, f"is {value!r}, must be one of: {', '.join(allowed)}"
        )
    return field.enum(value)


@cache  # built once per enum, not once per value read
def _values_of(enum: type[Enum]) -> tuple[str, ...]:
    return tuple(member.value for member in enum)


def _as_date(value: object, field: FieldSpec) -> date:
    if not isinstance(value, str):
        raise BadValue(
            ErrorCode.INVALID_TYPE, f"must be a date string YYYY-MM-DD, got {describe(value)}"
        )
    try:
        if DATE_PATTERN.fullmatch(value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise BadValue(ErrorCode.INVALID_FORMAT, f"is {value!r}, must be a date YYYY-MM-DD")


def _as_ids(value: object, field: FieldSpec) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise BadValue(ErrorCode.INVALID_TYPE, f"must be a list of ids, got {describe(value)}")
    for position, item in enumerate(value):
        if not isinstance(item, str) or not item:
            message = f"must be a non-empty id string, got {describe(item)}"
            raise BadValue(ErrorCode.INVALID_TYPE, message, suffix=f"[{position}]")
    return tuple(value)


def _as_boolean(value: object, field: FieldSpec) -> bool:
    if not isinstance(value, bool):
        raise BadValue(ErrorCode.INVALID_TYPE, f"must be true or false, got {describe(value)}")
    return value


def _as_attributes(value: object, field: FieldSpec) -> dict[str, object]:
    if not isinstance(value, dict):
        message = f"must be an object of attribute values, got {describe(value)}"
        raise BadValue(ErrorCode.INVALID_TYPE, message)
    return value


_READERS: dict[FieldKind, Callable[[object, FieldSpec], object]] = {
    FieldKind.ID: _as_id,
    FieldKind.TEXT: _as_text,
    FieldKind.REF: _as_ref,
    FieldKind.INT: _as_int,
    FieldKind.FLOAT: _as_float,
    FieldKind.ENUM: _as_enum,
    FieldKind.DATE: _as_date,
    FieldKind.IDS: _as_ids,
    FieldKind.BOOLEAN: _as_boolean,
    FieldKind.ATTRIBUTES: _as_attributes,
}


def describe(value: object) -> str:
    """Name a JSON value the way a person editing the file would see it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:40] + "..."
        return f"the string {shown!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
