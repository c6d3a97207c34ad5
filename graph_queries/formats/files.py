"""Read or write an organization wherever the user points: a .json file or a CSV folder.

The CLI and any other caller with a path use these two functions and never choose a format
themselves, so the rule for telling the formats apart lives in one place.
"""

from __future__ import annotations

from pathlib import Path

from graph_queries.errors import ErrorCode, FieldError, ValidationFailed
from graph_queries.formats.csv_folder import read_csv_folder, write_csv_folder
from graph_queries.formats.json_document import read_json, write_json
from graph_queries.formats.specs import ROOT
from graph_queries.model import OrgSnapshot


def read_organization(path: Path) -> OrgSnapshot:
    """A folder is read as CSV files, a ``.json`` file as a document; anything else is refused.

    Like ``parse_document``, it returns only an organization ``validate_snapshot`` accepts.
    """
    if path.is_dir():
        return read_csv_folder(path)
    if path.is_file() and path.suffix.lower() == ".json":
        return read_json(path)
    what = "does not exist" if not path.exists() else "is neither a .json file nor a folder"
    message = f"{what}; give a .json file or a folder of CSV files"
    raise ValidationFailed([FieldError(ROOT, ErrorCode.INVALID_FORMAT, message, str(path))])


def write_organization(snapshot: OrgSnapshot, path: Path) -> None:
    """A path ending in ``.json`` gets a document; any other path becomes a folder of CSV files."""
    if path.suffix.lower() == ".json":
        write_json(snapshot, path)
    else:
        write_csv_folder(snapshot, path)
