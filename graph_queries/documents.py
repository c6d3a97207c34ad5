"""The JSON document format (formatVersion 1): a whole organization in one file or one request.

Reading never stops at the first problem: a person fixing a file by hand wants the whole list at
once, so every record is converted as far as it goes, the result is checked with
:func:`validate_snapshot`, and all problems come back together in one ``ValidationFailed``. The
CSV folder format (``csv_io``) turns its rows into the same records and goes through
:func:`convert_document` too, so both formats share one conversion and one set of messages.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from graph_queries.errors import ErrorCode, FieldError, ValidationFailed
from graph_queries.model import (
    Conflict,
    ConflictStatus,
    Dependency,
    Entity,
    Leader,
    LeaderLevel,
    Organization,
    OrgSnapshot,
    Reliability,
    Tie,
    Unit,
    UnitKind,
)
from graph_queries.validation import validate_snapshot

FORMAT_VERSION = 1
ROOT = "$"  # the path of the document itself
DATE_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


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

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(spec.key for spec in self.fields)


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
COLLECTIONS: dict[str, RecordSpec] = {
    "units": RecordSpec(
        "unit",
        Unit,
        (
            _field("id", FieldKind.ID, True),
            _field("name", FieldKind.TEXT, True),
            _field("kind", FieldKind.ENUM, enum=UnitKind),
            _field("parentId", FieldKind.REF),
        ),
    ),
    "leaders": RecordSpec(
        "leader",
        Leader,
        (
            _field("id", FieldKind.ID, True),
            _field("name", FieldKind.TEXT, True),
            _field("title", FieldKind.TEXT),
            _field("level", FieldKind.ENUM, enum=LeaderLevel),
            _field("unitId", FieldKind.REF, True),
            _field("reportsToId", FieldKind.REF),
        ),
    ),
    "dependencies": RecordSpec(
        "dependency",
        Dependency,
        (
            _field("id", FieldKind.ID, True),
            _field("fromUnitId", FieldKind.REF, True),
            _field("toUnitId", FieldKind.REF, True),
            _field("description", FieldKind.TEXT),
            _field("criticality", FieldKind.INT),
            _field("reliability", FieldKind.ENUM, enum=Reliability),
            _field("ownerIds", FieldKind.IDS),
        ),
    ),
    "conflicts": RecordSpec(
        "conflict",
        Conflict,
        (
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
    ),
    "ties": RecordSpec(
        "tie",
        Tie,
        (
            _field("id", FieldKind.ID, True),
            _field("leaderAId", FieldKind.REF, True),
            _field("leaderBId", FieldKind.REF, True),
            _field("strength", FieldKind.FLOAT),
            _field("kind", FieldKind.TEXT),
        ),
    ),
}
REQUIRED_COLLECTIONS = frozenset({"units"})
TOP_LEVEL_KEYS = ("formatVersion", "organization", *COLLECTIONS)


@dataclass(frozen=True, slots=True)
class Where:
    """Where a problem stands: a record by its position in its collection, and one of its keys.

    The CSV reader turns this into file, line and column; `collection` is None for the top level
    of the document, and `index` is None when no single record can be named.
    """

    collection: str | None
    index: int | None
    key: str | None


@dataclass(frozen=True, slots=True)
class Problem:
    error: FieldError
    where: Where


@dataclass(slots=True)
class Conversion:
    """The organization as far as it could be read, and every problem found on the way."""

    snapshot: OrgSnapshot
    problems: list[Problem]


class _Bad(Exception):
    """A value that cannot be read; caught right away and turned into a FieldError."""

    def __init__(self, code: ErrorCode, message: str, suffix: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.suffix = suffix


# ---- reading -------------------------------------------------------------------------------------


def parse_document(data: object, source: str | None = None) -> OrgSnapshot:
    """Turn JSON-decoded data into an organization at version 0, or raise every problem at once."""
    conversion = convert_document(data)
    if conversion.problems:
        errors = [
            dataclasses.replace(problem.error, source=source) for problem in conversion.problems
        ]
        raise ValidationFailed(errors)
    return conversion.snapshot


def convert_document(data: object) -> Conversion:
    """Convert everything that can be converted and validate the result; never raises.

    A record that cannot be read completely still enters the organization (with defaults or
    placeholders for the bad values) as long as it has a usable id, so that references to it
    do not turn into a second, misleading error.
    """
    problems: list[Problem] = []
    if not isinstance(data, dict):
        message = f"must be a JSON object, got {_describe(data)}"
        problems.append(
            Problem(FieldError(ROOT, ErrorCode.INVALID_TYPE, message), Where(None, None, None))
        )
        return Conversion(OrgSnapshot(Organization("", "")), problems)
    _check_top_level(data, problems)
    snapshot = OrgSnapshot(_organization(data.get("organization"), problems))
    tainted: set[tuple[str, int]] = set()
    index_of: dict[str, dict[str, int]] = {}
    for name, spec in COLLECTIONS.items():
        records = _collection_records(data, name, problems)
        index_of[name] = _convert_collection(name, spec, records, snapshot, problems, tainted)
    _taint_conflicts_on_tainted_dependencies(snapshot, index_of, tainted)
    problems += _validation_problems(snapshot, problems, index_of, tainted)
    return Conversion(snapshot, problems)


def record_labels(collection: str, records: Sequence[object]) -> list[str]:
    """Name each record in error paths: ``units[u7]`` by its id, ``units[#3]`` by position.

    A record without a usable id, or one repeating an earlier id, is named by its position so
    that the name points at exactly one record.
    """
    return [
        f"{collection}[{id}]" if id is not None else f"{collection}[#{index}]"
        for index, id in enumerate(_usable_ids(records))
    ]


def _usable_ids(records: Sequence[object]) -> list[str | None]:
    """Each record's id if it is a non-empty string not used by an earlier record, else None."""
    seen: set[str] = set()
    usable: list[str | None] = []
    for record in records:
        id = record.get("id") if isinstance(record, dict) else None
        if isinstance(id, str) and id and id not in seen:
            seen.add(id)
            usable.append(id)
        else:
            usable.append(None)
    return usable


def _add(problems: list[Problem], path: str, code: ErrorCode, message: str, where: Where) -> None:
    problems.append(Problem(FieldError(path, code, message), where))


def _check_top_level(data: Mapping[object, object], problems: list[Problem]) -> None:
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            message = f"is not a document key; allowed: {', '.join(TOP_LEVEL_KEYS)}"
            _add(problems, str(key), ErrorCode.UNKNOWN_FIELD, message, Where(None, None, str(key)))
    version = data.get("formatVersion")
    code: ErrorCode | None = None
    if version is None:
        code, message = ErrorCode.REQUIRED, f"is required (it is {FORMAT_VERSION})"
    elif isinstance(version, bool) or not isinstance(version, int):
        code, message = ErrorCode.INVALID_TYPE, f"must be the integer {FORMAT_VERSION}"
        message += f", got {_describe(version)}"
    elif version != FORMAT_VERSION:
        code = ErrorCode.OUT_OF_RANGE
        message = f"is {version}; this reader understands formatVersion {FORMAT_VERSION}"
    if code is not None:
        _add(problems, "formatVersion", code, message, Where(None, None, "formatVersion"))


def _organization(raw: object, problems: list[Problem]) -> Organization:
    if raw is None:
        where = Where(None, None, "organization")
        _add(problems, "organization", ErrorCode.REQUIRED, "is required", where)
        return Organization("", "")
    values, _ = _convert_record(raw, ORGANIZATION, "organization", "organization", 0, problems)
    if values is None:
        return Organization("", "")
    return Organization(id=values.get("id", ""), name=values.get("name", ""))


def _collection_records(
    data: Mapping[object, object], name: str, problems: list[Problem]
) -> list[object]:
    raw = data.get(name)
    where = Where(None, None, name)
    if raw is None:
        if name in REQUIRED_COLLECTIONS:
            _add(problems, name, ErrorCode.REQUIRED, "is required (it may be an empty list)", where)
        return []
    if not isinstance(raw, list):
        _add(problems, name, ErrorCode.INVALID_TYPE, f"must be a list, got {_describe(raw)}", where)
        return []
    return raw


def _convert_collection(
    name: str,
    spec: RecordSpec,
    records: list[object],
    snapshot: OrgSnapshot,
    problems: list[Problem],
    tainted: set[tuple[str, int]],
) -> dict[str, int]:
    """Convert one collection into the snapshot; return the position of each stored id."""
    table: dict[str, Any] = getattr(snapshot, name)
    index_of: dict[str, int] = {}
    labels = record_labels(name, records)
    for index, (record, id) in enumerate(zip(records, _usable_ids(records), strict=True)):
        if id is None:
            _report_duplicate(record, name, labels[index], index, index_of, problems)
        values, had_errors = _convert_record(record, spec, name, labels[index], index, problems)
        if values is None or id is None:
            continue
        if had_errors:
            tainted.add((name, index))
        entity = spec.build(**values)
        table[entity.id] = entity
        index_of[entity.id] = index
    return index_of


def _report_duplicate(
    record: object,
    name: str,
    label: str,
    index: int,
    index_of: dict[str, int],
    problems: list[Problem],
) -> None:
    id = record.get("id") if isinstance(record, dict) else None
    if isinstance(id, str) and id in index_of:
        message = f"repeats the id {id!r} of {name}[#{index_of[id]}]; ids must be unique"
        _add(problems, f"{label}.id", ErrorCode.DUPLICATE, message, Where(name, index, "id"))


def _convert_record(
    raw: object, spec: RecordSpec, collection: str, label: str, index: int, problems: list[Problem]
) -> tuple[dict[str, Any] | None, bool]:
    """Read one record's keys; return the dataclass arguments and whether any value was bad."""
    if not isinstance(raw, dict):
        message = f"must be an object, got {_describe(raw)}"
        _add(problems, label, ErrorCode.INVALID_TYPE, message, Where(collection, index, None))
        return None, True
    for key in raw:
        if key not in spec.keys:
            message = f"is not a field of a {spec.noun}; allowed: {', '.join(spec.keys)}"
            where = Where(collection, index, str(key))
            _add(problems, f"{label}.{key}", ErrorCode.UNKNOWN_FIELD, message, where)
    values: dict[str, Any] = {}
    had_errors = False
    for field in spec.fields:
        try:
            value = _read_value(field, raw.get(field.key))
        except _Bad as bad:
            where = Where(collection, index, field.key)
            _add(problems, f"{label}.{field.key}{bad.suffix}", bad.code, bad.message, where)
            had_errors = True
            if field.required:
                values[field.attr] = _placeholder(field)
            continue
        if value is not None:
            values[field.attr] = value
    return values, had_errors


def _placeholder(field: FieldSpec) -> object:
    """A stand-in for a required value that could not be read; distinct per key so that the
    validation checks comparing two keys (a unit depending on itself) stay quiet."""
    if field.kind is FieldKind.DATE:
        return date.min
    if field.kind is FieldKind.REF:
        return f"\x00{field.key}"
    return ""


def _read_value(field: FieldSpec, value: object) -> object:
    """The value of one key, None for "use the default", or _Bad."""
    if value is None:
        if field.required:
            raise _Bad(ErrorCode.REQUIRED, "is required")
        return None
    return _READERS[field.kind](value, field)


def _as_id(value: object, field: FieldSpec) -> str:
    text = _as_text(value, field)
    if not text:
        raise _Bad(ErrorCode.REQUIRED, "must not be empty")
    return text


def _as_ref(value: object, field: FieldSpec) -> str:
    text = _as_text(value, field)
    if not text:
        if field.required:
            raise _Bad(ErrorCode.REQUIRED, "must not be empty")
        raise _Bad(ErrorCode.INVALID_FORMAT, "must be an id or null, not an empty string")
    return text


def _as_text(value: object, field: FieldSpec) -> str:
    if not isinstance(value, str):
        raise _Bad(ErrorCode.INVALID_TYPE, f"must be a string, got {_describe(value)}")
    return value


def _as_int(value: object, field: FieldSpec) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raise _Bad(ErrorCode.INVALID_TYPE, f"must be an integer, got {_describe(value)}")


def _as_float(value: object, field: FieldSpec) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Bad(ErrorCode.INVALID_TYPE, f"must be a number, got {_describe(value)}")
    try:
        return float(value)
    except OverflowError:
        raise _Bad(ErrorCode.OUT_OF_RANGE, f"is {value}, too large for a number") from None


def _as_enum(value: object, field: FieldSpec) -> Enum:
    assert field.enum is not None
    allowed = [member.value for member in field.enum]
    if not isinstance(value, str):
        message = f"must be one of {', '.join(allowed)}; got {_describe(value)}"
        raise _Bad(ErrorCode.INVALID_TYPE, message)
    if value not in allowed:
        raise _Bad(ErrorCode.INVALID_ENUM, f"is {value!r}, must be one of: {', '.join(allowed)}")
    return field.enum(value)


def _as_date(value: object, field: FieldSpec) -> date:
    if not isinstance(value, str):
        raise _Bad(
            ErrorCode.INVALID_TYPE, f"must be a date string YYYY-MM-DD, got {_describe(value)}"
        )
    try:
        if DATE_PATTERN.fullmatch(value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise _Bad(ErrorCode.INVALID_FORMAT, f"is {value!r}, must be a date YYYY-MM-DD")


def _as_ids(value: object, field: FieldSpec) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise _Bad(ErrorCode.INVALID_TYPE, f"must be a list of ids, got {_describe(value)}")
    for position, item in enumerate(value):
        if not isinstance(item, str) or not item:
            message = f"must be a non-empty id string, got {_describe(item)}"
            raise _Bad(ErrorCode.INVALID_TYPE, message, suffix=f"[{position}]")
    return tuple(value)


_READERS: dict[FieldKind, Callable[[object, FieldSpec], object]] = {
    FieldKind.ID: _as_id,
    FieldKind.TEXT: _as_text,
    FieldKind.REF: _as_ref,
    FieldKind.INT: _as_int,
    FieldKind.FLOAT: _as_float,
    FieldKind.ENUM: _as_enum,
    FieldKind.DATE: _as_date,
    FieldKind.IDS: _as_ids,
}


def _describe(value: object) -> str:
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


# ---- validation of the converted organization ----------------------------------------------------


def _taint_conflicts_on_tainted_dependencies(
    snapshot: OrgSnapshot, index_of: dict[str, dict[str, int]], tainted: set[tuple[str, int]]
) -> None:
    """A conflict checked against a dependency with placeholder units would report a mismatch
    that is only an echo of the dependency's own error."""
    for conflict in snapshot.conflicts.values():
        dependency_index = index_of["dependencies"].get(conflict.dependency_id or "")
        if dependency_index is not None and ("dependencies", dependency_index) in tainted:
            tainted.add(("conflicts", index_of["conflicts"][conflict.id]))


def _validation_problems(
    snapshot: OrgSnapshot,
    found: list[Problem],
    index_of: dict[str, dict[str, int]],
    tainted: set[tuple[str, int]],
) -> list[Problem]:
    """Validate the converted organization, leaving out what conversion already reported."""
    reported = {problem.error.path for problem in found}
    problems: list[Problem] = []
    for error in validate_snapshot(snapshot):
        where = _locate(error.path, index_of)
        if _covered(error.path, reported):
            continue
        if _echoes_placeholder(error, where, tainted):
            continue
        problems.append(Problem(error, where))
    return problems


def _echoes_placeholder(error: FieldError, where: Where, tainted: set[tuple[str, int]]) -> bool:
    """True for a check comparing several fields (a conflict's dates against its status, a tie
    against the other ties) on a record whose bad values were replaced by defaults: it would
    only restate the conversion error already reported for that record."""
    if (where.collection, where.index) not in tainted:
        return False
    return error.code is ErrorCode.INCONSISTENT or (
        error.code is ErrorCode.DUPLICATE and where.key is None
    )


def _covered(path: str, reported: set[str]) -> bool:
    """True when the path, or a path it lies under, already has an error."""
    cuts = [position for position, char in enumerate(path) if char in ".["]
    return path in reported or any(path[:cut] in reported for cut in cuts)


def _locate(path: str, index_of: Mapping[str, Mapping[str, int]]) -> Where:
    """Find the record a validation path (``units[u7].parentId``) talks about.

    Ids may contain ``.`` and even ``]``, so the id is the first prefix that is a known id.
    """
    head, bracket, rest = path.partition("[")
    if not bracket:
        collection, _, key = path.partition(".")
        return Where(collection, 0 if collection == "organization" else None, key or None)
    ids = index_of.get(head, {})
    for end, char in enumerate(rest):
        if char == "]" and rest[:end] in ids:
            tail = rest[end + 1 :]
            field_key = tail[1:].partition("[")[0] if tail.startswith(".") else None
            return Where(head, ids[rest[:end]], field_key or None)
    return Where(head, None, None)


# ---- writing -------------------------------------------------------------------------------------


def to_document(snapshot: OrgSnapshot) -> dict[str, object]:
    """The document for an organization; every key is written, nulls included, in snapshot order."""
    document: dict[str, object] = {
        "formatVersion": FORMAT_VERSION,
        "organization": record_document(snapshot.organization, ORGANIZATION),
    }
    for name, spec in COLLECTIONS.items():
        table: dict[str, Entity] = getattr(snapshot, name)
        document[name] = [record_document(entity, spec) for entity in table.values()]
    return document


def record_document(entity: object, spec: RecordSpec) -> dict[str, object]:
    """One entity as a record, every key present; the CSV writer turns it into a row."""
    return {field.key: _dump(getattr(entity, field.attr)) for field in spec.fields}


def _dump(value: object) -> object:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


# ---- files ---------------------------------------------------------------------------------------


def read_json(path: Path) -> OrgSnapshot:
    """Read a JSON document; malformed JSON is one MALFORMED error with its line and column."""
    source = str(path)
    raw = path.read_bytes()
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise ValidationFailed([_not_utf8(raw, error, source)]) from None
    except json.JSONDecodeError as error:
        message = f"is not valid JSON: {error.msg}"
        failure = FieldError(
            ROOT, ErrorCode.MALFORMED, message, source, error.lineno, str(error.colno)
        )
        raise ValidationFailed([failure]) from None
    return parse_document(data, source=source)


def _not_utf8(raw: bytes, error: UnicodeDecodeError, source: str) -> FieldError:
    line_start = raw.rfind(b"\n", 0, error.start) + 1
    line = raw.count(b"\n", 0, error.start) + 1
    column = str(error.start - line_start + 1)
    message = "is not UTF-8 text; save the file as UTF-8"
    return FieldError(ROOT, ErrorCode.MALFORMED, message, source, line, column)


def write_json(snapshot: OrgSnapshot, path: Path) -> None:
    """Write the document, indented by 2, UTF-8, creating the parent folder if needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(to_document(snapshot), indent=2, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")
