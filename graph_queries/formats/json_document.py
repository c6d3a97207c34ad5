"""The JSON document format (formatVersion 1): a whole organization in one file or one request.

Reading converts the document with :func:`convert_document` and raises every problem at once in
one ``ValidationFailed``; the CSV folder format (``csv_folder``) goes through the same
conversion, so both formats share one set of messages. Writing lists every key of every record,
nulls included.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from enum import Enum
from pathlib import Path

from graph_queries.attributes import declared, typed_values
from graph_queries.errors import ErrorCode, FieldError, ValidationFailed
from graph_queries.formats.conversion import convert_document
from graph_queries.formats.specs import (
    ATTRIBUTES,
    ATTRIBUTES_KEY,
    COLLECTION_KINDS,
    COLLECTIONS,
    FORMAT_VERSION,
    ORGANIZATION,
    ROOT,
    TIE_KINDS,
    TIE_KINDS_KEY,
    RecordSpec,
)
from graph_queries.model import AttributeType, Entity, OrgSnapshot

# The message for bytes that are not UTF-8, in a document or in a CSV file.
NOT_UTF8 = "is not UTF-8 text; save the file as UTF-8"


# ---- reading -------------------------------------------------------------------------------------


def parse_document(data: object, source: str | None = None) -> OrgSnapshot:
    """Turn JSON-decoded data into an organization at version 0, or raise every problem at once.

    What it returns is an organization ``validation.validate_snapshot`` finds nothing wrong with.
    """
    conversion = convert_document(data)
    if conversion.problems:
        errors = [
            dataclasses.replace(problem.error, source=source) for problem in conversion.problems
        ]
        raise ValidationFailed(errors)
    return conversion.snapshot


# ---- writing -------------------------------------------------------------------------------------


def to_document(snapshot: OrgSnapshot) -> dict[str, object]:
    """The document for an organization; every key is written, nulls included, in snapshot order."""
    document: dict[str, object] = {
        "formatVersion": FORMAT_VERSION,
        "organization": record_document(snapshot.organization, ORGANIZATION),
    }
    if snapshot.tie_kinds:
        document[TIE_KINDS_KEY] = [record_document(kind, TIE_KINDS) for kind in snapshot.tie_kinds]
    if snapshot.attributes:
        document[ATTRIBUTES_KEY] = [
            record_document(declaration, ATTRIBUTES) for declaration in snapshot.attributes
        ]
    for name, spec in COLLECTIONS.items():
        table: dict[str, Entity] = getattr(snapshot, name)
        records = [record_document(entity, spec) for entity in table.values()]
        if "attributes" in spec.keys:
            types = declared(snapshot.attributes, COLLECTION_KINDS[name])
            for record, entity in zip(records, table.values(), strict=True):
                _attributes_document(record, entity, types)
        document[name] = records
    return document


def _attributes_document(
    record: dict[str, object], entity: Entity, types: dict[str, AttributeType]
) -> None:
    """Attribute values as typed JSON values; the key is left out when there are none, so that
    documents without custom attributes read as they always did."""
    entries: tuple[str, ...] = getattr(entity, "attributes", ())
    if entries:
        record["attributes"] = typed_values(entries, types)
    else:
        del record["attributes"]


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
    return FieldError(ROOT, ErrorCode.MALFORMED, NOT_UTF8, source, line, column)


def write_json(snapshot: OrgSnapshot, path: Path) -> None:
    """Write the document, indented by 2, UTF-8, creating the parent folder if needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(to_document(snapshot), indent=2, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")
