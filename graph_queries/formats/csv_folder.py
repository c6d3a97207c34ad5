"""A folder of CSV files, one per collection: the form of an organization people edit by hand.

Rows become exactly the records of a JSON document and go through the document conversion
(:func:`conversion.convert_document`), so the two formats cannot drift apart. This
module only adds what is particular to CSV: every cell is text (numbers and id lists are parsed
here, an empty cell means null), and every problem is pointed at by file, line and column, since
that is what someone fixing a spreadsheet needs.
"""

from __future__ import annotations

import csv
import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path

from graph_queries.errors import ErrorCode, FieldError, ValidationFailed
from graph_queries.formats.conversion import Problem, convert_document, record_labels
from graph_queries.formats.csv_attributes import attribute_cell, attribute_cells, attribute_columns
from graph_queries.formats.json_document import NOT_UTF8, record_document
from graph_queries.formats.specs import (
    ATTRIBUTES,
    ATTRIBUTES_KEY,
    COLLECTIONS,
    FORMAT_VERSION,
    ORGANIZATION,
    REQUIRED_COLLECTIONS,
    ROOT,
    TIE_KINDS,
    TIE_KINDS_KEY,
    FieldKind,
    RecordSpec,
)
from graph_queries.model import AttributeType, Entity, OrgSnapshot

SPECS: dict[str, RecordSpec] = {
    "organization": ORGANIZATION,
    TIE_KINDS_KEY: TIE_KINDS,
    ATTRIBUTES_KEY: ATTRIBUTES,
    **COLLECTIONS,
}
FILES: dict[str, str] = {name: f"{name}.csv" for name in SPECS}
REQUIRED_FILES = frozenset({"organization", *REQUIRED_COLLECTIONS})
ID_SEPARATOR = ";"
BOOLEANS = {"true": True, "false": False}

# csv reads line by line; these are the line ends it understands, kept on each line.
_LINES = re.compile(r".*?(?:\r\n|\r|\n)|.+", re.DOTALL)
# Bytes that are not UTF-8 come through decoding as these lone surrogates.
_UNDECODABLE = re.compile("[\udc80-\udcff]")


@dataclass(slots=True)
class _Table:
    """One file as read: its rows as document records, and the line each record starts on."""

    name: str
    file: str
    records: list[dict[str, object]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    header: list[str] = field(default_factory=list)  # each column's name, or its position
    missing_columns: set[str] = field(default_factory=set)
    extra: dict[str, AttributeType] = field(default_factory=dict)  # attribute columns by name
    used: bool = False  # False when the file is missing or empty: already reported as such


@dataclass(frozen=True, slots=True)
class _CellProblem:
    """A row problem found while reading; its path waits until every record's label is known."""

    index: int
    column: str
    code: ErrorCode
    message: str
    key: str | None = None  # the key the path names, when the problem is one cell


# ---- reading -------------------------------------------------------------------------------------


def read_csv_folder(path: Path) -> OrgSnapshot:
    """Read an organization folder, or raise every problem of every file in one ValidationFailed."""
    if not path.is_dir():
        message = "is not a folder of CSV files"
        raise ValidationFailed([FieldError(ROOT, ErrorCode.INVALID_FORMAT, message, str(path))])
    errors: list[FieldError] = []
    tables: dict[str, _Table] = {}
    for name in SPECS:  # attributes.csv before the files whose columns it declares
        declarations = tables[ATTRIBUTES_KEY].records if ATTRIBUTES_KEY in tables else []
        extra = attribute_columns(declarations, name)
        tables[name] = _read_table(path / FILES[name], name, errors, extra)
    errors += _unknown_files(path)
    conversion = convert_document(_document(tables))
    errors += [_locate(p, tables) for p in conversion.problems if not _echo(p, tables)]
    if errors:
        raise ValidationFailed(sorted(errors, key=_reading_order))
    return conversion.snapshot


def cell_value(kind: FieldKind, cell: str) -> object:
    """What a cell means in the document: empty is null, numbers and id lists are parsed.

    A cell that does not parse stays text, so the document reader reports it with the same
    message a JSON document would get.
    """
    if cell == "":
        return None
    if kind is FieldKind.INT:
        return _number(cell, integral=True)
    if kind is FieldKind.FLOAT:
        return _number(cell, integral=False)
    if kind is FieldKind.IDS:
        return [part.strip() for part in cell.split(ID_SEPARATOR) if part.strip()]
    if kind is FieldKind.BOOLEAN and cell.strip().lower() in BOOLEANS:
        return BOOLEANS[cell.strip().lower()]
    return cell


def _number(cell: str, integral: bool) -> object:
    # "3.0" is read as a float even where an integer is expected: the document reader accepts
    # whole floats, and rejects 3.5 with its own message.
    parsers: tuple[type[int] | type[float], ...] = (int, float) if integral else (float,)
    for parse in parsers:
        try:
            return parse(cell)
        except ValueError:
            continue
    return cell


def _read_table(
    file: Path, name: str, errors: list[FieldError], extra: dict[str, AttributeType]
) -> _Table:
    table = _Table(name, file.name, extra=extra)
    if not file.is_file():
        if name in REQUIRED_FILES:
            message = f"is required: {file.name} is missing"
            errors.append(FieldError(name, ErrorCode.REQUIRED, message, file.name))
        return table
    text = file.read_bytes().decode("utf-8", "surrogateescape").removeprefix("\ufeff")
    rows = _rows(text, table, errors)
    if rows is None:
        return table
    if not rows:
        expected = ",".join(SPECS[name].keys)
        message = f"{file.name} is empty; its first line must be the header {expected}"
        first = SPECS[name].keys[0]
        errors.append(FieldError(name, ErrorCode.MALFORMED, message, file.name, 1, first))
        return table
    columns = _read_header(table, rows[0], errors)
    _read_rows(table, columns, rows[1:], errors)
    table.used = name != "organization" or _check_one_organization(table, errors)
    return table


def _rows(text: str, table: _Table, errors: list[FieldError]) -> list[tuple[int, list[str]]] | None:
    """The non-blank rows with the physical line each starts on (a quoted cell may span lines);
    None, with the problem reported, when the csv module gives up on the file."""
    reader = csv.reader(_LINES.findall(text))
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for cells in reader:
            if cells:
                rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as error:
        message = f"is not valid CSV: {error}"
        errors.append(FieldError(table.name, ErrorCode.MALFORMED, message, table.file, start))
        return None
    return rows


def _read_header(
    table: _Table, header: tuple[int, list[str]], errors: list[FieldError]
) -> list[str | None]:
    """The key each column holds, None for a column that is reported and then ignored."""
    line, cells = header
    spec = SPECS[table.name]
    allowed = [key for key in spec.keys if key != "attributes"] + list(table.extra)
    columns: list[str | None] = []
    for position, raw in enumerate(cells, start=1):
        key, undecodable = _clean(raw.strip())
        column = key or str(position)
        table.header.append(column)
        if undecodable:
            _header_error(errors, table, line, column, ErrorCode.MALFORMED, NOT_UTF8)
        if key in allowed and key not in columns:
            columns.append(key)
            continue
        columns.append(None)
        if key in columns:
            message = "is a second column with this name"
            _header_error(errors, table, line, column, ErrorCode.DUPLICATE, message)
        else:
            message = f"is not a column of {table.file}; allowed: {','.join(allowed)}"
            _header_error(errors, table, line, column, ErrorCode.UNKNOWN_FIELD, message)
    for spec_field in spec.fields:
        if spec_field.required and spec_field.key not in columns:
            table.missing_columns.add(spec_field.key)
            message = "is a required column and the header does not have it"
            _header_error(errors, table, line, spec_field.key, ErrorCode.REQUIRED, message)
    return columns


def _header_error(
    errors: list[FieldError], table: _Table, line: int, column: str, code: ErrorCode, message: str
) -> None:
    errors.append(
        FieldError(_column_path(table.name, column), code, message, table.file, line, column)
    )


def _column_path(name: str, column: str) -> str:
    """`organization.id` for the one organization, `units[*].kind` for a column of records."""
    return f"{name}.{column}" if name == "organization" else f"{name}[*].{column}"


def _read_rows(
    table: _Table,
    columns: list[str | None],
    rows: list[tuple[int, list[str]]],
    errors: list[FieldError],
) -> None:
    kinds = {spec_field.key: spec_field.kind for spec_field in SPECS[table.name].fields}
    pending: list[_CellProblem] = []
    for line, cells in rows:
        index = len(table.records)
        if len(cells) != len(columns):
            pending.append(_count_problem(index, cells, table.header))
        record: dict[str, object] = {}
        for key, raw in zip(columns, cells, strict=False):
            if key is None:
                continue
            cell, undecodable = _clean(raw)
            if undecodable:
                pending.append(_CellProblem(index, key, ErrorCode.MALFORMED, NOT_UTF8, key))
            if key in table.extra:
                if cell:
                    values = record.setdefault("attributes", {})
                    values[key] = attribute_cell(table.extra[key], cell)  # type: ignore[index]
            else:
                record[key] = cell_value(kinds[key], cell)
        table.records.append(record)
        table.lines.append(line)
    errors += _row_errors(table, pending)


def _count_problem(index: int, cells: list[str], header: list[str]) -> _CellProblem:
    """Point at the column of the first missing cell, or at the position of the first extra one."""
    column = header[len(cells)] if len(cells) < len(header) else str(len(header) + 1)
    message = f"has {len(cells)} cells, the header has {len(header)}"
    return _CellProblem(index, column, ErrorCode.MALFORMED, message)


def _row_errors(table: _Table, pending: list[_CellProblem]) -> list[FieldError]:
    labels = record_labels(table.name, table.records)
    if table.name == "organization":
        labels = ["organization"] * len(table.records)
    errors: list[FieldError] = []
    for problem in pending:
        label = labels[problem.index]
        path = f"{label}.{problem.key}" if problem.key else label
        line = table.lines[problem.index]
        error = FieldError(path, problem.code, problem.message, table.file, line, problem.column)
        errors.append(error)
    return errors


def _clean(cell: str) -> tuple[str, bool]:
    """The cell with bytes that are not UTF-8 replaced, and whether there were any."""
    if not _UNDECODABLE.search(cell):
        return cell, False
    return cell.encode("utf-8", "surrogateescape").decode("utf-8", "replace"), True


def _check_one_organization(table: _Table, errors: list[FieldError]) -> bool:
    """A folder holds one organization: exactly one row after the header."""
    if not table.records:
        message = "needs one row after the header: the organization's id and name"
        errors.append(FieldError("organization", ErrorCode.REQUIRED, message, table.file, 1, "id"))
        return False
    for line in table.lines[1:]:
        message = "is a second organization; a folder holds exactly one"
        errors.append(
            FieldError("organization", ErrorCode.MALFORMED, message, table.file, line, "id")
        )
    del table.records[1:], table.lines[1:]
    return True


def _unknown_files(folder: Path) -> list[FieldError]:
    """A misspelt file name would otherwise drop a whole collection without a word."""
    errors: list[FieldError] = []
    for file in sorted(folder.iterdir()):
        if file.suffix.lower() == ".csv" and file.name not in FILES.values():
            message = (
                f"is not a file of an organization folder; allowed: {', '.join(FILES.values())}"
            )
            errors.append(FieldError(file.stem, ErrorCode.UNKNOWN_FIELD, message, file.name))
    return errors


def _document(tables: dict[str, _Table]) -> dict[str, object]:
    """The JSON document the folder stands for; a missing optional file means an empty list."""
    document: dict[str, object] = {"formatVersion": FORMAT_VERSION}
    for name, table in tables.items():
        if table.used:
            document[name] = table.records[0] if name == "organization" else table.records
    return document


def _echo(problem: Problem, tables: dict[str, _Table]) -> bool:
    """True for a document problem that only repeats a file or header problem already reported."""
    where = problem.where
    if where.collection is None:
        table = tables.get(where.key or "")
        return table is not None and not table.used
    table = tables[where.collection]
    return problem.error.code is ErrorCode.REQUIRED and where.key in table.missing_columns


def _locate(problem: Problem, tables: dict[str, _Table]) -> FieldError:
    """Give a document problem the file, line and column of the cell it is about."""
    where = problem.where
    table = tables.get(where.collection or where.key or "")
    if table is None:
        return problem.error
    line = None
    if where.collection is not None and where.index is not None:
        line = table.lines[where.index]
    column = (where.key or "id") if line is not None else None
    return dataclasses.replace(problem.error, source=table.file, line=line, column=column)


def _reading_order(error: FieldError) -> tuple[int, int]:
    """Errors file by file in the order of FILES, then line by line, as someone fixes them."""
    files = list(FILES.values())
    position = files.index(error.source) if error.source in files else len(files)
    return position, error.line or 0


# ---- writing -------------------------------------------------------------------------------------


def write_csv_folder(snapshot: OrgSnapshot, path: Path) -> None:
    """Write the organization and one file per collection, each with its header even when it has
    no rows, and the tie kinds when some are declared; creates the folder."""
    path.mkdir(parents=True, exist_ok=True)
    _write_file(path / FILES["organization"], ORGANIZATION, [snapshot.organization])
    if snapshot.tie_kinds:
        _write_file(path / FILES[TIE_KINDS_KEY], TIE_KINDS, list(snapshot.tie_kinds))
    if snapshot.attributes:
        _write_file(path / FILES[ATTRIBUTES_KEY], ATTRIBUTES, list(snapshot.attributes))
    declarations = [record_document(d, ATTRIBUTES) for d in snapshot.attributes]
    for name, spec in COLLECTIONS.items():
        table: dict[str, Entity] = getattr(snapshot, name)
        extra = attribute_columns(declarations, name)
        _write_file(path / FILES[name], spec, list(table.values()), extra)


def _write_file(
    file: Path,
    spec: RecordSpec,
    entities: list[object],
    extra: dict[str, AttributeType] | None = None,
) -> None:
    """One file: the spec's keys, then a column per declared attribute (`extra`)."""
    columns = extra or {}
    keys = [key for key in spec.keys if key != "attributes"]
    with file.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow([*keys, *columns])
        for entity in entities:
            record = record_document(entity, spec)
            values = attribute_cells(entity, columns) if columns else {}  # type: ignore[arg-type]
            cells = [cell_text(record[key]) for key in keys]
            writer.writerow(cells + [cell_text(values.get(column)) for column in columns])


def cell_text(value: object) -> str:
    """The inverse of :func:`cell_value`: null is an empty cell, ids are joined with ';'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ID_SEPARATOR.join(str(item) for item in value)
    return str(value)
