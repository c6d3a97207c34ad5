"""`unsilo import-metadata`: calendars and e-mail headers into an organization's tie layers."""

from __future__ import annotations

import argparse
import datetime
from pathlib import Path
from typing import Any

from graph_queries.context import ANONYMOUS
from graph_queries.errors import ErrorCode, FieldError, ValidationFailed
from graph_queries.formats.metadata import (
    MetadataRules,
    Pseudonymizer,
    collaboration_ties,
    read_interactions,
)
from graph_queries.formats.metadata.interactions import (
    MAX_PARTICIPANTS,
    MIN_INTERACTIONS,
    MIN_KEY_BYTES,
)
from graph_queries.formats.metadata.organization import read_roster, with_metadata_ties
from graph_queries.stores.port import Store
from graph_queries.validation import validate_snapshot
from service.argument_types import positive_int
from service.progress import progress, status
from service.settings import SettingsError
from service.snapshot_command import add_capture_arguments
from service.wording import counted


def add_import_metadata_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "import-metadata",
        help="turn calendars (.ics) and e-mail headers (.mbox, .csv) into meeting and email ties",
    )
    parser.add_argument("path", type=Path, help="a file or a folder of .ics, .mbox, .csv files")
    parser.add_argument("--organization", required=True, help="id of the organization")
    parser.add_argument("--roster", type=Path, required=True, help="CSV: address, leader|unit")
    parser.add_argument(
        "--key-file", type=Path, required=True,
        help=f"a secret of {MIN_KEY_BYTES} bytes or more for pseudonyms; keep it for re-imports",
    )  # fmt: skip
    parser.add_argument("--from", dest="start", type=_day, help="first day counted (YYYY-MM-DD)")
    parser.add_argument("--to", dest="end", type=_day, help="last day counted (YYYY-MM-DD)")
    parser.add_argument(
        "--max-participants", type=positive_int, default=MAX_PARTICIPANTS,
        help="larger meetings and mailings are left out",
    )  # fmt: skip
    parser.add_argument(
        "--min-interactions", type=positive_int, default=MIN_INTERACTIONS,
        help="fewer between two people make no tie",
    )  # fmt: skip
    parser.add_argument(
        "--domain", action="append", default=[], help="an internal domain (repeatable)"
    )
    add_capture_arguments(parser)


async def import_metadata(store: Store, args: argparse.Namespace) -> int:
    try:
        rules = MetadataRules(
            start=args.start, end=args.end, max_participants=args.max_participants,
            min_interactions=args.min_interactions,
            domains=frozenset(d.lower().lstrip("@") for d in args.domain),
        )  # fmt: skip
        pseudonym = Pseudonymizer(_key(args.key_file))
    except ValueError as error:
        raise SettingsError(str(error)) from error
    with status(f"reading {args.path}"):
        interactions = read_interactions(args.path, rules)
    read = counted(len(interactions), "meeting or message", "meetings and messages")
    with status(f"counting the ties of {read}"):
        ties = collaboration_ties(interactions, rules, pseudonym)
    roster = read_roster(args.roster, pseudonym)
    snapshot = await store.snapshot(ANONYMOUS, args.organization)
    changed, counts = with_metadata_ties(snapshot, ties, roster)
    if problems := validate_snapshot(changed):
        raise ValidationFailed(problems)
    # Against the version read: an edit made meanwhile is not overwritten (it fails instead).
    with progress(f"storing {args.organization!r}", len(changed.entities())) as advance:
        version = await store.replace_organization(
            ANONYMOUS, changed, snapshot.version, progress=advance
        )
    for reason, n in {**ties.left_out, **counts}.items():
        print(f"  {reason}: {n}")
    print(f"{read} read; organization {args.organization!r} now at graph version {version}")
    return 0


def _key(path: Path) -> bytes:
    try:
        key = path.read_bytes()
    except OSError as error:
        hint = f"create one with: head -c 32 /dev/urandom > {path}"
        message = f"--key-file: {path}: {error.strerror}; {hint}"
        raise ValidationFailed([FieldError("key", ErrorCode.REQUIRED, message)]) from error
    return key


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None
