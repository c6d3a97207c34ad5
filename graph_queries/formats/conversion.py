"""Converting a whole JSON-decoded document into an organization, with every problem found.

Reading never stops at the first problem: a person fixing a file by hand wants the whole list at
once, so every record is converted as far as it goes, the result is checked with
:func:`validate_snapshot`, and each problem comes back with where it stands (:class:`Where`),
which the CSV reader turns into file, line and column.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from graph_queries.attributes import declared, entries_of
from graph_queries.errors import ErrorCode, FieldError
from graph_queries.formats.specs import (
    ATTRIBUTES,
    ATTRIBUTES_KEY,
    COLLECTION_KINDS,
    COLLECTIONS,
    FORMAT_VERSION,
    ORGANIZATION,
    REQUIRED_COLLECTIONS,
    ROOT,
    TIE_KINDS,
    TIE_KINDS_KEY,
    TOP_LEVEL_KEYS,
    AttributeEntity,
    RecordSpec,
)
from graph_queries.formats.values import BadValue, describe, placeholder, read_value
from graph_queries.model import (
    KINDS,
    AttributeDeclaration,
    AttributeType,
    EntityKind,
    Organization,
    OrgSnapshot,
    TieKind,
)
from graph_queries.tie_kinds import tie_kind_label
from graph_queries.validation import validate_snapshot


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


def convert_document(data: object) -> Conversion:
    """Convert everything that can be converted and validate the result; never raises.

    A record that cannot be read completely still enters the organization (with defaults or
    placeholders for the bad values) as long as it has a usable id, so that references to it
    do not turn into a second, misleading error.
    """
    problems: list[Problem] = []
    if not isinstance(data, dict):
        message = f"must be a JSON object, got {describe(data)}"
        problems.append(
            Problem(FieldError(ROOT, ErrorCode.INVALID_TYPE, message), Where(None, None, None))
        )
        return Conversion(OrgSnapshot(Organization("", "")), problems)
    _check_top_level(data, problems)
    snapshot = OrgSnapshot(_organization(data.get("organization"), problems))
    tainted: set[tuple[str, int]] = set()
    index_of: dict[str, dict[str, int]] = {}
    tie_kinds = _collection_records(data, TIE_KINDS_KEY, problems)
    snapshot.tie_kinds, index_of[TIE_KINDS_KEY] = _convert_tie_kinds(tie_kinds, problems)
    declared = _collection_records(data, ATTRIBUTES_KEY, problems)
    snapshot.attributes, index_of[ATTRIBUTES_KEY] = _convert_declarations(declared, problems)
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
    if collection == TIE_KINDS_KEY:
        return _tie_kind_labels(records)
    return _labels(collection, _usable_ids(records))


def _tie_kind_labels(records: Sequence[object]) -> list[str]:
    """Tie kinds have no id: each is named by its name (`tieKinds[advice]`), or by position."""
    labels: list[str] = []
    seen: set[str] = set()
    for index, record in enumerate(records):
        name = record.get("name") if isinstance(record, dict) else None
        name = name if isinstance(name, str) else ""
        labels.append(tie_kind_label(index, name, seen))
        seen.add(name)
    return labels


def _labels(collection: str, ids: Sequence[str | None]) -> list[str]:
    return [
        f"{collection}[{id}]" if id is not None else f"{collection}[#{index}]"
        for index, id in enumerate(ids)
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
        message += f", got {describe(version)}"
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
        _add(problems, name, ErrorCode.INVALID_TYPE, f"must be a list, got {describe(raw)}", where)
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
    ids = _usable_ids(records)
    labels = _labels(name, ids)
    for index, (record, id) in enumerate(zip(records, ids, strict=True)):
        if id is None:
            _report_duplicate(record, name, labels[index], index, index_of, problems)
        values, had_errors = _convert_record(record, spec, name, labels[index], index, problems)
        if values is None or id is None:
            continue
        if isinstance(values.get("attributes"), dict):
            values["attributes"], found = _attribute_entries(
                values["attributes"], name, labels[index], index, snapshot
            )
            problems += found
        if had_errors:
            tainted.add((name, index))
        entity = spec.build(**values)
        table[entity.id] = entity
        index_of[entity.id] = index
    return index_of


def _convert_tie_kinds(
    records: list[object], problems: list[Problem]
) -> tuple[tuple[TieKind, ...], dict[str, int]]:
    """The declared tie kinds, and the position of each under its label (`advice`, `#2`)."""
    kinds: list[TieKind] = []
    index_of: dict[str, int] = {}
    for index, (record, label) in enumerate(zip(records, _tie_kind_labels(records), strict=True)):
        index_of[label[len(TIE_KINDS_KEY) + 1 : -1]] = index
        values, _ = _convert_record(record, TIE_KINDS, TIE_KINDS_KEY, label, index, problems)
        if values is not None and "name" in values:
            kinds.append(TieKind(**values))
    return tuple(kinds), index_of


NOTHING = EntityKind.DEPENDENCY  # the entity of a declaration whose entity could not be read


def _convert_declarations(
    records: list[object], problems: list[Problem]
) -> tuple[tuple[AttributeDeclaration, ...], dict[str, int]]:
    """The declared attributes, named by position (`attributes[#0]`) as validation names them."""
    found: list[AttributeDeclaration] = []
    index_of: dict[str, int] = {}
    for index, record in enumerate(records):
        label = f"{ATTRIBUTES_KEY}[#{index}]"
        index_of[f"#{index}"] = index
        values, _ = _convert_record(record, ATTRIBUTES, ATTRIBUTES_KEY, label, index, problems)
        values = values or {}
        # Every record keeps its position, so that validation names the same record: one that
        # could not be read declares nothing (no attribute is a dependency's) and its problem,
        # already reported, covers what validation finds in it.
        entity = values.get("entity")
        kind = EntityKind(entity.value) if isinstance(entity, AttributeEntity) else NOTHING
        declared_type = values.get("type", AttributeType.STRING)
        found.append(AttributeDeclaration(values.get("name", ""), kind, declared_type))
    return tuple(found), index_of


def _attribute_entries(
    raw: dict[str, object], collection: str, label: str, index: int, snapshot: OrgSnapshot
) -> tuple[tuple[str, ...], list[Problem]]:
    """A record's attribute values, checked against the organization's declarations."""
    types = declared(snapshot.attributes, COLLECTION_KINDS[collection])
    entries, found = entries_of(raw, types)
    problems = [
        Problem(
            FieldError(f"{label}.attributes" + (f".{name}" if name else ""), code, message),
            Where(collection, index, name or "attributes"),
        )
        for name, code, message in found
    ]
    return entries, problems


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
        message = f"must be an object, got {describe(raw)}"
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
            value = read_value(field, raw.get(field.key))
        except BadValue as bad:
            where = Where(collection, index, field.key)
            _add(problems, f"{label}.{field.key}{bad.suffix}", bad.code, bad.message, where)
            had_errors = True
            if field.required:
                values[field.attr] = placeholder(field)
            continue
        if value is not None:
            values[field.attr] = value
    return values, had_errors


# ---- validation of the converted organization ----------------------------------------------------


def _taint_conflicts_on_tainted_dependencies(
    snapshot: OrgSnapshot, index_of: dict[str, dict[str, int]], tainted: set[tuple[str, int]]
) -> None:
    """A conflict checked against a dependency with placeholder units would report a mismatch
    that is only an echo of the dependency's own error."""
    dependencies = KINDS[EntityKind.DEPENDENCY].collection
    conflicts = KINDS[EntityKind.CONFLICT].collection
    for conflict in snapshot.conflicts.values():
        dependency_index = index_of[dependencies].get(conflict.dependency_id or "")
        if dependency_index is not None and (dependencies, dependency_index) in tainted:
            tainted.add((conflicts, index_of[conflicts][conflict.id]))


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
        if _echoesplaceholder(error, where, tainted):
            continue
        problems.append(Problem(error, where))
    return problems


def _echoesplaceholder(error: FieldError, where: Where, tainted: set[tuple[str, int]]) -> bool:
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
