"""`unsilo import-survey`: a network survey export merged into a stored organization."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from graph_queries.context import ANONYMOUS
from graph_queries.errors import ValidationFailed
from graph_queries.formats.survey import read_survey, with_survey
from graph_queries.stores.port import Store
from graph_queries.validation import validate_snapshot
from service.progress import progress, status
from service.snapshot_command import add_capture_arguments
from service.wording import counted


def add_import_survey_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "import-survey",
        help="merge a survey export (respondent, colleague, frequency, reliability) into ties",
    )
    parser.add_argument("path", type=Path, help="CSV export, one row per named colleague")
    parser.add_argument("--organization", required=True, help="id of the organization")
    parser.add_argument("--kind", default="survey", help="the tie kind it becomes (directed)")
    add_capture_arguments(parser)


async def import_survey(store: Store, args: argparse.Namespace) -> int:
    with status(f"reading {args.path}"):
        answers = read_survey(args.path)
    snapshot = await store.snapshot(ANONYMOUS, args.organization)
    changed, counts = with_survey(snapshot, answers, args.kind)
    if problems := validate_snapshot(changed):
        raise ValidationFailed(problems)
    # Against the version read: an edit made meanwhile is not overwritten (it fails instead).
    with progress(f"storing {args.organization!r}", len(changed.entities())) as advance:
        version = await store.replace_organization(
            ANONYMOUS, changed, snapshot.version, progress=advance
        )
    for reason, n in sorted(counts.items()):
        print(f"  {reason}: {n}")
    merged = counted(len(answers), "answer")
    print(f"{merged} merged into {args.organization!r} (graph version {version})")
    return 0
