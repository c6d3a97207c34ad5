"""`unsilo snapshot`, and the capture `unsilo import` makes: an organization's analysis summary
kept under an effective date, a point of its trends (docs/analyses.md, "Trends")."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from graph_queries.context import ANONYMOUS
from graph_queries.errors import UnsiloError
from graph_queries.stores.port import Store
from service.progress import status
from service.settings import Settings

EFFECTIVE_DATE_HELP = "the date the data describes, YYYY-MM-DD (default: today, UTC)"


def add_snapshot_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "snapshot",
        help="keep the analysis summary of a stored organization for its trends",
    )
    parser.add_argument("--organization", required=True, help="id of the organization")
    parser.add_argument("--effective-date", metavar="DATE", help=EFFECTIVE_DATE_HELP)


def add_capture_arguments(parser: Any) -> None:
    """`--effective-date` and `--no-snapshot`, for every command that writes an organization's
    graph: each import is a point of its trends unless told otherwise."""
    parser.add_argument("--effective-date", metavar="DATE", help=EFFECTIVE_DATE_HELP)
    parser.add_argument(
        "--no-snapshot", action="store_true", help="keep no analysis snapshot of the import"
    )


def effective_date(text: str | None) -> date:
    """The `--effective-date` given, or today; a bad one is a one-line error naming it."""
    if text is None:
        return datetime.now(UTC).date()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UnsiloError(f"--effective-date {text!r}: not a date; write it YYYY-MM-DD") from None


async def capture(store: Store, settings: Settings, organization_id: str, day: date) -> None:
    """Capture and say so in one line; the cost is the silo analysis's (docs/analyses.md)."""
    # Imported here: the analyses load networkx, which every other command would pay for.
    from graph_queries.snapshots import capture_snapshot

    with status(f"summarizing {organization_id!r} for its trends"):
        kept = await capture_snapshot(
            store,
            ANONYMOUS,
            organization_id,
            day,
            path_sample=settings.path_sample or None,  # 0: every path counted
            keep=settings.snapshots_kept,
        )
    print(
        f"kept the analysis snapshot of {organization_id!r} at {kept.effective_date} "
        f"(graph version {kept.graph_version})"
    )
