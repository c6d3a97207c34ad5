"""Collaboration metadata: calendars and e-mail headers turned into weighted ties.

`read_interactions` reads a file or a folder (`.ics` calendars, `.mbox` mailboxes, `.csv` header
exports); `collaboration_ties` counts the interactions per pair over a time window, applies the
thresholds of `MetadataRules` and returns ties between keyed pseudonyms (`Pseudonymizer`).
Subjects, bodies, titles, descriptions and locations are never read into memory as values.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from graph_queries.errors import ErrorCode, FieldError, ValidationFailed
from graph_queries.formats.metadata.ics import read_ics
from graph_queries.formats.metadata.interactions import (
    EMAIL,
    MEETING,
    Interaction,
    MetadataRules,
    MetadataTie,
    MetadataTies,
    Pseudonymizer,
    collaboration_ties,
    normalized_address,
)
from graph_queries.formats.metadata.mail_headers import read_header_csv, read_mbox

__all__ = [
    "EMAIL",
    "MEETING",
    "Interaction",
    "MetadataRules",
    "MetadataTie",
    "MetadataTies",
    "Pseudonymizer",
    "collaboration_ties",
    "normalized_address",
    "read_interactions",
]

MAX_FILES = 10_000
READERS: dict[str, Callable[[Path], list[Interaction]]] = {
    ".ics": read_ics,
    ".mbox": read_mbox,
    ".csv": read_header_csv,
}


def read_interactions(path: Path, rules: MetadataRules | None = None) -> list[Interaction]:
    """Every interaction in `path`: one file, or every `.ics`, `.mbox` and `.csv` file of a
    folder (not its subfolders), read in name order. Recurring meetings are expanded up to the
    end of `rules`' window."""
    rules = rules or MetadataRules()
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in READERS)
        if not files:
            _refuse(path, "holds no .ics, .mbox or .csv file")
        if len(files) > MAX_FILES:
            _refuse(path, f"holds more than {MAX_FILES} files")
    elif path.is_file() and path.suffix.lower() in READERS:
        files = [path]
    else:
        _refuse(path, "is not a folder or an .ics, .mbox or .csv file")
    found: list[Interaction] = []
    errors: list[FieldError] = []
    for file in files:
        try:
            if file.suffix.lower() == ".ics":
                found += read_ics(file, rules.start, rules.end)
            else:
                found += READERS[file.suffix.lower()](file)
        except ValidationFailed as failure:
            errors += failure.errors
    if errors:
        raise ValidationFailed(errors)
    return found


def _refuse(path: Path, problem: str) -> NoReturn:
    message = f"{path} {problem}"
    raise ValidationFailed([FieldError("path", ErrorCode.INVALID_FORMAT, message, str(path))])
