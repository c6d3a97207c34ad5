"""Custom attributes: the declarations an organization makes and the values its leaders and units
carry, each value checked against its declaration and kept as the canonical text of its type.

Limits are part of the feature: an import is one request, so a document declaring thousands of
attributes, or giving an entity thousands of values, is refused rather than stored.
"""

from __future__ import annotations

import math
import re
from datetime import date

from graph_queries.errors import ErrorCode, FieldError
from graph_queries.model import AttributeDeclaration, AttributeType, EntityKind, attribute_entry

MAX_ATTRIBUTES = 50  # declarations per organization, and so values per entity
MAX_ATTRIBUTE_VALUE = 200  # characters of one value's text
ATTRIBUTE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,39}")
ATTRIBUTE_ENTITIES = (EntityKind.LEADER, EntityKind.UNIT)
# An attribute is a column beside these in a CSV file, so it may not share their names.
RESERVED = {
    EntityKind.UNIT: frozenset({"id", "name", "kind", "parentId", "attributes"}),
    EntityKind.LEADER: frozenset(
        {"id", "name", "title", "level", "unitId", "reportsToId", "attributes"}
    ),
}
DATE_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# As for every text: a NUL cuts text short in C-based tools, the others hide what it says; the
# unit separator would also split the SQLite store's folded list.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


class BadAttribute(ValueError):
    """A value that does not fit its declared type."""


def canonical(value: object, type: AttributeType) -> str:
    """The stored text of a value of `type` (a JSON value: 64, 3.5, true, "2024-05-31", "x"),
    or BadAttribute saying what is wrong."""
    if type is AttributeType.STRING:
        if not isinstance(value, str):
            raise BadAttribute("must be a string")
        return value
    if type is AttributeType.BOOLEAN:
        if not isinstance(value, bool):
            raise BadAttribute("must be true or false")
        return "true" if value else "false"
    if type is AttributeType.INTEGER:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise BadAttribute("must be an integer")
        if isinstance(value, float) and not value.is_integer():
            raise BadAttribute(f"is {value}, must be an integer")
        return str(int(value))
    if type is AttributeType.FLOAT:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise BadAttribute("must be a number")
        if not math.isfinite(value):
            raise BadAttribute("must be a finite number")
        return repr(float(value))
    if not isinstance(value, str) or not DATE_TEXT.fullmatch(value):
        raise BadAttribute("must be a date YYYY-MM-DD")
    try:
        date.fromisoformat(value)
    except ValueError:
        raise BadAttribute(f"is {value!r}, not a date") from None
    return value


def parsed(text: str, type: AttributeType) -> object:
    """A value given as text (a filter, a CSV cell) as a JSON value of `type`; ValueError when
    it is none."""
    if type is AttributeType.INTEGER:
        number = float(text)
        return int(number) if number.is_integer() else number
    if type is AttributeType.FLOAT:
        return float(text)
    if type is AttributeType.BOOLEAN:
        return {"true": True, "false": False}[text.strip().lower()]
    return text


def typed(text: str, type: AttributeType) -> object:
    """The JSON value of a stored text: the inverse of `canonical`."""
    if type is AttributeType.INTEGER:
        return int(text)
    if type is AttributeType.FLOAT:
        return float(text)
    if type is AttributeType.BOOLEAN:
        return text == "true"
    return text


def declared(
    declarations: tuple[AttributeDeclaration, ...], entity: EntityKind
) -> dict[str, AttributeType]:
    """The attributes declared for one kind of entity, by name."""
    return {d.name: d.type for d in declarations if d.entity is entity}


def entries_of(
    raw: dict[str, object], types: dict[str, AttributeType]
) -> tuple[tuple[str, ...], list[tuple[str, ErrorCode, str]]]:
    """The stored entries of a document's attribute object, and its problems as (attribute
    name, code, message); a null value means no value. Empty name: the whole object."""
    if len(raw) > MAX_ATTRIBUTES:
        return (), [("", ErrorCode.TOO_LONG, f"has {len(raw)} values, at most {MAX_ATTRIBUTES}")]
    entries: list[str] = []
    problems: list[tuple[str, ErrorCode, str]] = []
    for name, value in raw.items():
        if name not in types:
            message = "is not a declared attribute; declare it in `attributes`"
            problems.append((name, ErrorCode.UNKNOWN_FIELD, message))
        elif value is not None:
            try:
                text = canonical(value, types[name])
            except BadAttribute as bad:
                problems.append((name, ErrorCode.INVALID_TYPE, str(bad)))
                continue
            if len(text) > MAX_ATTRIBUTE_VALUE:
                message = f"has {len(text)} characters, at most {MAX_ATTRIBUTE_VALUE}"
                problems.append((name, ErrorCode.TOO_LONG, message))
            elif CONTROL.search(text):
                message = "contains a control character; only tab and newline are allowed"
                problems.append((name, ErrorCode.INVALID_FORMAT, message))
            else:
                entries.append(attribute_entry(name, text))
    return tuple(entries), problems


def typed_values(entries: tuple[str, ...], types: dict[str, AttributeType]) -> dict[str, object]:
    """An entity's values as a document holds them: numbers, booleans, text."""
    found: dict[str, object] = {}
    for entry in entries:
        name, _, text = entry.partition("=")
        found[name] = typed(text, types[name]) if name in types else text
    return found


def check_declarations(declarations: tuple[AttributeDeclaration, ...]) -> list[FieldError]:
    """Few declarations, each an identifier-like name, once per entity kind, not a built-in key."""
    errors: list[FieldError] = []
    if len(declarations) > MAX_ATTRIBUTES:
        message = f"declares {len(declarations)} attributes, at most {MAX_ATTRIBUTES}"
        errors.append(FieldError("attributes", ErrorCode.TOO_LONG, message))
    seen: set[tuple[EntityKind, str]] = set()
    for position, declaration in enumerate(declarations):
        at = f"attributes[#{position}]"
        if declaration.entity not in ATTRIBUTE_ENTITIES:
            message = f"is {declaration.entity.value}; attributes are for LEADER or UNIT"
            errors.append(FieldError(f"{at}.entity", ErrorCode.INVALID_ENUM, message))
        if not ATTRIBUTE_NAME.fullmatch(declaration.name):
            message = "must be 1-40 letters, digits or '_', starting with a letter"
            errors.append(FieldError(f"{at}.name", ErrorCode.INVALID_FORMAT, message))
        elif declaration.name in RESERVED.get(declaration.entity, frozenset()):
            message = f"is a field of every {declaration.entity.value.lower()}"
            errors.append(FieldError(f"{at}.name", ErrorCode.DUPLICATE, message))
        key = (declaration.entity, declaration.name)
        if key in seen:
            message = f"declares {declaration.name!r} a second time"
            errors.append(FieldError(f"{at}.name", ErrorCode.DUPLICATE, message))
        seen.add(key)
    return errors


def check_values(
    at: str, entries: tuple[str, ...], types: dict[str, AttributeType]
) -> list[FieldError]:
    """An entity's stored values: each declared once for its kind, and of its type."""
    errors: list[FieldError] = []
    if len(entries) > MAX_ATTRIBUTES:
        message = f"has {len(entries)} values, at most {MAX_ATTRIBUTES}"
        return [FieldError(f"{at}.attributes", ErrorCode.TOO_LONG, message)]
    seen: set[str] = set()
    for entry in entries:
        name, equals, text = entry.partition("=")
        path = f"{at}.attributes.{name}"
        if not equals or name not in types:
            message = "is not a declared attribute; declare it in `attributes`"
            errors.append(FieldError(path, ErrorCode.UNKNOWN_FIELD, message))
            continue
        if name in seen:
            errors.append(FieldError(path, ErrorCode.DUPLICATE, "is given twice"))
        seen.add(name)
        if len(text) > MAX_ATTRIBUTE_VALUE:
            message = f"has {len(text)} characters, at most {MAX_ATTRIBUTE_VALUE}"
            errors.append(FieldError(path, ErrorCode.TOO_LONG, message))
            continue
        if CONTROL.search(text):
            message = "contains a control character; only tab and newline are allowed"
            errors.append(FieldError(path, ErrorCode.INVALID_FORMAT, message))
            continue
        try:
            if canonical(typed(text, types[name]), types[name]) != text:
                raise BadAttribute(f"is {text!r}, not the {types[name].value} it is declared")
        except (BadAttribute, ValueError):
            message = f"is {text!r}, not a {types[name].value} value"
            errors.append(FieldError(path, ErrorCode.INVALID_FORMAT, message))
    return errors
