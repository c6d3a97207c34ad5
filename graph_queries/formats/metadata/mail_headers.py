"""Messages from e-mail header exports: sender, recipients and date, nothing else.

Two forms: an mbox file, of which only each message's header block is parsed (the body is
skipped line by line, never parsed or held), and a CSV export with the columns From, To, Cc
(optional) and Date, of which every other column (Subject, a body) is dropped as each row is
read. Only the From, To, Cc and Date headers are looked at. Every message without a readable
sender or date is reported with its file and line, and nothing is imported (all-or-nothing).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import UTC, datetime
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path

from graph_queries.errors import ErrorCode, FieldError, ValidationFailed
from graph_queries.formats.metadata.interactions import EMAIL, Interaction, normalized_address

MAX_FILE_BYTES = 2_000_000_000
MAX_HEADER_BYTES = 256_000  # one message's header block; longer is a broken file, not a message
MAX_ERRORS = 100
CSV_COLUMNS = ("from", "to", "cc", "date")
REQUIRED_COLUMNS = ("from", "to", "date")


def read_mbox(path: Path) -> list[Interaction]:
    """One interaction per message of an mbox file (the `From ` line format, RFC 4155)."""
    _check_size(path)
    found: list[Interaction] = []
    errors: list[FieldError] = []
    # compat32 keeps header values as text; the addresses are parsed here, one way for both forms.
    parser = BytesHeaderParser(policy=compat32)
    for line, header in _header_blocks(path, errors):
        headers = parser.parsebytes(header)
        message = _message(
            path,
            line,
            headers.get("From"),
            headers.get_all("To", []) + headers.get_all("Cc", []),
            headers.get("Date"),
        )
        if isinstance(message, FieldError):
            errors.append(message)
        elif message is not None:
            found.append(message)
    _raise_if(errors)
    return found


def read_header_csv(path: Path) -> list[Interaction]:
    """One interaction per row of a CSV export with From, To, Cc and Date columns."""
    _check_size(path)
    found: list[Interaction] = []
    errors: list[FieldError] = []
    with path.open(encoding="utf-8-sig", errors="strict", newline="") as file:
        rows = csv.reader(file)
        try:
            header = [name.strip().lower() for name in next(rows)]
        except (StopIteration, UnicodeDecodeError):
            header = []
        missing = [name for name in REQUIRED_COLUMNS if name not in header]
        if missing:
            problem = "needs the columns From, To and Date (Cc optional); missing: "
            _raise_if([_error(path, 1, problem + ", ".join(missing))])
        where = {name: header.index(name) for name in CSV_COLUMNS if name in header}
        try:
            for number, row in enumerate(rows, start=2):
                # Only the four columns are taken from the row: nothing else is kept.
                cell = {name: row[i] if i < len(row) else "" for name, i in where.items()}
                del row
                message = _message(
                    path, number, cell["from"], [cell["to"], cell.get("cc", "")], cell["date"]
                )
                if isinstance(message, FieldError):
                    errors.append(message)
                elif message is not None:
                    found.append(message)
        except UnicodeDecodeError:
            errors.append(_error(path, None, "is not UTF-8 text"))
    _raise_if(errors)
    return found


def _message(
    path: Path, line: int, sender: str | None, recipients: list[str], date: str | None
) -> Interaction | FieldError | None:
    """A message, an error for a broken sender or date, or None for one with no recipients."""
    sender_address = normalized_address(sender or "")
    if sender_address is None:
        return _error(path, line, "has no readable From address", "From")
    at = _date(date or "")
    if at is None:
        return _error(path, line, "has no readable Date", "Date")
    people = {sender_address: None}
    for _, address in getaddresses([r.replace(";", ",") for r in recipients if r]):
        if normalized := normalized_address(address):
            people[normalized] = None
    if len(people) < 2:
        return None  # a draft or a note to oneself: no one to be tied to
    return Interaction(EMAIL, tuple(people), at, f"{path.name}:{line}", sender=sender_address)


def _date(text: str) -> datetime | None:
    text = text.strip()
    try:
        at = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        try:
            at = datetime.fromisoformat(text)
        except ValueError:
            return None
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


def _header_blocks(path: Path, errors: list[FieldError]) -> Iterator[tuple[int, bytes]]:
    """(line of the `From ` line, header bytes) per message; bodies are read past, not kept."""
    blank = (b"\n", b"\r\n")
    header: bytearray | None = None
    start, in_header, previous_blank = 0, False, True
    with path.open("rb") as file:
        for number, line in enumerate(file, start=1):
            if line.startswith(b"From ") and previous_blank:
                if header is not None:
                    yield start, bytes(header)
                header, start, in_header = bytearray(), number, True
            elif header is None:
                if line.strip():
                    errors.append(_error(path, number, "does not start with a `From ` line"))
                    return
            elif in_header:
                if line in blank:
                    in_header = False
                elif len(header) + len(line) > MAX_HEADER_BYTES:
                    errors.append(_error(path, start, "has a header block over 256 kB"))
                    in_header = False
                else:
                    header += line
            previous_blank = line in blank
    if header is not None:
        yield start, bytes(header)


def _check_size(path: Path) -> None:
    if not path.is_file():
        _raise_if([_error(path, None, "does not exist or is not a file")])
    if path.stat().st_size > MAX_FILE_BYTES:
        _raise_if([_error(path, None, f"is larger than {MAX_FILE_BYTES // 1_000_000} MB")])


def _error(path: Path, line: int | None, problem: str, column: str | None = None) -> FieldError:
    return FieldError("messages", ErrorCode.MALFORMED, problem, str(path), line, column)


def _raise_if(errors: list[FieldError]) -> None:
    if errors:
        raise ValidationFailed(errors[:MAX_ERRORS])
